"""The API's resources as plain dicts, made from what the public can see (notices.selectors.PublicNotice and
the frozen documents): the index of organisations and notices, and one notice with its versions.

Nothing here names a database id: organisations and notices are named by slug, versions by number."""

from django.conf import settings
from django.urls import reverse

from accounts.models import Organisation

from .. import selectors
from ..document import public_json
from ..models import Publication

API_VERSION = 1


def absolute(path: str) -> str:
    """An address on the portal as a full URL (feeds and API consumers live elsewhere)."""
    return settings.PORTAL_URL.rstrip("/") + path


def _organisation(organisation: Organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "page": absolute(organisation.get_absolute_url()),
        "feed": absolute(reverse("public:organisation_feed", args=[organisation.slug])),
    }


def _notice_summary(state: selectors.PublicNotice, organisations: dict[int, Organisation]) -> dict:
    current = state.in_force()
    return {
        "slug": state.slug,
        "title": state.listing.title,
        "organisation": organisations[state.organisation_id].slug,
        "status": "in_force" if current else "withdrawn",
        "current_version": current.version.number if current else None,
        "url": absolute(reverse("public:api_notice", args=[state.slug])),
        "page": absolute(reverse("public:notice", args=[state.slug])),
        "feed": absolute(reverse("public:notice_feed", args=[state.slug])),
    }


def index() -> dict:
    """Every organisation and every notice the public has seen a version of (in force or withdrawn)."""
    organisations = {organisation.pk: organisation for organisation in Organisation.objects.order_by("name")}
    notices = [_notice_summary(state, organisations) for state in selectors.public_notices()]
    return {
        "api": API_VERSION,
        "schema": absolute(reverse("public:api_schema")),
        "feed": absolute(reverse("public:feed")),
        "organisations": [
            {**_organisation(org), "notices": [n["slug"] for n in notices if n["organisation"] == org.slug]}
            for org in organisations.values()
        ],
        "notices": notices,
    }


def _version(state: selectors.PublicNotice, publication: Publication, previous: Publication | None) -> dict:
    number = publication.version.number
    return {
        "number": number,
        "effective_from": publication.effective_from.isoformat(),
        "published_at": publication.published_at.isoformat(),
        "change_summary": publication.change_summary,
        "url": absolute(reverse("public:api_version", args=[state.slug, number])),
        "page": absolute(reverse("public:version", args=[state.slug, number])),
        "pdf": absolute(reverse("public:pdf_version", args=[state.slug, number])) if publication.pdf_size else None,
        "compare": absolute(reverse("public:compare", args=[state.slug, previous.version.number, number]))
        if previous
        else None,
    }


def notice(state: selectors.PublicNotice) -> dict:
    """One notice: its versions that have come into force (newest first), whether it is withdrawn, and the
    document of the version in force (null once withdrawn)."""
    organisation = Organisation.objects.get(pk=state.organisation_id)
    visible = state.visible
    current = state.in_force()
    withdrawal = state.withdrawal
    document = None
    if current is not None:
        found = selectors.public_publication(notice_id=state.notice_id, number=current.version.number,
                                             fields=("document",))
        document = public_json(found.document)
    return {
        **_notice_summary(state, {organisation.pk: organisation}),
        "summary": state.listing.summary,
        "organisation": _organisation(organisation),
        "withdrawn": {"at": withdrawal.withdrawn_at.isoformat(), "reason": withdrawal.reason} if withdrawal else None,
        "versions": [
            _version(state, publication, visible[i + 1] if i + 1 < len(visible) else None)
            for i, publication in enumerate(visible)
        ],
        "document": document,
    }
