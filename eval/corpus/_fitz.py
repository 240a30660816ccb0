"""PyMuPDF behind one ``Any``-typed name: its Python layer is untyped, so the renderers reach
it only through :func:`fitz`, imported on first use (it loads a large native library)."""

from __future__ import annotations

import functools
import importlib
from typing import Any


@functools.cache
def fitz() -> Any:
    return importlib.import_module("pymupdf")
