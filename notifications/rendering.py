"""A message's subject and plain-text body, from one template per kind (templates/notifications/email/).

Bodies say only what every recipient can already read in the workspace (the notice's title, the version, the
change summary or reason, dates, who submitted), never a notice's unpublished content, and link to the
workspace page with an absolute address made from PORTAL_URL, as mail is written away from any request.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Kind

SUBJECTS = {
    Kind.SUBMITTED: "Review needed: “{title}” version {number}",
    Kind.SENT_BACK: "Sent back to draft: “{title}” version {number}",
    Kind.PUBLISHED: "Published: “{title}” version {number}",
    Kind.REVIEW_DUE: "Review due by {review_by}: “{title}”",
    Kind.REVIEW_OVERDUE: "Review overdue since {review_by}: “{title}”",
    Kind.IN_FORCE: "Now in force: “{title}” version {number}",
}
# The workspace page each kind points at.
PAGES = {Kind.SUBMITTED: "manage:notice_review"}
SUBJECT_MAX = 250


def absolute(path: str) -> str:
    return f"{settings.PORTAL_URL}{path}"


def _subject(kind: str, *, notice, version, review_by) -> str:
    text = SUBJECTS[kind].format(
        title=notice.title, number=version.number if version else "",
        review_by=f"{review_by:%-d %B %Y}" if review_by else "",
    )
    # A header may not hold a line break; a title never should, but one typed through the admin must not
    # stop the message.
    text = " ".join(text.split())
    return text if len(text) <= SUBJECT_MAX else text[: SUBJECT_MAX - 1] + "…"


def message_render(kind: str, *, recipient, notice, version=None, review_by=None, **context) -> tuple[str, str]:
    """(subject, body) of a message of `kind` to `recipient` about `notice` (and `version`)."""
    page = reverse(PAGES.get(kind, "manage:notice"), kwargs={"pk": notice.pk})
    body = render_to_string(f"notifications/email/{kind}.txt", {
        "recipient": recipient, "name": recipient.get_full_name() or recipient.get_username(),
        "notice": notice, "organisation": notice.organisation, "version": version, "review_by": review_by,
        "link": absolute(page), "preferences_link": absolute(reverse("manage:notification_preferences")),
        "kind_label": Kind(kind).label, "portal_name": settings.PORTAL_NAME, **context,
    })
    return _subject(kind, notice=notice, version=version, review_by=review_by), body.strip() + "\n"
