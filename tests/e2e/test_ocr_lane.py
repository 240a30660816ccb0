"""The OCR lane end to end: scans go through text recognition in the parser's OCR processes,
text documents never do, and a scan with nothing to read fails without stopping the lane.

The stack's parser runs both lanes (the default) with one OCR process. Each recognised page
costs seconds on a small machine, so these tests scan three pages in all."""

from __future__ import annotations

import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from ats_backend.parser.extract import parse_document
from eval import scans
from scripts.stack import Stack
from tests.support.api import Api

pytestmark = pytest.mark.e2e

# A corpus resume whose scan OCR reads back with the truth's name, email and phone (see the
# parser's integration conftest: most scans lose the dot of the email's domain today).
_SCAN_SEED = 7
# One page takes 2-4 s on two idle cores, several times that on a loaded machine.
_OCR_WAIT = 180.0


def _metric_total(stack: Stack, name: str, labels: str = "") -> float:
    """The sum of the parser's samples of ``name`` whose labels contain ``labels``."""
    port = stack.env["ATS_PARSER_METRICS_PORT"]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        lines = response.read().decode().splitlines()
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in lines
        if line.startswith(name + "{") and labels in line
    )


def _candidate(api: Api, upload: dict[str, Any]) -> dict[str, Any]:
    job = api.wait_job(upload["job"]["id"], timeout=_OCR_WAIT)
    assert job["status"] == "parsed", job
    candidate: dict[str, Any] = api.get(f"/v1/candidates/{job['candidate_id']}").json()
    return candidate


def _contacts(basics: dict[str, Any]) -> dict[str, Any]:
    return {key: basics.get(key) for key in ("name", "email", "phone")}


def test_a_scanned_pdf_moves_to_the_ocr_lane_and_becomes_a_candidate(
    stack: Stack, client_a: Api
) -> None:
    sample = scans.scanned_samples(1, seed=_SCAN_SEED, style="clean", fmt="pdf")[0]
    rerouted = _metric_total(stack, "ats_parse_jobs_total", 'outcome="rerouted"')
    upload = client_a.upload_one("scan.pdf", sample.content)

    profile = _candidate(client_a, upload)["profile"]
    assert _contacts(profile["basics"]) == _contacts(sample.truth["basics"])
    assert profile["x_ats"]["extraction_method"] == "pdf_ocr"
    assert [page["page"] for page in profile["x_ats"]["ocr"]["pages"]] == [1]
    # The text lane found it scanned and handed it on, rather than failing it.
    assert _metric_total(stack, "ats_parse_jobs_total", 'outcome="rerouted"') == rerouted + 1


def test_a_mixed_pdf_recognises_only_its_scanned_page(client_a: Api, samples_dir: Path) -> None:
    text_pdf = (samples_dir / "jose-alvarez-nunez.pdf").read_bytes()
    mixed = scans.mixed_pdf(text_pdf, {1: scans.render_page(text_pdf, 1, 200)}, 200)
    upload = client_a.upload_one("mixed.pdf", mixed)

    profile = _candidate(client_a, upload)["profile"]
    ocr_pages = profile["x_ats"]["ocr"]["pages"]
    assert [(page["page"], page["reason"]) for page in ocr_pages] == [(2, "no_text_layer")]
    assert profile["x_ats"]["extraction_method"] == "pdf_ocr"
    # Page 1 was read from its text layer: the contacts are exactly the text PDF's.
    assert _contacts(profile["basics"]) == _contacts(parse_document(text_pdf)["basics"])


def test_a_text_pdf_is_never_ocred(stack: Stack, client_a: Api, samples_dir: Path) -> None:
    before = _metric_total(stack, "ats_ocr_fallback_total")
    data = (samples_dir / "priya-venkataraman.pdf").read_bytes()
    profile = _candidate(client_a, client_a.upload_one("priya.pdf", data))["profile"]
    assert profile["x_ats"]["extraction_method"] == "pdf_text"
    assert "ocr" not in profile["x_ats"]
    assert _metric_total(stack, "ats_ocr_fallback_total") == before


def test_an_image_with_no_text_fails_and_the_ocr_lane_keeps_serving(client_a: Api) -> None:
    blank = client_a.upload_one("blank.png", scans.blank_image_png(seed=uuid.uuid4().int % 1000))
    job = client_a.wait_job(blank["job"]["id"], timeout=_OCR_WAIT)
    assert job["status"] == "failed", job
    assert job["reason"] == "no_text"
    assert job["candidate_id"] is None

    sample = scans.scanned_samples(1, seed=_SCAN_SEED, style="clean", fmt="png")[0]
    profile = _candidate(client_a, client_a.upload_one("scan.png", sample.content))["profile"]
    assert profile["x_ats"]["extraction_method"] == "image_ocr"
    assert _contacts(profile["basics"]) == _contacts(sample.truth["basics"])


def test_the_sync_parse_of_an_image_goes_on_to_the_ocr_processes(client_a: Api) -> None:
    # The text processes answer ocr_unavailable for any image; the OCR processes find that
    # this one holds no text (a blank page costs them no recognition).
    response = client_a.http.post(
        "/v1/parse", files={"file": ("blank.png", scans.blank_image_png())}
    )
    assert response.status_code == 422, response.text
    assert response.json()["reason"] == "no_text"
