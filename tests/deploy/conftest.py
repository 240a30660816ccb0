"""Shared fixtures for the deployment tests (Dockerfiles, docker-compose, kustomize, Helm).

Nothing here needs a network, a Docker engine or a cluster. External tools are optional and each
test that needs one skips with the reason when it is missing: ``kubectl`` (kustomize rendering),
``promtool``/``amtool`` (Prometheus and Alertmanager checks), ``docker-compose``/``docker compose``
(compose validation), a Helm engine (``helm`` binary or the ``helm-python-sdk`` package) and the
PostgreSQL server binaries (init SQL check).

Helpers are exposed as fixtures rather than importable functions so the tests work under both of
pytest's import modes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the deployment files")

REPO_ROOT = Path(__file__).resolve().parents[2]

# The facts every deployment format must agree on (ARCHITECTURE.md, the ops runbook).
# "secrets": the credentials each process's settings class reads, and nothing more.
# "image": the image (and Python service) when it is not the component's own name.
# "lanes": ATS_PARSER_LANES of the parser's Deployments; "grpc_callers": whether anything calls
# the component over gRPC (if not, its Service has no gRPC port).
COMPONENTS: dict[str, dict[str, Any]] = {
    "gateway": {
        "ports": {"http": 8002},
        "command": ["python", "-m", "ats_backend.gateway"],
        "secrets": {
            "ATS_DATABASE_URL",
            "ATS_AMQP_URL",
            "ATS_PLATFORM_ADMIN_TOKEN",
            "ATS_REDIS_URL",
            "ATS_JWT_KEYS",
        },
    },
    "tenants": {
        "ports": {"grpc": 50051, "metrics": 9101},
        "command": ["python", "-m", "ats_backend.tenants", "serve"],
        "secrets": {"ATS_DATABASE_URL"},
    },
    "ingest": {
        "ports": {"grpc": 50052, "metrics": 9102},
        "command": ["python", "-m", "ats_backend.ingest", "serve"],
        "secrets": {"ATS_DATABASE_URL", "ATS_AMQP_URL"},
    },
    "candidates": {
        "ports": {"grpc": 50053, "metrics": 9103},
        "command": ["python", "-m", "ats_backend.candidates", "serve"],
        "secrets": {"ATS_DATABASE_URL", "ATS_AMQP_URL"},
    },
    "parser": {
        "ports": {"grpc": 50054, "metrics": 9104},
        "command": ["python", "-m", "ats_backend.parser", "serve"],
        "secrets": {"ATS_AMQP_URL"},
        "lanes": "text",
    },
    # The parser's OCR lane: the parser image and command, consuming parse.ocr only.
    "parser-ocr": {
        "ports": {"grpc": 50054, "metrics": 9104},
        "command": ["python", "-m", "ats_backend.parser", "serve"],
        "secrets": {"ATS_AMQP_URL"},
        "image": "parser",
        "lanes": "ocr",
        "grpc_callers": False,
    },
}
# Per OCR process (ATS_OCR_CONCURRENCY): memory request and limit, in MiB, and the shortest
# startup budget (PyTorch import and model loading), in seconds.
OCR_MEMORY_REQUEST_MIB = 2048
OCR_MEMORY_LIMIT_MIB = 3072
OCR_STARTUP_SECONDS = 120
MIGRATION_ORDER = ["tenants", "ingest", "candidates"]
# Third-party workloads rendered next to the ATS processes: Redis, the gateway's rate-limit
# store (component label "redis"). Checked by _check_redis, not against COMPONENTS.
REDIS_PORT = 6379

# Every ATS_* variable the processes understand; anything else in a manifest is a typo.
ATS_ENV = {
    "ATS_DATABASE_URL",
    "ATS_MIGRATION_DATABASE_URL",
    "ATS_AMQP_URL",
    "ATS_GRPC_PORT",
    "ATS_METRICS_PORT",
    "ATS_LOG_LEVEL",
    "ATS_TENANTS_ADDR",
    "ATS_INGEST_ADDR",
    "ATS_CANDIDATES_ADDR",
    "ATS_PARSER_ADDR",
    "ATS_HTTP_PORT",
    "ATS_PLATFORM_ADMIN_TOKEN",
    "ATS_MAX_UPLOAD_BYTES",
    "ATS_PARSE_CONCURRENCY",
    "ATS_APP_ROLE",
    "ATS_PARSER_LANES",
    "ATS_OCR_CONCURRENCY",
    "ATS_OCR_THREADS",
    "ATS_OCR_PREFETCH",
    "ATS_OCR_TIMEOUT_SECONDS",
    "ATS_OCR_MEMORY_LIMIT_MB",
    "ATS_REDIS_URL",
    "ATS_JWT_KEYS",
    "ATS_JWT_ISSUER",
    "ATS_JWT_AUDIENCE",
    "ATS_FORWARDED_ALLOW_IPS",
    "ATS_CLIENT_STATUS_CACHE_SECONDS",
    "ATS_HELD_RETRY_SECONDS",
}
# These must come from a Secret, never from a literal or a ConfigMap.
SECRET_ENV = {
    "ATS_DATABASE_URL",
    "ATS_MIGRATION_DATABASE_URL",
    "ATS_AMQP_URL",
    "ATS_PLATFORM_ADMIN_TOKEN",
    # Carries the Redis password.
    "ATS_REDIS_URL",
    "ATS_JWT_KEYS",
}

STANDARD_LABELS = (
    "app.kubernetes.io/name",
    "app.kubernetes.io/instance",
    "app.kubernetes.io/component",
    "app.kubernetes.io/part-of",
    "app.kubernetes.io/managed-by",
)
SELECTOR_LABELS = (
    "app.kubernetes.io/name",
    "app.kubernetes.io/instance",
    "app.kubernetes.io/component",
)

# Object kinds that exist only with the prometheus-operator CRDs: kubernetes-validate has no
# schema for them, so they get a structural check instead.
CRD_GROUP = "monitoring.coreos.com"

K8S_VERSION = "1.30"

CHART = REPO_ROOT / "helm" / "ats"
# Namespace the chart is rendered for (helm template -n); the templates never set one.
HELM_NAMESPACE = "ats-test"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def components() -> dict[str, dict[str, Any]]:
    return COMPONENTS


@pytest.fixture(scope="session")
def migration_order() -> list[str]:
    return MIGRATION_ORDER


@pytest.fixture(scope="session")
def ats_env() -> set[str]:
    return ATS_ENV


@pytest.fixture(scope="session")
def load_yaml_docs() -> Callable[[str], list[dict]]:
    def load(text: str) -> list[dict]:
        return [d for d in yaml.safe_load_all(text) if d]

    return load


@pytest.fixture(scope="session")
def kubectl() -> str:
    path = shutil.which("kubectl")
    if path is None:
        pytest.skip(
            "kubectl is not installed: cannot render the kustomize overlays (kubectl kustomize)"
        )
    return path


@pytest.fixture(scope="session")
def kustomize(kubectl: str, load_yaml_docs) -> Callable[[str], list[dict]]:
    """Render a kustomization directory (relative to the repo root) once per session."""
    cache: dict[str, list[dict]] = {}

    def render(rel: str) -> list[dict]:
        if rel not in cache:
            proc = subprocess.run(
                [kubectl, "kustomize", str(REPO_ROOT / rel)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert proc.returncode == 0, f"kubectl kustomize {rel} failed:\n{proc.stderr}"
            cache[rel] = load_yaml_docs(proc.stdout)
        return cache[rel]

    return render


@pytest.fixture(scope="session")
def helm_namespace() -> str:
    return HELM_NAMESPACE


@pytest.fixture(scope="session")
def helm_render(load_yaml_docs, tmp_path_factory) -> Callable[..., list[dict]]:
    """render(values, release) -> list of objects, with a helm binary or helm-python-sdk.

    Renderings are cached per (values, release): treat the returned objects as read-only.
    """
    cache: dict[tuple[str, str], list[dict]] = {}
    binary = shutil.which("helm")
    if binary:

        def render_binary(vals: dict, release: str) -> list[dict]:
            f = tmp_path_factory.mktemp("values") / "values.json"
            f.write_text(json.dumps(vals))
            proc = subprocess.run(
                [binary, "template", release, str(CHART), "-n", HELM_NAMESPACE, "-f", str(f)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert proc.returncode == 0, proc.stderr
            return load_yaml_docs(proc.stdout)

        engine = render_binary
    else:
        helm = pytest.importorskip(
            "helm_python",
            reason="no Helm engine: install a helm binary or the helm-python-sdk package "
            "to render the chart",
        )

        def render_sdk(vals: dict, release: str) -> list[dict]:
            with helm.Chart.load(str(CHART)) as c:
                out = c.render(vals, name=release, namespace=HELM_NAMESPACE)
            return [
                d
                for name, text in sorted(out.items())
                if not name.endswith("NOTES.txt")
                for d in load_yaml_docs(text)
            ]

        engine = render_sdk

    def render(vals: dict, release: str = "ats") -> list[dict]:
        key = (json.dumps(vals, sort_keys=True), release)
        if key not in cache:
            cache[key] = engine(vals, release)
        return cache[key]

    return render


def _check_crd(doc: dict) -> list[str]:
    kind, name = doc.get("kind"), doc.get("metadata", {}).get("name")
    errors: list[str] = []
    spec = doc.get("spec")
    if not isinstance(spec, dict):
        return [f"{kind}/{name}: no spec"]
    if kind == "PrometheusRule":
        groups = spec.get("groups")
        if not groups:
            errors.append(f"{kind}/{name}: no rule groups")
        for group in groups or []:
            for rule in group.get("rules", []):
                if not isinstance(rule.get("expr"), str) or not (
                    "alert" in rule or "record" in rule
                ):
                    errors.append(f"{kind}/{name}: malformed rule {rule!r:.80}")
                if "alert" in rule and "severity" not in rule.get("labels", {}):
                    errors.append(f"{kind}/{name}: alert {rule['alert']} has no severity")
    elif kind in ("ServiceMonitor", "PodMonitor"):
        if "selector" not in spec:
            errors.append(f"{kind}/{name}: no selector")
        endpoints = spec.get("endpoints") or spec.get("podMetricsEndpoints")
        if not endpoints or not all("port" in e for e in endpoints):
            errors.append(f"{kind}/{name}: endpoints need a named port")
    else:
        errors.append(f"{kind}/{name}: unexpected custom resource kind")
    return errors


@pytest.fixture(scope="session")
def k8s_validate() -> Callable[[Iterable[dict]], None]:
    """Validate objects against the Kubernetes JSON schemas (strict: unknown fields fail)."""
    kv = pytest.importorskip("kubernetes_validate", reason="kubernetes-validate is not installed")

    def validate(docs: Iterable[dict]) -> None:
        errors: list[str] = []
        for doc in docs:
            api_group = doc.get("apiVersion", "").split("/")[0]
            if api_group == CRD_GROUP:
                errors += _check_crd(doc)
                continue
            try:
                kv.validate(doc, K8S_VERSION, strict=True)
            except kv.SchemaNotFoundError:
                errors.append(
                    f"no Kubernetes {K8S_VERSION} schema for "
                    f"{doc.get('apiVersion')} {doc.get('kind')}"
                )
            except kv.ValidationError as exc:
                path = "/".join(str(p) for p in exc.path)
                errors.append(f"{doc['kind']}/{doc['metadata'].get('name')}: {path}: {exc.message}")
        assert not errors, "invalid objects:\n" + "\n".join(errors)

    return validate


def _component(obj: dict) -> str | None:
    return obj.get("metadata", {}).get("labels", {}).get("app.kubernetes.io/component")


def _pod_containers(pod_spec: dict) -> list[dict]:
    return list(pod_spec.get("initContainers", [])) + list(pod_spec.get("containers", []))


def _check_labels(where: str, labels: dict, errors: list[str]) -> None:
    for label in STANDARD_LABELS:
        if not labels.get(label):
            errors.append(f"{where}: missing label {label}")


def _check_pod_security(where: str, pod_spec: dict, errors: list[str]) -> None:
    psc = pod_spec.get("securityContext", {})
    if psc.get("runAsNonRoot") is not True:
        errors.append(f"{where}: pod securityContext.runAsNonRoot is not true")
    if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        errors.append(f"{where}: pod seccompProfile is not RuntimeDefault")
    if pod_spec.get("automountServiceAccountToken") is not False:
        errors.append(f"{where}: automountServiceAccountToken is not false")
    if pod_spec.get("terminationGracePeriodSeconds") != 30:
        errors.append(f"{where}: terminationGracePeriodSeconds is not 30")
    tmp_volumes = {v["name"] for v in pod_spec.get("volumes", []) if "emptyDir" in v}
    for c in _pod_containers(pod_spec):
        cw = f"{where} container {c['name']}"
        sc = c.get("securityContext", {})
        if sc.get("readOnlyRootFilesystem") is not True:
            errors.append(f"{cw}: readOnlyRootFilesystem is not true")
        if sc.get("allowPrivilegeEscalation") is not False:
            errors.append(f"{cw}: allowPrivilegeEscalation is not false")
        if sc.get("runAsNonRoot") is not True and psc.get("runAsNonRoot") is not True:
            errors.append(f"{cw}: runAsNonRoot is not set")
        if "ALL" not in sc.get("capabilities", {}).get("drop", []):
            errors.append(f"{cw}: capabilities are not dropped")
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        if mounts.get("/tmp") not in tmp_volumes:
            errors.append(f"{cw}: /tmp is not an emptyDir mount")
        res = c.get("resources", {})
        for kind in ("requests", "limits"):
            for r in ("cpu", "memory"):
                if r not in res.get(kind, {}):
                    errors.append(f"{cw}: no resources.{kind}.{r}")


def _check_env(where: str, container: dict, configmaps: set[str], errors: list[str]) -> None:
    for env in container.get("env", []):
        name = env["name"]
        if name.startswith("ATS_") and name not in ATS_ENV:
            errors.append(f"{where}: unknown variable {name}")
        if name in SECRET_ENV:
            if "secretKeyRef" not in env.get("valueFrom", {}):
                errors.append(f"{where}: {name} must come from a Secret (secretKeyRef)")
        elif "value" in env and re.search(
            r"(password|token|://[^/]*:[^@/]*@)", str(env["value"]), re.I
        ):
            errors.append(f"{where}: {name} looks like a credential in plain text")
    for ref in container.get("envFrom", []):
        cm = ref.get("configMapRef", {}).get("name")
        if cm is not None and cm not in configmaps:
            errors.append(f"{where}: envFrom ConfigMap {cm} is not part of the rendered objects")
        if "secretRef" in ref:
            errors.append(
                f"{where}: envFrom secretRef exposes every key of a Secret; use secretKeyRef"
            )


def _env_value(container: dict, name: str) -> Any:
    for env in container.get("env", []):
        if env["name"] == name:
            return env.get("value")
    return None


def _selects(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def _quantity(value: Any) -> float:
    """A Kubernetes quantity as a number: CPUs for "500m"/"2", MiB for "512Mi"/"3Gi"."""
    text = str(value)
    for suffix, factor in (("m", 0.001), ("Ki", 1 / 1024), ("Mi", 1.0), ("Gi", 1024.0)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text)


def _check_ocr_sizing(where: str, container: dict, errors: list[str]) -> None:
    """An OCR lane's resources match its OCR processes, and its startup allows model loading."""
    concurrency = int(_env_value(container, "ATS_OCR_CONCURRENCY") or 1)
    threads = _env_value(container, "ATS_OCR_THREADS")
    res = container.get("resources", {})
    cpu_limit = _quantity(res.get("limits", {}).get("cpu", 0))
    if threads is None:
        errors.append(f"{where}: set ATS_OCR_THREADS (torch would use every core of the node)")
    elif concurrency * int(threads) > cpu_limit:
        errors.append(
            f"{where}: {concurrency} OCR process(es) x {threads} threads exceed the CPU limit "
            f"{cpu_limit}"
        )
    request = _quantity(res.get("requests", {}).get("memory", 0))
    limit = _quantity(res.get("limits", {}).get("memory", 0))
    if request < concurrency * OCR_MEMORY_REQUEST_MIB or limit < concurrency * OCR_MEMORY_LIMIT_MIB:
        errors.append(
            f"{where}: memory {request:g}/{limit:g} MiB (request/limit) is below "
            f"{OCR_MEMORY_REQUEST_MIB}/{OCR_MEMORY_LIMIT_MIB} MiB per OCR process x {concurrency}"
        )
    startup = container.get("startupProbe", {})
    budget = startup.get("periodSeconds", 10) * startup.get("failureThreshold", 3)
    if budget < OCR_STARTUP_SECONDS:
        errors.append(
            f"{where}: startup probe allows {budget}s, models need up to {OCR_STARTUP_SECONDS}s"
        )


def _check_redis(by_kind: dict[str, list[dict]], expect: bool, errors: list[str]) -> None:
    """The gateway's Redis: hardened like the ATS pods, password from a Secret, no persistence,
    reachable through a Service on 6379."""
    redis = [d for d in by_kind.get("Deployment", []) if _component(d) == "redis"]
    if not expect:
        if redis:
            errors.append("a Redis Deployment is rendered although it is disabled")
        return
    if len(redis) != 1:
        errors.append(f"expected one Redis Deployment, found {len(redis)}")
        return
    dep = redis[0]
    where = f"Deployment/{dep['metadata']['name']}"
    _check_labels(where, dep["metadata"].get("labels", {}), errors)
    pod = dep["spec"]["template"]["spec"]
    _check_pod_security(where, pod, errors)
    if dep["spec"].get("replicas") != 1:
        errors.append(f"{where}: one replica (its budgets are not shared between Redis pods)")
    if by_kind.get("PersistentVolumeClaim") or dep["kind"] == "StatefulSet":
        errors.append(f"{where}: the budgets need no persistence")
    [c] = pod["containers"]
    command = " ".join(c.get("command", []) + c.get("args", []))
    for flag in ("--save ''", "--appendonly no", "requirepass"):
        if flag not in command:
            errors.append(f"{where}: the command should set {flag}")
    env = {e["name"]: e for e in c.get("env", [])}
    password = env.get("REDISCLI_AUTH", {}).get("valueFrom", {})
    if "secretKeyRef" not in password:
        errors.append(f"{where}: the password (REDISCLI_AUTH) must come from a Secret")
    if "$REDISCLI_AUTH" in " ".join(c.get("args", [])) or "--requirepass" in command:
        errors.append(f"{where}: the password must not be on the command line")
    ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
    if ports != {"redis": REDIS_PORT}:
        errors.append(f"{where}: ports {ports}")
    selector = dep["spec"]["selector"]["matchLabels"]
    services = [s for s in by_kind.get("Service", []) if s["spec"].get("selector") == selector]
    if [[p["port"] for p in s["spec"]["ports"]] for s in services] != [[REDIS_PORT]]:
        errors.append(f"{where}: expected one Service on port {REDIS_PORT} selecting it")


def check_workloads(docs: list[dict], *, expect_hpa: set[str], expect_redis: bool = True) -> None:
    """The invariants every rendering (kustomize overlay, Helm chart) must satisfy."""
    errors: list[str] = []
    by_kind: dict[str, list[dict]] = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    _check_redis(by_kind, expect_redis, errors)
    deployments = {
        _component(d): d for d in by_kind.get("Deployment", []) if _component(d) != "redis"
    }
    services = by_kind.get("Service", [])
    configmaps = {d["metadata"]["name"]: d for d in by_kind.get("ConfigMap", [])}

    if by_kind.get("Secret"):
        errors.append("Secrets must not be rendered: they are created out of band")
    if set(deployments) != set(COMPONENTS):
        errors.append(
            f"Deployments for {sorted(c for c in deployments if c)}, expected {sorted(COMPONENTS)}"
        )

    for comp, dep in deployments.items():
        if comp not in COMPONENTS:
            continue
        facts = COMPONENTS[comp]
        where = f"Deployment/{dep['metadata']['name']}"
        if not dep["metadata"]["name"].endswith(f"-{comp}"):
            errors.append(f"{where}: name should end with -{comp}")
        _check_labels(where, dep["metadata"].get("labels", {}), errors)
        template = dep["spec"]["template"]
        pod_labels = template["metadata"].get("labels", {})
        _check_labels(f"{where} pod template", pod_labels, errors)
        selector = dep["spec"]["selector"].get("matchLabels", {})
        if set(selector) != set(SELECTOR_LABELS):
            errors.append(
                f"{where}: selector should be exactly {SELECTOR_LABELS}, is {sorted(selector)}"
            )
        if not _selects(selector, pod_labels):
            errors.append(f"{where}: selector does not match the pod template labels")
        if dep["spec"].get("strategy", {}).get("rollingUpdate", {}).get("maxUnavailable") != 0:
            errors.append(f"{where}: rolling updates should keep maxUnavailable 0")
        pod = template["spec"]
        _check_pod_security(where, pod, errors)
        if comp in expect_hpa and "replicas" in dep["spec"]:
            errors.append(f"{where}: managed by an HPA, so spec.replicas must be absent")
        containers = pod["containers"]
        if len(containers) != 1:
            errors.append(f"{where}: expected one container, got {len(containers)}")
            continue
        c = containers[0]
        cw = f"{where} container {c['name']}"
        _check_env(cw, c, set(configmaps), errors)
        if c.get("command") != facts["command"]:
            errors.append(f"{cw}: command {c.get('command')} != {facts['command']}")
        image = facts.get("image", comp)
        if not re.search(rf"/{image}:", c["image"]) and c["image"] != f"ats-{image}":
            errors.append(f"{cw}: image {c['image']} is not the {image} image")
        lanes = _env_value(c, "ATS_PARSER_LANES")
        if lanes != facts.get("lanes"):
            errors.append(f"{cw}: ATS_PARSER_LANES={lanes}, expected {facts.get('lanes')}")
        if "ocr" in str(lanes).split(","):
            _check_ocr_sizing(cw, c, errors)
        ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
        if ports != facts["ports"]:
            errors.append(f"{cw}: ports {ports} != {facts['ports']}")
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            if probe not in c:
                errors.append(f"{cw}: no {probe}")
        if comp == "gateway":
            for probe, path in (
                ("livenessProbe", "/monitoring/liveness"),
                ("readinessProbe", "/monitoring/readiness"),
            ):
                get = c.get(probe, {}).get("httpGet", {})
                if get.get("path") != path or get.get("port") not in ("http", 8002):
                    errors.append(f"{cw}: {probe} should be httpGet {path} on port http")
            pre_stop = c.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
            if not pre_stop or pre_stop[0] != "sleep":
                errors.append(f"{cw}: needs a preStop sleep so endpoints drain before SIGTERM")
            if str(_env_value(c, "ATS_HTTP_PORT")) != "8002":
                errors.append(f"{cw}: ATS_HTTP_PORT should be 8002")
        else:
            grpc_port = facts["ports"]["grpc"]
            ready = c.get("readinessProbe", {}).get("grpc", {})
            if ready.get("port") != grpc_port:
                errors.append(f"{cw}: readinessProbe should be a native gRPC probe on {grpc_port}")
            # grpc.health.v1 of these servers is NOT_SERVING while a dependency is down, so
            # liveness/startup must not be the whole-server health check (restart loops):
            # a TCP check of the gRPC port, or a gRPC check of a dedicated service name.
            for probe in ("livenessProbe", "startupProbe"):
                spec = c.get(probe, {})
                tcp_ok = spec.get("tcpSocket", {}).get("port") in ("grpc", grpc_port)
                grpc = spec.get("grpc", {})
                if not tcp_ok and not (grpc.get("port") == grpc_port and grpc.get("service")):
                    errors.append(
                        f"{cw}: {probe} should check the gRPC port, not dependency health"
                    )
            if str(_env_value(c, "ATS_GRPC_PORT")) != str(facts["ports"]["grpc"]):
                errors.append(f"{cw}: ATS_GRPC_PORT does not match the gRPC port")
            if str(_env_value(c, "ATS_METRICS_PORT")) != str(facts["ports"]["metrics"]):
                errors.append(f"{cw}: ATS_METRICS_PORT does not match the metrics port")
        secret_names = {e["name"] for e in c.get("env", []) if e["name"] in SECRET_ENV}
        if secret_names != facts["secrets"]:
            errors.append(f"{cw}: credentials {sorted(secret_names)} != {sorted(facts['secrets'])}")

        # A Service and a PodDisruptionBudget select exactly this component's pods.
        svc = [s for s in services if s["spec"].get("selector") == selector]
        if len(svc) != 1:
            errors.append(f"{where}: expected one Service selecting it, found {len(svc)}")
        else:
            svc_ports = {p.get("name") for p in svc[0]["spec"]["ports"]}
            want_ports = set(ports) if facts.get("grpc_callers", True) else set(ports) - {"grpc"}
            if svc_ports != want_ports:
                errors.append(
                    f"Service/{svc[0]['metadata']['name']}: ports {sorted(svc_ports)}, "
                    f"expected {sorted(want_ports)}"
                )
            for p in svc[0]["spec"]["ports"]:
                if p.get("targetPort") not in ports and p.get("targetPort") not in ports.values():
                    errors.append(
                        f"Service/{svc[0]['metadata']['name']}: "
                        f"targetPort {p.get('targetPort')} is not a container port"
                    )
                if p.get("port") != ports.get(p.get("name")):
                    errors.append(
                        f"Service/{svc[0]['metadata']['name']}: "
                        f"port {p.get('name')} != container port"
                    )
        pdbs = [
            p
            for p in by_kind.get("PodDisruptionBudget", [])
            if p["spec"]["selector"].get("matchLabels") == selector
        ]
        if len(pdbs) != 1:
            errors.append(f"{where}: expected one PodDisruptionBudget, found {len(pdbs)}")
        hpas = [
            h
            for h in by_kind.get("HorizontalPodAutoscaler", [])
            if h["spec"]["scaleTargetRef"]
            == {"apiVersion": "apps/v1", "kind": "Deployment", "name": dep["metadata"]["name"]}
        ]
        if comp in expect_hpa:
            if len(hpas) != 1:
                errors.append(f"{where}: expected an HPA, found {len(hpas)}")
            elif not 1 <= hpas[0]["spec"]["minReplicas"] <= hpas[0]["spec"]["maxReplicas"]:
                errors.append(f"HPA for {comp}: minReplicas/maxReplicas out of order")
        elif hpas:
            errors.append(f"{where}: unexpected HPA")

    # ConfigMaps: non-secret ATS_* settings; service addresses point at real Services and ports.
    service_ports = {
        s["metadata"]["name"]: {p["port"] for p in s["spec"]["ports"]} for s in services
    }
    for name, cm in configmaps.items():
        data = cm.get("data", {})
        if not any(k.startswith("ATS_") for k in data):
            continue
        for key, value in data.items():
            if key not in ATS_ENV:
                errors.append(f"ConfigMap/{name}: unknown key {key}")
            if key in SECRET_ENV:
                errors.append(f"ConfigMap/{name}: {key} is a secret")
            if key.endswith("_ADDR"):
                comp = key[len("ATS_") : -len("_ADDR")].lower()
                host, _, port = str(value).rpartition(":")
                if host not in service_ports or int(port) not in service_ports[host]:
                    errors.append(f"ConfigMap/{name}: {key}={value} is not a Service port")
                elif int(port) != COMPONENTS[comp]["ports"]["grpc"]:
                    errors.append(
                        f"ConfigMap/{name}: {key} should use port "
                        f"{COMPONENTS[comp]['ports']['grpc']}"
                    )

    # The migration Job: tenants -> ingest -> candidates, each as the owner.
    jobs = [j for j in by_kind.get("Job", []) if _component(j) == "migrate"]
    if len(jobs) != 1:
        errors.append(f"expected one migration Job, found {len(jobs)}")
    for job in jobs:
        where = f"Job/{job['metadata']['name']}"
        _check_labels(where, job["metadata"].get("labels", {}), errors)
        pod = job["spec"]["template"]["spec"]
        _check_pod_security(where, pod, errors)
        if pod.get("restartPolicy") != "Never":
            errors.append(
                f"{where}: restartPolicy should be Never (retries are the Job's backoffLimit)"
            )
        steps = _pod_containers(pod)
        if len(pod.get("containers", [])) != 1:
            errors.append(
                f"{where}: the last step is the only regular container; "
                "earlier ones are initContainers"
            )
        expected = [["python", "-m", f"ats_backend.{svc}", "migrate"] for svc in MIGRATION_ORDER]
        if [c.get("command") for c in steps] != expected:
            errors.append(f"{where}: steps {[c.get('command') for c in steps]} != {expected}")
        for c, svc in zip(steps, MIGRATION_ORDER, strict=False):
            if f"/{svc}" not in c["image"] and not c["image"].startswith(f"ats-{svc}"):
                errors.append(f"{where}: step {c['name']} should use the {svc} image")
            _check_env(f"{where} {c['name']}", c, set(configmaps), errors)
            names = {e["name"] for e in c.get("env", [])}
            if names & SECRET_ENV != {"ATS_MIGRATION_DATABASE_URL"}:
                errors.append(f"{where} {c['name']}: needs the owner DSN and no other credential")
            if "ATS_APP_ROLE" not in names:
                errors.append(f"{where} {c['name']}: needs ATS_APP_ROLE (the role to GRANT to)")

    assert not errors, "\n".join(errors)


@pytest.fixture(scope="session")
def assert_workloads() -> Callable[..., None]:
    return check_workloads


def github_slug(heading: str) -> str:
    """The anchor GitHub (and most Markdown renderers) give a heading."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip())  # links keep their text
    text = text.lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


@pytest.fixture(scope="session")
def markdown_anchors() -> Callable[[Path], set[str]]:
    def anchors(path: Path) -> set[str]:
        seen: dict[str, int] = {}
        out: set[str] = set()
        in_code = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("```"):
                in_code = not in_code
                continue
            m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
            if in_code or not m:
                continue
            slug = github_slug(m.group(1))
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            out.add(slug if n == 0 else f"{slug}-{n}")
        return out

    return anchors
