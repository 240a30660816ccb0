"""Hand-labelled resumes in layouts the generator does not produce.

Each resume is ``NAME.truth.json``, written by hand from reading the document (never produced
by code), plus the document: a small committed file ``NAME.<ext>``, or a script ``NAME.py``
whose ``render() -> bytes`` builds it in memory (with ``FILENAME`` and ``CONTENT_TYPE``).
Modules whose name starts with an underscore are helpers shared by the scripts.

The ``blind_*`` resumes were written after the parser was tuned, as a held-out check: their
scores are a blind estimate, so do not tune the parser against them.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from ..corpus.generate import Sample

HERE = Path(__file__).resolve().parent
_TYPES = {
    ".txt": "text/plain",
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def load() -> list[Sample]:
    samples = []
    for truth_path in sorted(HERE.glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        truth = json.loads(truth_path.read_text("utf-8"))
        if (HERE / f"{stem}.py").exists():
            module = importlib.import_module(f"{__name__}.{stem}")
            content: bytes = module.render()
            filename: str = module.FILENAME
            content_type: str = module.CONTENT_TYPE
        else:
            path = next(p for p in HERE.glob(f"{stem}.*") if p.suffix in _TYPES)
            content, filename, content_type = path.read_bytes(), path.name, _TYPES[path.suffix]
        samples.append(Sample(f"hand-{stem}", stem, filename, content_type, content, truth))
    return samples
