"""The synthetic corpus: deterministic, every layout, valid truths, documents that open and
show their truth, and no stray skill mentions in the generator's word lists."""

from __future__ import annotations

import functools
import io
import json
from typing import Any

import phonenumbers
import pytest

from eval.corpus import careers, compose, degrees, names, orgs, person, places, taxonomy
from eval.corpus._fitz import fitz
from eval.corpus.generate import DEFAULT_COUNT, Sample, generate, layout_of
from eval.corpus.layouts import LAYOUTS
from eval.handlabelled import load as load_handlabelled

# Text as the parser reads it: ligatures expanded (MuPDF keeps "ﬁ" unless told otherwise).
_TEXT_FLAGS = 2 | 64  # TEXT_PRESERVE_WHITESPACE | TEXT_MEDIABOX_CLIP
STUDY_TYPES = {"Associate", "Bachelor", "Master", "PhD", "Diploma", "High School"}


@functools.cache
def _corpus() -> list[Sample]:
    return generate(3 * len(LAYOUTS), seed=7)


def _text(sample: Sample) -> str:
    if sample.filename.endswith(".pdf"):
        pdf = fitz().open("pdf", sample.content)
        return "\n".join(page.get_text("text", flags=_TEXT_FLAGS) for page in pdf)
    if sample.filename.endswith(".docx"):
        import docx

        document: Any = docx.Document(io.BytesIO(sample.content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    return sample.content.decode("utf-8")


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    again = generate(3 * len(LAYOUTS), seed=7)
    assert [s.content for s in again] == [s.content for s in _corpus()]
    assert [s.truth for s in again] == [s.truth for s in _corpus()]
    other = generate(3 * len(LAYOUTS), seed=8)
    assert [s.truth for s in other] != [s.truth for s in _corpus()]


def test_layout_subset_holds_the_same_documents() -> None:
    subset = generate(3 * len(LAYOUTS), seed=7, layouts=frozenset({"table"}))
    assert [s.id for s in subset] == [s.id for s in _corpus() if s.layout == "table"]
    assert [s.content for s in subset] == [s.content for s in _corpus() if s.layout == "table"]


def test_default_corpus_has_at_least_40_of_each_of_8_layouts() -> None:
    assert len(LAYOUTS) >= 8
    per_layout = {name: 0 for name in LAYOUTS}
    for index in range(DEFAULT_COUNT):
        per_layout[layout_of(index)] += 1
    assert DEFAULT_COUNT >= 320
    assert min(per_layout.values()) >= 40


def test_every_layout_is_present() -> None:
    assert {sample.layout for sample in _corpus()} == set(LAYOUTS)


def test_truth_shape_and_values() -> None:
    canonical = {skill.name for skill in taxonomy.skills()}
    for sample in _corpus():
        truth = sample.truth
        json.dumps(truth)  # serialisable
        basics = truth["basics"]
        number = phonenumbers.parse(basics["phone"])
        assert phonenumbers.is_valid_number(number), (sample.id, basics["phone"])
        assert (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            == (basics["phone"])
        )
        assert len(basics["location"]["countryCode"]) == 2
        assert 1 <= len(truth["work"]) <= 8
        assert 0 <= len(truth["education"]) <= 3
        assert 5 <= len(truth["skills"]) <= 18  # 5-15 drawn, plus certificate skills
        assert {skill["name"] for skill in truth["skills"]} <= canonical
        for job in truth["work"]:
            for key in ("startDate", "endDate"):
                if key in job:
                    assert len(job[key]) in {4, 7}, job
        assert all(school["studyType"] in STUDY_TYPES for school in truth["education"])
        assert sum("endDate" not in job for job in truth["work"]) <= 1  # one current job


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_documents_open_and_show_their_truth(layout: str) -> None:
    samples = [sample for sample in _corpus() if sample.layout == layout]
    assert samples
    for sample in samples:
        assert sample.filename.endswith(LAYOUTS[layout].extension)
        text = _text(sample)
        assert sample.truth["basics"]["email"] in text, sample.id
        for job in sample.truth["work"]:
            assert job["position"] in text, (sample.id, job["position"])


def test_pdf_layouts_differ_in_page_furniture() -> None:
    """The sidebar and header-heavy layouts draw shapes; the dense one is small type."""
    by_layout = {sample.layout: sample for sample in _corpus()}
    for layout in ("sidebar", "header_heavy"):
        page = fitz().open("pdf", by_layout[layout].content)[0]
        assert any(drawing.get("fill") for drawing in page.get_drawings()), layout
    dense = fitz().open("pdf", by_layout["dense"].content)[0]
    sizes = [
        span["size"]
        for block in dense.get_text("dict")["blocks"]
        for line in block.get("lines", ())
        for span in line["spans"]
    ]
    assert sorted(sizes)[len(sizes) // 2] <= 8.5


def _word_lists() -> list[str]:
    """Every fixed string the generator prints, placeholders removed."""
    strings: list[str] = []
    for family in careers.FAMILIES:
        strings += [*family.titles, *family.things, family.domain, *family.fields]
    strings += [
        *careers.SENIORITY,
        *careers.BULLETS,
        *careers.SKILL_BULLETS,
        *careers.SUMMARIES,
        *careers.SUMMARY_TAILS,
        *careers.BIG,
        *careers.USERS,
    ]
    strings += [f"{name}: {text}" for name, text in careers.PROJECTS]
    strings += [*orgs._PREFIXES, *orgs._NOUNS, *(name for name, _ in orgs._NAMED)]
    strings += [suffix for suffixes in orgs.LEGAL_SUFFIXES.values() for suffix in suffixes]
    strings += [name for name, _ in orgs.UNIVERSITIES + orgs.SCHOOLS]
    for culture in names.CULTURES:
        strings += [*culture.first, *culture.last, culture.native_language]
    strings += [city.name for city in places.CITIES] + [city.region for city in places.CITIES]
    for country in places.COUNTRIES.values():
        strings += [*country.names, *country.street]
    strings += [written for forms in degrees.WRITTEN.values() for written in forms]
    strings += [*person._FLUENCY, *person._LANGUAGES]
    strings += [heading for options in compose.HEADINGS.values() for heading in options]
    strings += list(compose.CATEGORY_LABELS.values())
    # GitHub as a contact label names the profile, not a skill claim: left out on purpose.
    strings += [
        label for kind, labels in compose._LABELS.items() if kind != "github" for label in labels
    ]
    return [
        text.replace("{skill}", "")
        .replace("{thing}", "")
        .replace("{title}", "")
        .replace("{title_lower}", "")
        .replace("{domain}", "")
        .replace("{company}", "")
        for text in strings
    ]


def test_word_lists_mention_no_skill() -> None:
    """Otherwise a document would mention a skill its truth does not list."""
    stray = {text: taxonomy.mentions(text) for text in _word_lists() if taxonomy.mentions(text)}
    assert stray == {}


def test_certificates_mention_only_their_declared_skills() -> None:
    for name, issuer, skills in person._CERTIFICATES:
        assert taxonomy.mentions(f"{name}, {issuer}") == set(skills), name


def test_mentions_over_matches_on_purpose() -> None:
    assert taxonomy.mentions("Go, Rust and C++") == {"Go", "Rust", "C++"}
    assert taxonomy.mentions("R&D in Go-to-market") == {"Go-to-Market Strategy"}
    assert taxonomy.mentions("let's go hiking") == set()  # "Go" only counts in that case


def test_handlabelled_resumes_load_with_truths() -> None:
    samples = load_handlabelled()
    assert len(samples) >= 5
    for sample in samples:
        assert len(sample.content) > 200
        assert sample.truth["basics"]["email"] in _text(sample), sample.id
        assert all(s["studyType"] in STUDY_TYPES for s in sample.truth.get("education", []))
        phone = phonenumbers.parse(sample.truth["basics"]["phone"])
        assert phonenumbers.is_valid_number(phone), sample.id
    assert len({sample.layout for sample in samples}) == len(samples)
