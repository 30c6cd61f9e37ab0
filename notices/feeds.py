"""Atom feeds of what the public can see change: each version that came into force and each withdrawal, per
notice, per organisation and for the whole portal.

Entries are made from the same PublicNotice states as the public pages, so a scheduled version appears on its
day and a draft never. Each entry's id is a tag: URI fixed by the notice's slug, the version's number (or the
withdrawal's moment) and the day it happened, so a feed reader never sees one event twice.
"""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from .api.resources import absolute
from .selectors import PublicNotice

CONTENT_TYPE = "application/atom+xml; charset=utf-8"
# A feed reader wants what is new; the whole history of a large portal would be a page nobody reads.
MOST_ENTRIES = 100
# Characters XML 1.0 cannot hold at all, even escaped (Django's XML writer refuses them): a control character
# typed into a title would otherwise make the feed impossible to write.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML cannot hold."""
    return NOT_XML.sub("", text)


class _Atom(Atom1Feed):
    """Atom with a second link on an entry (rel="related": the comparison with the version before), and a
    feed's `updated` taken from its entries or, for a feed with none yet, from `fallback` rather than the
    moment it was made (so identical feeds are identical bytes)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("related"):
            handler.addQuickElement("link", "", {"rel": "related", "href": item["related"], "title": "What changed"})

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self.feed["fallback"]


def _came_into_force(publication) -> dt.datetime:
    """When the public could first read a version: its publication, or the start of its day in force."""
    start = timezone.make_aware(dt.datetime.combine(publication.effective_from, dt.time.min))
    return max(publication.published_at, start)


def _tag(moment: dt.datetime, specific: str) -> str:
    host = urlsplit(settings.PORTAL_URL).hostname or "localhost"
    return f"tag:{host},{timezone.localdate(moment).isoformat()}:{specific}"


def _version_entries(state: PublicNotice) -> list[dict]:
    visible = state.visible
    entries = []
    for i, publication in enumerate(visible):
        number, previous = publication.version.number, visible[i + 1] if i + 1 < len(visible) else None
        page = absolute(reverse("public:version", args=[state.slug, number]))
        compare = previous and absolute(reverse("public:compare", args=[state.slug, previous.version.number, number]))
        summary = publication.change_summary or f"Version {number}"
        when = _came_into_force(publication)
        entries.append({
            "title": f"{publication.listing.title}: version {number}",
            "link": page,
            "related": compare,
            "description": format_html(
                "<p>{}</p><p>In force from {}. <a href=\"{}\">Read version {}</a>{}</p>",
                summary, f"{publication.effective_from:%-d %B %Y}", page, number,
                format_html('. <a href="{}">What changed</a>', compare) if compare else "",
            ),
            "unique_id": _tag(when, f"/notices/{state.slug}/v{number}/"),
            "updateddate": when,
            "pubdate": when,
            "author_name": publication.listing.controller_name,
        })
    return entries


def _withdrawal_entries(state: PublicNotice) -> list[dict]:
    listing, page = state.listing, absolute(reverse("public:notice", args=[state.slug]))
    return [
        {
            "title": f"{listing.title}: withdrawn",
            "link": page,
            "description": format_html("<p>Withdrawn on {}.</p><p>Reason: {}</p>",
                                       f"{timezone.localdate(withdrawal.withdrawn_at):%-d %B %Y}", withdrawal.reason),
            "unique_id": _tag(withdrawal.withdrawn_at,
                              f"/notices/{state.slug}/withdrawn/{int(withdrawal.withdrawn_at.timestamp())}"),
            "updateddate": withdrawal.withdrawn_at,
            "pubdate": withdrawal.withdrawn_at,
            "author_name": listing.controller_name,
        }
        for withdrawal in state.withdrawals
        if timezone.localdate(withdrawal.withdrawn_at) <= timezone.localdate()
    ]


def atom(*, title: str, page: str, address: str, states: list[PublicNotice], fallback: dt.datetime) -> bytes:
    """The feed at `address` (its own path) of the notices in `states`, newest first; `page` is the HTML page
    it follows."""
    feed = _Atom(
        title=xml_text(title),
        link=absolute(page),
        description="",
        feed_url=absolute(address),
        feed_guid=absolute(address),
        author_name=settings.PORTAL_NAME,
        fallback=fallback,
    )
    entries = [entry for state in states for entry in (*_version_entries(state), *_withdrawal_entries(state))]
    for entry in sorted(entries, key=lambda e: e["updateddate"], reverse=True)[:MOST_ENTRIES]:
        feed.add_item(**{key: xml_text(value) if isinstance(value, str) else value for key, value in entry.items()})
    return feed.writeString("utf-8").encode("utf-8")
