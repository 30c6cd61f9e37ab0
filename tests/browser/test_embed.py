"""A notice embedded in another site's page, in real Chromium: a page served from one of the organisation's
websites shows it; the same page from any other origin gets the frame refused by the browser itself (CSP
frame-ancestors). Two plain HTTP servers on their own ports stand in for the two websites."""

import http.server
import threading

import pytest
from playwright.sync_api import expect

from accounts.actions import organisation_embedding_set
from tests.browser.axe import assert_accessible_at_every_width
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
