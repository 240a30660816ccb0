"""The demo's sample resumes (scripts/make_samples.py) parse into the right profiles."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ats_backend.parser.extract import parse_document

REPO = Path(__file__).resolve().parents[4]

EXPECTED: dict[str, tuple[str, str, str, set[str]]] = {
    "amelia-clarke.pdf": (
        "Amelia Clarke",
        "amelia.clarke@example.com",
        "+442079460958",
        {"Product Management", "Scrum", "SQL", "A/B Testing", "Jira", "Figma"},
    ),
    "jose-alvarez-nunez.pdf": (
        "José Álvarez-Núñez",
        "jose.alvarez@example.org",
        "+34612345678",
        {"Java", "Kotlin", "Spring Boot", "PostgreSQL", "Apache Kafka", "Kubernetes"},
    ),
    "priya-venkataraman.pdf": (
        "Priya Venkataraman",
        "priya.v@example.net",
        "+919845012345",
        {"Python", "R", "pandas", "scikit-learn", "PyTorch", "Apache Spark"},
    ),
    "michael-oconnor.pdf": (
        "Michael O'Connor",
        "mike.oconnor@example.com",
        "+15125550147",
        {"Go", "Python", "Terraform", "Kubernetes", "Prometheus", "CI/CD"},
    ),
    "zoe-fischer.pdf": (
        "Zoë Fischer",
        "zoe.fischer@example.org",
        "+4915123456789",
        {"TypeScript", "React", "Next.js", "Vue.js", "GraphQL", "Cypress"},
    ),
    "nguyen-minh-anh.txt": (
        "Nguyễn Minh Anh",
        "minhanh.nguyen@example.com",
        "+84901234567",
        {"Flutter", "Dart", "Kotlin", "Swift", "Firebase", "CI/CD"},
    ),
}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", REPO / "scripts/make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    assert _load_script().main(["--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("filename", sorted(EXPECTED))
def test_sample_parses(samples: Path, filename: str) -> None:
    data = (samples / filename).read_bytes()
    assert len(data) < 20_000
    result: dict[str, Any] = parse_document(data, filename=filename)
    name, email, phone, some_skills = EXPECTED[filename]
    assert result["basics"]["name"] == name
    assert result["basics"]["email"] == email
    assert result["basics"]["phone"] == phone
    assert some_skills <= {skill["name"] for skill in result["skills"]}
    assert result["x_ats"]["warnings"] == []


def test_samples_are_deterministic_and_committed_copies_are_current(samples: Path) -> None:
    committed = REPO / "samples"
    for filename in EXPECTED:
        if (committed / filename).exists():
            assert (committed / filename).read_bytes() == (samples / filename).read_bytes()
