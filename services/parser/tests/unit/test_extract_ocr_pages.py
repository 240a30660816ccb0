"""Which PDF pages go to OCR, and how recognised text joins the normal extraction.

The engine here is a scripted stand-in for EasyOCR (the real model runs in the integration
tests): it "recognises" the words that were drawn into the page image, so these tests check
the routing and the layout, fast and exactly. It also records which pages it was given.
"""

from __future__ import annotations

import io
from typing import Any

import pymupdf
import pytest

from ats_backend.core.errors import DocumentUnreadable
from ats_backend.parser.extract import MAX_OCR_PAGES, GrayImage, OcrText, parse_document
from ats_backend.parser.extract._scanned import garbage_text

_POINTS = 72.0


class ScriptedEngine:
    """Returns, for the n-th page image it is given, the n-th list of (text, box in points)."""

    name = "scripted"
    render_dpi = 100.0

    def __init__(self, pages: list[list[tuple[str, tuple[float, float, float, float]]]]) -> None:
        self._pages = pages
        self.images: list[GrayImage] = []

    def read(self, image: GrayImage) -> list[OcrText]:
        assert len(image.pixels) == image.width * image.height
        self.images.append(image)
        found = self._pages[len(self.images) - 1] if len(self.images) <= len(self._pages) else []
        scale = image.dpi / _POINTS
        return [
            OcrText(text, x0 * scale, y0 * scale, x1 * scale, y1 * scale, 0.9)
            for text, (x0, y0, x1, y1) in found
        ]


RESUME_SCAN = [
    ("Jane Doe", (72, 60, 200, 84)),
    ("jane.doe@example.com | +44 20 7946 0958", (72, 92, 330, 104)),
    ("Skills", (72, 130, 120, 144)),
    ("Python, PostgreSQL, Kubernetes", (72, 150, 300, 162)),
]


def _image_page(doc: Any) -> None:
    """A page that is one full-page image (a scan) with no text layer."""
    picture = pymupdf.open()
    drawn = picture.new_page()
    drawn.insert_text((72, 80), "scanned words", fontsize=14)
    pix = drawn.get_pixmap(dpi=50)
    page = doc.new_page()
    page.insert_image(page.rect, stream=pix.tobytes("png"))


def _text_page(doc: Any, *lines: str) -> None:
    page = doc.new_page()
    for number, line in enumerate(lines):
        page.insert_text((72, 72 + 16 * number), line, fontsize=11)


def _pdf(doc: Any) -> bytes:
    data: bytes = doc.tobytes()
    doc.close()
    return data


def test_a_scanned_page_is_recognised_and_parsed_like_text() -> None:
    doc = pymupdf.open()
    _image_page(doc)
    engine = ScriptedEngine([RESUME_SCAN])
    result = parse_document(_pdf(doc), ocr=engine)
    assert result["basics"]["name"] == "Jane Doe"
    assert result["basics"]["email"] == "jane.doe@example.com"
    assert result["basics"]["phone"] == "+442079460958"
    assert [skill["name"] for skill in result["skills"]] == ["Python", "PostgreSQL", "Kubernetes"]
    assert result["x_ats"]["extraction_method"] == "pdf_ocr"
    ocr = result["x_ats"]["ocr"]
    assert ocr["engine"] == "scripted"
    assert [(p["page"], p["reason"], p["texts"]) for p in ocr["pages"]] == [(1, "no_text_layer", 4)]
    # Rendered at the engine's resolution: a letter/A4 page at 100 DPI.
    assert engine.images[0].dpi == 100.0
    assert 800 <= engine.images[0].height <= 1200


def test_a_text_pdf_is_never_given_to_the_engine() -> None:
    doc = pymupdf.open()
    _text_page(doc, "Jane Doe", "jane@example.com", "Skills: Python, Go")
    engine = ScriptedEngine([])
    result = parse_document(_pdf(doc), ocr=engine)
    assert engine.images == []
    assert result["x_ats"]["extraction_method"] == "pdf_text"
    assert "ocr" not in result["x_ats"]


def test_a_mixed_pdf_recognises_only_its_scanned_page() -> None:
    doc = pymupdf.open()
    _text_page(doc, "Jane Doe", "jane@example.com", "Experience", "Engineer at Acme")
    _image_page(doc)
    _text_page(doc, "Education", "BSc Computer Science, University of Leeds, 2015")
    engine = ScriptedEngine(
        [[("Skills", (72, 60, 120, 74)), ("Terraform, Ansible", (72, 80, 240, 92))]]
    )
    result = parse_document(_pdf(doc), ocr=engine)
    assert len(engine.images) == 1
    assert [(p["page"], p["reason"]) for p in result["x_ats"]["ocr"]["pages"]] == [
        (2, "no_text_layer")
    ]
    assert result["basics"]["name"] == "Jane Doe"
    assert {s["name"] for s in result["skills"]} >= {"Terraform", "Ansible"}


def test_without_an_engine_a_scan_fails_with_ocr_unavailable_never_empty() -> None:
    doc = pymupdf.open()
    _text_page(doc, "Jane Doe", "jane@example.com")
    _image_page(doc)
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(_pdf(doc))
    assert caught.value.reason == "ocr_unavailable"
    assert "page 2 needs text recognition (no_text_layer)" in caught.value.detail


def test_a_page_of_broken_glyphs_is_recognised_as_garbage_text() -> None:
    doc = pymupdf.open()
    _text_page(
        doc,
        "Xkqzt Bvwp Grrtz Lmnbv Qwxtz Plkjh Trvbn Mnbvc Zxcvb",
        "Wqrtp Sdfgh Jklmn Bvcxz Qwrtz Ypxcv Nmlkj Hgfds Ptrwq",
    )
    result = parse_document(_pdf(doc), ocr=ScriptedEngine([RESUME_SCAN]))
    assert result["x_ats"]["ocr"]["pages"][0]["reason"] == "garbage_text"
    assert result["basics"]["name"] == "Jane Doe"
    assert "Xkqzt" not in str(result)


def test_a_full_page_image_with_a_stamped_line_is_an_image_page() -> None:
    doc = pymupdf.open()
    _image_page(doc)
    doc[0].insert_text((500, 820), "Page 1 of 1", fontsize=8)
    result = parse_document(_pdf(doc), ocr=ScriptedEngine([RESUME_SCAN]))
    assert result["x_ats"]["ocr"]["pages"][0]["reason"] == "image_page"


def test_blank_pages_are_not_recognised() -> None:
    doc = pymupdf.open()
    _image_page(doc)
    doc.new_page()
    engine = ScriptedEngine([RESUME_SCAN])
    result = parse_document(_pdf(doc), ocr=engine)
    assert len(engine.images) == 1
    assert result["x_ats"]["pages"] == 2


def test_scanned_pages_beyond_the_ocr_cap_are_skipped_with_a_warning() -> None:
    doc = pymupdf.open()
    for _ in range(MAX_OCR_PAGES + 3):
        _image_page(doc)
    engine = ScriptedEngine([RESUME_SCAN])
    result = parse_document(_pdf(doc), ocr=engine)
    assert len(engine.images) == MAX_OCR_PAGES
    assert (
        f"{MAX_OCR_PAGES + 3} pages need text recognition; only the first {MAX_OCR_PAGES} "
        f"were recognised (pages 11, 12, 13 were skipped)"
    ) in result["x_ats"]["warnings"]


def test_ocr_text_is_repaired_before_fields_are_read() -> None:
    doc = pymupdf.open()
    _image_page(doc)
    broken = [("Jane Doe", (72, 60, 200, 84)), ("jane.doe@gmai1.com", (72, 92, 250, 104))]
    result = parse_document(_pdf(doc), ocr=ScriptedEngine([broken]))
    assert result["basics"]["email"] == "jane.doe@gmail.com"


def test_an_image_file_needs_the_engine() -> None:
    pil = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    pil.new("L", (850, 1100), 255).save(buffer, format="PNG")
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(buffer.getvalue())
    assert caught.value.reason == "ocr_unavailable"
    result = parse_document(buffer.getvalue(), ocr=ScriptedEngine([RESUME_SCAN]))
    assert result["x_ats"]["extraction_method"] == "image_ocr"
    assert result["x_ats"]["ocr"]["pages"][0]["reason"] == "image"
    assert result["basics"]["name"] == "Jane Doe"


@pytest.mark.parametrize(
    "text",
    [
        "Senior Software Engineer with ten years of experience in Python and PostgreSQL",
        "Zespół inżynierów, doświadczenie zawodowe, umiejętności, wykształcenie wyższe",
        "软件工程师 十年经验 负责后端服务 设计数据库 带领团队 完成项目 交付产品 优化性能",
        "Опыт работы инженером программного обеспечения в компании Яндекс",
        "SQL AWS GCP HTML CSS API REST gRPC CI CD K8S",
        "Jane Doe",  # too short to judge
    ],
)
def test_real_text_in_any_script_is_not_garbage(text: str) -> None:
    assert not garbage_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Xkqzt Bvwp Grrtz Lmnbv Qwxtz Plkjh Trvbn Mnbvc Zxcvb Wqrtp",
        "\ufffd\ufffd\ufffd \ufffd\ufffd \ufffd\ufffd\ufffd\ufffd Jane",
        "\ue001\ue002\ue003 \ue004\ue005 \ue006\ue007\ue008 \ue009",
    ],
)
def test_broken_encodings_are_garbage(text: str) -> None:
    assert garbage_text(text)
