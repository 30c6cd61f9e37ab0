"""Public: Atom feeds of versions coming into force and withdrawals (notices.feeds), stored as frozen bytes
like every public page and remade when something public changes."""

import datetime as dt

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.models import Organisation

from .. import feeds, frozen, selectors
from ..api.cors import open_to_every_origin
from .public import public_state


def _made(body: bytes) -> frozen.Made:
    return frozen.Made(body=body, content_type=feeds.CONTENT_TYPE)


@open_to_every_origin
@require_safe
def portal_feed(request):
    """Public: every notice's changes."""

    def make():
        states = selectors.public_notices()
        # An empty portal's feed is as old as its first organisation (or the portal's own first day).
        first = Organisation.objects.order_by("created_at").values_list("created_at", flat=True).first()
        return _made(feeds.atom(title=f"{settings.PORTAL_NAME}: every change",
                                page=reverse("public:home"), address=request.path, states=states,
                                fallback=first or dt.datetime(2024, 1, 1, tzinfo=dt.UTC)))

    return frozen.serve(request, changes=True, make=make)


@open_to_every_origin
@require_safe
def organisation_feed(request, slug):
    """Public: the changes to one organisation's notices."""

    def make():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise Http404("No such organisation")
        states = selectors.public_notices(organisation_id=organisation.pk)
        return _made(feeds.atom(title=f"{organisation.name}: changes to privacy notices",
                                page=organisation.get_absolute_url(), address=request.path, states=states,
                                fallback=organisation.created_at))

    return frozen.serve(request, changes=True, make=make)


@open_to_every_origin
@require_safe
def notice_feed(request, slug):
    """Public: the changes to one notice (404 for a notice the public has seen no version of)."""

    def make():
        state = public_state(slug)
        return _made(feeds.atom(title=f"{state.listing.title}: changes", page=reverse("public:notice", args=[slug]),
                                address=request.path, states=[state], fallback=state.visible[-1].published_at))

    return frozen.serve(request, changes=True, make=make)
