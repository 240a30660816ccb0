"""The corpus: ``generate(count, seed)`` gives ``count`` labelled resumes, layouts taken in
turn (so 320 documents are 40 of each of the 8 layouts).

Document ``i`` depends only on ``(seed, i)``: a subset (``layouts=``) holds the same documents
as the full corpus, and changing the count does not change the documents already there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .compose import compose
from .layouts import LAYOUTS
from .names import slug
from .person import make_person

DEFAULT_COUNT = 320
DEFAULT_SEED = 1
# Layouts whose look needs more material: long careers run onto a second page.
_PERSON_OPTIONS: dict[str, dict[str, Any]] = {
    "dense": {"jobs": (7, 8), "rich": True},
    "header_heavy": {"jobs": (3, 8)},
}


@dataclass(frozen=True, slots=True)
class Sample:
    id: str
    layout: str
    filename: str
    content_type: str
    content: bytes
    truth: dict[str, Any]


def layout_of(index: int) -> str:
    names = tuple(LAYOUTS)
    return names[index % len(names)]


def make_sample(index: int, seed: int) -> Sample:
    layout = LAYOUTS[layout_of(index)]
    rng = random.Random(f"{seed}/{index}")
    person = make_person(rng, **_PERSON_OPTIONS.get(layout.name, {}))
    resume, truth = compose(person, rng)
    return Sample(
        id=f"{index:04d}-{layout.name}",
        layout=layout.name,
        filename=slug(person.name) + layout.extension,
        content_type=layout.content_type,
        content=layout.render(resume, rng),
        truth=truth,
    )


def generate(
    count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED, layouts: frozenset[str] | None = None
) -> list[Sample]:
    """``count`` documents (fewer if ``layouts`` keeps only some layouts)."""
    return [
        make_sample(index, seed)
        for index in range(count)
        if layouts is None or layout_of(index) in layouts
    ]
