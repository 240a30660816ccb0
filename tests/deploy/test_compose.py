"""docker-compose.yml (single-host install) and its PostgreSQL init script.

Structure is checked from the YAML alone. ``docker-compose config`` (or ``docker compose
config``) validates the file when either is installed; the role-creation SQL runs against a
throwaway PostgreSQL cluster when the server binaries are installed. No Docker engine needed.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

# compose service -> component (tests/deploy/conftest.py COMPONENTS).
APP_SERVICES = {
    "gateway": "gateway",
    "tenants": "tenants",
    "ingest": "ingest",
    "candidates": "candidates",
    "worker": "parser",
    "ocr-worker": "parser-ocr",
}
REQUIRED = {
    "gateway",
    "worker",
    "ocr-worker",
    "tenants",
    "ingest",
    "candidates",
    "migrate",
    "postgres",
    "rabbitmq",
    "redis",
}
# Variables a user must set in .env; the file interpolates them with ${VAR:?...}.
SECRETS = [
    "POSTGRES_PASSWORD",
    "ATS_OWNER_DB_PASSWORD",
    "ATS_APP_DB_PASSWORD",
    "RABBITMQ_DEFAULT_PASS",
    "ATS_PLATFORM_ADMIN_TOKEN",
    "ATS_JWT_KEYS",
    "REDIS_PASSWORD",
    "GRAFANA_ADMIN_PASSWORD",
]


@pytest.fixture(scope="module")
def compose(repo_root) -> dict:
    return yaml.safe_load((repo_root / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def test_required_services(services):
    assert set(services) >= REQUIRED, f"missing: {REQUIRED - set(services)}"
    assert services["postgres"]["image"] == "postgres:15"
    assert services["rabbitmq"]["image"] == "rabbitmq:3.10-management"
    assert services["redis"]["image"].startswith("redis:")


def test_builds_use_the_service_dockerfiles(services, repo_root, components):
    for name, component in APP_SERVICES.items():
        image = components[component].get("image", component)
        build = services[name]["build"]
        assert build["context"] == "."
        assert build["dockerfile"] == f"services/{image}/Dockerfile"
        assert (repo_root / build["dockerfile"]).is_file()
        assert services[name]["image"].endswith(f"/{image}:${{ATS_IMAGE_TAG:-local}}")
    assert (repo_root / services["migrate"]["build"]["dockerfile"]).is_file()


def test_worker_can_be_scaled(services, repo_root):
    # `docker-compose up --scale worker=8` needs: no fixed container name, no host port.
    for name in ("worker", "ocr-worker"):
        worker = services[name]
        assert "container_name" not in worker, name
        assert "ports" not in worker, name
        assert worker["build"]["dockerfile"] == "services/parser/Dockerfile"
    assert not [n for n, s in services.items() if "container_name" in s], (
        "container_name breaks --scale and -p"
    )


def test_ports_and_addresses(services, components):
    assert "${ATS_HTTP_PUBLISH:-8002}:8002" in services["gateway"]["ports"]
    for name, component in APP_SERVICES.items():
        env = services[name]["environment"]
        ports = components[component]["ports"]
        if component == "gateway":
            assert env["ATS_HTTP_PORT"] == "8002"
        else:
            assert env["ATS_GRPC_PORT"] == str(ports["grpc"]) and env["ATS_METRICS_PORT"] == str(
                ports["metrics"]
            )
        for svc, comp in APP_SERVICES.items():
            if comp not in ("gateway", "parser-ocr"):  # nothing dials the OCR lane
                assert (
                    env[f"ATS_{comp.upper()}_ADDR"] == f"{svc}:{components[comp]['ports']['grpc']}"
                )


def test_parser_lanes(services, components):
    """`worker` reads parse.text, `ocr-worker` parse.ocr: one image, two lanes."""
    worker, ocr = services["worker"], services["ocr-worker"]
    assert worker["image"] == ocr["image"]
    assert worker["environment"]["ATS_PARSER_LANES"] == components["parser"]["lanes"] == "text"
    assert ocr["environment"]["ATS_PARSER_LANES"] == components["parser-ocr"]["lanes"] == "ocr"
    assert re.fullmatch(r"\$\{ATS_OCR_CONCURRENCY:-1\}", ocr["environment"]["ATS_OCR_CONCURRENCY"])
    assert re.fullmatch(r"\$\{ATS_OCR_THREADS:-\d+\}", ocr["environment"]["ATS_OCR_THREADS"])
    assert "ATS_OCR_CONCURRENCY" not in worker["environment"]
    # The image always has OCR: no build argument to forget.
    assert "args" not in worker["build"] and "args" not in ocr["build"]
    # Model loading: a longer grace before the health check counts.
    grace = int(ocr["healthcheck"]["start_period"].rstrip("s"))
    assert grace >= 120 and ocr["healthcheck"]["test"] == worker["healthcheck"]["test"]


def test_startup_order(services):
    for name in APP_SERVICES:
        deps = services[name]["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully", name
        assert deps["rabbitmq"]["condition"] == "service_healthy", name
        assert services[name]["stop_grace_period"] == "30s"
        assert services[name]["stop_signal"] == "SIGTERM"
        assert services[name]["read_only"] is True and "/tmp" in services[name]["tmpfs"]
        assert "healthcheck" in services[name], name
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["migrate"]["restart"] == "no"
    for infra in ("postgres", "rabbitmq", "redis"):
        assert "healthcheck" in services[infra], infra


def test_credentials_are_never_literals(repo_root, services):
    text = (repo_root / "docker-compose.yml").read_text()
    for var in SECRETS:
        assert re.search(rf"\$\{{{var}:\?[^}}]+\}}", text), (
            f"{var} must be required with ${{{var}:?...}}"
        )
    urls = [
        v
        for s in services.values()
        for v in (s.get("environment") or {}).values()
        if "://" in str(v)
    ]
    assert len(urls) >= 6
    for url in urls:
        userinfo = url.split("://", 1)[1].rsplit("@", 1)[0]
        assert re.search(r":\$\{[A-Z_]+:\?[^}]*\}$", userinfo), f"password in {url} is not required"
    # Migrations get the owner DSN; no service does.
    assert "ats_owner" in services["migrate"]["environment"]["ATS_MIGRATION_DATABASE_URL"]
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert "ATS_MIGRATION_DATABASE_URL" not in env
        assert "ats_owner" not in str(env.get("ATS_DATABASE_URL", ""))


def test_env_example_sets_every_required_variable(repo_root):
    example = (repo_root / "deploy/compose/env.example").read_text()
    for var in SECRETS:
        assert re.search(rf"^{var}=change-me$", example, re.M), (
            f"env.example should have {var}=change-me"
        )


def test_mounted_files_exist(services, repo_root):
    for name, svc in services.items():
        for volume in svc.get("volumes", []):
            source = re.match(r"(\$\{[^}]*\}|[^:]+):", volume).group(1)
            if source.startswith("./"):
                assert (repo_root / source).exists(), f"{name}: {source} does not exist"
            elif source.startswith("${"):
                default = re.match(r"\$\{\w+:-([^}]+)\}", source)
                assert default and (repo_root / default.group(1)).exists(), f"{name}: {source}"


def test_init_sql_creates_roles(repo_root, services):
    sql = (repo_root / "deploy/compose/postgres/ats-roles.sql").read_text()
    owner = re.search(r"CREATE ROLE ats_owner ([^;]+);", sql).group(1)
    app = re.search(r"CREATE ROLE ats_app ([^;]+);", sql).group(1)
    for attr in ("LOGIN", "NOSUPERUSER", "NOBYPASSRLS"):
        assert attr in app.split(), f"ats_app must be {attr}"
    assert "NOSUPERUSER" in owner.split()
    assert re.search(r'CREATE DATABASE :"db_name" OWNER ats_owner;', sql)
    assert "PASSWORD :'app_password'" in sql and "PASSWORD :'owner_password'" in sql
    script = repo_root / "deploy/compose/postgres/10-ats-roles.sh"
    assert os.access(script, os.X_OK), "the initdb script must be executable"
    mounts = services["postgres"]["volumes"]
    assert (
        "./deploy/compose/postgres/10-ats-roles.sh:/docker-entrypoint-initdb.d/10-ats-roles.sh:ro"
        in mounts
    )
    assert "./deploy/compose/postgres/ats-roles.sql:/ats-init/ats-roles.sql:ro" in mounts


def _compose_cli() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    return None


def test_compose_config_validates(repo_root):
    cli = _compose_cli()
    if cli is None:
        pytest.skip("neither docker-compose nor the docker compose plugin is installed")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": tempfile.gettempdir(),
        **dict.fromkeys(SECRETS, "placeholder"),
    }
    for profile in ([], ["--profile", "monitoring"]):
        proc = subprocess.run(
            [*cli, "-f", str(repo_root / "docker-compose.yml"), *profile, "config", "-q"],
            capture_output=True,
            text=True,
            env=env,
            cwd=repo_root,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
    # Without the secrets the file refuses to render instead of starting with empty passwords.
    proc = subprocess.run(
        [*cli, "-f", str(repo_root / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        env={"PATH": env["PATH"], "HOME": env["HOME"]},
        cwd=repo_root,
        timeout=120,
    )
    assert proc.returncode != 0


def test_compose_prometheus_config(repo_root):
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool is not installed (Debian package 'prometheus')")
    proc = subprocess.run(
        [
            promtool,
            "check",
            "config",
            "--syntax-only",
            str(repo_root / "deploy/compose/prometheus/prometheus.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = yaml.safe_load((repo_root / "deploy/compose/prometheus/prometheus.yml").read_text())
    jobs = {j["job_name"] for j in config["scrape_configs"]}
    assert {
        "ats-gateway",
        "ats-tenants",
        "ats-ingest",
        "ats-candidates",
        "ats-parser",
        "ats-parser-ocr",
    } <= jobs


# --- the init SQL against a real, private PostgreSQL ------------------------------------------


def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@pytest.fixture(scope="module")
def private_postgres(repo_root):
    """A throwaway cluster on a Unix socket only (no TCP), removed afterwards."""
    pg_bin, psql = _pg_bin(), shutil.which("psql")
    if pg_bin is None or psql is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl, psql) are not installed")
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        runuser = shutil.which("runuser")
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            runuser = None
        if runuser is None:
            pytest.skip(
                "running as root without a 'postgres' user and runuser: "
                "cannot start a private cluster"
            )
        run_as = [runuser, "-u", "postgres", "--"]
    workdir = Path(tempfile.mkdtemp(prefix="ats-pg-"))
    if run_as:
        shutil.chown(workdir, user="postgres")
    data = workdir / "data"
    with socket.socket() as s:  # a free port number; it only names the socket file
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def run(*cmd: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([*run_as, *cmd], capture_output=True, text=True, env=env, timeout=120)
        if check:
            assert proc.returncode == 0, f"{cmd}: {proc.stdout}{proc.stderr}"
        return proc

    run(str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
    run(
        str(pg_bin / "pg_ctl"),
        "-D",
        str(data),
        "-w",
        "-l",
        str(workdir / "log"),
        "-o",
        f"-p {port} -k {workdir} -c listen_addresses=''",
        "start",
    )
    sql = workdir / "ats-roles.sql"
    shutil.copy(repo_root / "deploy/compose/postgres/ats-roles.sql", sql)
    sql.chmod(0o644)
    try:
        yield {"run": run, "host": str(workdir), "port": str(port), "sql": sql}
    finally:
        run(str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(workdir, ignore_errors=True)


def test_init_script_on_private_postgres(private_postgres, repo_root):
    pg = private_postgres
    base_env = {"PATH": os.environ.get("PATH", ""), "PGHOST": pg["host"], "PGPORT": pg["port"]}
    # Run the init script as the postgres image would, with the SQL at our path, not /ats-init.
    script = (
        (repo_root / "deploy/compose/postgres/10-ats-roles.sh")
        .read_text()
        .replace("/ats-init/ats-roles.sql", str(pg["sql"]))
    )
    env = {
        **base_env,
        "ATS_OWNER_DB_PASSWORD": "owner-secret",
        "ATS_APP_DB_PASSWORD": "app-secret",
        "POSTGRES_USER": "postgres",
    }
    pg["run"]("sh", "-c", script, env=env)

    def psql(user: str, *commands: str, check: bool = True) -> subprocess.CompletedProcess:
        args = ["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-U", user, "-d", "ats"]
        for c in commands:
            args += ["-c", c]
        return pg["run"](*args, env=base_env, check=check)

    roles = psql(
        "postgres",
        "SELECT rolname, rolsuper, rolbypassrls, rolcanlogin FROM pg_roles"
        " WHERE rolname LIKE 'ats_%' ORDER BY 1",
    ).stdout.split()
    assert roles == ["ats_app|f|f|t", "ats_owner|f|f|t"]
    assert (
        psql(
            "postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'ats'"
        ).stdout.strip()
        == "ats_owner"
    )

    # What a migration does, as the owner: a tenant table with forced RLS, DML granted to the app.
    psql(
        "ats_owner",
        "CREATE TABLE notes (tenant_id int NOT NULL, body text)",
        "ALTER TABLE notes ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE notes FORCE ROW LEVEL SECURITY",
        "CREATE POLICY tenant ON notes"
        " USING (tenant_id = current_setting('app.tenant_id', true)::int)",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON notes TO ats_app",
    )
    psql("postgres", "INSERT INTO notes VALUES (1, 'a'), (2, 'b')")
    assert psql("ats_app", "SELECT count(*) FROM notes").stdout.strip() == "0", (
        "no tenant set: fail closed"
    )
    out = psql(
        "ats_app",
        "BEGIN",
        "SELECT set_config('app.tenant_id', '1', true)",
        "SELECT body FROM notes",
        "COMMIT",
    ).stdout
    assert out.split() == ["BEGIN", "1", "a", "COMMIT"]
    # The app role cannot change the schema or switch RLS off; other roles cannot connect.
    assert psql("ats_app", "CREATE TABLE x (i int)", check=False).returncode != 0
    assert (
        psql("ats_app", "ALTER TABLE notes DISABLE ROW LEVEL SECURITY", check=False).returncode != 0
    )
    psql("postgres", "CREATE ROLE intruder LOGIN")
    assert psql("intruder", "SELECT 1", check=False).returncode != 0
