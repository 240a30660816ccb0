"""Pure extraction: resume bytes in, a JSON Resume shaped dict out.

No I/O, no logging configuration, no gRPC/database/broker imports, nothing heavy at import time
(PyMuPDF and the skill taxonomy load on first use). The worker calls :func:`parse_document` in a
sandboxed child process; tests call it directly.

    >>> result = parse_document(b"Jane Doe\\njane@example.com\\nSkills: Python, Go")
    >>> result["basics"]["name"], [skill["name"] for skill in result["skills"]]
    ('Jane Doe', ['Python', 'Go'])
"""

from ._document import MAX_OCR_PAGES, MAX_PAGES, MAX_TEXT_CHARS, SCHEMA_VERSION, parse_document
from ._ocr import GrayImage, OcrEngine, OcrPage, OcrText

__all__ = [
    "MAX_OCR_PAGES",
    "MAX_PAGES",
    "MAX_TEXT_CHARS",
    "SCHEMA_VERSION",
    "GrayImage",
    "OcrEngine",
    "OcrPage",
    "OcrText",
    "parse_document",
]
