"""The service Dockerfiles, the compose migration image and .dockerignore (read, not built:
there is no Docker engine here)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest


def _instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        instr, _, args = line.partition(" ")
        out.append((instr.upper(), args.strip()))
    return out


def _stages(instructions: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instr, args in instructions:
        if instr == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instr, args))
    return stages


@pytest.mark.parametrize("name", ["gateway", "tenants", "ingest", "candidates", "parser"])
def test_service_dockerfile(name, repo_root, components):
    path = repo_root / "services" / name / "Dockerfile"
    instructions = _instructions(path)
    stages = _stages(instructions)
    assert stages, "no FROM"
    for stage in stages:
        assert re.match(r"python:3\.11-slim\b", stage[0][1]), f"base image: {stage[0][1]}"
    final = stages[-1]

    def last(instr: str) -> str:
        values = [a for i, a in final if i == instr]
        assert values, f"final stage has no {instr}"
        return values[-1]

    # Non-root, by numeric uid so Kubernetes can verify runAsNonRoot.
    user = last("USER").split(":")[0]
    assert user.isdigit() and int(user) != 0, f"USER {user} must be a numeric non-root uid"
    assert last("STOPSIGNAL") == "SIGTERM"
    exposed = {int(p.split("/")[0]) for _, args in final if _ == "EXPOSE" for p in args.split()}
    assert exposed == set(components[name]["ports"].values())
    assert json.loads(last("CMD")) == components[name]["command"], "CMD must be exec form"

    # One pip install of the three projects, pinned by constraints.txt, without a cache (the
    # parser installs CPU-only PyTorch before it: test_parser_dockerfile_torch_cpu).
    installs = [
        a for i, a in instructions if i == "RUN" and "pip install" in a and "-c" in shlex.split(a)
    ]
    assert len(installs) == 1
    args = shlex.split(installs[0])
    assert "--no-cache-dir" in args
    assert args[args.index("-c") + 1] == "constraints.txt"
    targets = [a for a in args if a.startswith("./")]
    assert targets[:2] == ["./libs/proto", "./libs/common"]
    # The parser image serves both lanes, so it always has the OCR extra.
    assert targets[2] == (f"./services/{name}[ocr]" if name == "parser" else f"./services/{name}")
    other = [a for i, a in instructions if i == "RUN" and "pip install" in a and a != installs[0]]
    assert len(other) == (1 if name == "parser" else 0), other

    # Everything COPY'd from the context exists; the runtime stage gets only the built venv.
    for instr, args in instructions:
        if instr == "COPY" and "--from" not in args:
            *sources, _dest = args.split()
            for source in sources:
                assert (repo_root / source).exists(), f"COPY {source}: not in the repository"
    assert not [a for i, a in final if i == "COPY" and "--from" not in a], (
        "runtime stage copies sources"
    )

    # Environment the settings classes read, consistent with the ports.
    env = " ".join(a for i, a in final if i == "ENV")
    assert "PYTHONDONTWRITEBYTECODE=1" in env, "read-only root filesystem: no .pyc writes"
    if name == "gateway":
        assert "ATS_HTTP_PORT=8002" in env
    else:
        ports = components[name]["ports"]
        assert (
            f"ATS_GRPC_PORT={ports['grpc']}" in env
            and f"ATS_METRICS_PORT={ports['metrics']}" in env
        )


def _pins(repo_root: Path) -> dict[str, str]:
    pins = {}
    for line in (repo_root / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_parser_dockerfile_torch_cpu(repo_root):
    """PyTorch comes from its CPU-only index, at the versions constraints.txt pins, before the
    constrained install (which then keeps it: ==2.14.1 matches 2.14.1+cpu)."""
    instructions = _instructions(repo_root / "services/parser/Dockerfile")
    runs = [a for i, a in instructions if i == "RUN" and "pip install" in a]
    assert len(runs) == 2
    # In this order: the constrained install then finds torch installed and keeps it.
    torch_args, project_args = shlex.split(runs[0]), shlex.split(runs[1])
    assert "-c" in project_args and "-c" not in torch_args
    assert torch_args[torch_args.index("--index-url") + 1] == "https://download.pytorch.org/whl/cpu"
    assert "--no-deps" in torch_args and "--no-cache-dir" in torch_args
    assert "--extra-index-url" not in torch_args, "one index only: no dependency confusion"
    pins = _pins(repo_root)
    wanted = {f"{pkg}=={pins[pkg]}" for pkg in ("torch", "torchvision")}
    assert wanted == {a for a in torch_args if "==" in a}, "keep in step with constraints.txt"


def test_compose_migrate_image(repo_root, migration_order):
    instructions = _instructions(repo_root / "deploy/compose/migrate.Dockerfile")
    install = next(a for i, a in instructions if i == "RUN" and "pip install" in a)
    targets = [a for a in shlex.split(install) if a.startswith("./")]
    assert targets == [
        "./libs/proto",
        "./libs/common",
        *[f"./services/{s}" for s in migration_order],
    ]
    cmd = json.loads(next(a for i, a in reversed(instructions) if i == "CMD"))
    steps = [s.strip() for s in cmd[-1].split("&&")]
    assert steps == [f"python -m ats_backend.{s} migrate" for s in migration_order]
    user = next(a for i, a in reversed(instructions) if i == "USER").split(":")[0]
    assert user.isdigit() and int(user) != 0


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regex: Go filepath.Match per segment, plus '**'."""
    segments = pattern.strip("/").split("/")
    regex = ""
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == "**":
            regex += ".*" if last else "(?:[^/]+/)*"
            continue
        for ch in seg:
            regex += {"*": "[^/]*", "?": "[^/]", "[": "[", "]": "]"}.get(ch, re.escape(ch))
        regex += "" if last else "/"
    return re.compile(regex + "$")


def _ignored(patterns: list[str], path: str) -> bool:
    """Docker's rule: the last matching pattern wins, '!' re-includes, and a pattern that
    matches a parent directory excludes everything below it."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    result = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        regex = _pattern_regex(pattern[1:] if negate else pattern)
        if any(regex.match(p) for p in prefixes):
            result = not negate
    return result


def test_dockerignore(repo_root):
    lines = (repo_root / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    for must in (".git", ".venv", ".pytest_cache", ".mypy_cache", ".env"):
        assert _ignored(patterns, must), f".dockerignore should exclude {must}"
    assert _ignored(patterns, "services/parser/src/ats_backend/parser/__pycache__/x.pyc")
    assert _ignored(patterns, "services/gateway/tests/unit/test_app.py")
    # What the Dockerfiles COPY must stay in the context.
    keep = [
        "constraints.txt",
        "libs/proto/pyproject.toml",
        "libs/common/src/ats_backend/core/config.py",
    ]
    for name in ("gateway", "tenants", "ingest", "candidates", "parser"):
        keep += [
            f"services/{name}/pyproject.toml",
            f"services/{name}/README.md",
            f"services/{name}/src/ats_backend/{name}/__main__.py",
        ]
    for path in keep:
        assert not _ignored(patterns, path), f".dockerignore must not exclude {path}"
