"""docker-compose.yml: Compose's own `docker-compose config` accepts it (no Docker engine is needed for that,
and none runs on the CI machine), and, read as data, only the proxy is reachable from outside, every
long-running service says how to tell it is healthy, and the portal serves as the role that owns nothing."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# The .env README "Deploying with docker-compose" asks for.
COMPOSE_ENV = {
    "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "notices.example.gov.uk",
    "CSRF_TRUSTED_ORIGINS": "https://notices.example.gov.uk", "PORTAL_URL": "https://notices.example.gov.uk",
    "POSTGRES_PASSWORD": "owner-password", "WEB_DB_PASSWORD": "web-password",
}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def _database_user(service: dict) -> str:
    # Not urlsplit: the password is a ${VAR:?message} that compose fills in.
    return re.match(r"postgres://([^:@]+)[:@]", service["environment"]["DATABASE_URL"])[1]


def test_it_runs_only_what_the_portal_needs(services):
    assert set(services) == {"proxy", "web", "worker", "migrate", "db"}


def test_only_the_proxy_publishes_a_port(services):
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    assert all("expose" not in service for service in services.values())


def test_gunicorn_is_only_on_the_internal_network(compose, services):
    assert services["web"]["networks"] == ["internal"]
    assert compose["networks"]["internal"]["internal"] is True
    assert set(services["proxy"]["networks"]) == {"edge", "internal"}


def test_every_long_running_service_has_a_healthcheck(services):
    for name, service in services.items():
        if service.get("restart") == "no":
            continue
        check = service.get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), name
        assert service["restart"] == "unless-stopped", name


def test_the_one_shot_service_is_waited_for_by_the_portal(services):
    one_shot = [name for name, service in services.items() if service.get("restart") == "no"]

    assert one_shot == ["migrate"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_the_portal_serves_as_the_role_that_migrations_grant_and_that_owns_nothing(services):
    owner = services["db"]["environment"]["POSTGRES_USER"]
    serving = _database_user(services["web"])

    assert serving != owner
    assert _database_user(services["worker"]) == serving
    assert _database_user(services["migrate"]) == owner
    command = " ".join(services["migrate"]["command"].split())
    assert "manage.py migrate --noinput && python manage.py grant_serving_role " + serving in command
    assert "migrate" not in str(services["web"].get("command", ""))  # the serving role could not run them


def test_the_containers_do_not_run_as_root(services):
    assert services["web"]["user"] == services["worker"]["user"] == services["migrate"]["user"] == "portal"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "USER portal" in dockerfile


def test_the_worker_runs_the_web_image_beside_it_on_the_internal_network(services):
    worker, web = services["worker"], services["web"]

    assert worker["build"] == web["build"]
    assert worker["command"][:3] == ["python", "manage.py", "db_worker"]
    assert worker["networks"] == ["internal"]
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "check_queue" in worker["healthcheck"]["test"]
    # It stores the PDFs the web service and nginx serve, and writes the mirror.
    assert "media:/data/media" in worker["volumes"] and "mirror:/data/mirror" in worker["volumes"]
    assert worker["environment"]["MIRROR_ROOT"] == "/data/mirror"
    assert {k: v for k, v in worker["environment"].items() if k != "MIRROR_ROOT"} == {
        k: v for k, v in web["environment"].items() if k != "STORED_FILES_ACCEL_REDIRECT"}


def test_every_deploy_makes_sure_the_nightly_run_is_queued(services):
    command = " ".join(services["migrate"]["command"].split())

    assert command.endswith("&& python manage.py schedule_nightly\"")


def test_the_portal_trusts_forwarded_addresses_from_the_proxy_alone(services):
    proxy_address = services["proxy"]["networks"]["internal"]["ipv4_address"]
    trusted = services["web"]["environment"]["TRUSTED_PROXIES"]

    assert trusted.split(",")[0] == proxy_address
    assert "BEHIND_TLS_PROXY" not in (ROOT / "docker-compose.yml").read_text()


def test_the_production_settings_are_required_not_defaulted(services):
    environment = services["web"]["environment"]

    assert environment["DEBUG"] == "false"
    for variable in ("SECRET_KEY", "ALLOWED_HOSTS", "PORTAL_URL", "CSRF_TRUSTED_ORIGINS"):
        assert re.fullmatch(rf"\$\{{{variable}:\?set {variable} .+\}}", environment[variable]), variable


def test_the_image_serves_with_gunicorn_from_locked_dependencies():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "pip install --no-cache-dir --require-hashes -r requirements/lock.txt" in dockerfile
    assert 'CMD ["gunicorn", "--config", "gunicorn.conf.py", "config.wsgi:application"]' in dockerfile
    assert re.search(r"^FROM \S+ AS web$", dockerfile, re.MULTILINE)
    assert re.search(r"^FROM nginx:\S+ AS proxy$", dockerfile, re.MULTILINE)


def test_nginx_reads_the_stored_pdfs_it_sends_and_cannot_change_them(services):
    nginx_conf = (ROOT / "deploy" / "nginx" / "nginx.conf").read_text()
    prefix = services["web"]["environment"]["STORED_FILES_ACCEL_REDIRECT"]

    assert services["proxy"]["volumes"] == ["media:/data/media:ro"]
    assert re.search(rf"location {prefix} {{\s*internal;\s*alias /data/media/;", nginx_conf)


def _compose_config(tmp_path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`docker-compose config`: Compose's own validation and interpolation (it needs no Docker engine)."""
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{name}={value}\n" for name, value in env.items()))
    return subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("docker-compose") or "docker-compose", "--env-file", str(env_file), "-f",
         str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True, text=True, timeout=60, env={"PATH": os.environ["PATH"]},
    )


def test_compose_itself_accepts_the_file_with_the_readme_env(tmp_path):
    result = _compose_config(tmp_path, COMPOSE_ENV)

    assert result.returncode == 0, result.stderr
    resolved = yaml.safe_load(result.stdout)
    assert resolved["services"]["web"]["environment"]["PORTAL_URL"] == "https://notices.example.gov.uk"
    assert resolved["services"]["web"]["environment"]["DATABASE_URL"].startswith("postgres://portal_web:")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "PORTAL_URL", "ALLOWED_HOSTS", "WEB_DB_PASSWORD"])
def test_compose_refuses_to_start_without_a_required_variable(tmp_path, missing):
    result = _compose_config(tmp_path, {name: value for name, value in COMPOSE_ENV.items() if name != missing})

    assert result.returncode != 0
    assert f"set {missing}" in result.stderr
