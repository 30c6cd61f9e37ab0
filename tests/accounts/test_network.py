from django.test import RequestFactory

from accounts.network import client_ip


def test_it_uses_the_connecting_address_when_not_behind_a_proxy(settings):
    settings.BEHIND_TLS_PROXY = False
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.1.1.1")

    assert client_ip(request) == "10.0.0.5"


def test_it_trusts_only_the_address_our_proxy_added(settings):
    settings.BEHIND_TLS_PROXY = True
    request = RequestFactory().get("/", REMOTE_ADDR="172.17.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 81.2.69.160")

    assert client_ip(request) == "81.2.69.160"


def test_it_gives_none_for_an_address_that_is_not_one(settings):
    settings.BEHIND_TLS_PROXY = True
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="<script>")

    assert client_ip(request) is None
