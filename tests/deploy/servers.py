"""Real servers for the deployment tests: nginx with our own config, gunicorn with our own config, and a
plain HTTP client that can pick its source address (to be a client that is not the proxy)."""

import http.client
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Another loopback address: a client that is not our proxy (nginx reaches the portal from 127.0.0.1).
CLIENT_ADDRESS = "127.0.0.2"
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen) -> None:
    """Return once something accepts connections on the port; fail if the process dies first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {process.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port} after {STARTUP_SECONDS} s")


def nginx_config(tmp: Path, *, port: int, upstream: str, static_root: Path, media_root: Path | None = None) -> Path:
    """deploy/nginx/nginx.conf with only its addresses, ports and paths changed for this machine."""
    text = NGINX_CONF.read_text()
    replacements = {
        # nginx 1.22 (Debian) has no `resolve`; Docker's DNS is not here anyway.
        "server web:8000 resolve;": f"server {upstream};",
        "resolver 127.0.0.11 valid=10s ipv6=off;": "",
        "listen 8080 default_server;": f"listen 127.0.0.1:{port} default_server;",
        "listen 127.0.0.1:8081;": f"listen 127.0.0.1:{free_port()};",
        "alias /srv/static/;": f"alias {static_root}/;",
        "alias /data/media/;": f"alias {media_root or tmp / 'media'}/;",
        "pid /tmp/nginx.pid;": f"pid {tmp}/nginx.pid;",
        "/tmp/nginx-": f"{tmp}/nginx-",
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx/nginx.conf no longer has {old!r}; update tests/deploy/servers.py"
        text = text.replace(old, new)
    conf = tmp / "nginx.conf"
    conf.write_text(text)
    return conf


def nginx_check(conf: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-c", str(conf)], capture_output=True, text=True, timeout=30)  # noqa: S603


@contextmanager
def nginx(tmp: Path, *, upstream: str, static_root: Path, media_root: Path | None = None):
    """nginx on a free loopback port in front of `upstream` ("host:port"); yields the port."""
    port = free_port()
    conf = nginx_config(tmp, port=port, upstream=upstream, static_root=static_root, media_root=media_root)
    process = subprocess.Popen(  # noqa: S603 (our own config)
        [NGINX, "-c", str(conf), "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_for_port(port, process=process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def cookies(self) -> dict[str, str]:
        pairs = (re.match(r"([^=]+)=([^;]*)", value) for value in self.headers.get_all("Set-Cookie") or [])
        return {match[1]: match[2] for match in pairs if match}


def request(port: int, method: str, path: str, *, headers=None, body=None, source=CLIENT_ADDRESS,
            timeout: float = 30) -> Answer:
    """One HTTP request from `source` to 127.0.0.1:port."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()
