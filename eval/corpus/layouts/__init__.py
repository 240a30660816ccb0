"""The layouts the generator renders, each a module with ``render(resume, rng) -> bytes``,
``EXTENSION`` and ``CONTENT_TYPE``. Eight visibly different families: the parser must read
them all."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from ..compose import Resume
from . import (
    dense,
    docx_layout,
    header_heavy,
    plain_text,
    sidebar,
    single_column,
    table,
    two_column,
)


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    render: Callable[[Resume, random.Random], bytes]
    extension: str
    content_type: str


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout(
            "single_column",
            single_column.render,
            single_column.EXTENSION,
            single_column.CONTENT_TYPE,
        ),
        Layout("two_column", two_column.render, two_column.EXTENSION, two_column.CONTENT_TYPE),
        Layout("sidebar", sidebar.render, sidebar.EXTENSION, sidebar.CONTENT_TYPE),
        Layout("table", table.render, table.EXTENSION, table.CONTENT_TYPE),
        Layout(
            "header_heavy", header_heavy.render, header_heavy.EXTENSION, header_heavy.CONTENT_TYPE
        ),
        Layout("dense", dense.render, dense.EXTENSION, dense.CONTENT_TYPE),
        Layout("docx", docx_layout.render, docx_layout.EXTENSION, docx_layout.CONTENT_TYPE),
        Layout("plain_text", plain_text.render, plain_text.EXTENSION, plain_text.CONTENT_TYPE),
    )
}
