"""Resume files made on the fly for tests, with the fields they contain known."""

from __future__ import annotations

import dataclasses

import pymupdf


@dataclasses.dataclass(frozen=True)
class Person:
    name: str
    email: str
    phone: str
    phone_e164: str
    skills: tuple[str, ...] = ("Python", "PostgreSQL", "Kubernetes")


def resume_pdf(person: Person, *, pages: int = 1, filler_lines: int = 20) -> bytes:
    """A text PDF: the name large at the top, contacts below, skills, and filler history."""
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        y = 72.0
        if number == 0:
            page.insert_text((72, y), person.name, fontsize=22)
            y += 28
            page.insert_text((72, y), f"{person.email}  |  {person.phone}", fontsize=10)
            y += 30
            page.insert_text((72, y), "Skills", fontsize=14)
            y += 18
            page.insert_text((72, y), ", ".join(person.skills), fontsize=10)
            y += 30
        page.insert_text((72, y), "Experience", fontsize=14)
        y += 18
        for line in range(filler_lines):
            page.insert_text(
                (72, y),
                f"Led project {number}-{line}: shipped features, reviewed code, mentored.",
                fontsize=9,
            )
            y += 12
            if y > 760:
                break
    data: bytes = doc.tobytes()
    doc.close()
    return data


def corrupt_pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> garbage " + b"\x00\xff" * 200


def unique_person(tag: str) -> Person:
    digits = str(abs(hash(tag)) % 10_000).zfill(4)
    return Person(
        name="Jane Doe",
        email=f"jane.{tag}@example.com",
        phone=f"+44 20 7946 {digits}",
        phone_e164=f"+44207946{digits}",
    )
