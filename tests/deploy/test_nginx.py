"""deploy/nginx/nginx.conf, run for real by the nginx on this machine in front of the portal.

What a council's operations team relies on: nginx's own check passes; bodies over the cap are refused
before the portal reads a byte; three clients trickling uploads do not hold up anyone else; the portal
counts sign-in failures against the address that really connected, whatever X-Forwarded-For says; static
files come from nginx; no response names its server software's version.
"""

import datetime as dt
import hashlib
import ipaddress
import re
import socket
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings

from notices.selectors import today
from tests.conftest import PASSWORD, reference_data_ensure
from tests.factories import NoticeFactory, PurposeFactory

from . import servers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_password_hashing")]
LOGIN = "/accounts/login/"


@pytest.fixture
def nginx_dir():
    """nginx's config, temporary files and static root. Outside pytest's private tmp_path, because nginx's
    workers run as an unprivileged user and must get in."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        root.chmod(0o755)
        yield root


@pytest.fixture
def static_root(nginx_dir):
    root = nginx_dir / "static"
    (root / "portal").mkdir(mode=0o755, parents=True)
    (root / "portal" / "portal.0123456789ab.css").write_text("body { margin: 0 }")
    return root


@pytest.fixture
def proxied(live_server, settings, nginx_dir, static_root):
    """nginx in front of the portal (Django's live server), as in docker-compose.yml: the portal trusts only
    nginx's address, and nginx sends stored PDFs from the media directory once the portal allows it."""
    reference_data_ensure()
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1")]
    settings.MEDIA_ROOT = nginx_dir / "media"
    settings.STORED_FILES_ACCEL_REDIRECT = "/_stored/"
    upstream = live_server.url.removeprefix("http://")
    with servers.nginx(nginx_dir, upstream=upstream, static_root=static_root, media_root=settings.MEDIA_ROOT) as port:
        yield port


def test_it_passes_nginx_own_check(tmp_path, static_root):
    conf = servers.nginx_config(tmp_path, port=servers.free_port(), upstream="127.0.0.1:9", static_root=static_root)

    result = servers.nginx_check(conf)

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_it_serves_the_portal_without_naming_versions(proxied):
    answer = servers.request(proxied, "GET", "/")

    assert answer.status == 200
    assert answer.headers["Server"] == "nginx"  # no version number, and not the upstream's own header
    assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-ID"])  # nginx's id, echoed by the portal


def test_it_serves_static_files_itself_cached_for_a_year(proxied):
    answer = servers.request(proxied, "GET", "/static/portal/portal.0123456789ab.css")

    assert (answer.status, answer.body) == (200, b"body { margin: 0 }")
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def _refused_on_headers_alone(port: int, path: str, length: int) -> bytes:
    """Send only the headers of a POST this long, and return what nginx says without waiting for the body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {length}\r\n\r\n".encode()
        )
        return connection.recv(4096)


def test_it_refuses_an_over_size_verify_upload_before_the_portal_sees_it(proxied):
    limit = django_settings.VERIFY_MAX_UPLOAD_BYTES

    assert _refused_on_headers_alone(proxied, "/verify/", limit + 2 * 1024 * 1024).startswith(b"HTTP/1.1 413")
    assert _refused_on_headers_alone(proxied, "/manage/", 4 * 1024 * 1024).startswith(b"HTTP/1.1 413")


def test_it_lets_a_verify_upload_under_the_limit_through(proxied):
    body = b"--x\r\nContent-Disposition: form-data; name=\"sha256\"\r\n\r\nnot-a-hash\r\n--x--\r\n"
    answer = servers.request(
        proxied, "POST", "/verify/", body=body + b" " * (5 * 1024 * 1024),
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )

    assert answer.status == 403  # the portal's answer (no CSRF token), not nginx's 413


def _sign_in_through(port: int, password: str, *, forwarded_for: str):
    page = servers.request(port, "GET", LOGIN)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)[1].decode()
    cookie = "; ".join(f"{name}={value}" for name, value in page.cookies().items())
    return servers.request(
        port, "POST", LOGIN,
        body=urlencode({"csrfmiddlewaretoken": token, "username": "alice", "password": password}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                 "X-Forwarded-For": forwarded_for},
    )


def test_it_locks_out_the_real_address_whatever_x_forwarded_for_the_client_forges(proxied, alice):
    statuses = [
        _sign_in_through(proxied, "wrong password entirely", forwarded_for=f"81.2.69.{number}").status
        for number in range(12)
    ]

    right = _sign_in_through(proxied, PASSWORD, forwarded_for="81.2.69.250")

    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    assert right.status == 429
    assert b"Too many attempts to sign in" in right.body
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [servers.CLIENT_ADDRESS]


class OneAtATimeUpstream:
    """An upstream that, like one gunicorn sync worker, serves one connection at a time to the end:
    it reads the whole body before answering, so a client trickling its body would hold it."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                self._answer(connection)

    def _answer(self, connection):
        received = b""
        while b"\r\n\r\n" not in received:
            received += connection.recv(65536)
        head, body = received.split(b"\r\n\r\n", 1)
        length = re.search(rb"(?i)content-length: *(\d+)", head)
        while length and len(body) < int(length[1]):
            body += connection.recv(65536)
        reply = f"upstream read {len(body)} bytes".encode()
        head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(reply)
        connection.sendall(head + reply)

    def close(self):
        self.listener.close()


def test_three_slow_uploads_do_not_hold_up_anyone_else(nginx_dir, static_root):
    upstream = OneAtATimeUpstream()
    trickling = []
    try:
        with servers.nginx(nginx_dir, upstream=f"127.0.0.1:{upstream.port}", static_root=static_root) as port:
            for _ in range(3):
                slow = socket.create_connection(("127.0.0.1", port), timeout=10)
                slow.sendall(b"POST /verify/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n" + b"x" * 10)
                trickling.append(slow)

            # Without buffering, the upstream would still be waiting for the first slow body.
            home = servers.request(port, "GET", "/", timeout=5)
            trickling[0].sendall(b"x" * 99990)
            finished = trickling[0].recv(4096)
    finally:
        for slow in trickling:
            slow.close()
        upstream.close()

    assert (home.status, home.body) == (200, b"upstream read 0 bytes")
    assert finished.startswith(b"HTTP/1.1 200") and finished.endswith(b"upstream read 100000 bytes")


def test_it_sends_a_published_pdf_itself_once_the_portal_allows_it(proxied, publish):
    notice = NoticeFactory(title="Family hubs privacy notice", slug="family-hubs")
    notice.purposes.add(PurposeFactory())
    publication = publish(notice)

    answer = servers.request(proxied, "GET", "/notices/family-hubs/v1.pdf")
    direct = servers.request(proxied, "GET", f"/_stored/{publication.pdf.name}")

    assert answer.status == 200
    assert hashlib.sha256(answer.body).hexdigest() == publication.pdf_sha256
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Content-Disposition"] == 'inline; filename="family-hubs-v1.pdf"'
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in answer.headers
    assert direct.status == 404  # the stored files are not published as such


def test_it_still_refuses_a_pdf_the_public_may_not_have(proxied, publish):
    notice = NoticeFactory(title="Family hubs privacy notice", slug="family-hubs")
    notice.purposes.add(PurposeFactory())
    publish(notice, effective_from=today() + dt.timedelta(days=7))

    assert servers.request(proxied, "GET", "/notices/family-hubs/v1.pdf").status == 404
