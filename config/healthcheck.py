"""`python -m config.healthcheck`: the container healthcheck (docker-compose.yml), asking this container's
gunicorn for /healthz. Exit status 0 when the portal answers "ok", 1 otherwise.

It sends the portal's own host name (the first of ALLOWED_HOSTS), since Django refuses any other; the
answer is plain HTTP because /healthz is exempt from the HTTPS redirect.
"""

import http.client
import os
import sys

TIMEOUT_SECONDS = 4


def _host() -> str:
    names = [name.strip().lstrip(".") for name in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    return next((name for name in names if name and name != "*"), "localhost")


def _port() -> int:
    return int(os.environ.get("GUNICORN_BIND", ":8000").rsplit(":", 1)[-1])


def main() -> int:
    connection = http.client.HTTPConnection("127.0.0.1", _port(), timeout=TIMEOUT_SECONDS)
    try:
        connection.request("GET", "/healthz", headers={"Host": _host()})
        status = connection.getresponse().status
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"unhealthy: /healthz answered {status}", file=sys.stderr)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
