"""Kustomize manifests (deploy/k8s) and the monitoring files (Prometheus, Alertmanager, Grafana).

Every overlay is rendered with ``kubectl kustomize`` and every object validated against the
Kubernetes 1.30 JSON schemas; the prometheus-operator objects get a structural check. The alert
rules are compared with the runbook's list, checked with promtool and unit-tested with
``promtool test rules`` when promtool is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

K8S = "deploy/k8s"
OVERLAYS = ["dev", "staging", "prod"]
MONITORING = Path(K8S) / "monitoring"
RULES = MONITORING / "prometheus" / "ats-rules.yml"
RULE_TESTS = MONITORING / "prometheus" / "ats-rules.test.yml"
ALERTMANAGER = MONITORING / "alertmanager" / "alertmanager.yml"
DASHBOARD = MONITORING / "grafana" / "ats-overview.json"

# The runbook's "Alert Configuration": name -> (severity, the metrics its rules use). Every
# rule of the alert uses at least one of them; together its rules use all of them.
ALERTS = {
    "ServiceDown": ("critical", {"up"}),
    "HighAPIErrorRate": ("critical", {"ats_http_requests_total"}),
    "NoWorkersAvailable": ("critical", {"ats_queue_consumers"}),
    "RLSBypassAttempt": ("critical", {"ats_rls_bypass_attempts_total"}),
    # The runbook's "High Authentication Failures" (no threshold stated there: 30/min).
    "HighAuthenticationFailures": ("warning", {"ats_auth_failures_total"}),
    "CriticalQueueDepth": ("critical", {"ats_queue_depth"}),
    "HighResponseTime": ("warning", {"ats_http_request_duration_seconds_bucket"}),
    "HighResourceUsage": ("warning", {"kube_pod_container_resource_limits"}),
    "QueueBackup": ("warning", {"ats_queue_depth"}),
    "OCRFallbackRateHigh": ("warning", {"ats_ocr_fallback_total", "ats_parse_jobs_total"}),
    # "Resume Processing Slowdown": OCR time per page and the parse.ocr backlog.
    "ResumeProcessingSlowdown": (
        "warning",
        {"ats_ocr_page_duration_seconds_bucket", "ats_queue_depth"},
    ),
}
# Thresholds the runbook states, as they must appear in the expressions.
THRESHOLDS = {
    "HighAPIErrorRate": "> 0.05",
    "NoWorkersAvailable": "== 0",
    "RLSBypassAttempt": "> 0",
    "HighAuthenticationFailures": "> 30",
    "CriticalQueueDepth": "> 500",
    "HighResponseTime": "> 2",
    "HighResourceUsage": "> 0.9",
    "QueueBackup": "> 100",
}
# Metric names the services export (ARCHITECTURE.md / brief): the dashboard must show them.
DASHBOARD_METRICS = {
    "ats_http_requests_total",
    "ats_http_request_duration_seconds_bucket",
    "ats_queue_depth",
    "ats_queue_consumers",
    "ats_parse_jobs_total",
    "ats_parse_duration_seconds_bucket",
    "ats_ocr_fallback_total",
    "ats_ocr_page_duration_seconds_bucket",
    "ats_rls_bypass_attempts_total",
    "ats_auth_failures_total",
}


# Deployments an HPA scales in staging and prod (dev has none).
HPA_COMPONENTS = {"gateway", "parser", "parser-ocr"}


def _tag(env: str) -> str:
    return "dev" if env == "dev" else "0.1.0"


def _rules(repo_root: Path) -> list[dict]:
    data = yaml.safe_load((repo_root / RULES).read_text())
    return [rule for group in data["groups"] for rule in group["rules"]]


# --- kustomize -------------------------------------------------------------------------------


def test_base_renders_without_namespace(kustomize, k8s_validate):
    docs = kustomize(f"{K8S}/base")
    k8s_validate(docs)
    assert not [d["metadata"]["name"] for d in docs if "namespace" in d["metadata"]], (
        "base must be namespace-less"
    )


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_renders_and_validates(env, kustomize, k8s_validate):
    docs = kustomize(f"{K8S}/overlays/{env}")
    assert docs, f"overlay {env} rendered nothing"
    k8s_validate(docs)


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_workload_invariants(env, kustomize, assert_workloads):
    docs = kustomize(f"{K8S}/overlays/{env}")
    assert_workloads(docs, expect_hpa=set() if env == "dev" else HPA_COMPONENTS)


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_namespace(env, kustomize):
    docs = kustomize(f"{K8S}/overlays/{env}")
    ns = f"ats-{env}"
    namespaces = [d for d in docs if d["kind"] == "Namespace"]
    assert [n["metadata"]["name"] for n in namespaces] == [ns]
    labels = namespaces[0]["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/warn"] == "restricted"
    if env != "dev":
        assert labels["pod-security.kubernetes.io/enforce"] == "restricted"
    wrong = [
        f"{d['kind']}/{d['metadata']['name']}"
        for d in docs
        if d["kind"] != "Namespace" and d["metadata"].get("namespace") != ns
    ]
    assert not wrong, f"objects outside {ns}: {wrong}"


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_images_and_version_label(env, kustomize):
    docs = kustomize(f"{K8S}/overlays/{env}")
    tag = _tag(env)
    for d in docs:
        if d["kind"] in ("Deployment", "Job"):
            pod = d["spec"]["template"]["spec"]
            for c in pod.get("initContainers", []) + pod["containers"]:
                if c["name"] == "redis":  # third-party: a pinned upstream image
                    assert re.fullmatch(r"redis:\d+\.\d+[\w.\-]*", c["image"]), c["image"]
                    continue
                assert re.fullmatch(
                    rf"[\w.\-/]+/(gateway|tenants|ingest|candidates|parser):{re.escape(tag)}",
                    c["image"],
                ), c["image"]
            assert d["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/version"] == tag
        if d["kind"] != "Namespace":
            assert d["metadata"]["labels"].get("app.kubernetes.io/version") == tag, (
                f"{d['kind']}/{d['metadata']['name']}"
            )


def test_overlay_scale(kustomize):
    def by_name(env, kind):
        return {
            d["metadata"]["name"]: d
            for d in kustomize(f"{K8S}/overlays/{env}")
            if d["kind"] == kind
        }

    dev = by_name("dev", "Deployment")
    assert {n: d["spec"].get("replicas") for n, d in dev.items()} == dict.fromkeys(dev, 1)
    for env in ("staging", "prod"):
        deps = by_name(env, "Deployment")
        for svc in ("ats-tenants", "ats-ingest", "ats-candidates"):
            assert deps[svc]["spec"]["replicas"] >= 2, (
                f"{env}: {svc} needs 2+ replicas to survive a drain"
            )
        hpas = by_name(env, "HorizontalPodAutoscaler")
        assert hpas["ats-gateway"]["spec"]["minReplicas"] >= 2
    prod_hpa = by_name("prod", "HorizontalPodAutoscaler")
    # The runbook scales workers to 8 under a backlog: prod autoscaling must allow at least that.
    assert prod_hpa["ats-parser"]["spec"]["maxReplicas"] >= 8
    # The OCR lane always runs (or parse.ocr only fills up), and prod survives losing a pod.
    for env in ("staging", "prod"):
        ocr = by_name(env, "HorizontalPodAutoscaler")["ats-parser-ocr"]["spec"]
        assert 1 <= ocr["minReplicas"] < ocr["maxReplicas"], env
    assert prod_hpa["ats-parser-ocr"]["spec"]["minReplicas"] >= 2


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_parser_lanes(env, kustomize):
    """Two Deployments of one image: ats-parser reads parse.text, ats-parser-ocr parse.ocr."""
    deps = {
        d["metadata"]["name"]: d["spec"]["template"]["spec"]["containers"][0]
        for d in kustomize(f"{K8S}/overlays/{env}")
        if d["kind"] == "Deployment"
    }
    text, ocr = deps["ats-parser"], deps["ats-parser-ocr"]
    assert text["image"] == ocr["image"] and text["command"] == ocr["command"]

    def env_of(c: dict) -> dict:
        return {e["name"]: e.get("value") for e in c["env"]}

    assert env_of(text)["ATS_PARSER_LANES"] == "text"
    assert env_of(ocr)["ATS_PARSER_LANES"] == "ocr"
    assert "ATS_OCR_CONCURRENCY" not in env_of(text)


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_monitoring_objects(env, kustomize, repo_root):
    docs = kustomize(f"{K8S}/overlays/{env}")
    kinds = {d["kind"] for d in docs}
    if env == "dev":
        assert not kinds & {"PrometheusRule", "ServiceMonitor"}, (
            "dev clusters may lack the operator CRDs"
        )
        return
    rule = next(d for d in docs if d["kind"] == "PrometheusRule")
    plain = yaml.safe_load((repo_root / RULES).read_text())
    assert rule["spec"]["groups"] == plain["groups"]
    monitor = next(d for d in docs if d["kind"] == "ServiceMonitor")
    services = [d for d in docs if d["kind"] == "Service"]
    selected = [
        s
        for s in services
        if all(
            s["metadata"]["labels"].get(k) == v
            for k, v in monitor["spec"]["selector"]["matchLabels"].items()
        )
    ]
    endpoint_ports = {e["port"] for e in monitor["spec"]["endpoints"]}
    # Redis's Service matches the selector too, but has no port the endpoints name: not scraped
    # (so ServiceDown, up{job=~"ats-.*"}, is about the ATS processes only).
    redis = [
        s for s in selected if s["metadata"]["labels"]["app.kubernetes.io/component"] == "redis"
    ]
    assert len(redis) == 1 and not endpoint_ports & {p["name"] for p in redis[0]["spec"]["ports"]}
    selected = [s for s in selected if s not in redis]
    assert len(selected) == 6, [s["metadata"]["name"] for s in selected]
    for s in selected:
        assert endpoint_ports & {p["name"] for p in s["spec"]["ports"]}, (
            f"{s['metadata']['name']} is not scraped"
        )
    for e in monitor["spec"]["endpoints"]:
        assert {"targetLabel": "job", "replacement": "ats-$1"}.items() <= e["relabelings"][
            0
        ].items()
    dashboard = next(
        d
        for d in docs
        if d["kind"] == "ConfigMap" and "grafana_dashboard" in d["metadata"]["labels"]
    )
    assert json.loads(dashboard["data"]["ats-overview.json"]) == json.loads(
        (repo_root / DASHBOARD).read_text()
    )


# --- Prometheus rules ------------------------------------------------------------------------


def test_rules_cover_the_runbook_alerts(repo_root):
    rules = _rules(repo_root)
    names = {r.get("alert") for r in rules}
    assert set(ALERTS) <= names, f"missing alerts: {set(ALERTS) - names}"
    used: dict[str, set[str]] = {}
    for rule in rules:
        name = rule["alert"]
        severity, metrics = ALERTS[name]
        assert rule["labels"]["severity"] == severity, name
        for key in ("summary", "description", "runbook_url"):
            assert rule["annotations"].get(key), f"{name}: no {key} annotation"
        assert re.fullmatch(r"docs/RUNBOOK\.md#[a-z0-9\-]+", rule["annotations"]["runbook_url"]), (
            name
        )
        mine = {m for m in metrics if re.search(rf"\b{m}\b", rule["expr"])}
        assert mine, f"{name} should use one of {metrics}"
        used.setdefault(name, set()).update(mine)
        if name in THRESHOLDS:
            assert THRESHOLDS[name] in " ".join(rule["expr"].split()), (
                f"{name}: threshold {THRESHOLDS[name]}"
            )
    for name, (_, metrics) in ALERTS.items():
        assert used[name] == metrics, f"{name}: no rule uses {metrics - used[name]}"
    # Two rules under one alert name need a label that tells them apart (promtool lint).
    label_sets = [
        (r["alert"], tuple(sorted(r.get("labels", {}).items()))) for r in rules if "alert" in r
    ]
    assert len(label_sets) == len(set(label_sets)), "duplicate alert name + labels"
    consumers = next(r for r in rules if r["alert"] == "NoWorkersAvailable")
    assert 'ats_queue_consumers{queue="parse.text"}' in consumers["expr"]
    error_rate = next(r for r in rules if r["alert"] == "HighAPIErrorRate")
    assert 'status=~"5.."' in error_rate["expr"] and "[5m]" in error_rate["expr"]
    latency = next(r for r in rules if r["alert"] == "HighResponseTime")
    assert "histogram_quantile(0.95" in latency["expr"]
    usage = [r for r in rules if r["alert"] == "HighResourceUsage"]
    assert {r["labels"].get("resource") for r in usage} == {"cpu", "memory"}


def test_ocr_lane_rules(repo_root):
    """The OCR lane is covered: no consumer with documents waiting, the fallback rate against
    finished documents, slow pages (p95) and a backlog per OCR worker."""
    rules = _rules(repo_root)

    def flat(r: dict) -> str:
        return " ".join(r["expr"].split())

    no_workers = [flat(r) for r in rules if r["alert"] == "NoWorkersAvailable"]
    assert any(
        'ats_queue_consumers{queue="parse.ocr"}' in e and 'ats_queue_depth{queue="parse.ocr"}' in e
        for e in no_workers
    ), "no alert for documents waiting in parse.ocr with no OCR worker"
    fallback = next(flat(r) for r in rules if r["alert"] == "OCRFallbackRateHigh")
    # Documents (not pages) against finished documents (not retried or rerouted deliveries).
    assert 'ats_ocr_fallback_total{unit="documents"}' in fallback
    assert 'ats_parse_jobs_total{outcome=~"parsed|failed"}' in fallback and "> 0.5" in fallback
    slowdown = {
        r["labels"]["cause"]: flat(r) for r in rules if r["alert"] == "ResumeProcessingSlowdown"
    }
    assert set(slowdown) == {"ocr_page_duration", "ocr_backlog"}
    assert "histogram_quantile(0.95" in slowdown["ocr_page_duration"]
    assert 'ats_queue_depth{queue="parse.ocr"}' in slowdown["ocr_backlog"]
    assert 'ats_queue_consumers{queue="parse.ocr"}' in slowdown["ocr_backlog"]


def test_resource_alerts_cover_every_container(repo_root, kustomize):
    """HighResourceUsage names containers; a Deployment added later must not be missed."""
    containers = {
        c["name"]
        for d in kustomize(f"{K8S}/overlays/prod")
        if d["kind"] == "Deployment"
        for c in d["spec"]["template"]["spec"]["containers"]
    }
    for rule in (r for r in _rules(repo_root) if r["alert"] == "HighResourceUsage"):
        for pattern in re.findall(r'container=~"([^"]+)"', rule["expr"]):
            missed = {c for c in containers if not re.fullmatch(pattern, c)}
            assert not missed, f"HighResourceUsage ({rule['labels']['resource']}) misses {missed}"


def test_rule_copies_are_identical(repo_root):
    plain = yaml.safe_load((repo_root / RULES).read_text())
    crd = yaml.safe_load((repo_root / MONITORING / "prometheusrule.yaml").read_text())
    assert crd["spec"]["groups"] == plain["groups"], (
        "prometheusrule.yaml drifted from ats-rules.yml"
    )
    helm_copy = repo_root / "helm/ats/files/ats-rules.yml"
    assert helm_copy.read_bytes() == (repo_root / RULES).read_bytes(), (
        f"{helm_copy} drifted from {RULES}"
    )


def test_runbook_anchors_exist(repo_root, markdown_anchors):
    runbook = repo_root / "docs" / "RUNBOOK.md"
    if not runbook.exists():
        pytest.skip("docs/RUNBOOK.md does not exist yet: runbook_url anchors cannot be checked")
    anchors = markdown_anchors(runbook)
    missing = {
        r["alert"]: r["annotations"]["runbook_url"]
        for r in _rules(repo_root)
        if r["annotations"]["runbook_url"].split("#", 1)[1] not in anchors
    }
    assert not missing, f"runbook_url anchors with no heading in docs/RUNBOOK.md: {missing}"


def test_markdown_anchor_slugs(markdown_anchors, tmp_path):
    # The slug rules the anchor check relies on, on headings from the client's runbook.
    md = tmp_path / "r.md"
    md.write_text(
        "### High Error Rate (>5% API errors)\n### Queue Backup (>500 tasks)\n"
        '### Issue: "High CPU usage"\n'
        "```\n# not a heading\n```\n## Queue Monitoring\n## Queue Monitoring\n"
    )
    assert markdown_anchors(md) == {
        "high-error-rate-5-api-errors",
        "queue-backup-500-tasks",
        "issue-high-cpu-usage",
        "queue-monitoring",
        "queue-monitoring-1",
    }


@pytest.fixture(scope="module")
def promtool():
    path = shutil.which("promtool")
    if path is None:
        pytest.skip("promtool is not installed (Debian package 'prometheus')")
    return path


def test_promtool_check_rules(promtool, repo_root):
    proc = subprocess.run(
        [promtool, "check", "rules", str(repo_root / RULES)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_promtool_rule_unit_tests(promtool, repo_root):
    proc = subprocess.run(
        [promtool, "test", "rules", str(repo_root / RULE_TESTS)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_rule_unit_tests_cover_every_alert(repo_root):
    tests = yaml.safe_load((repo_root / RULE_TESTS).read_text())
    fired = {
        t["alertname"]
        for case in tests["tests"]
        for t in case.get("alert_rule_test", [])
        if t.get("exp_alerts")
    }
    assert set(ALERTS) <= fired, f"alerts without a firing unit test: {set(ALERTS) - fired}"


# --- Alertmanager ----------------------------------------------------------------------------


def _walk_routes(route):
    yield route
    for child in route.get("routes", []):
        yield from _walk_routes(child)


def test_alertmanager_routes_by_severity(repo_root):
    config = yaml.safe_load((repo_root / ALERTMANAGER).read_text())
    receivers = {r["name"]: r for r in config["receivers"]}
    routes = list(_walk_routes(config["route"]))
    for route in routes:
        assert route["receiver"] in receivers, f"route to unknown receiver {route['receiver']}"
    matchers = {m for route in routes for m in route.get("matchers", [])}
    assert {'severity="critical"', 'severity="warning"'} <= matchers
    security = next(r for r in routes if 'alertname="RLSBypassAttempt"' in r.get("matchers", []))
    assert security.get("continue") is True, "RLS alerts must also reach the critical receiver"
    critical = next(r for r in routes if 'severity="critical"' in r.get("matchers", []))
    assert critical["receiver"] != config["route"]["receiver"]
    for receiver in receivers.values():
        for hook in receiver.get("webhook_configs", []):
            assert "url" not in hook, "webhook URLs are secrets: use url_file"
            assert hook["url_file"].startswith("/etc/alertmanager/secrets/"), hook


def test_amtool_check_config(repo_root, tmp_path):
    amtool = shutil.which("amtool")
    if amtool is None:
        pytest.skip("amtool is not installed (Debian package 'prometheus-alertmanager')")
    config = (repo_root / ALERTMANAGER).read_text()
    version = subprocess.run([amtool, "--version"], capture_output=True, text=True)
    m = re.search(r"version (\d+)\.(\d+)", version.stdout + version.stderr)
    if m and (int(m.group(1)), int(m.group(2))) < (0, 26):
        # url_file arrived in Alertmanager 0.26; check everything else with an equivalent url.
        config = re.sub(r"url_file: (\S+)", r"url: http://example.invalid\1", config)
    path = tmp_path / "alertmanager.yml"
    path.write_text(config)
    proc = subprocess.run([amtool, "check-config", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- Grafana ---------------------------------------------------------------------------------


def test_grafana_dashboard(repo_root):
    text = (repo_root / DASHBOARD).read_text()
    dashboard = json.loads(text)
    assert dashboard["uid"] and dashboard["title"]
    panels = [p for p in dashboard["panels"] if p["type"] != "row"]
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"]), (
        "panel ids must be unique"
    )
    exprs = []
    for p in panels:
        assert p.get("targets"), f"panel {p['title']} has no query"
        assert p["datasource"]["uid"] == "${datasource}", f"panel {p['title']} pins a data source"
        exprs += [t["expr"] for t in p["targets"]]
    used = {m for e in exprs for m in re.findall(r"\b(ats_[a-z_]+|process_[a-z_]+|up)\b", e)}
    assert used >= DASHBOARD_METRICS, f"dashboard lacks {DASHBOARD_METRICS - used}"
    assert (repo_root / "helm/ats/files/ats-overview.json").read_text() == text, (
        "Helm copy of the dashboard drifted"
    )


# --- documentation ---------------------------------------------------------------------------


def test_readme_documents_operations(repo_root):
    readme = (repo_root / K8S / "README.md").read_text()
    for needle in (
        "kubectl apply -k deploy/k8s/overlays/prod",
        "kubectl -n ats-prod scale deployment/ats-parser --replicas=8",
        "deployment/ats-parser-ocr",
        "docs/ocr.md",
        "docker-compose up --scale worker=8",
        "create secret generic ats-secrets",
        "create secret generic ats-migration-secret",
        "ats-alertmanager-webhooks",
    ):
        assert needle in readme, f"deploy/k8s/README.md should mention: {needle}"
    # Placeholders only: no real-looking secrets in the instructions.
    assert not re.search(r"postgresql://\w+:(?!<)[^@\s']+@", readme)
