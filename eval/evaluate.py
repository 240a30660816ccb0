"""Parsing every sample in-process with ``parse_document``, timed, and scoring the result.

A document the parser rejects (``UnsupportedMediaType`` for a format it cannot read yet, or any
other exception) is recorded with its error and scored as an empty parse: every field missed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .score import Counts, score_document

Parser = Callable[..., dict[str, Any]]


class Document(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def layout(self) -> str: ...
    @property
    def filename(self) -> str: ...
    @property
    def content_type(self) -> str: ...
    @property
    def content(self) -> bytes: ...
    @property
    def truth(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Result:
    id: str
    layout: str
    filename: str
    ms: float
    counts: Mapping[str, Counts]
    error: str | None  # "UnsupportedMediaType: cannot parse ..." when the parse failed
    predicted: Mapping[str, Any]


def default_parser() -> Parser:
    from ats_backend.parser.extract import parse_document

    return parse_document


def parse_one(parser: Parser, document: Document) -> tuple[dict[str, Any], float, str | None]:
    started = time.perf_counter()
    try:
        predicted = parser(
            document.content, content_type=document.content_type, filename=document.filename
        )
        error = None
    except Exception as exc:
        predicted, error = {}, f"{type(exc).__name__}: {exc}"
    return predicted, (time.perf_counter() - started) * 1000, error


def evaluate(documents: Iterable[Document], parser: Parser | None = None) -> list[Result]:
    parser = parser or default_parser()
    documents = list(documents)
    # One untimed parse per layout first: imports and caches (PyMuPDF, the skill taxonomy)
    # load on first use and would otherwise make the first documents look slow.
    warmed: set[str] = set()
    for document in documents:
        if document.layout not in warmed:
            warmed.add(document.layout)
            parse_one(parser, document)
    results = []
    for document in documents:
        predicted, ms, error = parse_one(parser, document)
        results.append(
            Result(
                id=document.id,
                layout=document.layout,
                filename=document.filename,
                ms=ms,
                counts=score_document(document.truth, predicted),
                error=error,
                predicted=predicted,
            )
        )
    return results
