"""E-mail backends of our own, chosen by settings (config/settings.py, "E-mail"): GOV.UK Notify, and the one
a production server without any mail settings uses, which fails every message saying what to set.

GOV.UK Notify sends only from templates kept in the Notify service, so the portal uses one template whose
subject is `((subject))` and whose body is `((body))`, and fills both from the message (README "E-mail").
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient

NOT_CONFIGURED = (
    "No way of sending e-mail is configured: set EMAIL_HOST (and DEFAULT_FROM_EMAIL, with EMAIL_HOST_USER and "
    "EMAIL_HOST_PASSWORD if the server needs them) to send through a mail server, or GOVUK_NOTIFY_API_KEY and "
    "GOVUK_NOTIFY_TEMPLATE_ID to send through GOV.UK Notify."
)


class NotifyEmailBackend(BaseEmailBackend):
    """Sends each message to each of its recipients through GOV.UK Notify's API, with the template
    GOVUK_NOTIFY_TEMPLATE_ID and the personalisation {"subject", "body"}. The reply-to address is the Notify
    service's (or GOVUK_NOTIFY_REPLY_TO_ID); DEFAULT_FROM_EMAIL is not used, as Notify sets the sender."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.template_id = settings.GOVUK_NOTIFY_TEMPLATE_ID
        self.reply_to_id = settings.GOVUK_NOTIFY_REPLY_TO_ID or None
        self.client = NotificationsAPIClient(settings.GOVUK_NOTIFY_API_KEY, base_url=settings.GOVUK_NOTIFY_BASE_URL,
                                             timeout=settings.EMAIL_TIMEOUT)

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            try:
                for address in message.recipients():
                    self._send(message, address)
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

    def _send(self, message, address: str) -> None:
        self.client.send_email_notification(
            email_address=address,
            template_id=self.template_id,
            personalisation={"subject": message.subject, "body": message.body},
            reference=message.extra_headers.get("X-Portal-Message") or None,
            email_reply_to_id=self.reply_to_id,
        )


class NotConfiguredEmailBackend(BaseEmailBackend):
    """Production with no mail settings: every message fails, and its record in /manage/messages/ says why."""

    def send_messages(self, email_messages) -> int:
        if self.fail_silently or not email_messages:
            return 0
        raise ImproperlyConfigured(NOT_CONFIGURED)
