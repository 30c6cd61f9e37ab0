"""`python -m config.healthcheck`: the container healthcheck (docker-compose.yml), asking this container's
gunicorn for /healthz. Exit status 0 when the portal answers "ok", 1 otherwise.

It sends the portal's own host name (the first of ALLOWED_HOSTS), since Django refuses any other; the
answer is plain HTTP because /healthz is exempt from the HTTPS redirect.
"""

import os
import sys
import urllib.request

TIMEOUT_SECONDS = 4


def _host() -> str:
    names = [name.strip().lstrip(".") for name in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    return next((name for name in names if name and name != "*"), "localhost")


def _address() -> str:
    bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 (only the port is used)
    return f"127.0.0.1:{bind.rsplit(':', 1)[-1]}"


def main() -> int:
    request = urllib.request.Request(f"http://{_address()}/healthz", headers={"Host": _host()})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (our own address)
            return 0 if response.status == 200 else 1
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
