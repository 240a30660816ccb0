"""Degrees as people write them, and the normalised ``studyType`` the truth records.

The parser must map "B.Sc.", "BS", "Bachelor of Science"... to ``Bachelor``, "MBA" to
``Master``, "Ph.D." and "Doctor of Philosophy" to ``PhD``, and so on.
"""

from __future__ import annotations

import random

WRITTEN: dict[str, tuple[str, ...]] = {
    "Bachelor": (
        "B.Sc.",
        "BSc",
        "BS",
        "B.S.",
        "Bachelor of Science",
        "B.A.",
        "BA",
        "Bachelor of Arts",
        "B.Eng.",
        "BEng",
        "Bachelor of Engineering",
        "B.Tech",
        "Bachelor's degree",
    ),
    "Master": (
        "M.Sc.",
        "MSc",
        "MS",
        "M.S.",
        "Master of Science",
        "M.A.",
        "Master of Arts",
        "Master of Engineering",
        "M.Eng.",
        "MEng",
        "MBA",
        "Master's degree",
        "M.Tech",
    ),
    "PhD": ("PhD", "Ph.D.", "Doctor of Philosophy", "DPhil"),
    "Associate": ("Associate of Science", "Associate of Arts", "A.S.", "Associate Degree"),
    "Diploma": ("Diploma", "Higher National Diploma", "Graduate Diploma"),
    "High School": ("High School Diploma", "A-Levels", "Abitur", "Baccalauréat"),
}
# Written forms that name their own field: no "in Computer Science" after them.
_NO_AREA = frozenset({"MBA", "High School Diploma", "A-Levels", "Abitur", "Baccalauréat"})
_PATTERNS = ("{degree} in {area}", "{degree}, {area}", "{area} ({degree})", "{degree} - {area}")
_SHORT_PATTERNS = ("{degree} {area}",)  # "BSc Computer Science": abbreviations only


def write(rng: random.Random, study_type: str, area: str) -> tuple[str, str | None]:
    """The degree line (``"B.Sc. in Physics"``) and the area the truth records (or None)."""
    degree = rng.choice(WRITTEN[study_type])
    if degree in _NO_AREA or study_type == "High School":
        return degree, None
    patterns = _PATTERNS + (_SHORT_PATTERNS if " " not in degree else ())
    return rng.choice(patterns).format(degree=degree, area=area), area


def score(rng: random.Random, country: str) -> tuple[str, str]:
    """A grade as written (``"GPA: 3.7/4.0"``) and its truth value (``"3.7/4.0"``)."""
    if country == "GB":
        value = rng.choice(("First Class Honours", "Upper Second-Class Honours (2:1)"))
        return value, value
    if country == "DE":
        value = f"{rng.randint(1, 2)},{rng.randint(0, 9)}"
        return f"Note: {value}", value
    if country == "IN":
        value = f"{rng.randint(7, 9)}.{rng.randint(0, 9)}/10"
        return f"CGPA: {value}", value
    value = f"{rng.randint(3, 3)}.{rng.randint(2, 9)}/4.0"
    return rng.choice(("GPA: ", "GPA ", "Grade: ")) + value, value
