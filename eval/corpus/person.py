"""A synthetic person: identity, contacts, jobs, degrees, skills... as facts, not yet text.

``make_person`` draws everything from one ``random.Random``; how the facts are written on a
page (date style, headings, degree spelling) is decided later, per document, in compose.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import careers, degrees, names, orgs, phones, places, taxonomy
from .dates import YearMonth

NOW = YearMonth(2025, 6)
"""The corpus's "today": fixed, so a seed gives the same corpus whenever it is generated."""

_HOME = {
    "en": ("GB", "US", "AU"),
    "de": ("DE",),
    "fr": ("FR",),
    "es": ("ES",),
    "pt": ("BR",),
    "nl": ("NL",),
    "jp": ("JP",),
    "in": ("IN",),
}
_FLUENCY = ("Fluent", "Professional working proficiency", "Intermediate", "Basic", "C1", "B2")
_LANGUAGES = (
    "Spanish",
    "French",
    "German",
    "Portuguese",
    "Italian",
    "Dutch",
    "Japanese",
    "Mandarin",
    "Arabic",
    "Polish",
    "Turkish",
    "Swedish",
    "Korean",
    "Hindi",
)
# (name, issuer, skills the text mentions: they join the person's skills).
_CERTIFICATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("AWS Certified Solutions Architect \u2013 Associate", "Amazon Web Services", ("AWS",)),
    (
        "Certified Kubernetes Administrator (CKA)",
        "Cloud Native Computing Foundation",
        ("Kubernetes",),
    ),
    (
        "Project Management Professional (PMP)",
        "Project Management Institute",
        ("PMP", "Project Management"),
    ),
    ("Certified ScrumMaster (CSM)", "Scrum Alliance", ("Scrum",)),
    ("PRINCE2 Foundation", "AXELOS", ("PRINCE2",)),
    ("ITIL 4 Foundation", "AXELOS", ("ITIL",)),
    ("Chartered Financial Analyst (CFA) Level II", "CFA Institute", ("CFA",)),
    ("Certified Information Systems Security Professional (CISSP)", "ISC2", ("CISSP",)),
    ("Microsoft Certified: Azure Fundamentals", "Microsoft", ("Microsoft Azure",)),
    ("Tableau Desktop Specialist", "Tableau", ("Tableau",)),
    ("Cisco Certified Network Associate (CCNA)", "Cisco", ("CCNA", "Cisco")),
    ("Salesforce Certified Administrator", "Salesforce", ("Salesforce",)),
    ("Six Sigma Green Belt", "ASQ", ("Six Sigma",)),
    ("Certified Public Accountant (CPA)", "AICPA", ("CPA",)),
)


@dataclass(frozen=True, slots=True)
class Job:
    company: str
    position: str
    city: places.City
    start: YearMonth
    end: YearMonth | None  # None: the current job
    highlights: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Degree:
    institution: str
    country: str
    study_type: str  # normalised: Bachelor, Master, PhD, Associate, Diploma, High School
    line: str  # as written: "B.Sc. in Physics"
    area: str | None
    start: YearMonth
    end: YearMonth
    score_text: str | None  # as written: "GPA: 3.7/4.0"
    score: str | None


@dataclass(frozen=True, slots=True)
class Certificate:
    name: str
    issuer: str
    date: YearMonth


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    phone: phones.Phone
    city: places.City
    linkedin: str  # the profile URL path's username
    github: str | None
    website: str | None
    family: careers.Family
    summary: str | None
    jobs: tuple[Job, ...]  # newest first
    degrees: tuple[Degree, ...]  # newest first
    skills: tuple[str, ...]  # canonical taxonomy names
    languages: tuple[tuple[str, str], ...]  # (language, fluency)
    certificates: tuple[Certificate, ...]
    projects: tuple[tuple[str, str], ...]


def make_person(
    rng: random.Random, *, jobs: tuple[int, int] = (1, 8), rich: bool = False
) -> Person:
    """A person with ``jobs`` (min, max) jobs; ``rich`` adds projects and longer careers."""
    culture = rng.choice(names.CULTURES)
    country = rng.choice(_HOME.get(culture.key, phones.COUNTRIES))
    if rng.random() < 0.2:
        country = rng.choice(phones.COUNTRIES)
    city = rng.choice(places.cities_in(country))
    first, last = rng.choice(culture.first), rng.choice(culture.last)
    name = f"{last} {first}" if culture.family_first else f"{first} {last}"
    if not culture.family_first and rng.random() < 0.08:
        name = f"{first} {rng.choice('ABCDEHJKLMPRST')}. {last}"
    phone_country = country if rng.random() < 0.9 else rng.choice(phones.COUNTRIES)
    family = rng.choice(careers.FAMILIES)
    skills = _skills(rng, family)
    certificates = _certificates(rng, skills)
    job_list = _jobs(rng, family, country, city, skills, rng.randint(*jobs), rich)
    return Person(
        name=name,
        email=_email(rng, first, last),
        phone=phones.random_phone(rng, phone_country),
        city=city,
        linkedin=_handle(rng, first, last, "-")
        + (f"-{rng.randrange(16**4):04x}" if rng.random() < 0.5 else ""),
        github=_handle(rng, first, last, "") if rng.random() < 0.5 else None,
        website=_website(rng, first, last) if rng.random() < 0.25 else None,
        family=family,
        summary=_summary(rng, family, job_list) if rng.random() < 0.7 else None,
        jobs=job_list,
        degrees=_degrees(rng, family, country, job_list[-1].start),
        skills=tuple(skills),
        languages=_languages(rng, culture.native_language) if rng.random() < 0.5 else (),
        certificates=certificates,
        projects=tuple(rng.sample(careers.PROJECTS, rng.randint(2, 4)))
        if rich or rng.random() < 0.15
        else (),
    )


def _email(rng: random.Random, first: str, last: str) -> str:
    first_part = names.slug(first, "")
    last_part = names.slug(last, "")
    local = rng.choice(
        (
            f"{first_part}.{last_part}",
            f"{first_part}{last_part}",
            f"{first_part[0]}.{last_part}",
            f"{first_part}_{last_part}",
            f"{first_part}.{last_part}{rng.randint(1, 99)}",
            f"{last_part}.{first_part}",
        )
    )
    return f"{local}@{rng.choice(('example.com', 'example.org', 'example.net'))}"


def _handle(rng: random.Random, first: str, last: str, separator: str) -> str:
    if rng.random() < 0.3:
        return names.slug(first, "")[0] + names.slug(last, separator)
    return names.slug(f"{first} {last}", separator)


def _website(rng: random.Random, first: str, last: str) -> str:
    handle = names.slug(f"{first} {last}", "")
    return rng.choice(
        (
            f"https://{handle}.example.com",
            f"https://www.example.net/{handle}",
            f"https://portfolio.example.org/{handle}",
        )
    )


def _skills(rng: random.Random, family: careers.Family) -> list[str]:
    pool: list[str] = []
    for rank, category in enumerate(family.categories):
        members = [skill.name for skill in taxonomy.skills() if skill.category == category]
        # The family's first categories are the core of the job: draw from them more often.
        pool += rng.sample(members, min(len(members), max(3, 14 - 3 * rank)))
    return rng.sample(list(dict.fromkeys(pool)), rng.randint(5, 15))


def _certificates(rng: random.Random, skills: list[str]) -> tuple[Certificate, ...]:
    if rng.random() >= 0.3:
        return ()
    chosen = rng.sample(_CERTIFICATES, rng.randint(1, 3))
    result = []
    for name, issuer, mentioned in chosen:
        skills.extend(skill for skill in mentioned if skill not in skills)
        result.append(Certificate(name, issuer, NOW.plus(-rng.randint(3, 90))))
    return tuple(result)


def _jobs(
    rng: random.Random,
    family: careers.Family,
    country: str,
    home: places.City,
    skills: list[str],
    count: int,
    rich: bool,
) -> tuple[Job, ...]:
    plain = [
        name
        for name in skills
        if taxonomy.by_name()[name].plain
        and taxonomy.by_name()[name].category in careers.TOOL_CATEGORIES
    ]
    end: YearMonth | None = None if rng.random() < 0.6 else NOW.plus(-rng.randint(1, 8))
    cursor = end or NOW
    result: list[Job] = []
    for _ in range(count):
        start = cursor.plus(-rng.randint(6, 40))
        if result and rng.random() < 0.12:  # promoted: same employer as the newer job
            company, city = result[-1].company, result[-1].city
        else:
            employer = orgs.employer(rng, country)
            local = places.cities_in(employer.country)
            city = home if employer.country == country or not local else rng.choice(local)
            company = employer.name
        result.append(
            Job(
                company=company,
                position=careers.title(rng, family),
                city=city,
                start=start,
                end=end,
                highlights=_bullets(rng, family, plain, rich),
            )
        )
        end = start.plus(-rng.randint(0, 5))
        cursor = end
    return tuple(result)


def _bullets(
    rng: random.Random, family: careers.Family, plain: list[str], rich: bool
) -> tuple[str, ...]:
    """2-4 bullets; ``rich``: 5-7, half of them two sentences long."""
    count = rng.randint(5, 7) if rich else rng.randint(2, 4)
    templates = rng.sample(careers.BULLETS, count)
    if plain and rng.random() < 0.5:
        templates[rng.randrange(count)] = rng.choice(careers.SKILL_BULLETS)
    if rich:
        others = [text for text in careers.BULLETS if text not in templates]
        templates = [
            f"{text} {rng.choice(others)}" if rng.random() < 0.5 else text for text in templates
        ]
    return tuple(
        template.format(
            n=rng.randint(2, 9),
            pct=rng.randint(5, 60),
            thing=rng.choice(family.things),
            big=rng.choice(careers.BIG),
            users=rng.choice(careers.USERS),
            skill=rng.choice(plain) if plain else "",
        )
        for template in templates
    )


def _degrees(
    rng: random.Random, family: careers.Family, country: str, career_start: YearMonth
) -> tuple[Degree, ...]:
    count = rng.choices((0, 1, 2, 3), weights=(10, 45, 35, 10))[0]
    plans: dict[int, list[tuple[str, ...]]] = {
        0: [()],
        1: [("Bachelor",), ("Bachelor",), ("Bachelor",), ("Associate",), ("Diploma",), ("Master",)],
        2: [
            ("Bachelor", "Master"),
            ("Bachelor", "Master"),
            ("High School", "Bachelor"),
            ("Bachelor", "Diploma"),
        ],
        3: [("Bachelor", "Master", "PhD"), ("High School", "Bachelor", "Master")],
    }
    plan = rng.choice(plans[count])
    years = {
        "High School": (3, 4),
        "Bachelor": (3, 4),
        "Master": (1, 2),
        "PhD": (3, 5),
        "Associate": (2, 2),
        "Diploma": (1, 2),
    }
    end = YearMonth(career_start.year - (0 if career_start.month >= 9 else 1), rng.choice((6, 7)))
    result: list[Degree] = []
    for study_type in reversed(plan):  # newest first, walking back in time
        start = YearMonth(end.year - rng.randint(*years[study_type]), rng.choice((9, 10)))
        if study_type == "High School":
            institution, where = orgs.school(rng, country)
        else:
            institution, where = orgs.university(rng, country)
        line, area = degrees.write(rng, study_type, rng.choice(family.fields))
        score_text, score = degrees.score(rng, where) if rng.random() < 0.3 else (None, None)
        result.append(
            Degree(institution, where, study_type, line, area, start, end, score_text, score)
        )
        end = YearMonth(start.year - rng.randint(0, 1), rng.choice((6, 7)))
    return tuple(result)


def _languages(rng: random.Random, native: str) -> tuple[tuple[str, str], ...]:
    spoken = [(native, "Native")]
    if native != "English":
        spoken.append(("English", rng.choice(("Fluent", "C1", "C2", "Professional"))))
    others = [language for language in _LANGUAGES if language != native]
    for language in rng.sample(others, rng.randint(0, 2)):
        spoken.append((language, rng.choice(_FLUENCY)))
    return tuple(spoken)


def _summary(rng: random.Random, family: careers.Family, jobs: tuple[Job, ...]) -> str:
    years = max(2, jobs[-1].start.months_until(NOW) // 12)
    title = jobs[0].position
    text = rng.choice(careers.SUMMARIES).format(
        title=title,
        title_lower=title.lower(),
        years=years,
        domain=family.domain,
        company=jobs[0].company,
    )
    return f"{text} {rng.choice(careers.SUMMARY_TAILS)}".strip()
