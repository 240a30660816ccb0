"""``ats parse``: JSONL out, errors on their file's line, exit status, and the console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ats_backend.cli.__main__ import main
from ats_backend.cli.parse import parse_file

RESUME = b"Jane Doe\njane@example.com\nSkills: Python, Go, k8s\n"


@pytest.fixture
def resume(tmp_path: Path) -> Path:
    path = tmp_path / "jane.txt"
    path.write_bytes(RESUME)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    status = main(["parse", *argv])
    return status, capsys.readouterr().out.splitlines()


def test_one_json_object_per_file(resume: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = run(capsys, str(resume), str(resume))
    assert status == 0
    assert len(lines) == 2
    profile = json.loads(lines[0])
    assert profile["basics"]["name"] == "Jane Doe"
    assert [skill["name"] for skill in profile["skills"]] == ["Python", "Go", "Kubernetes"]
    assert profile["x_ats"]["extraction_method"] == "plain_text"
    assert "file" not in profile  # the object is exactly the API's


def test_failures_are_reported_on_their_line_and_fail_the_run(
    resume: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.pdf"
    status, lines = run(capsys, str(empty), str(resume), str(binary), str(missing))
    assert status == 1
    objects = [json.loads(line) for line in lines]
    assert objects[0] == {
        "file": str(empty),
        "error": {"reason": "empty_document", "detail": "the document is empty"},
    }
    assert objects[1]["basics"]["name"] == "Jane Doe"
    assert objects[2] == {
        "file": str(binary),
        "error": {
            "reason": "unsupported_media_type",
            "detail": "cannot parse unknown binary file yet",
        },
    }
    assert objects[3]["error"]["reason"] == "file_unreadable"


def test_directory_is_unreadable(tmp_path: Path) -> None:
    ok, obj = parse_file(str(tmp_path))
    assert not ok
    assert obj["error"]["reason"] == "file_unreadable"


def test_size_cap_like_the_api(resume: Path) -> None:
    ok, obj = parse_file(str(resume), max_bytes=10)
    assert not ok
    assert obj["error"] == {
        "reason": "payload_too_large",
        "detail": "file is larger than the 10 byte limit",
    }


def test_pretty_output_is_indented(resume: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["parse", "--pretty", str(resume)])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith('{\n  "basics": {\n')
    assert json.loads(out)["basics"]["name"] == "Jane Doe"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["parse"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "parse" in capsys.readouterr().err


def test_module_entry_point(resume: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ats_backend.cli", "parse", str(resume)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["basics"]["email"] == "jane@example.com"


def test_console_script_is_installed(resume: Path) -> None:
    script = Path(sys.executable).with_name("ats")
    if not script.exists():
        pytest.skip("the ats console script is not installed (pip install -e libs/cli)")
    out = subprocess.run(
        [str(script), "parse", str(resume)], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["basics"]["name"] == "Jane Doe"
