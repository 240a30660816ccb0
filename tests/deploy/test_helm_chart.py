"""The Helm chart (helm/ats).

Renderer-free checks always run: Chart.yaml, documented camelCase values that satisfy
values.schema.json, every ``.Values`` path a template uses exists (and every value is used), no
``metadata.namespace``, one object per template, the migration hook. When a Helm engine is
available (a ``helm`` binary on PATH, else the ``helm-python-sdk`` package, which embeds Helm's
Go SDK) the chart is also rendered, linted and every object validated like the kustomize output.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

CHART = Path("helm/ats")
COMPONENT_INCLUDE = re.compile(
    r'include\s+"(ats\.[A-Za-z]+)"\s+\(dict\s+"root"\s+\$\s+"component"\s+"([a-z][a-z\-]*)"\)'
)
# Components whose values live under another key (ats.valuesKey in _helpers.tpl).
VALUES_KEY = {"parser-ocr": "parserOcr"}
VALUES_REF = re.compile(r"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
HELPER_REF = re.compile(r"\$c((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
DIG_REF = re.compile(r'dig((?:\s+"[A-Za-z0-9_]+")+)\s+[^\s]+\s+\$c\b')


@pytest.fixture(scope="module")
def chart(repo_root) -> Path:
    return repo_root / CHART


@pytest.fixture(scope="module")
def values(chart) -> dict:
    return yaml.safe_load((chart / "values.yaml").read_text())


@pytest.fixture(scope="module")
def templates(chart) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((chart / "templates").iterdir()) if p.is_file()}


def _has_path(values: dict, path: tuple[str, ...]) -> bool:
    node: Any = values
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def _helper_blocks(helpers: str) -> dict[str, str]:
    parts = re.split(r'\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}', helpers)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def _helper_components(templates: dict[str, str]) -> dict[str, set[str]]:
    """helper name -> components it is instantiated for, following helper-to-helper includes."""
    users: dict[str, set[str]] = {}
    for text in templates.values():
        for helper, comp in COMPONENT_INCLUDE.findall(text):
            users.setdefault(helper, set()).add(comp)
    blocks = _helper_blocks(templates["_helpers.tpl"])
    changed = True
    while changed:
        changed = False
        for name, body in blocks.items():
            for callee in re.findall(r'include\s+"([^"]+)"\s+\.\s', body):
                before = len(users.setdefault(callee, set()))
                users[callee] |= users.get(name, set())
                changed |= len(users[callee]) != before
    return users


def _referenced_paths(templates: dict[str, str], *, optional: bool = False) -> set[tuple[str, ...]]:
    """Values paths the templates read. optional=True adds lookups with a default (dig), which
    count as uses of a value but do not require it to exist."""
    refs = {
        tuple(m.strip(".").split(".")) for t in templates.values() for m in VALUES_REF.findall(t)
    }
    users = _helper_components(templates)
    for helper, body in _helper_blocks(templates["_helpers.tpl"]).items():
        for comp in users.get(helper, ()):
            key = VALUES_KEY.get(comp, comp)
            refs |= {(key, *m.strip(".").split(".")) for m in HELPER_REF.findall(body)}
            if optional:
                refs |= {(key, *re.findall(r'"([^"]+)"', m)) for m in DIG_REF.findall(body)}
    return refs


# --- renderer-free checks --------------------------------------------------------------------


def test_chart_yaml(chart):
    meta = yaml.safe_load((chart / "Chart.yaml").read_text())
    assert meta["apiVersion"] == "v2"
    assert meta["name"] == "ats" == chart.name
    assert meta["type"] == "application"
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[\w.]+)?", meta["version"]), "version must be SemVer 2"
    assert isinstance(meta["appVersion"], str) and meta["appVersion"]
    for name in (
        "values.yaml",
        "values.schema.json",
        "README.md",
        "templates/NOTES.txt",
        "templates/_helpers.tpl",
    ):
        assert (chart / name).is_file(), f"{name} missing"


def test_every_value_is_documented_and_camel_case(chart):
    lines = (chart / "values.yaml").read_text().splitlines()
    undocumented, badly_named = [], []
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)([A-Za-z0-9_\-]+):", line)
        if not m:
            continue
        key = m.group(2)
        if not re.fullmatch(r"[a-z][a-zA-Z0-9]*", key):
            badly_named.append(f"line {i + 1}: {key}")
        if i == 0 or not lines[i - 1].strip().startswith("#"):
            undocumented.append(f"line {i + 1}: {key}")
    assert not undocumented, "keys without a comment directly above them:\n" + "\n".join(
        undocumented
    )
    assert not badly_named, "keys that are not camelCase:\n" + "\n".join(badly_named)


def test_values_satisfy_schema(chart, values):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((chart / "values.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(values, schema)
    # The schema is strict: a misspelt key is an error, not silently ignored.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**values, "gateway": {**values["gateway"], "replicas": 3}}, schema)


def test_template_value_references_exist(templates, values):
    missing = sorted(".".join(p) for p in _referenced_paths(templates) if not _has_path(values, p))
    assert not missing, f"templates use values that values.yaml does not define: {missing}"


def test_every_value_is_used(templates, values):
    refs = _referenced_paths(templates, optional=True)

    def unused(node: Any, path: tuple[str, ...]) -> list[str]:
        if any(path[: len(r)] == r for r in refs):
            return []
        if isinstance(node, dict) and node:
            return [u for k, v in node.items() for u in unused(v, (*path, k))]
        return [".".join(path)]

    dead = [u for k, v in values.items() for u in unused(v, (k,))]
    assert not dead, f"values.yaml keys no template reads: {dead}"


def test_helpers_use_component_values_that_exist(templates, values):
    # Helpers read a component's values through $c; each key must exist for every caller.
    users = _helper_components(templates)
    grpc = {"tenants", "ingest", "candidates", "parser", "parser-ocr"}
    assert users["ats.grpcDeployment"] == grpc
    assert users["ats.pdb"] == {"gateway", *grpc}
    assert users["ats.hpa"] == {"gateway", "parser", "parser-ocr"}
    assert users["ats.grpcNetworkPolicy"] == grpc
    # Every component helper reads its values through ats.valuesKey (parser-ocr -> parserOcr).
    blocks = _helper_blocks(templates["_helpers.tpl"])
    for helper in ("ats.grpcDeployment", "ats.pdb", "ats.hpa", "ats.grpcNetworkPolicy"):
        assert "index .root.Values .component" not in blocks[helper], helper
    for comp, key in VALUES_KEY.items():
        assert f'"{comp}" "{key}"' in blocks["ats.valuesKey"], comp
        assert key in values


def test_no_namespace_in_templates(templates):
    offenders = [
        f"{name}:{i + 1}"
        for name, text in templates.items()
        for i, line in enumerate(text.splitlines())
        if re.match(r"^\s*namespace\s*:", line)
    ]
    assert not offenders, f"templates must not set metadata.namespace: {offenders}"


def test_one_object_per_template(templates):
    for name, text in templates.items():
        if name.startswith("_") or name == "NOTES.txt":
            continue
        assert not re.search(r"^---", text, re.M), (
            f"{name}: one object per file, no document separators"
        )
        assert len(re.findall(r"^kind:", text, re.M)) <= 1, f"{name}: more than one kind"
    for helper, body in _helper_blocks(templates["_helpers.tpl"]).items():
        assert len(re.findall(r"^kind:", body, re.M)) <= 1, (
            f"helper {helper} defines several objects"
        )


def test_standard_labels_helper(templates):
    helpers = templates["_helpers.tpl"]
    for label in (
        "helm.sh/chart",
        "app.kubernetes.io/name",
        "app.kubernetes.io/instance",
        "app.kubernetes.io/version",
        "app.kubernetes.io/managed-by",
        "app.kubernetes.io/component",
        "app.kubernetes.io/part-of",
    ):
        assert label in helpers, f"_helpers.tpl should set {label}"
    selector = _helper_blocks(helpers)["ats.selectorLabels"]
    assert "version" not in selector, "selector labels are immutable: no version in them"


def test_migration_hook(templates):
    job = templates["migrate-job.yaml"]
    assert "helm.sh/hook: pre-install,pre-upgrade" in job
    assert "helm.sh/hook-delete-policy: before-hook-creation" in job
    steps = re.findall(
        r'ats\.migrateContainer"\s+\(dict\s+"root"\s+\$\s+"component"\s+"(\w+)"\)', job
    )
    assert steps == ["tenants", "ingest", "candidates"]
    # Hooks run before the release's other objects exist: no ConfigMap or chart ServiceAccount.
    helper = _helper_blocks(templates["_helpers.tpl"])["ats.migrateContainer"]
    assert "configMapRef" not in helper
    assert not re.search(r"^\s*serviceAccountName:", job, re.M)


def test_monitoring_copies_match(chart, repo_root):
    assert (chart / "files/ats-rules.yml").read_bytes() == (
        repo_root / "deploy/k8s/monitoring/prometheus/ats-rules.yml"
    ).read_bytes()
    assert (chart / "files/ats-overview.json").read_bytes() == (
        repo_root / "deploy/k8s/monitoring/grafana/ats-overview.json"
    ).read_bytes()


# --- rendered with a real Helm engine --------------------------------------------------------

ALL_OPTIONS = {
    "monitoring": {
        "serviceMonitor": {"enabled": True},
        "prometheusRule": {"enabled": True},
        "grafanaDashboard": {"enabled": True},
    },
    "gateway": {"ingress": {"enabled": True, "tlsSecretName": "ats-tls"}},
    "imagePullSecrets": [{"name": "regcred"}],
    "grpcHealthService": "ready",
}
NO_AUTOSCALING = {
    "gateway": {"autoscaling": {"enabled": False}},
    "parser": {"autoscaling": {"enabled": False}},
    "parserOcr": {"autoscaling": {"enabled": False}},
}
HPA = {"gateway", "parser", "parser-ocr"}


@pytest.mark.parametrize(
    ("vals", "release", "hpa"),
    [
        ({}, "ats", HPA),
        (ALL_OPTIONS, "prod", HPA),
        (NO_AUTOSCALING, "ats", set()),
    ],
    ids=["defaults", "all-options", "no-autoscaling"],
)
def test_helm_render_validates(helm_render, k8s_validate, assert_workloads, vals, release, hpa):
    docs = helm_render(vals, release)
    k8s_validate(docs)
    assert_workloads(docs, expect_hpa=hpa)
    assert not [d["metadata"]["name"] for d in docs if "namespace" in d["metadata"]]
    for d in docs:
        labels = d["metadata"]["labels"]
        assert (
            labels["app.kubernetes.io/instance"] == release
            and labels["helm.sh/chart"] == "ats-0.1.0"
        )
    job = next(d for d in docs if d["kind"] == "Job")
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    if release == "ats":
        # Release "ats" gives the same object names as the kustomize manifests.
        names = {d["metadata"]["name"] for d in docs if d["kind"] == "Deployment"}
        assert names == {
            "ats-gateway",
            "ats-tenants",
            "ats-ingest",
            "ats-candidates",
            "ats-parser",
            "ats-parser-ocr",
            "ats-redis",
        }


def test_helm_render_all_options_objects(helm_render, repo_root):
    docs = helm_render(ALL_OPTIONS, "prod")
    kinds = {d["kind"] for d in docs}
    assert {"PrometheusRule", "ServiceMonitor", "Ingress"} <= kinds
    rule = next(d for d in docs if d["kind"] == "PrometheusRule")
    plain = yaml.safe_load(
        (repo_root / "deploy/k8s/monitoring/prometheus/ats-rules.yml").read_text()
    )
    assert rule["spec"]["groups"] == plain["groups"]
    ingress = next(d for d in docs if d["kind"] == "Ingress")
    paths = [p["path"] for r in ingress["spec"]["rules"] for p in r["http"]["paths"]]
    assert paths == ["/v1"], "only the API is exposed; /monitoring stays internal"
    for d in docs:
        if d["kind"] == "Deployment" and d["metadata"]["labels"][
            "app.kubernetes.io/component"
        ] not in ("gateway", "redis"):
            probe = d["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["grpc"]
            assert probe["service"] == "ready"


def test_helm_lint(chart):
    binary = shutil.which("helm")
    if binary:
        proc = subprocess.run(
            [binary, "lint", "--strict", str(chart)], capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return
    helm = pytest.importorskip(
        "helm_python", reason="no Helm engine: install a helm binary or helm-python-sdk"
    )
    result = helm.lint(str(chart))
    assert not result["errors"], result
    # Severity 1 is INFO (e.g. "icon is recommended"); anything higher is a warning or error.
    assert not [m for m in result["messages"] if m["severity"] > 1], result["messages"]


def test_helm_parser_lanes_match_kustomize(helm_render, kustomize):
    """The chart's two parser Deployments carry the same lane and OCR settings, resources and
    probes as the kustomize base."""

    def parsers(docs: list[dict]) -> dict[str, dict]:
        out = {}
        for d in docs:
            if d["kind"] == "Deployment" and d["metadata"]["name"].startswith("ats-parser"):
                c = d["spec"]["template"]["spec"]["containers"][0]
                env = {e["name"]: e.get("value") for e in c["env"] if "value" in e}
                budget = c["startupProbe"]["periodSeconds"] * c["startupProbe"]["failureThreshold"]
                out[d["metadata"]["name"]] = {
                    "env": env,
                    "resources": c["resources"],
                    "command": c["command"],
                    "image": c["image"].rsplit("/", 1)[-1].split(":")[0],
                    "startup_at_least_2m": budget >= 120,
                }
        return out

    helm = parsers(helm_render({}, "ats"))
    base = parsers(kustomize("deploy/k8s/base"))
    assert set(helm) == set(base) == {"ats-parser", "ats-parser-ocr"}
    for name in base:
        base[name]["image"] = base[name]["image"].removeprefix("ats-")
        assert helm[name] == base[name], name


def test_helm_parser_ocr_values_schema(chart, values):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((chart / "values.schema.json").read_text())
    for bad in (
        {**values, "parserOcr": {**values["parserOcr"], "lanes": "ocr,pdf"}},
        {**values, "parserOcr": {**values["parserOcr"], "ocrThreads": 0}},
        {**values, "parser": {**values["parser"], "ocrThreads": 2}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
