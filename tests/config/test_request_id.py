"""Every response and every log line written while answering it carry one request id."""

import ipaddress
import logging
import re

from django.http import HttpResponse
from django.test import RequestFactory

from config.observability import RequestIdFilter, RequestIdMiddleware

PROXY = "172.30.0.10"


def _answer(**meta):
    """Run a request through the middleware; return the response and the request ids its log lines carried."""
    records = []
    handler = logging.Handler()
    handler.addFilter(RequestIdFilter())
    handler.emit = records.append
    logger = logging.getLogger("tests.request_id")
    logger.addHandler(handler)

    def view(request):
        logger.warning("answering")
        return HttpResponse()

    try:
        response = RequestIdMiddleware(view)(RequestFactory().get("/", **meta))
        logger.warning("after")
    finally:
        logger.removeHandler(handler)
    return response, [record.request_id for record in records]


def test_it_gives_each_request_an_id_on_the_response_and_its_log_lines():
    response, logged = _answer()

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert logged == [response["X-Request-ID"], "-"]


def test_it_keeps_the_id_our_proxy_gave(client, settings, db):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]

    response = client.get("/", REMOTE_ADDR=PROXY, HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")

    assert response["X-Request-ID"] == "0123456789abcdef0123456789abcdef"


def test_it_makes_its_own_when_anyone_else_offers_one(client, db):
    response = client.get("/", REMOTE_ADDR="81.2.69.160", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")

    assert response["X-Request-ID"] != "0123456789abcdef0123456789abcdef"


def test_it_refuses_an_id_that_would_garble_the_logs():
    response, _ = _answer(HTTP_X_REQUEST_ID='x" injected\n{')

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
