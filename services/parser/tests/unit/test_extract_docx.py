"""Word documents: fields through the shared extractors, reading order, typography, the XML
places resume templates hide text in, and hostile or broken packages."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from ats_backend.core.errors import DocumentUnreadable
from ats_backend.parser.extract import parse_document
from ats_backend.parser.extract._archive import MAX_ENTRIES, MAX_UNCOMPRESSED_BYTES
from ats_backend.parser.extract._docx import read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Document = Any  # python-docx's Document object


def save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(fill: Callable[[Document], None]) -> bytes:
    document = docx.Document()
    fill(document)
    return save(document)


def append_xml(document: Document, xml: str) -> None:
    """Append raw WordprocessingML blocks to the body (before the final section properties)."""
    body = document.element.body
    for element in parse_xml(f"<w:body {NS}>{xml}</w:body>"):
        body.sectPr.addprevious(element)


def add_link(document: Document, paragraph: Any, url: str, text: str) -> None:
    rel_id = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(f'<w:hyperlink {NS} r:id="{rel_id}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')
    )


def texts(data: bytes) -> list[str]:
    return [line.text for line in read_docx(data, max_chars=1_000_000).lines]


def resume(document: Document) -> None:
    document.sections[0].header.paragraphs[0].text = "jane.doe@example.com | +1 415 555 2671"
    document.add_paragraph("Jane Doe", style="Title")
    links = document.add_paragraph("Senior Backend Engineer | ")
    add_link(document, links, "https://www.linkedin.com/in/jane-doe-42", "LinkedIn")
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Languages"
    table.cell(0, 1).text = "Go, Python, JS"
    table.cell(1, 0).text = "Platform"
    table.cell(1, 1).text = "k8s, Postgres"
    document.add_heading("Experience", level=1)
    document.add_paragraph("Acme Corp - Backend Engineer (2019 - 2024)")


def test_docx_resume_fields() -> None:
    result = parse_document(build(resume), filename="jane.docx")
    basics = result["basics"]
    assert basics["name"] == "Jane Doe"
    assert basics["email"] == "jane.doe@example.com"
    assert basics["phone"] == "+14155552671"
    assert basics["profiles"] == [
        {
            "network": "LinkedIn",
            "username": "jane-doe-42",
            "url": "https://www.linkedin.com/in/jane-doe-42",
        }
    ]
    skills = [skill["name"] for skill in result["skills"]]
    assert skills[:5] == ["Go", "Python", "JavaScript", "Kubernetes", "PostgreSQL"]
    meta = result["x_ats"]
    assert meta["extraction_method"] == "docx"
    assert meta["content_type"] == DOCX_TYPE
    assert meta["pages"] == 1
    assert meta["warnings"] == []


def test_reading_order_header_body_tables_footer() -> None:
    def fill(document: Document) -> None:
        section = document.sections[0]
        section.header.paragraphs[0].text = "Header line"
        section.footer.paragraphs[0].text = "Footer line"
        document.add_paragraph("Before the table")
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "Left cell"
        inner = outer.cell(0, 1).add_table(rows=1, cols=1)
        inner.cell(0, 0).text = "Nested cell"
        document.add_paragraph("After the table")

    assert texts(build(fill)) == [
        "Header line",
        "Before the table",
        "Left cell",
        "Nested cell",
        "After the table",
        "Footer line",
    ]


def test_typography_of_styles_and_runs() -> None:
    def fill(document: Document) -> None:
        document.add_paragraph("Jane Doe", style="Title")
        document.add_heading("Experience", level=1)
        paragraph = document.add_paragraph()
        paragraph.add_run("Acme").bold = True
        paragraph.add_run(" since 2019")
        document.add_paragraph("plain body text")

    lines = read_docx(build(fill), max_chars=1000).lines
    title, heading, bold, plain = lines
    assert title.size == 26.0  # the Title style of python-docx's template
    assert heading.size == 14.0 and heading.bold
    assert bold.bold and not plain.bold
    assert plain.size < heading.size < title.size
    assert [line.page for line in lines] == [0, 0, 0, 0]
    assert [line.top for line in lines] == [0.0, 0.25, 0.5, 0.75]


def test_text_in_content_controls_text_boxes_and_tracked_changes() -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>In a text box</w:t></w:r></w:p></w:txbxContent>"
    xml = (
        # A content control (w:sdt) around a paragraph, as Word's resume templates use.
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>In a content control</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
        # A text box, stored twice (DrawingML choice and VML fallback): read once.
        '<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback>"
        f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        # Tracked changes: insertions are text, deletions are not.
        '<w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r><w:ins><w:r><w:t>inserted'
        "</w:t></w:r></w:ins><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>"
        # Hidden text (keyword stuffing) is not shown, so not read.
        "<w:p><w:r><w:t>Visible</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>"
        "<w:t>Kubernetes Terraform</w:t></w:r></w:p>"
        # Soft line breaks and tabs.
        "<w:p><w:r><w:t>First line</w:t><w:br/><w:t>Second</w:t><w:tab/><w:t>line</w:t></w:r>"
        "</w:p>"
        # A smart tag around a run.
        '<w:p><w:smartTag w:element="City"><w:r><w:t>Berlin</w:t></w:r></w:smartTag></w:p>'
    )
    data = build(lambda document: append_xml(document, xml))
    assert texts(data) == [
        "In a content control",
        "Anchor",
        "In a text box",
        "Kept inserted",
        "Visible",
        "First line",
        "Second | line",  # a tab separates cells
        "Berlin",
    ]


def test_page_breaks_make_pages() -> None:
    xml = (
        "<w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p>"
        '<w:p><w:r><w:t>End of page one</w:t><w:br w:type="page"/></w:r></w:p>'
        # Word records the rendered break too: the two make one new page.
        "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Page two</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Page three</w:t></w:r></w:p>"
    )
    result = read_docx(build(lambda document: append_xml(document, xml)), max_chars=1000)
    assert [(line.text, line.page) for line in result.lines] == [
        ("Jane Doe", 0),
        ("End of page one", 0),
        ("Page two", 1),
        ("Page three", 2),
    ]
    assert result.pages == 3


def test_hyperlinks_from_relationships_and_fields() -> None:
    def fill(document: Document) -> None:
        add_link(document, document.add_paragraph("Jane Doe "), "https://github.com/janedoe", "gh")
        append_xml(
            document,
            "<w:p><w:fldSimple w:instr=' HYPERLINK \"mailto:jane@example.org\" '>"
            "<w:r><w:t>Email me</w:t></w:r></w:fldSimple></w:p>"
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
            ' HYPERLINK "https://janedoe.dev" </w:instrText></w:r><w:r>'
            '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>My site</w:t></w:r><w:r>'
            '<w:fldChar w:fldCharType="end"/></w:r></w:p>'
            '<w:p><w:hyperlink w:anchor="top"><w:r><w:t>Back to top</w:t></w:r></w:hyperlink>'
            "</w:p>",
        )

    result = read_docx(build(fill), max_chars=1000)
    assert [uri.text for uri in result.uris] == [
        "https://github.com/janedoe",
        "mailto:jane@example.org",
        "https://janedoe.dev",
    ]
    assert [line.text for line in result.lines] == [
        "Jane Doe gh",
        "Email me",
        "My site",
        "Back to top",
    ]
    parsed = parse_document(build(fill))
    assert parsed["basics"]["email"] == "jane@example.org"
    assert parsed["basics"]["url"] == "https://janedoe.dev"


def test_footers_drop_page_numbers_and_repeats() -> None:
    def fill(document: Document) -> None:
        first = document.sections[0]
        first.footer.paragraphs[0].text = "jane@example.com"
        first.footer.add_paragraph("Page 1 of 2")
        document.add_paragraph("Jane Doe")
        second = document.add_section()
        second.footer.is_linked_to_previous = False
        second.footer.paragraphs[0].text = "jane@example.com"
        document.add_paragraph("Second section")

    assert texts(build(fill)) == ["Jane Doe", "Second section", "jane@example.com"]


def test_text_is_capped() -> None:
    def fill(document: Document) -> None:
        for number in range(50):
            document.add_paragraph(f"Paragraph number {number}")

    result = read_docx(build(fill), max_chars=100)
    assert len(result.lines) < 10
    assert result.warnings == ["the text was cut after 100 characters"]


def test_long_document_parses_quickly() -> None:
    def fill(document: Document) -> None:
        document.add_paragraph("Jane Doe", style="Title")
        for number in range(3000):
            document.add_paragraph(f"Built service {number} in Python and Go on k8s.")

    data = build(fill)
    started = time.perf_counter()
    result = parse_document(data)
    assert time.perf_counter() - started < 5.0
    assert result["basics"]["name"] == "Jane Doe"


def test_document_without_text() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(build(lambda document: None))
    assert caught.value.reason == "no_text"
    assert caught.value.detail == "the Word document contains no text"


# --- hostile and broken packages ------------------------------------------------------------


def zip_bytes(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The parts of a real .docx (from python-docx), plus or replacing ``extra``."""
    with zipfile.ZipFile(io.BytesIO(build(resume))) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return {**parts, **(extra or {})}


def unreadable(data: bytes) -> DocumentUnreadable:
    started = time.perf_counter()
    with pytest.raises(DocumentUnreadable) as caught:
        parse_document(data, content_type=DOCX_TYPE)
    assert time.perf_counter() - started < 5.0
    return caught.value


def test_zip_bomb_by_total_size() -> None:
    data = zip_bytes(ooxml({"word/media/bomb.bin": b"\0" * (MAX_UNCOMPRESSED_BYTES + 1)}))
    assert len(data) < 200_000
    error = unreadable(data)
    assert error.reason == "archive_too_large"
    assert "unpacks to" in error.detail


def test_zip_bomb_by_compression_ratio() -> None:
    error = unreadable(zip_bytes(ooxml({"word/media/image1.png": b"\0" * 3_000_000})))
    assert error.reason == "archive_too_large"
    assert "zip bomb" in error.detail


def test_too_many_entries() -> None:
    parts = ooxml()
    parts.update({f"word/media/{number}.bin": b"x" for number in range(MAX_ENTRIES)})
    error = unreadable(zip_bytes(parts, compression=zipfile.ZIP_STORED))
    assert error.reason == "archive_too_large"
    assert f"at most {MAX_ENTRIES}" in error.detail


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_truncated_docx_is_corrupt(keep: float) -> None:
    data = build(resume)
    error = unreadable(data[: int(len(data) * keep)])
    assert error.reason == "corrupt_document"
    assert error.detail.startswith("the Word document is damaged")


def test_damaged_entry_data_is_corrupt() -> None:
    data = bytearray(zip_bytes(ooxml(), compression=zipfile.ZIP_STORED))
    at = data.index(b"Jane Doe")
    data[at : at + 8] = b"Jxne Dxe"  # the stored CRC no longer matches
    error = unreadable(bytes(data))
    assert error.reason == "corrupt_document"
    assert "word/document.xml" in error.detail


def test_zip_that_is_not_an_office_package() -> None:
    data = zip_bytes({"word/notes.txt": b"Jane Doe", "readme.txt": b"hello"})
    assert parse_document_kind(data) == DOCX_TYPE  # sniffing sees word/ ...
    error = unreadable(data)  # ... but it is no Word document
    assert error.reason == "corrupt_document"
    assert "not a Word document" in error.detail


def test_package_without_its_main_part() -> None:
    parts = ooxml()
    del parts["word/document.xml"]
    error = unreadable(zip_bytes(parts))
    assert error.reason == "corrupt_document"
    assert "main document part is missing" in error.detail


def test_malformed_document_xml() -> None:
    error = unreadable(zip_bytes(ooxml({"word/document.xml": b"<w:document><w:body><w:p>"})))
    assert error.reason == "corrupt_document"
    assert "XMLSyntaxError" in error.detail


def test_xml_entities_are_not_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>Jane &c;</w:t>'
        b"</w:r></w:p></w:body></w:document>"
    )
    data = zip_bytes(ooxml({"word/document.xml": laughs}))
    started = time.perf_counter()
    lines = texts(data)
    assert time.perf_counter() - started < 5.0
    assert lines == ["Jane"]  # the entity stays an unexpanded reference


def test_macro_enabled_document_is_refused_clearly() -> None:
    parts = ooxml()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    error = unreadable(zip_bytes(parts))
    assert error.reason == "corrupt_document"
    assert "macro-enabled" in error.detail
    assert "BytesIO" not in error.detail


def parse_document_kind(data: bytes) -> str:
    from ats_backend.core.filetypes import sniff

    return sniff(data)


def test_a_tab_between_runs_separates_cells() -> None:
    def fill(document: Document) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run("Cascade Freight Technologies")
        paragraph.add_run().add_tab()
        paragraph.add_run("Seattle, WA")
        document.add_paragraph("Email:\tjane@example.com")

    assert texts(build(fill)) == [
        "Cascade Freight Technologies | Seattle, WA",
        "Email: jane@example.com",
    ]
