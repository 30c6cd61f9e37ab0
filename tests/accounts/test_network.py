"""The client's address: X-Forwarded-For is believed only as far back as our own TRUSTED_PROXIES."""

import ipaddress

import pytest
from django.test import RequestFactory

from accounts.network import client_ip

PROXY = "172.30.0.10"


@pytest.fixture(autouse=True)
def trusted_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY), ipaddress.ip_network("10.20.0.0/16")]


def _request(remote_addr, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra)


def test_it_uses_the_connecting_address_of_a_client_that_is_not_a_proxy():
    assert client_ip(_request("10.0.0.5", forwarded="1.1.1.1")) == "10.0.0.5"


def test_it_ignores_forwarded_addresses_altogether_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(_request(PROXY, forwarded="81.2.69.160")) == PROXY


def test_it_trusts_only_the_address_our_proxy_added():
    assert client_ip(_request(PROXY, forwarded="6.6.6.6, 81.2.69.160")) == "81.2.69.160"


def test_it_steps_back_through_each_trusted_proxy_and_no_further():
    # The council's TLS proxy (10.20.1.1, trusted by network) sits in front of ours.
    assert client_ip(_request(PROXY, forwarded="6.6.6.6, 81.2.69.160, 10.20.1.1")) == "81.2.69.160"


def test_it_uses_the_proxy_itself_when_it_forwarded_nothing():
    assert client_ip(_request(PROXY)) == PROXY


def test_it_gives_none_for_an_address_that_is_not_one():
    assert client_ip(_request(PROXY, forwarded="<script>")) is None
