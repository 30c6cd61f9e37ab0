"""The static mirror, served by a real nginx, answers every public address with the portal's own bytes;
a rebuild after one publication rewrites only that notice's files."""

import io
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from notices import actions
from notices.mirror import NGINX_LOCATIONS, build_mirror, file_for, public_addresses
from tests.factories import NoticeFactory, default_organisation

pytestmark = pytest.mark.django_db
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def mirror_dir():
    # Not pytest's tmp_path: nginx's workers run as an unprivileged user and must be able to read it.
    folder = Path(tempfile.mkdtemp(prefix="mirror-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def nginx(mirror_dir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = mirror_dir.parent / f"{mirror_dir.name}-nginx"
    run.mkdir()
    conf = run / "nginx.conf"
    conf.write_text(
        f"worker_processes 1; pid {run}/nginx.pid; error_log {run}/error.log; events {{}}\n"
        f"http {{ access_log off; client_body_temp_path {run}/body; proxy_temp_path {run}/proxy;"
        f" fastcgi_temp_path {run}/fastcgi; uwsgi_temp_path {run}/uwsgi; scgi_temp_path {run}/scgi;\n"
        f"server {{ listen 127.0.0.1:{port}; root {mirror_dir}; {NGINX_LOCATIONS} }} }}\n"
    )
    process = subprocess.Popen([NGINX, "-c", str(conf), "-g", "daemon off;"])  # noqa: S603 (fixed command)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, (run / "error.log").read_text()
            time.sleep(0.05)
    yield base
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(run, ignore_errors=True)


def _portal(address):
    response = Client().get(address)
    assert response.status_code == 200, address
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body, response["Content-Type"].split(";")[0]


def _nginx(base, address):
    with urllib.request.urlopen(base + address, timeout=10) as response:  # noqa: S310 (our own nginx)
        return response.read(), response.headers["Content-Type"].split(";")[0]


def _publish_again(alice, publish, notice):
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    return publish(notice, summary="Second version")


def test_it_serves_every_public_address_with_the_portals_bytes(alice, publish, mirror_dir, nginx):
    council, carers = NoticeFactory(slug="council"), NoticeFactory(slug="young-carers")
    publish(council)
    publish(carers)
    _publish_again(alice, publish, carers)

    build_mirror(mirror_dir)

    addresses = list(public_addresses())
    assert "/notices/young-carers/compare/1...2/" in addresses and "/notices/council/v1.pdf" in addresses
    assert "/notices/council/summary/" in addresses and "/notices/young-carers/v2/summary/" in addresses
    assert {"/feed.atom", "/api/v1/index.json", "/notices/council/feed.atom", "/api/v1/notices/council/v1.json"} <= set(
        addresses)
    for address in addresses:
        assert _nginx(nginx, address) == _portal(address), address


def test_it_mirrors_every_public_address_of_the_demo_byte_for_byte(settings, mirror_dir, nginx):
    settings.DEBUG = True  # load_demo refuses to run on what looks like a live site
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False

    build = build_mirror(mirror_dir)

    addresses = list(public_addresses())
    assert len(addresses) >= 20 and not build.skipped
    for address in addresses:
        assert _nginx(nginx, address) == _portal(address), address


def test_it_rewrites_only_the_files_of_the_notice_published_since(alice, publish, mirror_dir):
    council, carers = NoticeFactory(slug="council"), NoticeFactory(slug="young-carers")
    publish(council)
    publish(carers)
    first = build_mirror(mirror_dir)
    assert file_for("/") in first.written

    _publish_again(alice, publish, carers)
    second = build_mirror(mirror_dir)

    # That notice's files, and the lists of every notice: the feeds it is in and the API's index.
    shared = {"feed.atom", f"organisations/{default_organisation().slug}/feed.atom", "api/v1/index.json"}
    own = ("notices/young-carers/", "api/v1/notices/young-carers")
    assert second.written and all(name.startswith(own) or name in shared for name in second.written)
    assert "notices/young-carers/v2/index.html" in second.written and shared <= set(second.written)
    assert second.unchanged >= 8  # the council's files and the home page were left alone
    assert build_mirror(mirror_dir).written == []
