"""Same JSON both ways: ``POST /v1/parse`` on the running system and ``ats parse`` on this
machine give the same object for the same file, and the same error for the same bad file.

The one expected difference is ``x_ats.timings_ms``: wall-clock measurements of that very run,
different on every parse, in the same process or not. Everything else must be equal, which
holds because both ends call the same ``parse_document`` (the service in its sandbox, the CLI
in-process) and the parser sniffs the type from the bytes in both cases.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import httpx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from tests.support.api import Api

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
ATS = Path(sys.executable).with_name("ats")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>CV</title></head><body>
<h1>Zoë Fischer-Brandt</h1>
<p>zoe.fb@example.org | +49 30 901820 | <a href="https://github.com/zoefb">GitHub</a></p>
<h2>Skills</h2><ul><li>TypeScript, React, Node.js</li><li>GraphQL, Postgres, Docker</li></ul>
<h2>Experience</h2><p>Frontend Engineer, Trey Research GmbH, 2021 - present</p>
</body></html>
"""
TEXT = (
    "Rahul Mehta\nData Engineer | Pune, India\nrahul.mehta@example.in | +91 98220 12345\n\n"
    "SKILLS\nPython, Spark, Airflow, dbt, Snowflake, SQL\n\n"
    "EXPERIENCE\nData Engineer, Contoso Analytics, 2020 - 2024\n"
)


def make_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "amara.okafor@example.com | +44 20 7946 0958"
    document.add_paragraph("Amara Okafor", style="Title")
    line = document.add_paragraph("Site Reliability Engineer | ")
    rel_id = document.part.relate_to("https://www.linkedin.com/in/amara-okafor", RT.HYPERLINK, True)
    line._p.append(
        parse_xml(
            f'<w:hyperlink {W_NS} {R_NS} r:id="{rel_id}"><w:r><w:t>LinkedIn</w:t></w:r>'
            "</w:hyperlink>"
        )
    )
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Platform"
    table.cell(0, 1).text = "k8s, Terraform, GCP, Prometheus"
    table.cell(1, 0).text = "Languages"
    table.cell(1, 1).text = "Go, Python, Bash"
    document.add_heading("Experience", level=1)
    document.add_paragraph("SRE, Fabrikam Cloud, 2018 - 2024")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("parse-inputs")
    made = {"amara-okafor.docx": make_docx(), "zoe.html": HTML.encode(), "rahul.txt": TEXT.encode()}
    paths = [ROOT / "samples" / "amelia-clarke.pdf"]
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def post(client: Api, name: str, data: bytes) -> httpx.Response:
    response = client.http.post("/v1/parse", files={"file": (name, data)})
    if response.status_code == 404 and response.json().get("reason") == "not_found":
        pytest.skip(
            "POST /v1/parse is not routed: the gateway's app.py must include "
            "ats_backend.gateway.parse.router"
        )
    return response


def cli(*args: str) -> tuple[int, list[dict[str, Any]]]:
    if not ATS.exists():
        pytest.skip("the ats console script is not installed (pip install -e libs/cli)")
    out = subprocess.run(
        [str(ATS), "parse", *args], capture_output=True, text=True, timeout=180, check=False
    )
    assert out.returncode in (0, 1), out.stderr
    return out.returncode, [json.loads(line) for line in out.stdout.splitlines()]


def without_timings(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile minus ``x_ats.timings_ms``, after checking it is there (see docstring)."""
    trimmed = copy.deepcopy(profile)
    timings = trimmed["x_ats"].pop("timings_ms")
    assert set(timings) == {"extract_text", "fields"}
    return trimmed


def test_api_and_cli_give_the_same_profile(client_a: Api, files: list[Path]) -> None:
    status, from_cli = cli(*map(str, files))
    assert status == 0
    assert len(from_cli) == len(files)
    methods = []
    for path, local in zip(files, from_cli, strict=True):
        response = post(client_a, path.name, path.read_bytes())
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        remote = response.json()
        assert without_timings(remote) == without_timings(local), path.name
        assert remote["basics"].get("name"), path.name
        methods.append(remote["x_ats"]["extraction_method"])
    assert methods == ["pdf_text", "docx", "html", "plain_text"]


def test_api_and_cli_give_the_same_errors(client_a: Api, tmp_path: Path) -> None:
    cases = {
        "garbage.txt": (b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8, 415),
        "empty-page.html": (b"<!DOCTYPE html><html><body><p> </p></body></html>", 422),
        "truncated.docx": (make_docx()[:3000], 422),
    }
    for name, (data, http_status) in cases.items():
        (tmp_path / name).write_bytes(data)
        response = post(client_a, name, data)
        assert response.status_code == http_status, response.text
        problem = response.json()
        status, (local,) = cli(str(tmp_path / name))
        assert status == 1
        assert local == {
            "file": str(tmp_path / name),
            "error": {"reason": problem["reason"], "detail": problem["detail"]},
        }


def test_files_over_the_upload_limit_are_refused_both_ways(client_a: Api, tmp_path: Path) -> None:
    limit = 2 * 1024 * 1024  # ATS_MAX_UPLOAD_BYTES of the e2e stack
    data = b"Jane Doe\n" + b"a" * limit
    response = post(client_a, "big.txt", data)
    assert response.status_code == 413
    (tmp_path / "big.txt").write_bytes(data)
    status, (local,) = cli("--max-bytes", str(limit), str(tmp_path / "big.txt"))
    assert status == 1
    assert local["error"] == {"reason": "payload_too_large", "detail": response.json()["detail"]}


def test_parse_needs_a_client_key(client_a: Api, admin: Api, anonymous: httpx.Client) -> None:
    post(client_a, "probe.txt", b"Jane Doe")  # skips while the route is not included
    assert anonymous.post("/v1/parse", files={"file": ("a.txt", b"Jane")}).status_code == 401
    assert admin.http.post("/v1/parse", files={"file": ("a.txt", b"Jane")}).status_code == 403
