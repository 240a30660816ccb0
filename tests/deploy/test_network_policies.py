"""NetworkPolicies of the kustomize overlays and the Helm chart.

The gRPC services trust the tenant id in the call metadata; only the gateway authenticates
clients. Until services authenticate each other, the NetworkPolicies decide who may call whom,
so these tests evaluate the rendered policies instead of comparing them with a copy: for every
(source pod, target pod, port) the small evaluator below computes whether the policies admit
the connection, and the full matrix must equal the intended one. A rule that is too broad (no
``ports``, no ``from``, a ``namespaceSelector: {}``, an ``ipBlock``) or a selector that misses
the pods' real labels shows up as a mismatch.

Evaluator semantics (networking.k8s.io/v1): a pod selected by no Ingress policy accepts
everything; a selected pod accepts a connection when at least one rule of one selecting policy
admits both the source and the port. A peer with only ``podSelector`` means pods of the
policy's namespace; with ``namespaceSelector`` (and optionally ``podSelector``) pods of the
matching namespaces. Peers with an ``ipBlock`` are treated as admitting every source: the block
may well contain pod addresses, and nothing here needs one. Connections from the node (kubelet
probes) are always allowed by Kubernetes and not modelled.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import Any

import pytest
import yaml

K8S = "deploy/k8s"
OVERLAYS = ["dev", "staging", "prod"]
MONITORING_NS = "monitoring"
GRPC_SERVICES = ("tenants", "ingest", "candidates", "parser", "parser-ocr")
# Who may call each gRPC service: the gateway calls tenants, ingest, candidates and the parser;
# both parser lanes fetch document bytes from ingest and ask tenants whether a job's client is
# active. Nobody calls the OCR lane (its gRPC port only serves the kubelet's probes). Nobody
# else, whatever namespace or release it belongs to.
GRPC_CALLERS = {
    "tenants": {"gateway", "parser", "parser-ocr"},
    "ingest": {"gateway", "parser", "parser-ocr"},
    "candidates": {"gateway"},
    "parser": {"gateway"},
    "parser-ocr": set(),
}
# Who may reach Redis (the rate-limit budgets): the gateway alone.
REDIS_CLIENTS = {"gateway"}
# NetworkPolicies rendered: the default deny plus one per Deployment (Redis included).
POLICY_COUNT = 8
# A port no ATS process listens on: must stay closed to everyone.
UNUSED_PORT = ("unused", 8080)
# Pod labels of Prometheus as prometheus-operator (kube-prometheus-stack) sets them.
PROMETHEUS_LABELS = {
    "app.kubernetes.io/name": "prometheus",
    "app.kubernetes.io/instance": "kube-prometheus-stack-prometheus",
    "prometheus": "kube-prometheus-stack-prometheus",
}
HELM_CASES = {
    # values, release
    "defaults": ({}, "ats"),
    "other-release": ({"gateway": {"autoscaling": {"enabled": False}}}, "prod"),
}


@dataclass
class Pod:
    namespace: str
    labels: dict[str, str]
    # Named container ports (for policies that use port names).
    ports: dict[str, int] = field(default_factory=dict)

    @property
    def namespace_labels(self) -> dict[str, str]:
        # Kubernetes sets this label on every namespace (1.22+).
        return {"kubernetes.io/metadata.name": self.namespace}


# --- evaluator -------------------------------------------------------------------------------


def _selects(selector: dict | None, labels: dict[str, str]) -> bool:
    """LabelSelector semantics: {} selects everything; matchLabels AND matchExpressions."""
    selector = selector or {}
    unknown = set(selector) - {"matchLabels", "matchExpressions"}
    assert not unknown, f"unknown selector fields {unknown}"
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        present = key in labels
        ok = {
            "In": present and labels.get(key) in values,
            "NotIn": not present or labels[key] not in values,
            "Exists": present,
            "DoesNotExist": not present,
        }[op]
        if not ok:
            return False
    return True


def _peer_admits(peer: dict, src: Pod, policy_ns: str) -> bool:
    if "ipBlock" in peer:
        return True  # over-approximation, see the module docstring
    if "namespaceSelector" in peer:
        ns_ok = _selects(peer["namespaceSelector"], src.namespace_labels)
    else:
        ns_ok = src.namespace == policy_ns
    return ns_ok and _selects(peer.get("podSelector"), src.labels)


def _port_admits(rule_port: dict, target: Pod, port: tuple[str, int]) -> bool:
    if rule_port.get("protocol", "TCP") != "TCP":
        return False
    name, number = port
    wanted = rule_port.get("port")
    if wanted is None:
        return True
    if isinstance(wanted, str):  # a named port of the target's containers
        return wanted == name and target.ports.get(name) == number
    return wanted <= number <= rule_port.get("endPort", wanted)


def allowed(policies: list[dict], src: Pod, target: Pod, port: tuple[str, int]) -> bool:
    selecting = [
        p
        for p in policies
        if p["metadata"].get("namespace", target.namespace) == target.namespace
        and _selects(p["spec"]["podSelector"], target.labels)
        and "Ingress" in p["spec"].get("policyTypes", ["Ingress"])
    ]
    if not selecting:
        return True
    for policy in selecting:
        policy_ns = policy["metadata"].get("namespace", target.namespace)
        for rule in policy["spec"].get("ingress") or []:
            peers = rule.get("from") or []
            ports = rule.get("ports") or []
            if (not peers or any(_peer_admits(p, src, policy_ns) for p in peers)) and (
                not ports or any(_port_admits(p, target, port) for p in ports)
            ):
                return True
    return False


# --- the rendered app and the sources to try --------------------------------------------------


def _component(obj: dict) -> str:
    return obj["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]


def app_pods(docs: list[dict], namespace: str) -> dict[str, Pod]:
    """component -> a pod as its Deployment (or the migration Job) would create it."""
    pods = {}
    for d in docs:
        if d["kind"] not in ("Deployment", "Job"):
            continue
        template = d["spec"]["template"]
        ports = {
            p["name"]: p["containerPort"]
            for c in template["spec"]["containers"]
            for p in c.get("ports", [])
        }
        pods[_component(d)] = Pod(namespace, dict(template["metadata"]["labels"]), ports)
    app = {"gateway", *GRPC_SERVICES, "migrate"}
    assert app <= set(pods) <= app | {"redis"}, sorted(pods)  # Redis unless disabled (Helm)
    return pods


def sources(pods: dict[str, Pod], namespace: str) -> dict[str, Pod]:
    """Every client that might try to connect, keyed by a name the expectations use."""
    gateway = pods["gateway"].labels
    srcs = {comp: Pod(namespace, pod.labels) for comp, pod in pods.items()}
    srcs.update(
        {
            # Anything else running in the app's namespace.
            "stranger-same-namespace": Pod(namespace, {"app": "debug-shell"}),
            # A gateway of another release (or app) in the same namespace.
            "other-release-gateway": Pod(
                namespace, {**gateway, "app.kubernetes.io/instance": "someone-else"}
            ),
            # A pod in another namespace that copies the gateway's labels.
            "gateway-lookalike-other-namespace": Pod("intruder", dict(gateway)),
            "prometheus": Pod(MONITORING_NS, dict(PROMETHEUS_LABELS)),
            "grafana-in-monitoring": Pod(MONITORING_NS, {"app.kubernetes.io/name": "grafana"}),
            "prometheus-other-namespace": Pod("team-x", dict(PROMETHEUS_LABELS)),
            "ingress-controller": Pod("ingress-nginx", {"app.kubernetes.io/name": "ingress-nginx"}),
        }
    )
    return srcs


def expected(source: str, target: str, port_name: str) -> bool:
    """The intended policy (default configuration)."""
    if target == "gateway" and port_name == "http":
        return True  # the public entry, behind the ingress controller
    if port_name == "grpc":
        return source in GRPC_CALLERS[target]
    if port_name == "metrics":
        return source == "prometheus"
    if port_name == "redis":
        return source in REDIS_CLIENTS
    return False


def matrix_errors(docs: list[dict], namespace: str, expect=expected) -> list[str]:
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    pods = app_pods(docs, namespace)
    srcs = sources(pods, namespace)
    errors = []
    for target, pod in pods.items():
        for port in [*pod.ports.items(), UNUSED_PORT]:
            for src_name, src in srcs.items():
                got = allowed(policies, src, pod, port)
                want = expect(src_name, target, port[0])
                if got != want:
                    errors.append(
                        f"{src_name} -> {target}:{port[1]} ({port[0]}): "
                        f"{'allowed' if got else 'denied'}, expected "
                        f"{'allowed' if want else 'denied'}"
                    )
    return errors


def structure_errors(docs: list[dict], namespace: str) -> list[str]:
    """Default deny, one policy per process, ingress only (egress stays open)."""
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    pods = app_pods(docs, namespace)
    errors = []
    for p in policies:
        name = p["metadata"]["name"]
        if p["apiVersion"] != "networking.k8s.io/v1":
            errors.append(f"{name}: apiVersion {p['apiVersion']}")
        if p["spec"].get("policyTypes") != ["Ingress"]:
            errors.append(f"{name}: policyTypes should be [Ingress] (egress stays open)")
    any_pod = dict(pods["gateway"].labels)
    any_pod["app.kubernetes.io/component"] = "added-later"
    deny_all = [
        p
        for p in policies
        if not p["spec"].get("ingress")
        and "Ingress" in p["spec"].get("policyTypes", [])
        and all(_selects(p["spec"]["podSelector"], pod.labels) for pod in pods.values())
        and _selects(p["spec"]["podSelector"], any_pod)
    ]
    if len(deny_all) != 1:
        errors.append(
            f"expected one default-deny ingress policy selecting every app pod, "
            f"found {[p['metadata']['name'] for p in deny_all]}"
        )
    for comp, pod in pods.items():
        own = [
            p["metadata"]["name"]
            for p in policies
            if p["spec"].get("ingress") and _selects(p["spec"]["podSelector"], pod.labels)
        ]
        want = 0 if comp == "migrate" else 1
        if len(own) != want:
            errors.append(f"{comp}: expected {want} allowing policy, found {own}")
        elif own and not own[0].endswith(f"-{comp}"):
            errors.append(f"{comp}: its policy {own[0]} should be named ...-{comp}")
    for p in policies:
        if p["spec"].get("ingress") and not any(
            _selects(p["spec"]["podSelector"], pod.labels) for pod in pods.values()
        ):
            errors.append(f"{p['metadata']['name']}: selects none of the app's pods")
    return errors


def _network_policies(docs: list[dict]) -> list[dict]:
    return [d for d in docs if d["kind"] == "NetworkPolicy"]


# --- the evaluator itself --------------------------------------------------------------------


def test_evaluator_semantics():
    target = Pod("app", {"role": "db"}, {"grpc": 50051})
    same_ns = Pod("app", {"role": "web"})
    other_ns = Pod("elsewhere", {"role": "web"})

    def policy(*rules: dict, selector: dict | None = None) -> list[dict]:
        spec = {"podSelector": selector or {}, "policyTypes": ["Ingress"], "ingress": list(rules)}
        return [{"metadata": {"namespace": "app"}, "spec": spec}]

    web = {"matchLabels": {"role": "web"}}
    grpc = ("grpc", 50051)
    assert allowed([], other_ns, target, grpc), "unselected pods are open"
    assert not allowed(policy(), same_ns, target, grpc), "selected without rules: deny"
    assert allowed(policy({}), other_ns, target, grpc), "an empty rule admits everything"
    only_web = policy({"from": [{"podSelector": web}], "ports": [{"port": 50051}]})
    assert allowed(only_web, same_ns, target, grpc)
    assert not allowed(only_web, other_ns, target, grpc), "podSelector alone: own namespace"
    assert not allowed(only_web, same_ns, target, ("metrics", 9101))
    any_ns = policy({"from": [{"namespaceSelector": {}, "podSelector": web}]})
    assert allowed(any_ns, other_ns, target, ("x", 1)), "no ports: every port"
    by_name = policy({"ports": [{"port": "grpc"}]})
    assert allowed(by_name, other_ns, target, grpc)
    assert not allowed(by_name, other_ns, target, ("metrics", 9101))
    ranged = policy({"ports": [{"port": 9000, "endPort": 9999}]})
    assert allowed(ranged, same_ns, target, ("metrics", 9101))
    assert not allowed(
        policy({"ports": [{"port": 50051, "protocol": "UDP"}]}), same_ns, target, grpc
    )
    assert allowed(policy({"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}]}), other_ns, target, grpc)
    expr = {"matchExpressions": [{"key": "role", "operator": "In", "values": ["web", "api"]}]}
    assert allowed(policy({"from": [{"podSelector": expr}]}), same_ns, target, grpc)
    not_db = policy(
        {}, selector={"matchExpressions": [{"key": "role", "operator": "NotIn", "values": ["db"]}]}
    )
    assert allowed(not_db + policy(selector={"matchLabels": {"x": "y"}}), same_ns, target, grpc), (
        "policies that do not select the pod do not isolate it"
    )


def test_matrix_catches_too_broad_rules(kustomize):
    """The matrix check fails for the usual ways a rule ends up admitting too much."""
    docs = kustomize(f"{K8S}/overlays/prod")
    assert not matrix_errors(docs, "ats-prod")

    def broken(mutate) -> list[str]:
        mutated = copy.deepcopy(docs)
        tenants = next(
            d
            for d in mutated
            if d["kind"] == "NetworkPolicy" and d["metadata"]["name"] == "ats-tenants"
        )
        mutate(tenants["spec"]["ingress"][0])
        return matrix_errors(mutated, "ats-prod")

    assert broken(lambda r: r.pop("ports")), "a rule without ports opens every port"
    assert broken(lambda r: r.pop("from")), "a rule without from admits every source"
    assert broken(lambda r: r["from"][0].update(namespaceSelector={})), "any namespace"
    assert broken(lambda r: r["from"].append({"ipBlock": {"cidr": "0.0.0.0/0"}}))
    assert broken(
        lambda r: r["from"][0]["podSelector"]["matchLabels"].pop("app.kubernetes.io/instance")
    )
    assert broken(
        lambda r: r["from"][0]["podSelector"]["matchLabels"].update(
            {"app.kubernetes.io/component": "ingest"}
        )
    ), "the gateway can no longer call tenants"


# --- kustomize -------------------------------------------------------------------------------


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_network_policies_validate(env, kustomize, k8s_validate):
    policies = _network_policies(kustomize(f"{K8S}/overlays/{env}"))
    assert len(policies) == POLICY_COUNT, [p["metadata"]["name"] for p in policies]
    k8s_validate(policies)


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_network_policy_structure(env, kustomize):
    errors = structure_errors(kustomize(f"{K8S}/overlays/{env}"), f"ats-{env}")
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("env", OVERLAYS)
def test_overlay_reachability_matrix(env, kustomize):
    errors = matrix_errors(kustomize(f"{K8S}/overlays/{env}"), f"ats-{env}")
    assert not errors, "\n".join(errors)


def test_base_lists_and_documents_every_policy(repo_root):
    base = repo_root / K8S / "base"
    files = sorted(
        str(p.relative_to(base))
        for p in base.rglob("*.yaml")
        if yaml.safe_load(p.read_text()).get("kind") == "NetworkPolicy"
    )
    assert files == [
        "candidates/networkpolicy.yaml",
        "default-deny-ingress.yaml",
        "gateway/networkpolicy.yaml",
        "ingest/networkpolicy.yaml",
        "parser-ocr/networkpolicy.yaml",
        "parser/networkpolicy.yaml",
        "redis/networkpolicy.yaml",
        "tenants/networkpolicy.yaml",
    ]
    listed = yaml.safe_load((base / "kustomization.yaml").read_text())["resources"]
    readme = (repo_root / K8S / "README.md").read_text()
    for f in files:
        assert f in listed, f"{f} is not in base/kustomization.yaml"
        assert f"base/{f}" in readme, f"deploy/k8s/README.md should mention base/{f}"
    assert "kubernetes.io/metadata.name: monitoring" in readme
    assert re.search(r"egress", readme, re.I), "README should explain how to restrict egress"


def _readme_yaml_blocks(repo_root, needle: str) -> list[str]:
    readme = (repo_root / K8S / "README.md").read_text()
    blocks = re.findall(r"^```yaml\n(.*?)^```", readme, re.M | re.S)
    return [b for b in blocks if needle in b]


@pytest.fixture(scope="module")
def patched_prod(repo_root, kubectl, tmp_path_factory, load_yaml_docs):
    """render(patches) -> the prod overlay with extra kustomize patches on top."""

    def render(patches: list[dict]) -> list[dict]:
        tmp = tmp_path_factory.mktemp("overlay")
        overlay = repo_root / K8S / "overlays" / "prod"
        (tmp / "kustomization.yaml").write_text(
            yaml.safe_dump(
                {
                    "apiVersion": "kustomize.config.k8s.io/v1beta1",
                    "kind": "Kustomization",
                    # kustomize only accepts relative paths to other kustomizations.
                    "resources": [os.path.relpath(overlay, tmp)],
                    "patches": patches,
                }
            )
        )
        proc = subprocess.run(
            [kubectl, "kustomize", str(tmp)], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        return load_yaml_docs(proc.stdout)

    return render


def test_readme_prometheus_namespace_patch(repo_root, patched_prod):
    """The README's patch for a Prometheus in another namespace works on top of an overlay."""
    blocks = _readme_yaml_blocks(repo_root, "/spec/ingress/1/from/0/namespaceSelector")
    assert len(blocks) == 1, "README should show one patch for the Prometheus namespace"
    new_ns = re.search(r"kubernetes\.io/metadata\.name: ([\w-]+)", blocks[0]).group(1)
    assert new_ns != MONITORING_NS
    docs = patched_prod(yaml.safe_load(blocks[0])["patches"])
    policies = _network_policies(docs)
    pods = app_pods(docs, "ats-prod")
    moved = Pod(new_ns, dict(PROMETHEUS_LABELS))
    old = Pod(MONITORING_NS, dict(PROMETHEUS_LABELS))
    for comp in GRPC_SERVICES:
        metrics = ("metrics", pods[comp].ports["metrics"])
        assert allowed(policies, moved, pods[comp], metrics), f"{new_ns}: cannot scrape {comp}"
        assert not allowed(policies, old, pods[comp], metrics), f"{comp}: old namespace admitted"
    assert allowed(policies, moved, pods["gateway"], ("http", 8002))
    # Only the Prometheus rules changed: the gRPC part of the matrix is untouched.
    errors = [e for e in matrix_errors(docs, "ats-prod") if "prometheus" not in e.split()[0]]
    assert not errors, "\n".join(errors)


def test_readme_gateway_patch(repo_root, patched_prod):
    blocks = _readme_yaml_blocks(repo_root, "path: /spec/ingress/0/from\n")
    assert len(blocks) == 1, "README should show how to narrow the gateway's public rule"
    docs = patched_prod(yaml.safe_load(blocks[0])["patches"])

    def expect(source: str, target: str, port_name: str) -> bool:
        if target == "gateway" and port_name == "http":
            return source in ("ingress-controller", "prometheus")
        return expected(source, target, port_name)

    errors = matrix_errors(docs, "ats-prod", expect)
    assert not errors, "\n".join(errors)


def test_readme_egress_example(repo_root, kustomize, k8s_validate):
    blocks = _readme_yaml_blocks(repo_root, "policyTypes: [Egress]")
    assert len(blocks) == 1, "README should show an egress policy"
    text = re.sub(r"<[A-Z_]+>", "192.0.2.10", blocks[0])
    policy = yaml.safe_load(text)
    k8s_validate([policy])
    assert policy["kind"] == "NetworkPolicy" and policy["spec"]["policyTypes"] == ["Egress"]
    docs = kustomize(f"{K8S}/overlays/prod")
    pods = app_pods(docs, "ats-prod")
    assert all(_selects(policy["spec"]["podSelector"], p.labels) for p in pods.values())
    # DNS, the four gRPC ports, Redis, PostgreSQL and RabbitMQ.
    ports = {
        (p.get("protocol", "TCP"), p["port"]) for r in policy["spec"]["egress"] for p in r["ports"]
    }
    grpc = {("TCP", port) for port in (50051, 50052, 50053, 50054)}
    assert ports == {("UDP", 53), ("TCP", 53), ("TCP", 6379), ("TCP", 5432), ("TCP", 5672)} | grpc


# --- Helm ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", HELM_CASES)
def test_helm_network_policies_validate(case, helm_render, k8s_validate):
    vals, release = HELM_CASES[case]
    policies = _network_policies(helm_render(vals, release))
    assert len(policies) == POLICY_COUNT, [p["metadata"]["name"] for p in policies]
    k8s_validate(policies)
    for p in policies:
        assert "namespace" not in p["metadata"]
        assert p["metadata"]["labels"]["app.kubernetes.io/instance"] == release
        assert p["metadata"]["labels"]["helm.sh/chart"].startswith("ats-")


@pytest.mark.parametrize("case", HELM_CASES)
def test_helm_network_policy_structure(case, helm_render, helm_namespace):
    errors = structure_errors(helm_render(*HELM_CASES[case]), helm_namespace)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("case", HELM_CASES)
def test_helm_reachability_matrix(case, helm_render, helm_namespace):
    errors = matrix_errors(helm_render(*HELM_CASES[case]), helm_namespace)
    assert not errors, "\n".join(errors)


def test_helm_same_policies_as_kustomize(helm_render, kustomize):
    """Release "ats" gives the same policy names and rules as the kustomize base."""

    def specs(docs: list[dict]) -> dict[str, Any]:
        return {p["metadata"]["name"]: p["spec"] for p in _network_policies(docs)}

    assert specs(helm_render({}, "ats")) == specs(kustomize(f"{K8S}/base"))


def test_helm_network_policy_disabled(helm_render):
    docs = helm_render({"networkPolicy": {"enabled": False}}, "ats")
    assert docs, "the chart rendered nothing"
    assert not _network_policies(docs)


def test_helm_prometheus_namespace(helm_render, helm_namespace, k8s_validate):
    """Another namespace name: the documented override of the default label's value."""
    selector = {"matchLabels": {"kubernetes.io/metadata.name": "observability"}}
    docs = helm_render({"networkPolicy": {"prometheusNamespaceSelector": selector}}, "ats")
    policies = _network_policies(docs)
    k8s_validate(policies)
    pods = app_pods(docs, helm_namespace)
    moved = Pod("observability", dict(PROMETHEUS_LABELS))
    for comp in GRPC_SERVICES:
        metrics = ("metrics", pods[comp].ports["metrics"])
        assert allowed(policies, moved, pods[comp], metrics), comp
        assert not allowed(policies, Pod(MONITORING_NS, PROMETHEUS_LABELS), pods[comp], metrics)
        assert not allowed(policies, moved, pods[comp], ("grpc", pods[comp].ports["grpc"]))


def test_helm_prometheus_other_label_and_any_pod(helm_render, helm_namespace, k8s_validate):
    """The documented form for a selector on another label (Helm merges maps, so the default
    label is nulled) and for admitting every pod of the namespace (matchLabels: null)."""
    docs = helm_render(
        {
            "networkPolicy": {
                "prometheusNamespaceSelector": {
                    "matchLabels": {"kubernetes.io/metadata.name": None, "team": "observability"}
                },
                "prometheusPodSelector": {"matchLabels": None},
            }
        },
        "ats",
    )
    policies = _network_policies(docs)
    k8s_validate(policies)
    pods = app_pods(docs, helm_namespace)

    @dataclass
    class TeamPod(Pod):
        @property
        def namespace_labels(self) -> dict[str, str]:
            return {"kubernetes.io/metadata.name": self.namespace, "team": "observability"}

    agent = TeamPod("obs", {"app.kubernetes.io/name": "vmagent"})
    default_prometheus = Pod(MONITORING_NS, dict(PROMETHEUS_LABELS))
    for comp in GRPC_SERVICES:
        metrics = ("metrics", pods[comp].ports["metrics"])
        assert allowed(policies, agent, pods[comp], metrics), comp
        assert not allowed(policies, default_prometheus, pods[comp], metrics), comp
        assert not allowed(policies, agent, pods[comp], ("grpc", pods[comp].ports["grpc"])), comp


def test_helm_gateway_from_and_extra_ingress(helm_render, helm_namespace, k8s_validate):
    admin = {"app.kubernetes.io/name": "admin-tool"}
    ingress_ns = {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}
    docs = helm_render(
        {
            "networkPolicy": {
                "gatewayFrom": [{"namespaceSelector": ingress_ns}],
                "extraIngress": {
                    "tenants": [
                        {
                            "from": [{"podSelector": {"matchLabels": admin}}],
                            "ports": [{"port": 50051}],
                        }
                    ]
                },
            }
        },
        "ats",
    )
    k8s_validate(_network_policies(docs))

    def expect(source: str, target: str, port_name: str) -> bool:
        if target == "gateway" and port_name == "http":
            return source in ("ingress-controller", "prometheus")
        return expected(source, target, port_name)

    errors = matrix_errors(docs, helm_namespace, expect)
    assert not errors, "\n".join(errors)
    policies = _network_policies(docs)
    pods = app_pods(docs, helm_namespace)
    tool = Pod(helm_namespace, admin)
    assert allowed(policies, tool, pods["tenants"], ("grpc", 50051))
    assert not allowed(policies, tool, pods["ingest"], ("grpc", 50052))
    assert not allowed(policies, tool, pods["tenants"], ("metrics", 9101))


def test_helm_values_schema_rejects_bad_network_policy_values(repo_root):
    jsonschema = pytest.importorskip("jsonschema")
    chart = repo_root / "helm/ats"
    schema = json.loads((chart / "values.schema.json").read_text())
    values = yaml.safe_load((chart / "values.yaml").read_text())
    assert values["networkPolicy"]["enabled"] is True
    jsonschema.validate(values, schema)
    np = values["networkPolicy"]
    for bad in (
        {**np, "enable": True},
        {**np, "prometheusNamespaceSelector": {"matchLabel": {"a": "b"}}},
        {**np, "gatewayFrom": [{"podSelectr": {}}]},
        {**np, "extraIngress": {**np["extraIngress"], "worker": []}},
        {**np, "extraIngress": {**np["extraIngress"], "tenants": [{"form": []}]}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**values, "networkPolicy": bad}, schema)


# --- Redis and the parser's tenants calls ----------------------------------------------------


def _renderings(kustomize, helm_render) -> dict[str, tuple[list[dict], str]]:
    docs = {
        f"kustomize-{env}": (kustomize(f"{K8S}/overlays/{env}"), f"ats-{env}") for env in OVERLAYS
    }
    for case, (vals, release) in HELM_CASES.items():
        docs[f"helm-{case}"] = (helm_render(vals, release), "ats-test")
    return docs


def test_only_the_gateway_reaches_redis(kustomize, helm_render):
    """The rate-limit budgets: a pod that could write them could lift any tenant's limits."""
    for name, (docs, namespace) in _renderings(kustomize, helm_render).items():
        policies = _network_policies(docs)
        pods = app_pods(docs, namespace)
        redis = pods["redis"]
        assert redis.ports == {"redis": 6379}, name
        admitted = {
            src_name
            for src_name, src in sources(pods, namespace).items()
            for port in [*redis.ports.items(), UNUSED_PORT]
            if allowed(policies, src, redis, port)
        }
        assert admitted == {"gateway"}, f"{name}: {sorted(admitted)}"


def test_both_parser_lanes_reach_tenants_grpc(kustomize, helm_render):
    """The parser asks tenants whether a job's client is active before parsing it."""
    for name, (docs, namespace) in _renderings(kustomize, helm_render).items():
        policies = _network_policies(docs)
        pods = app_pods(docs, namespace)
        tenants = pods["tenants"]
        for lane in ("parser", "parser-ocr"):
            assert allowed(policies, Pod(namespace, pods[lane].labels), tenants, ("grpc", 50051)), (
                f"{name}: {lane} cannot call tenants"
            )
            assert not allowed(
                policies, Pod(namespace, pods[lane].labels), tenants, ("metrics", 9101)
            ), f"{name}: {lane} may scrape tenants"
        # Nothing else gained access: the OCR lane is still not called by the parser.
        assert not allowed(policies, pods["parser"], pods["parser-ocr"], ("grpc", 50054)), name


def test_helm_without_redis(helm_render, helm_namespace, k8s_validate):
    """redis.enabled=false (your own Redis): no Redis objects, the rest of the matrix intact."""
    docs = helm_render({"redis": {"enabled": False}}, "ats")
    policies = _network_policies(docs)
    k8s_validate(policies)
    assert len(policies) == POLICY_COUNT - 1, [p["metadata"]["name"] for p in policies]
    assert "redis" not in app_pods(docs, helm_namespace)
    assert not [d for d in docs if d["metadata"]["name"] == "ats-redis"]
    errors = matrix_errors(docs, helm_namespace) + structure_errors(docs, helm_namespace)
    assert not errors, "\n".join(errors)
