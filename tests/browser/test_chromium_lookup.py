"""Without a Chromium the browser tests skip and say how to get one; under CI they fail instead."""

import pytest

from tests.browser.conftest import find_chromium


def test_it_uses_the_chromium_on_the_path():
    assert find_chromium(which={"chromium": "/usr/bin/chromium"}.get, environ={}) == "/usr/bin/chromium"


def test_it_accepts_the_chromium_browser_name_some_distributions_use():
    found = find_chromium(which={"chromium-browser": "/usr/bin/chromium-browser"}.get, environ={})

    assert found == "/usr/bin/chromium-browser"


def test_it_skips_and_says_how_to_install_chromium_when_there_is_none():
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install chromium.*playwright install chromium"):
        find_chromium(which=lambda name: None, environ={})


def test_it_fails_instead_of_skipping_under_ci():
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        find_chromium(which=lambda name: None, environ={"CI": "true"})
