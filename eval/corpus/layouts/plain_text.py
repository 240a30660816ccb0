"""Plain text (.txt): what people paste into forms or send by email. Headings as capitals,
underlined with = or -, or marked with ##; bullets -, *, or a middle dot; sometimes wrapped
at 80 columns, sometimes CRLF line ends."""

from __future__ import annotations

import random
import textwrap

from ..compose import Resume
from ..dates import EM_DASH

EXTENSION = ".txt"
CONTENT_TYPE = "text/plain"
_BULLETS = ("- ", "* ", "\u2022 ", "\u00b7 ", "+ ")
_SEPARATORS = (" | ", " - ", f" {EM_DASH} ", ", ")


def render(resume: Resume, rng: random.Random) -> bytes:
    heading_style = rng.choice(("upper", "underline", "hashes", "colon", "brackets"))
    bullet = rng.choice(_BULLETS)
    sep = rng.choice(_SEPARATORS)
    wrap = rng.random() < 0.5
    job_style = rng.choice(("title_line", "company_line", "one_line"))
    out: list[str] = [resume.name.upper() if rng.random() < 0.4 else resume.name]
    if resume.headline:
        out.append(resume.headline)
    labelled = rng.random() < 0.5
    contacts = [f"{c.label}: {c.value}" if labelled else c.value for c in resume.contacts]
    if rng.random() < 0.5:
        out.append(sep.join(contacts))
    else:
        out.extend(contacts)

    def heading(title: str) -> None:
        out.append("")
        if heading_style == "upper":
            out.append(title.upper())
        elif heading_style == "underline":
            out.extend([title, ("=" if rng.random() < 0.5 else "-") * len(title)])
        elif heading_style == "hashes":
            out.append(f"## {title}")
        elif heading_style == "colon":
            out.append(f"{title.upper()}:")
        else:
            out.append(f"[ {title.upper()} ]")

    def bullets(items: tuple[str, ...]) -> None:
        for item in items:
            if wrap:
                out.extend(
                    textwrap.wrap(
                        item, 78, initial_indent=bullet, subsequent_indent=" " * len(bullet)
                    )
                )
            else:
                out.append(bullet + item)

    if resume.summary:
        heading(resume.headings["summary"])
        out.extend(textwrap.wrap(resume.summary, 78) if wrap else [resume.summary])
    heading(resume.headings["work"])
    for item in resume.work:
        where = f", {item.location}" if item.location else ""
        if job_style == "title_line":
            out += [f"{item.position}{sep}{item.company}{where}", item.dates]
        elif job_style == "company_line":
            out += [f"{item.company}{where}{sep}{item.dates}", item.position]
        else:
            out.append(f"{item.position}, {item.company}{where} ({item.dates})")
        bullets(item.highlights)
        out.append("")
    if resume.education:
        heading(resume.headings["education"])
        for school in resume.education:
            extra = "".join(f"{sep}{text}" for text in (school.location, school.score) if text)
            out.append(f"{school.degree}{sep}{school.institution}{sep}{school.dates}{extra}")
    heading(resume.headings["skills"])
    for label, group in resume.skill_groups:
        out.append((f"{label}: " if label else "") + ", ".join(group))
    for key, items in (("languages", resume.languages), ("certificates", resume.certificates)):
        if items:
            heading(resume.headings[key])
            bullets(items)
    if resume.projects:
        heading(resume.headings["projects"])
        bullets(tuple(f"{name}: {text}" for name, text in resume.projects))
    newline = "\r\n" if rng.random() < 0.2 else "\n"
    return (newline.join(out).strip() + newline).encode("utf-8")
