"""docker-compose.yml, read as data: there is no Docker engine on the CI machine to run `docker compose
config`, so this checks what that would not anyway: only the proxy is reachable from outside, every
long-running service says how to tell it is healthy, and the portal serves as the role that owns nothing."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


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
    assert set(services) == {"proxy", "web", "migrate", "db"}


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
    assert _database_user(services["migrate"]) == owner
    command = " ".join(services["migrate"]["command"].split())
    assert "manage.py migrate --noinput && python manage.py grant_serving_role " + serving in command
    assert "migrate" not in str(services["web"].get("command", ""))  # the serving role could not run them


def test_the_containers_do_not_run_as_root(services):
    assert services["web"]["user"] == services["migrate"]["user"] == "portal"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "USER portal" in dockerfile


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
