"""The GOV.UK Notify e-mail backend, against a local HTTP server standing in for Notify's API (the client's base
URL is a setting), so the test never reaches the network: it checks the request Notify would get."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer

from notices import actions as notice_actions
from notifications.models import Message
from tests.factories import NoticeFactory

SERVICE_ID, SECRET, TEMPLATE_ID = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
REPLY_TO_ID = str(uuid.uuid4())


class _Notify(BaseHTTPRequestHandler):
    """Answers as Notify does (201 with the notification), or with the status in `server.answer`."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append({"path": self.path, "authorization": self.headers["Authorization"], "body": body})
        status, answer = self.server.answer
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def notify(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # a proxy set for the machine must not take local requests
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Notify)
    server.received, server.answer = [], (201, {"id": str(uuid.uuid4()), "reference": None})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "notifications.mail.NotifyEmailBackend"
    settings.GOVUK_NOTIFY_API_KEY = f"portal_test-{SERVICE_ID}-{SECRET}"
    settings.GOVUK_NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.GOVUK_NOTIFY_REPLY_TO_ID = REPLY_TO_ID
    settings.GOVUK_NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


def _submit(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice_actions.version_submit(actor=alice, version=NoticeFactory(title="Leisure centres").versions.get(),
                                      change_summary="New gym")
    return Message.objects.get()


@pytest.mark.django_db
def test_it_sends_through_notify_with_the_template_the_subject_and_the_body(
        alice, bob, notify, django_capture_on_commit_callbacks):
    message = _submit(alice, django_capture_on_commit_callbacks)

    [request] = notify.received
    assert request["path"] == "/v2/notifications/email"
    assert request["body"] == {
        "email_address": "bob@example.org", "template_id": TEMPLATE_ID,
        "personalisation": {"subject": "Review needed: “Leisure centres” version 1", "body": message.body},
        "reference": str(message.pk), "email_reply_to_id": REPLY_TO_ID,
    }
    # Signed as the service, with its secret, as Notify checks.
    token = request["authorization"].removeprefix("Bearer ")
    assert get_token_issuer(token) == SERVICE_ID
    assert decode_jwt_token(token, SECRET)
    assert (message.status, message.attempts) == ("sent", 1)


@pytest.mark.django_db
def test_it_gives_up_at_once_when_notify_refuses_the_request_itself(
        alice, bob, notify, django_capture_on_commit_callbacks):
    notify.answer = (400, {"status_code": 400, "errors": [
        {"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}]})

    message = _submit(alice, django_capture_on_commit_callbacks)

    assert len(notify.received) == message.attempts == 1
    assert message.status == "failed"
    assert "HTTPError: 400 - [{'error': 'BadRequestError', 'message': \"Can't send to this recipient" in message.error


@pytest.mark.django_db
def test_it_tries_again_while_notify_is_unavailable(alice, bob, notify, django_capture_on_commit_callbacks):
    notify.answer = (503, {"status_code": 503, "errors": [{"error": "ServiceUnavailable", "message": "Try later"}]})

    message = _submit(alice, django_capture_on_commit_callbacks)

    # The test's queue cannot wait, so each retry ran at once: every one reached Notify and was recorded.
    assert len(notify.received) == message.attempts == 5
    assert (message.status, message.sent_at) == ("failed", None)
    assert "HTTP503Error: 503" in message.error
