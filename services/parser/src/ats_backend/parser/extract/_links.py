"""Links: social profiles (LinkedIn, GitHub...) and the candidate's own website.

Output follows JSON Resume: ``basics.profiles`` is a list of ``{network, username, url}`` and
``basics.url`` the personal site. Text is cut into whitespace-separated tokens first and each
token is matched from its start only, so the URL pattern never rescans a long line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

__all__ = ["Link", "find_links", "parse_link", "profile_for"]

_MAX_TOKEN = 300
_MAX_LINKS = 100
_URL = re.compile(
    r"(?:(?P<scheme>https?)://)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})"
    r"(?::\d{1,5})?"
    r"(?P<path>[/?#]\S*)?",
    re.IGNORECASE,
)
_START = re.compile(r"https?://|www\.", re.IGNORECASE)
_SPLIT = re.compile(r"[\s|•,;<>\"]+")
_TRAILING = ".,;:!?)]}'\"*"
_LEADING = "([{'\"*"
# Bare domains ("janedoe.dev") count as the personal site only with these TLDs: "Node.js" and
# "ASP.NET" are skills, and company names like "Booking.com" sit in the work history, not the
# header, where we look.
_PERSONAL_TLDS_TEXT = (
    "com dev io me net org co app page site tech blog ai xyz info name online design codes website"
)
_PERSONAL_TLDS = frozenset(_PERSONAL_TLDS_TEXT.split())
_NETWORKS: dict[str, str] = {
    "linkedin.com": "LinkedIn",
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "bitbucket.org": "Bitbucket",
    "twitter.com": "Twitter",
    "x.com": "X",
    "stackoverflow.com": "Stack Overflow",
    "medium.com": "Medium",
    "dev.to": "DEV",
    "kaggle.com": "Kaggle",
    "behance.net": "Behance",
    "dribbble.com": "Dribbble",
    "leetcode.com": "LeetCode",
    "hackerrank.com": "HackerRank",
    "codepen.io": "CodePen",
    "xing.com": "XING",
    "huggingface.co": "Hugging Face",
    "orcid.org": "ORCID",
    "scholar.google.com": "Google Scholar",
    "researchgate.net": "ResearchGate",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "youtube.com": "YouTube",
}
# First path segments that are site pages, not user names.
_RESERVED_TEXT = (
    "about features pricing topics orgs organizations settings login signup explore search "
    "marketplace sponsors collections trending enterprise home share intent hashtag i jobs "
    "company school groups feed pulse posts watch channel c user users profile"
)
_RESERVED = frozenset(_RESERVED_TEXT.split())
_USERNAME = re.compile(r"@?[\w.-]{1,100}")


@dataclass(frozen=True, slots=True)
class Link:
    """A URL normalised to ``https://host/path`` and whether it is a bare domain."""

    url: str
    host: str
    path: str
    bare: bool


def _is_email_like(token: str) -> bool:
    """``jane@janedoe.dev`` is an email, ``medium.com/@jane`` a link."""
    at, slash = token.find("@"), token.find("/")
    return at != -1 and (slash == -1 or at < slash)


def _tokens(line: str) -> Iterable[str]:
    if "." not in line:
        return  # every step below keeps a substring of the token, which must hold a "."
    for token in _SPLIT.split(line):
        # Checked first because it is the cheapest test and rejects most words of a line.
        if "." not in token or len(token) > _MAX_TOKEN or _is_email_like(token):
            continue
        start = _START.search(token)
        if start:
            token = token[start.start() :]  # "LinkedIn:https://..." -> the URL
        elif ":" in token and "/" in token:
            token = token.rsplit(":", 1)[-1] if "://" not in token else token
        token = token.lstrip(_LEADING).rstrip(_TRAILING)
        if "." in token:
            yield token


def parse_link(token: str) -> Link | None:
    """A ``Link`` if the whole token is a URL or a domain name with an optional path."""
    match = _URL.fullmatch(token)
    if match is None:
        return None
    host = match["host"].lower()
    path = (match["path"] or "").split("#", 1)[0]
    bare = match["scheme"] is None and not host.startswith("www.")
    if bare and token != token.lower() and host.removeprefix("www.") not in _NETWORKS:
        return None  # "ASP.NET", "Node.JS": capitalised bare words are names, not domains
    scheme = (match["scheme"] or "https").lower()
    return Link(f"{scheme}://{host}{path}", host.removeprefix("www."), path, bare)


def _first_segment(path: str) -> str | None:
    segment = path.split("?", 1)[0].strip("/").split("/", 1)[0]
    if not segment or segment.lower() in _RESERVED or not _USERNAME.fullmatch(segment):
        return None
    return segment.lstrip("@")


def profile_for(link: Link) -> dict[str, str] | None:
    """A JSON Resume profile for a link to a known network, else ``None``."""
    network = _NETWORKS.get(link.host) or _NETWORKS.get(link.host.split(".", 1)[-1])
    if network is None:
        return None
    path = link.path.split("?", 1)[0]
    parts = [part for part in path.split("/") if part]
    username: str | None
    if network == "LinkedIn":
        if len(parts) < 2 or parts[0] not in {"in", "pub"}:
            return None
        username = parts[1]
        url = f"https://www.linkedin.com/in/{username}"
    elif network == "Stack Overflow":
        if len(parts) < 2 or parts[0] != "users":
            return None
        username = parts[2] if len(parts) > 2 else parts[1]
        url = f"https://stackoverflow.com/users/{'/'.join(parts[1:3])}"
    elif network == "Google Scholar":
        users = parse_qs(urlsplit(link.url).query).get("user")
        if not users:
            return None
        username, url = users[0], link.url
    elif network == "XING":
        username = parts[1] if len(parts) > 1 and parts[0] == "profile" else None
        url = f"https://www.xing.com/profile/{username}"
    else:
        username = _first_segment(path)
        url = f"https://{link.host}/{username}"
        if network == "Medium":
            url = f"https://medium.com/@{username}"
    if not username:
        return None
    return {"network": network, "username": username, "url": url}


def find_links(
    header: Iterable[str], body: Iterable[str]
) -> tuple[str | None, list[dict[str, str]]]:
    """``(website, profiles)``: the personal site from the header, profiles from anywhere.

    One profile per network (the first); the website is the first header link that is not a
    profile, so a company's URL in the work history never becomes the candidate's site.
    """
    website: str | None = None
    profiles: dict[str, dict[str, str]] = {}
    seen = 0
    for in_header, lines in ((True, header), (False, body)):
        for line in lines:
            for token in _tokens(line):
                link = parse_link(token)
                if link is None:
                    continue
                seen += 1
                if seen > _MAX_LINKS:
                    return website, list(profiles.values())
                profile = profile_for(link)
                if profile is not None:
                    profiles.setdefault(profile["network"], profile)
                    continue
                if not in_header or website is not None:
                    continue
                is_network = link.host in _NETWORKS or link.host.split(".", 1)[-1] in _NETWORKS
                tld = link.host.rsplit(".", 1)[-1]
                if not is_network and (not link.bare or tld in _PERSONAL_TLDS):
                    website = link.url.rstrip("/") if link.path in {"", "/"} else link.url
    return website, list(profiles.values())
