"""HTML fragments the PDF layouts share: contact lines, job and degree entries in several
arrangements, skill lists. Every fragment escapes its text. A layout picks the arrangement
(``variant``) once per document, so one resume is consistent and the corpus is varied."""

from __future__ import annotations

import html
import random

from ..compose import EducationItem, Resume, WorkItem
from ..dates import EM_DASH, EN_DASH

JOB_VARIANTS = ("title_first", "company_first", "one_line", "dates_first", "at")
EDUCATION_VARIANTS = ("degree_first", "school_first", "one_line")
_JOINERS = (" | ", " \u00b7 ", ", ", f" {EM_DASH} ", f" {EN_DASH} ")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def joiner(rng: random.Random) -> str:
    return rng.choice(_JOINERS)


def contact_texts(resume: Resume, *, labelled: bool) -> list[str]:
    """Each contact as escaped text: ``"Tel.: +44 20..."`` or just the value."""
    return [
        esc(f"{item.label}: {item.value}" if labelled and item.label else item.value)
        for item in resume.contacts
    ]


def bullets(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>" if items else ""


def job(item: WorkItem, variant: str, sep: str) -> str:
    """One job: a heading arrangement, then its bullets."""
    position, company, dates = esc(item.position), esc(item.company), esc(item.dates)
    where = f"{sep}{esc(item.location)}" if item.location else ""
    if variant == "title_first":
        head = f"<p class='entry'><b>{position}</b><br/>{company}{where}<br/><i>{dates}</i></p>"
    elif variant == "company_first":
        head = f"<p class='entry'><b>{company}</b>{where}<br/>{position}{sep}{dates}</p>"
    elif variant == "one_line":
        head = f"<p class='entry'><b>{position}</b>, {company}{where} ({dates})</p>"
    elif variant == "dates_first":
        head = f"<p class='entry'><i>{dates}</i><br/><b>{company}</b>{sep}{position}{where}</p>"
    else:
        head = f"<p class='entry'><b>{position}</b> at {company}{where}{sep}{dates}</p>"
    return head + bullets(item.highlights)


def degree(item: EducationItem, variant: str, sep: str) -> str:
    school, line, dates = esc(item.institution), esc(item.degree), esc(item.dates)
    extra = "".join(f"{sep}{esc(text)}" for text in (item.location, item.score) if text)
    if variant == "degree_first":
        return f"<p class='entry'><b>{line}</b><br/>{school}{extra}<br/><i>{dates}</i></p>"
    if variant == "school_first":
        return f"<p class='entry'><b>{school}</b>{sep}{dates}<br/>{line}{extra}</p>"
    return f"<p class='entry'><b>{line}</b>, {school}, {dates}{extra}</p>"


def skills(resume: Resume, rng: random.Random, *, as_list: bool = False) -> str:
    """Skill groups as comma/pipe/dot-separated lines, or as a bullet list."""
    if as_list:
        return "".join(
            (f"<p class='label'><b>{esc(label)}</b></p>" if label else "") + bullets(group)
            for label, group in resume.skill_groups
        )
    sep = rng.choice((", ", " | ", " \u00b7 ", " / "))
    return "".join(
        "<p>" + (f"<b>{esc(label)}:</b> " if label else "") + esc(sep.join(group)) + "</p>"
        for label, group in resume.skill_groups
    )


def lines(items: tuple[str, ...]) -> str:
    return "".join(f"<p>{esc(item)}</p>" for item in items)


def projects(resume: Resume) -> str:
    return "".join(
        f"<p class='entry'><b>{esc(name)}</b>: {esc(text)}</p>" for name, text in resume.projects
    )


def section(title: str, body: str, *, upper: bool = False) -> str:
    if not body:
        return ""
    heading = title.upper() if upper else title
    return f"<h2>{esc(heading)}</h2>{body}"


def main_sections(
    resume: Resume,
    rng: random.Random,
    *,
    upper: bool,
    include: tuple[str, ...],
    skill_list_odds: float = 0.2,
    job_variants: tuple[str, ...] = JOB_VARIANTS,
) -> str:
    """The sections ``include`` names (summary, work, education, skills, languages,
    certificates, projects), in that order; skills as a bullet list with ``skill_list_odds``."""
    job_variant, degree_variant = rng.choice(job_variants), rng.choice(EDUCATION_VARIANTS)
    sep = joiner(rng)
    bodies = {
        "summary": f"<p>{esc(resume.summary)}</p>" if resume.summary else "",
        "work": "".join(job(item, job_variant, sep) for item in resume.work),
        "education": "".join(degree(item, degree_variant, sep) for item in resume.education),
        "skills": skills(resume, rng, as_list=rng.random() < skill_list_odds),
        "languages": lines(resume.languages),
        "certificates": lines(resume.certificates),
        "projects": projects(resume),
    }
    return "".join(section(resume.headings[key], bodies[key], upper=upper) for key in include)
