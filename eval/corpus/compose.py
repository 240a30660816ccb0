"""From a person to a document: every choice of wording made once (headings, date style,
labels, degree spelling...), giving the text a renderer lays out and the truth it must yield.

Renderers show every non-empty field of :class:`Resume` (that is what keeps the truth right);
they only choose how to arrange it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from . import dates, phones, places, taxonomy
from .dates import EM_DASH, EN_DASH, DateStyle
from .person import Person

HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": ("Summary", "Profile", "About Me", "Professional Summary", "Personal Profile"),
    "work": (
        "Experience",
        "Work Experience",
        "Work History",
        "Professional Experience",
        "Employment History",
        "Career History",
        "Employment",
    ),
    "education": (
        "Education",
        "Academic Background",
        "Education & Training",
        "Qualifications",
        "Education and Training",
    ),
    "skills": (
        "Skills",
        "Technical Skills",
        "Core Competencies",
        "Key Skills",
        "Skills & Tools",
        "Expertise",
    ),
    "languages": ("Languages", "Language Skills"),
    "certificates": (
        "Certifications",
        "Certificates",
        "Licenses & Certifications",
        "Professional Certifications",
    ),
    "projects": ("Projects", "Selected Projects", "Side Projects"),
}
CATEGORY_LABELS = {
    "language": "Programming",
    "web": "Web",
    "backend": "Backend",
    "database": "Databases",
    "cloud_devops": "Cloud & Infrastructure",
    "data_ml": "Data",
    "mobile": "Mobile",
    "testing": "Quality",
    "tools": "Tools",
    "security": "Safety & Privacy",
    "design": "Creative",
    "embedded": "Hardware",
    "engineering": "Practices",
    "business": "Business",
}
_LABELS: dict[str, tuple[str, ...]] = {
    "email": ("Email", "E-mail", "Mail", "E"),
    "phone": ("Phone", "Tel", "Tel.", "Mobile", "M", "Cell"),
    "location": ("Address", "Location", "Based in"),
    "linkedin": ("LinkedIn", "Linkedin"),
    "github": ("GitHub", "Github"),
    "website": ("Web", "Website", "Portfolio", "Homepage"),
}


@dataclass(frozen=True, slots=True)
class Contact:
    kind: str  # email, phone, location, linkedin, github, website
    label: str  # what a labelled layout writes before the value ("Tel.")
    value: str


@dataclass(frozen=True, slots=True)
class WorkItem:
    company: str
    position: str
    location: str  # "" when this resume does not give job locations
    dates: str  # "Jan 2020 - Present"
    highlights: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EducationItem:
    institution: str
    degree: str  # the degree line as written
    location: str
    dates: str
    score: str  # "GPA: 3.7/4.0" or ""


@dataclass(frozen=True, slots=True)
class Resume:
    name: str
    headline: str
    contacts: tuple[Contact, ...]
    summary: str
    work: tuple[WorkItem, ...]
    education: tuple[EducationItem, ...]
    skill_groups: tuple[tuple[str, tuple[str, ...]], ...]  # (label or "", skills as written)
    languages: tuple[str, ...]
    certificates: tuple[str, ...]
    projects: tuple[tuple[str, str], ...]
    headings: dict[str, str]

    @property
    def skills(self) -> tuple[str, ...]:
        return tuple(skill for _, group in self.skill_groups for skill in group)


def compose(person: Person, rng: random.Random) -> tuple[Resume, dict[str, Any]]:
    """The resume's text and its JSON Resume truth, from the same choices."""
    work_style = dates.choose(rng)
    school_style = dates.years_only(rng, work_style)
    location, location_truth = places.address(rng, person.city)
    contacts, basics = _contacts(rng, person, location, location_truth)
    show_job_location = rng.random() < 0.6
    work, work_truth = _work(person, work_style, show_job_location)
    education, education_truth = _education(rng, person, school_style)
    skill_groups = _skill_groups(rng, person.skills)
    languages = _languages(rng, person)
    certificates = _certificates(rng, person, work_style)
    headline = person.jobs[0].position if rng.random() < 0.7 else ""
    if headline:
        basics["label"] = headline
    if person.summary:
        basics["summary"] = person.summary
    resume = Resume(
        name=person.name,
        headline=headline,
        contacts=contacts,
        summary=person.summary or "",
        work=work,
        education=education,
        skill_groups=skill_groups,
        languages=tuple(text for text, _ in languages),
        certificates=tuple(text for text, _ in certificates),
        projects=person.projects,
        headings={key: rng.choice(options) for key, options in HEADINGS.items()},
    )
    truth: dict[str, Any] = {
        "basics": basics,
        "work": work_truth,
        "education": education_truth,
        "skills": [{"name": name, "keywords": []} for name in person.skills],
    }
    if languages:
        truth["languages"] = [entry for _, entry in languages]
    if certificates:
        truth["certificates"] = [entry for _, entry in certificates]
    if person.projects:
        truth["projects"] = [{"name": name, "description": text} for name, text in person.projects]
    return resume, truth


def _contacts(
    rng: random.Random, person: Person, location: str, location_truth: dict[str, str]
) -> tuple[tuple[Contact, ...], dict[str, Any]]:
    national_ok = person.phone.country == person.city.country
    linkedin = rng.choice(
        (
            f"linkedin.com/in/{person.linkedin}",
            f"https://www.linkedin.com/in/{person.linkedin}",
            f"www.linkedin.com/in/{person.linkedin}/",
        )
    )
    values = {
        "email": person.email,
        "phone": phones.written(rng, person.phone, national_ok=national_ok),
        "location": location,
        "linkedin": linkedin,
    }
    profiles = [
        {
            "network": "LinkedIn",
            "username": person.linkedin,
            "url": f"https://www.linkedin.com/in/{person.linkedin}",
        }
    ]
    if person.github:
        values["github"] = rng.choice(("github.com/", "https://github.com/")) + person.github
        profiles.append(
            {
                "network": "GitHub",
                "username": person.github,
                "url": f"https://github.com/{person.github}",
            }
        )
    if person.website:
        values["website"] = (
            person.website.removeprefix("https://") if rng.random() < 0.4 else (person.website)
        )
    order = list(values)
    if rng.random() < 0.3:  # some people start with where they live
        order.remove("location")
        order.insert(0, "location")
    contacts = tuple(Contact(kind, rng.choice(_LABELS[kind]), values[kind]) for kind in order)
    basics: dict[str, Any] = {
        "name": person.name,
        "email": person.email,
        "phone": person.phone.e164,
        "location": location_truth,
        "profiles": profiles,
    }
    if person.website:
        basics["url"] = person.website
    return contacts, basics


def _work(
    person: Person, style: DateStyle, show_location: bool
) -> tuple[tuple[WorkItem, ...], list[dict[str, Any]]]:
    items: list[WorkItem] = []
    truth: list[dict[str, Any]] = []
    for job in person.jobs:
        location = job.city.name if show_location else ""
        items.append(
            WorkItem(
                job.company, job.position, location, style.range(job.start, job.end), job.highlights
            )
        )
        entry: dict[str, Any] = {"name": job.company, "position": job.position}
        if location:
            entry["location"] = location
        entry["startDate"] = style.truth(job.start)
        if job.end:
            entry["endDate"] = style.truth(job.end)
        entry["highlights"] = list(job.highlights)
        truth.append(entry)
    return tuple(items), truth


def _education(
    rng: random.Random, person: Person, style: DateStyle
) -> tuple[tuple[EducationItem, ...], list[dict[str, Any]]]:
    items: list[EducationItem] = []
    truth: list[dict[str, Any]] = []
    end_only = rng.random() < 0.3
    show_location = rng.random() < 0.3
    for degree in person.degrees:
        entry: dict[str, Any] = {"institution": degree.institution}
        if degree.area:
            entry["area"] = degree.area
        entry["studyType"] = degree.study_type
        if end_only:
            prefix = rng.choice(("", "Graduated ", "Class of ")) if style.year_only else ""
            text = prefix + style.one(degree.end)
        else:
            text = style.range(degree.start, degree.end)
            entry["startDate"] = style.truth(degree.start)
        entry["endDate"] = style.truth(degree.end)
        if degree.score:
            entry["score"] = degree.score
        location = ""
        if show_location and degree.country in places.COUNTRIES:
            location = places.COUNTRIES[degree.country].names[0]
        items.append(
            EducationItem(degree.institution, degree.line, location, text, degree.score_text or "")
        )
        truth.append(entry)
    return tuple(items), truth


def _written_skill(rng: random.Random, name: str) -> str:
    """Usually the canonical name; sometimes an alias that can only mean this skill."""
    if rng.random() >= 0.1:
        return name
    skill = taxonomy.by_name()[name]
    aliases = [
        alias
        for alias in skill.aliases
        if len(alias) >= 4 and alias not in skill.exact and taxonomy.mentions(alias) == {name}
    ]
    return rng.choice(aliases) if aliases else name


def _skill_groups(
    rng: random.Random, skills: tuple[str, ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    written = [(name, _written_skill(rng, name)) for name in skills]
    if rng.random() < 0.6:
        return (("", tuple(text for _, text in written)),)
    groups: dict[str, list[str]] = {}
    for name, text in written:
        category = taxonomy.by_name()[name].category
        # Categories the taxonomy grows later get a readable label of their own.
        label = CATEGORY_LABELS.get(category) or category.replace("_", " ").title()
        groups.setdefault(label, []).append(text)
    return tuple((label, tuple(members)) for label, members in groups.items())


def _languages(rng: random.Random, person: Person) -> list[tuple[str, dict[str, str]]]:
    pattern = rng.choice(
        ("{language} ({fluency})", "{language} " + EN_DASH + " {fluency}", "{language}: {fluency}")
    )
    return [
        (
            pattern.format(language=language, fluency=fluency),
            {"language": language, "fluency": fluency},
        )
        for language, fluency in person.languages
    ]


def _certificates(
    rng: random.Random, person: Person, style: DateStyle
) -> list[tuple[str, dict[str, str]]]:
    pattern = rng.choice(
        (
            "{name}, {issuer}, {date}",
            "{name} " + EM_DASH + " {issuer} ({date})",
            "{name} | {issuer} | {date}",
        )
    )
    return [
        (
            pattern.format(name=cert.name, issuer=cert.issuer, date=style.one(cert.date)),
            {"name": cert.name, "issuer": cert.issuer, "date": style.truth(cert.date)},
        )
        for cert in person.certificates
    ]
