"""Public pages over HTTP, side by side: the portal as deployed, Django's floor, and nginx serving a file.

    python bench/public_pages.py [--code DIR] [--database NAME] [--rounds N] [--seconds S] [--slug SLUG]
                                 [--only TEXT ...]

Starts, on loopback addresses only:
- the portal as deployed: gunicorn with the checkout's gunicorn.conf.py, DEBUG off, PostgreSQL
  (its own database, dropped and made again, with the demo loaded), static files collected, behind a TLS
  proxy (the proxy's X-Forwarded-Proto header is sent with every request);
- the framework floor: the same gunicorn, settings and middleware, plus one view that renders a template
  with no database access, outputting the very bytes of the portal's notice page (so the floor pays the
  same transfer as the page it is compared with);
- nginx serving a saved copy of the portal's notice page at the same address, and the static mirror
  (`manage.py build_mirror`) with the portal's own nginx locations (notices/mirror.py).
Then it runs wrk rounds against one address of every kind of public page (c=10, 2 threads), interleaving
the targets so that noise from the shared machine falls on all of them alike, and prints req/s, p50 and p99
(median over the rounds) and the ratios to the floor and to nginx.

`--code DIR` benchmarks another checkout of the portal (e.g. main's code, to compare before and after); the
bench itself and its floor view come from this file. Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user
postgres), wrk (Debian: `apt-get install wrk`) and nginx (`apt-get install nginx`); it installs neither.
"""

import sys
from pathlib import Path

# Run as a script, this folder heads the import path: it leaves it, so no file here can shadow a standard module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"
WRK, NGINX = shutil.which("wrk") or "/usr/bin/wrk", shutil.which("nginx") or "/usr/sbin/nginx"
HEADERS = {"X-Forwarded-Proto": "https"}

FLOOR_SETTINGS = '''
"""The portal's settings, with the framework-floor view's address added (bench/public_pages.py)."""
from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_floor_urls"
'''

FLOOR_URLS = '''
"""The portal's addresses plus the framework floor: a template rendered with no database access."""
import functools
from pathlib import Path

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

_TEMPLATE = engines["django"].from_string("{{ page|safe }}")


@functools.cache
def _page():  # read on first use: bench/public_pages.py saves the portal's page only once the portal is up
    return Path(__file__).with_name("page.html").read_text()


def floor(request):
    return HttpResponse(_TEMPLATE.render({"page": _page()}))


urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
'''

NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/static-copy;
        index index.html;
    }}
    server {{
        listen 127.0.0.1:{mirror_port};
        root {tmp}/mirror;
        {mirror_locations}
    }}
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the portal checkout to run (default: this one)")
    parser.add_argument("--database", default="portal_bench", help="PostgreSQL database to (re)create")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--slug", default="essex-child-and-family-wellbeing", help="the notice to fetch")
    parser.add_argument(
        "--only", action="append", default=[], metavar="TEXT",
        help="time only the portal's addresses ending with TEXT (repeatable), beside nginx, the mirror and the floor",
    )
    args = parser.parse_args()
    for tool in (WRK, NGINX):
        if not Path(tool).exists():
            sys.exit(f"{tool} is missing: apt-get install -y {Path(tool).name}")

    tmp = Path(tempfile.mkdtemp(prefix="bench-http-"))
    tmp.chmod(0o755)  # nginx's workers, run as an unprivileged user, read the static copy from here
    env = _environment(args.code.resolve(), args.database, tmp)
    processes = []
    try:
        _prepare(args.code, env)
        page_path = f"/notices/{args.slug}/"
        portal_port = _free_port()
        processes.append(_gunicorn(args.code, env, portal_port))
        base = f"http://127.0.0.1:{portal_port}"
        page = _fetch(base + page_path)
        (tmp / "page.html").write_bytes(page)
        copy = tmp / "static-copy" / page_path.strip("/")
        copy.mkdir(parents=True)
        (copy / "index.html").write_bytes(page)
        nginx_port, mirror_port = _free_port(), _free_port()
        _build_mirror(args.code, env, tmp / "mirror")
        conf = NGINX_CONF.format(tmp=tmp, port=nginx_port, mirror_port=mirror_port, mirror_locations=_locations(env))
        (tmp / "nginx.conf").write_text(conf)
        processes.append(subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"]))
        _wait(f"http://127.0.0.1:{nginx_port}{page_path}")
        number = _newest_version(base + page_path + "versions/")
        organisation = re.search(rb'href="(/organisations/[^/"]+/)"', _fetch(base + "/")).group(1).decode()
        mirror = f"http://127.0.0.1:{mirror_port}"
        targets = {
            "nginx, static copy": f"http://127.0.0.1:{nginx_port}{page_path}",
            "Django floor (template, no DB)": base + "/bench/floor/",
            f"mirror (nginx) {page_path}": mirror + page_path,
            **{
                f"portal {address}": base + address for address in _public_addresses(page_path, number, organisation)
                if not args.only or address.endswith(tuple(args.only))
            },
        }
        for url in targets.values():
            _fetch(url)  # warm: the first request for a page makes and stores it
        results = _rounds(targets, rounds=args.rounds, seconds=args.seconds)
        _report(results, code=args.code, page_bytes=len(page))
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


def _public_addresses(page_path: str, number: int, organisation: str) -> list[str]:
    """One address of every kind of public page."""
    numbered = f"{page_path}v{number}"
    kinds = ["", "summary/", "versions/", "pdf"]
    return [page_path + kind for kind in kinds] + [
        f"{numbered}/", f"{numbered}/summary/", f"{numbered}.json", f"{numbered}.pdf", organisation, "/",
        "/accessibility/",
    ]


def _build_mirror(code: Path, env: dict, out: Path) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "build_mirror", str(out)], cwd=code, env=env, check=True, timeout=900,
        stdout=subprocess.DEVNULL,
    )


def _locations(env: dict) -> str:
    """The mirror's nginx locations, as the portal under test declares them."""
    code = "from notices.mirror import NGINX_LOCATIONS; print(NGINX_LOCATIONS)"
    return subprocess.run(
        [PYTHON, "-c", f"import django; django.setup(); {code}"], env=env, check=True, capture_output=True,
        text=True, timeout=120,
    ).stdout


def _environment(code: Path, database: str, tmp: Path) -> dict:
    (tmp / "bench_floor_settings.py").write_text(FLOOR_SETTINGS)
    (tmp / "bench_floor_urls.py").write_text(FLOOR_URLS)
    return {
        **os.environ,
        "PYTHONPATH": f"{tmp}{os.pathsep}{code}",
        "DJANGO_SETTINGS_MODULE": "bench_floor_settings",
        "DATABASE_URL": f"{PG}/{database}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,notices.example.gov.uk",
        "PORTAL_URL": "https://notices.example.gov.uk",
        # wrk, on loopback, plays the TLS proxy: its X-Forwarded-Proto is believed.
        "TRUSTED_PROXIES": "127.0.0.1",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_LEVEL": "WARNING",
    }


def _prepare(code: Path, env: dict) -> None:
    """A fresh database with the demo loaded (publishing it renders its PDFs), and static files collected."""
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        sys.exit(f"Not a plain database name: {database}")
    admin = {**env, "DATABASE_URL": f"{PG}/postgres"}
    drop = f"import psycopg2; c = psycopg2.connect('{PG}/postgres'); c.autocommit = True; k = c.cursor(); "
    drop += f"k.execute('DROP DATABASE IF EXISTS {database}'); k.execute('CREATE DATABASE {database}')"
    subprocess.run([PYTHON, "-c", drop], env=admin, check=True, timeout=60)
    for command in (["migrate", "--noinput"], ["load_demo", "--force"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [PYTHON, "manage.py", *command, "-v", "0"], cwd=code, env=env, check=True, timeout=900,
            stdout=subprocess.DEVNULL,
        )


def _gunicorn(code: Path, env: dict, port: int) -> subprocess.Popen:
    # The deployed configuration (gunicorn.conf.py: its workers and threads), on a loopback port.
    config = ["--config", "gunicorn.conf.py"] if (code / "gunicorn.conf.py").exists() else []
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", *config, "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=code, env=env,
    )
    _wait(f"http://127.0.0.1:{port}/")
    return process


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback addresses we started)
        return response.read()


def _wait(url: str, *, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            _fetch(url)
            return
        except urllib.error.HTTPError as error:
            sys.exit(f"{url} answered {error.code}:\n{error.read().decode(errors='replace')[:2000]}")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _newest_version(versions_url: str) -> int:
    return max(int(n) for n in re.findall(rb'/v(\d+)/"', _fetch(versions_url)))


def _rounds(targets: dict, *, rounds: int, seconds: int) -> dict[str, list[tuple[float, float, float]]]:
    results = {name: [] for name in targets}
    for round_number in range(rounds):
        # Rotate the order each round, so no target always runs first (or last) while the machine is busy.
        names = list(targets)
        names = names[round_number % len(names):] + names[: round_number % len(names)]
        for name in names:
            results[name].append(_wrk(targets[name], seconds=seconds))
    return results


def _wrk(url: str, *, seconds: int) -> tuple[float, float, float]:
    """(req/s, p50 ms, p99 ms) of one wrk run at 10 connections."""
    headers = [arg for name, value in HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        # A generous timeout: on a busy shared machine a slow answer is a latency to report, not a lost one.
        [WRK, "-t2", "-c10", f"-d{seconds}s", "--timeout", "10s", "--latency", *headers, url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout
    if "Non-2xx" in output:
        sys.exit(f"{url} answered with errors:\n{output}")
    if "Socket errors" in output:  # printed, not hidden: a starved target's figures mean little
        print(f"{url}: {re.search(r'Socket errors:.*', output).group(0)}", file=sys.stderr)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, _latency(output, "50%"), _latency(output, "99%")


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _report(results: dict, *, code: Path, page_bytes: int) -> None:
    medians = {name: [statistics.median(run[i] for run in runs) for i in range(3)] for name, runs in results.items()}
    nginx, floor = (medians[name][0] for name in list(medians)[:2])
    rounds = len(next(iter(results.values())))
    print(f"\ncode: {code}   page: {page_bytes:,} bytes   wrk c=10, median of {rounds} rounds")
    print(f"{'target':<58} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'× floor':>8} {'× nginx':>8}")
    for name, (rate, p50, p99) in medians.items():
        print(f"{name:<58} {rate:>8.0f} {p50:>7.2f} {p99:>7.2f} {rate / floor:>8.3f} {rate / nginx:>8.3f}")


if __name__ == "__main__":
    main()
