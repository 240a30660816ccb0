"""Settings the gateway's authentication and the parser's client checks need, in every
deployment format: the gateway's ATS_REDIS_URL (rate-limit and login-throttle budgets) and
ATS_JWT_KEYS come from a Secret, Redis runs next to it (kustomize, Helm unless disabled), and
both parser lanes know where tenants is (ATS_TENANTS_ADDR). Reachability (only the gateway
reaches Redis; both parser lanes reach tenants) is in test_network_policies.py."""

from __future__ import annotations

import ipaddress
import json
import re

import pytest
import yaml

K8S = "deploy/k8s"
OVERLAYS = ["dev", "staging", "prod"]
HPA = {"gateway", "parser", "parser-ocr"}
GATEWAY_SECRETS = {"ATS_REDIS_URL": "redis-url", "ATS_JWT_KEYS": "jwt-keys"}


def _deployments(docs: list[dict]) -> dict[str, dict]:
    return {
        d["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]: d
        for d in docs
        if d["kind"] == "Deployment"
    }


def _container(dep: dict) -> dict:
    [container] = dep["spec"]["template"]["spec"]["containers"]
    return container


def _effective_env(container: dict, docs: list[dict]) -> dict[str, object]:
    """What the container sees: its ConfigMaps (envFrom) overridden by its own env."""
    configmaps = {
        d["metadata"]["name"]: d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"
    }
    env: dict[str, object] = {}
    for ref in container.get("envFrom", []):
        env.update(configmaps[ref["configMapRef"]["name"]])
    for entry in container.get("env", []):
        env[entry["name"]] = entry.get("value", entry.get("valueFrom"))
    return env


@pytest.fixture(scope="module")
def renderings(kustomize, helm_render) -> dict[str, list[dict]]:
    docs = {f"kustomize-{env}": kustomize(f"{K8S}/overlays/{env}") for env in OVERLAYS}
    docs["helm-defaults"] = helm_render({}, "ats")
    docs["helm-other-release"] = helm_render({}, "prod")
    docs["helm-own-redis"] = helm_render({"redis": {"enabled": False}}, "ats")
    return docs


def test_the_gateway_reads_redis_url_and_jwt_keys_from_a_secret(renderings):
    for name, docs in renderings.items():
        env = {e["name"]: e for e in _container(_deployments(docs)["gateway"])["env"]}
        for variable, key in GATEWAY_SECRETS.items():
            ref = env[variable]["valueFrom"]["secretKeyRef"]
            assert ref == {"name": "ats-secrets", "key": key}, f"{name}: {variable}"
        others = [
            c["name"]
            for comp, dep in _deployments(docs).items()
            if comp != "gateway"
            for c in [_container(dep)]
            if {e["name"] for e in c.get("env", [])} & set(GATEWAY_SECRETS)
        ]
        assert not others, f"{name}: only the gateway gets these credentials, not {others}"


def test_redis_runs_with_the_app_unless_disabled(renderings, assert_workloads):
    for name, docs in renderings.items():
        own_redis = name == "helm-own-redis"
        hpa = set() if name == "kustomize-dev" else HPA
        assert_workloads(docs, expect_hpa=hpa, expect_redis=not own_redis)
        redis = _deployments(docs).get("redis")
        if own_redis:
            assert redis is None
            continue
        assert redis is not None, name
        password = {e["name"]: e for e in _container(redis)["env"]}["REDISCLI_AUTH"]
        assert password["valueFrom"]["secretKeyRef"] == {
            "name": "ats-secrets",
            "key": "redis-password",
        }, name


def test_the_redis_url_names_the_bundled_service_in_the_docs(repo_root, renderings):
    """The Secret holds the URL, so the docs must give the right host: <fullname>-redis."""
    services = {
        d["metadata"]["name"] for d in renderings["helm-defaults"] if d["kind"] == "Service"
    }
    assert "ats-redis" in services
    for doc in ("deploy/k8s/README.md", "helm/ats/README.md"):
        text = (repo_root / doc).read_text()
        assert re.search(r"redis-url=\"redis://:\$REDIS_PASSWORD@ats-redis:6379/0\"", text), doc
        assert 'jwt-keys="k1:$(openssl rand -hex 32)"' in text, doc


def test_both_parser_lanes_know_where_tenants_is(renderings):
    for name, docs in renderings.items():
        services = {
            d["metadata"]["name"]: {p["name"]: p["port"] for p in d["spec"]["ports"]}
            for d in docs
            if d["kind"] == "Service"
        }
        for lane in ("parser", "parser-ocr"):
            env = _effective_env(_container(_deployments(docs)[lane]), docs)
            host, _, port = str(env.get("ATS_TENANTS_ADDR", "")).rpartition(":")
            assert host.endswith("-tenants") and services[host]["grpc"] == int(port), (
                f"{name}: {lane} has ATS_TENANTS_ADDR={env.get('ATS_TENANTS_ADDR')}"
            )


def test_helm_values_schema_covers_the_new_keys(repo_root):
    jsonschema = pytest.importorskip("jsonschema")
    chart = repo_root / "helm/ats"
    schema = json.loads((chart / "values.schema.json").read_text())
    values = yaml.safe_load((chart / "values.yaml").read_text())
    jsonschema.validate(values, schema)
    assert values["redis"]["enabled"] is True
    for bad in (
        {**values, "redis": {**values["redis"], "enable": False}},
        {**values, "redis": {**values["redis"], "maxMemory": "96Mi"}},
        {**values, "secrets": {**values["secrets"], "jwtKeysKey": ""}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_compose_gateway_and_parser_settings(repo_root):
    compose = yaml.safe_load((repo_root / "docker-compose.yml").read_text())
    services = compose["services"]
    gateway = services["gateway"]["environment"]
    assert gateway["ATS_JWT_KEYS"] == "${ATS_JWT_KEYS:?set ATS_JWT_KEYS in .env}"
    assert gateway["ATS_REDIS_URL"].startswith("redis://:${REDIS_PASSWORD:?")
    assert services["gateway"]["depends_on"]["redis"]["condition"] == "service_healthy"
    for lane in ("worker", "ocr-worker"):
        assert services[lane]["environment"]["ATS_TENANTS_ADDR"] == "tenants:50051", lane
        assert "ATS_JWT_KEYS" not in services[lane]["environment"], lane
    example = (repo_root / "deploy/compose/env.example").read_text()
    assert re.search(r"^ATS_JWT_KEYS=change-me$", example, re.M)
    assert "k1:$(openssl rand -hex 32)" in example, "env.example should say how to make a key"


def test_the_gateway_trusts_forwarded_addresses_from_private_proxies_only(renderings):
    """Behind the ingress controller the gateway must take the client's address from
    X-Forwarded-For (else every login shares the controller's address and throttle budget),
    but never from anyone: a public source could then choose the IP it is throttled and
    logged as."""
    for name, docs in renderings.items():
        env = _effective_env(_container(_deployments(docs)["gateway"]), docs)
        trusted = str(env["ATS_FORWARDED_ALLOW_IPS"]).split(",")
        assert "*" not in trusted, name
        for network in trusted:
            assert ipaddress.ip_network(network.strip()).is_private, (name, network)
