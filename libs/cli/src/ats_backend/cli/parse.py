"""``ats parse FILE [FILE...]``: parse resumes in this process and print their profiles.

One JSON object per line and file (JSONL), in the order given: the very dict
``parse_document`` returns, which is also what ``POST /v1/parse`` answers (the sandboxed
service serialises the same dict), so scripts can switch between the two. Only
``x_ats.timings_ms`` differs from run to run. A file that cannot be parsed gets
``{"file": PATH, "error": {"reason": ..., "detail": ...}}`` on its line instead, the reasons
being the API's (``unsupported_media_type``, ``no_text``, ``corrupt_document``...), plus
``file_unreadable`` when the file cannot be read at all; the exit status is then 1, after
every file has been tried.

Unlike the service, this runs without the sandbox (no memory limit, no timeout): it is for
files you chose to parse on your own machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, TextIO

from ats_backend.cli._command import Command
from ats_backend.core.errors import AtsError, PayloadTooLarge

__all__ = ["COMMAND", "DEFAULT_MAX_BYTES", "parse_file"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""The services' default cap on one document (``ATS_MAX_UPLOAD_BYTES``)."""


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="resume files to parse")
    parser.add_argument(
        "--pretty", action="store_true", help="indent each object for people (not JSONL)"
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse files larger than N bytes, like the API (default {DEFAULT_MAX_BYTES})",
    )


def _error(path: str, reason: str, detail: str) -> dict[str, Any]:
    return {"file": path, "error": {"reason": reason, "detail": detail}}


def parse_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bool, dict[str, Any]]:
    """``(True, profile)`` or ``(False, {"file", "error"})`` for one file."""
    from ats_backend.parser.extract import parse_document  # imported when a file is parsed

    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise PayloadTooLarge(f"file is larger than the {max_bytes} byte limit", field="file")
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:  # it grew since stat, or it is a device
            raise PayloadTooLarge(f"file is larger than the {max_bytes} byte limit", field="file")
        return True, parse_document(data, filename=os.path.basename(path))
    except AtsError as exc:
        return False, _error(path, exc.reason, exc.detail)
    except OSError as exc:
        return False, _error(path, "file_unreadable", exc.strerror or str(exc))


def _write(obj: dict[str, Any], *, pretty: bool, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None) + "\n")
    out.flush()  # one line per file as soon as it is parsed: pipelines see progress


def _run(args: argparse.Namespace) -> int:
    failed = False
    for path in args.files:
        ok, obj = parse_file(path, max_bytes=args.max_bytes)
        failed = failed or not ok
        _write(obj, pretty=args.pretty, out=sys.stdout)
    return 1 if failed else 0


COMMAND = Command(
    name="parse",
    help="parse resumes (PDF, DOCX, HTML, text) into JSON profiles",
    description=__doc__ or "",
    add_arguments=_add_arguments,
    run=_run,
)
