"""A notice embedded in another site's page, in real Chromium: a page served from one of the organisation's
websites shows it; the same page from any other origin gets the frame refused by the browser itself (CSP
frame-ancestors). Two plain HTTP servers on their own ports stand in for the two websites."""

import http.server
import threading

import pytest
from playwright.sync_api import expect

from accounts.actions import organisation_embedding_set
from tests.browser.axe import assert_accessible_at_every_width
from tests.browser.test_every_page_fits_a_phone import _signed_in
from tests.factories import NoticeFactory, default_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _website(embed_url: str):
    """A web server on a free port whose home page frames `embed_url`; yields its origin."""
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>A council website</title></head><body>'
        f'<h1>Our privacy notice</h1><iframe src="{embed_url}" title="Privacy notice" width="800" height="600">'
        "</iframe></body></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://localhost:{server.server_address[1]}"


@pytest.fixture
def websites(live_server):
    servers = []

    def start(embed_url):
        server, origin = _website(embed_url)
        servers.append(server)
        return origin

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_it_shows_on_the_organisations_site_and_is_refused_elsewhere(live_server, page, publish, alice, websites):
    publish(NoticeFactory(slug="young-carers", title="Young Carers privacy notice"))
    embed_url = f"{live_server.url}/notices/young-carers/embed/"
    allowed, other = websites(embed_url), websites(embed_url)
    organisation = default_organisation()
    organisation_embedding_set(actor=alice, organisation=organisation, lock_version=organisation.lock_version,
                               origins=[allowed])

    page.goto(allowed + "/")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Young Carers privacy notice")
    expect(frame.get_by_role("heading", name="Who we are")).to_be_visible()

    with page.expect_console_message(lambda message: "frame-ancestors" in message.text) as refusal:
        page.goto(other + "/")
    assert allowed in refusal.value.text  # the directive Chromium names lists only the organisation's site
    child = page.frames[1]
    assert child.url.startswith("chrome-error://") or "Young Carers privacy notice" not in child.content()


def test_the_embed_page_and_the_api_docs_are_accessible_and_fit_a_phone(live_server, page, publish):
    publish(NoticeFactory(slug="young-carers", title="Young Carers privacy notice"))
    for path in ("/notices/young-carers/embed/", "/api/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible_at_every_width(page)


def test_an_officer_names_the_sites_then_copies_the_snippet(browser, live_server, sign_in, alice, publish):
    notice = NoticeFactory(slug="young-carers", title="Young Carers privacy notice")
    publish(notice)
    context = _signed_in(browser, live_server, sign_in, alice)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()

    page.goto(live_server.url + "/manage/embedding/")
    page.get_by_label("Your organisation's websites").fill("https://www.example.gov.uk/privacy")
    page.get_by_role("button", name="Save").click()
    error = "“https://www.example.gov.uk/privacy”: enter the site's address only"
    expect(page.get_by_role("link", name=error)).to_be_visible()
    assert_accessible_at_every_width(page)
    page.get_by_label("Your organisation's websites").fill("https://www.example.gov.uk")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved the websites that can embed")).to_be_visible()

    page.goto(live_server.url + f"/manage/notices/{notice.pk}/")
    expect(page.get_by_text("It works on: https://www.example.gov.uk.")).to_be_visible()
    page.get_by_role("button", name="Copy the code").click()
    expect(page.get_by_role("status")).to_have_text("Copied. Paste it into your page.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.get_by_label("Code to paste").input_value()
    assert copied.startswith('<iframe src="http://localhost:8000/notices/young-carers/embed/" title="Young Carers')
    assert_accessible_at_every_width(page)
    context.close()
