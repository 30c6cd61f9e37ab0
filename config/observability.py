"""What operations see: a request id on every log line and response, JSON logs, optional Sentry.

The request id comes from our proxy (nginx sets X-Request-ID, and accounts.middleware.ForwardedHeadersMiddleware
drops it from anyone else) or is made here, so one id ties the proxy's access log to the portal's own lines.
"""

import contextvars
import logging
import re
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# What we accept from the proxy: nginx's $request_id is 32 hex digits; anything odd is replaced, not logged.
_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
_current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    """Give each request an id, echo it in the X-Request-ID response header, and put it on its log lines."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = offered if _REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        token = _current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current_request_id.get()
        return True


def sentry_init(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    """Report unhandled errors to Sentry (or a compatible service such as GlitchTip).

    Imported only when SENTRY_DSN is set, so a deployment without it never loads the SDK. No personal
    data leaves: no user details, cookies, addresses or request bodies (a draft notice may hold them).
    """
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        max_request_body_size="never",
    )
