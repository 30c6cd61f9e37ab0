"""X-Forwarded-Proto, X-Forwarded-For and X-Request-ID count only when our own proxy sends them."""

import ipaddress

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.middleware import ForwardedHeadersMiddleware

PROXY = "172.30.0.10"
HEADERS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_FOR": "81.2.69.160", "HTTP_X_REQUEST_ID": "a" * 32}


@pytest.fixture(autouse=True)
def trusted_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _seen(remote_addr):
    seen = {}

    def view(request):
        seen.update(secure=request.is_secure(), meta={key: request.META.get(key) for key in HEADERS})
        return HttpResponse()

    ForwardedHeadersMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **HEADERS))
    return seen


def test_it_believes_our_proxy():
    seen = _seen(PROXY)

    assert seen["secure"] is True
    assert seen["meta"] == HEADERS


def test_it_drops_them_from_anyone_else():
    seen = _seen("81.2.69.160")

    assert seen["secure"] is False
    assert seen["meta"] == dict.fromkeys(HEADERS)
