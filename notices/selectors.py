"""Reads for notices. Each selector owns its joins so that views and templates never query."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Organisation
from services.models import Purpose, Service, ServiceParty
from services.selectors import PICKER_PAGE

from .models import Notice, NoticeVersion, Publication, PublicListing, Withdrawal

PUBLIC_STATUSES = [NoticeVersion.Status.PUBLISHED, NoticeVersion.Status.SUPERSEDED]


def notice_for_document(*, notice_id: int) -> Notice:
    """A notice with every record its document draws on, in a fixed number of queries."""
    purposes = Purpose.objects.select_related(
        "art6_basis", "art9_condition", "sch1_condition__meets", "criminal_condition__meets"
    ).prefetch_related("legislation", "data_categories__sources", "subject_groups")
    # Each service's parties in the order the officer gave them.
    # A retired party no longer takes part: later versions stop naming it (published ones keep it, frozen).
    parties = ServiceParty.objects.filter(retired=False).select_related("body").order_by("order", "pk")
    services = Service.objects.select_related("controller").prefetch_related(
        "other_controllers", Prefetch("parties", queryset=parties)
    )
    return (
        Notice.objects.select_related("controller", "parent")
        .prefetch_related(
            Prefetch("services", queryset=services, to_attr="_services"),
            Prefetch("purposes", queryset=purposes),
            *(name for name in Notice.RECORD_RELATIONS if name != "purposes"),
            "data_categories__sources",
            "sections",
        )
        .get(pk=notice_id)
    )


def today() -> dt.date:
    return timezone.localdate()


def publication_in_force(*, notice: Notice, on: dt.date | None = None) -> Publication | None:
    """The published version the public sees on a day (see PublicNotice.in_force), loaded in full."""
    state = public_notice_states(Q(version__notice=notice)).get(notice.pk)
    chosen = state.in_force(on) if state else None
    if chosen is None:
        return None
    return Publication.objects.select_related("version", "version__notice").get(pk=chosen.pk)


def notice_withdrawal(*, notice: Notice) -> Withdrawal | None:
    """The latest withdrawal, if no version was published after it."""
    state = public_notice_states(Q(version__notice=notice)).get(notice.pk)
    return state.withdrawal if state else None


def publications_for(*, notice: Notice) -> QuerySet[Publication]:
    """Every published version of a notice, newest first, including ones scheduled for the future."""
    return Publication.objects.select_related("version").filter(version__notice=notice).order_by("-version__number")


def open_version(*, notice: Notice) -> NoticeVersion | None:
    return notice.versions.filter(status__in=NoticeVersion.OPEN_STATUSES).first()


def public_publication_by_pdf_sha256(*, sha256: str) -> Publication | None:
    """The published PDF with this fingerprint, if it has come into force (the public cannot see the future)."""
    return (
        Publication.objects.select_related("version__notice", "listing")
        .filter(pdf_sha256=sha256, effective_from__lte=today())
        .first()
    )


def _notices_for_export(*, controller=None, service=None, organisations=None) -> QuerySet[Notice]:
    notices = Notice.objects.filter(versions__publication__isnull=False)
    if organisations is not None:
        notices = notices.filter(organisation__in=organisations)
    if controller is not None:
        notices = notices.filter(controller=controller)
    if service is not None:
        notices = notices.filter(services=service)
    return notices.distinct().order_by("slug")


def publication_ids_for_export(
    *, as_of: dt.date | None = None, controller=None, service=None, organisations=None
) -> list[int]:
    """The published versions for a DPO's archive, as ids, by notice then version number (load them with
    export_publications; no stored document is read here).

    Without `as_of`: every version ever published, scheduled ones included. With it: for each notice, the
    version the public saw on that day. `organisations` (a DPO's; None for every one, as the command-line
    export run by the portal's administrators), `controller` and `service` narrow the notices.
    """
    notices = _notices_for_export(controller=controller, service=service, organisations=organisations)
    if as_of is not None:
        states = public_notice_states(Q(version__notice__in=notices))
        chosen = (states[notice_id].in_force(as_of) for notice_id in notices.values_list("pk", flat=True)
                  if notice_id in states)
        return [publication.pk for publication in chosen if publication is not None]
    return list(
        Publication.objects.filter(version__notice__in=notices)
        .order_by("version__notice__slug", "version__number").values_list("pk", flat=True)
    )


def export_publications(ids: list[int], *, chunk: int = 20) -> Iterator[Publication]:
    """The publications with these ids, in that order, loaded `chunk` at a time: an archive of any size holds
    one chunk of stored documents in memory, never all of them. Neither the stored HTML nor the version's
    submitted document (a second copy of the stored one) is loaded: the archive is written from the document."""
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        found = Publication.objects.select_related("version__notice") \
            .defer("html", "version__submitted_document").in_bulk(part)
        yield from (found[pk] for pk in part if pk in found)


def notices_out_of_date(*, organisations) -> QuerySet[Notice]:
    """Published notices of `organisations` using a register record that changed after their latest
    publication, by title: the stored state notices.out_of_date keeps, read without comparing records."""
    return notices_for(organisations=organisations).filter(out_of_date__isnull=False).only("title").order_by("title")


def notices_for(*, organisations) -> QuerySet[Notice]:
    """The notices of `organisations`: every staff lookup of a notice starts here."""
    return Notice.objects.filter(organisation__in=organisations)


# How many of an organisation's notices the dashboard lists at once: a county has hundreds.
DASHBOARD_PAGE = 50


def dashboard(*, user, organisation, page=1) -> dict:
    """What a member of staff needs to act on in `organisation`: their drafts, versions waiting for
    review, versions sent back to them, notices due for review and notices out of date; and one page
    (`page`) of all its notices. Versions are listed without their stored documents."""
    Status = NoticeVersion.Status
    versions = NoticeVersion.objects.filter(notice__organisation=organisation).select_related(
        "notice", "notice__controller").defer("submitted_document")
    notices = notices_for(organisations=[organisation])
    return {
        "organisation": organisation,
        "my_drafts": list(versions.filter(status=Status.DRAFT, created_by=user)),
        "in_review": list(versions.filter(status=Status.IN_REVIEW).select_related("submitted_by")),
        "sent_back": list(versions.filter(status=Status.DRAFT, submitted_by=user).exclude(rejection_reason="")),
        "review_due": list(notices.filter(review_by__lte=today() + dt.timedelta(days=30)).order_by("review_by")),
        "out_of_date": list(notices_out_of_date(organisations=[organisation])),
        "notices": Paginator(notices.select_related("controller").only("title", "controller__name"),
                             DASHBOARD_PAGE).get_page(page),
        "today": today(),
    }


# --- What the public may see ---------------------------------------------------------------------------
# Public pages read published versions only, through these selectors: a notice's title, summary, parent and
# services as its published version states them (PublicListing), never the working copy, which holds
# unreviewed text. Only small columns are loaded; the stored document and HTML are read by the few pages
# that show them.

PUBLIC_COLUMNS = (
    "version__number", "version__notice_id", "version__notice__slug", "version__notice__organisation_id",
    "effective_from", "published_at",
    "pdf_size", "change_summary", *(f"listing__{field.name}" for field in PublicListing._meta.concrete_fields),
)


@dataclass(frozen=True)
class PublicNotice:
    """One notice as the public may know it: every publication (scheduled ones too, newest number first,
    with their listings) and its withdrawals (newest first)."""

    notice_id: int
    slug: str
    organisation_id: int
    publications: tuple[Publication, ...]
    withdrawals: tuple[Withdrawal, ...]

    @property
    def visible(self) -> list[Publication]:
        """The versions that have come into force, newest first: the public cannot see the future."""
        on = today()
        return [p for p in self.publications if p.effective_from <= on]

    def in_force(self, on: dt.date | None = None) -> Publication | None:
        """The latest version in force on a day. A withdrawal takes down every version published before
        it; a version published later is live again."""
        on = on or today()
        cut = next((w.withdrawn_at for w in self.withdrawals if timezone.localdate(w.withdrawn_at) <= on), None)
        candidates = [p for p in self.publications if p.effective_from <= on and (cut is None or p.published_at > cut)]
        return max(candidates, key=lambda p: (p.effective_from, p.version.number), default=None)

    @property
    def withdrawal(self) -> Withdrawal | None:
        """The latest withdrawal, if no version was published after it."""
        latest = self.withdrawals[0] if self.withdrawals else None
        if latest is None or any(p.published_at > latest.withdrawn_at for p in self.publications):
            return None
        return latest

    def version(self, number: int) -> Publication | None:
        """A version by number, if it has come into force."""
        return next((p for p in self.visible if p.version.number == number), None)

    @property
    def listing(self) -> PublicListing:
        """The title and summary to show: the version in force, or else the latest the public has seen."""
        return (self.in_force() or self.visible[0]).listing

    @property
    def next_change(self) -> dt.date | None:
        """The day the next scheduled version comes into force, if one is scheduled."""
        on = today()
        return min((p.effective_from for p in self.publications if p.effective_from > on), default=None)


def public_notice_states(where: Q) -> dict[int, PublicNotice]:
    """PublicNotice for every notice with a publication matching `where`, by notice id, in two queries."""
    publications = list(
        Publication.objects.filter(version__notice_id__in=Publication.objects.filter(where).values("version__notice_id"))
        .select_related("version__notice", "listing")
        .only(*PUBLIC_COLUMNS)
        .order_by("-version__number")
    )
    by_notice: dict[int, list[Publication]] = {}
    for publication in publications:
        by_notice.setdefault(publication.version.notice_id, []).append(publication)
    withdrawals: dict[int, list[Withdrawal]] = {}
    if by_notice:
        found = Withdrawal.objects.filter(notice_id__in=by_notice).only("notice_id", "withdrawn_at", "reason")
        for withdrawal in found:
            withdrawals.setdefault(withdrawal.notice_id, []).append(withdrawal)
    return {
        notice_id: PublicNotice(
            notice_id=notice_id,
            slug=rows[0].version.notice.slug,
            organisation_id=rows[0].version.notice.organisation_id,
            publications=tuple(rows),
            withdrawals=tuple(withdrawals.get(notice_id, [])),
        )
        for notice_id, rows in by_notice.items()
    }


def public_notices(*, organisation_id: int | None = None) -> list[PublicNotice]:
    """Every notice the public has seen a version of, in force or withdrawn (of one organisation, if given),
    by slug: what the feeds, the API index and the mirror list."""
    where = Q(effective_from__lte=today())
    if organisation_id is not None:
        where &= Q(version__notice__organisation_id=organisation_id)
    states = [state for state in public_notice_states(where).values() if state.visible]
    return sorted(states, key=lambda state: state.slug)


def embed_origins(*, slug: str) -> list[str]:
    """The web addresses of the sites that may show the notice at `slug` in a frame: its organisation's."""
    return Organisation.objects.filter(notices__slug=slug).values_list("embed_origins", flat=True).first() or []


def public_notice(*, slug: str) -> PublicNotice | None:
    """The notice at a public address, or None when the public has seen no version of it: a notice that
    was never published is indistinguishable from one that does not exist."""
    state = next(iter(public_notice_states(Q(version__notice__slug=slug)).values()), None)
    return state if state is not None and state.visible else None


def public_publication(*, notice_id: int, number: int, fields: tuple[str, ...] = ()) -> Publication | None:
    """A version by number, if it has come into force, with only the listed stored fields besides the small
    ones (e.g. "html" for its page, "document" for its JSON)."""
    return (
        Publication.objects.select_related("version__notice", "listing")
        .only(*PUBLIC_COLUMNS, *fields)
        .filter(version__notice_id=notice_id, version__number=number, effective_from__lte=today())
        .first()
    )


def public_children(*, slug: str) -> list[dict]:
    """{slug, title} of the notices whose version in force says it sits under this one, by title."""
    states = public_notice_states(Q(listing__parent_slug=slug, effective_from__lte=today()))
    children = [
        {"slug": state.slug, "title": publication.listing.title}
        for state in states.values()
        if (publication := state.in_force()) is not None and publication.listing.parent_slug == slug
    ]
    return sorted(children, key=lambda child: child["title"])


def public_listings(*, query: str = "", organisation: Organisation | None = None) -> list[dict]:
    """{slug, listing, organisation_id} of every notice with a version in force (of one organisation, if
    given), optionally matching a search, by title."""
    where = Q(effective_from__lte=today())
    if organisation is not None:
        where &= Q(version__notice__organisation=organisation)
    found = [
        {"slug": state.slug, "listing": publication.listing, "organisation_id": state.organisation_id}
        for state in public_notice_states(where).values()
        if (publication := state.in_force())
    ]
    if query:
        found = [item for item in found if item["listing"].matches(query)]
    return sorted(found, key=lambda item: item["listing"].title)


def public_contacts() -> list[dict]:
    """{name, dpo} of each controller as the notices in force state it, by name: whom the accessibility
    statement tells people to contact. Read from the published documents, so a draft's controller, a
    withdrawn notice's or an unreviewed change of address never reaches the public."""
    in_force = [item["listing"].publication_id for item in public_listings()]
    documents = Publication.objects.filter(pk__in=in_force).values_list("document", flat=True)
    contacts: dict[str, dict | None] = {}
    for document in documents:
        who = next(section for section in document["sections"] if section["key"] == "who_we_are")
        name = who["controller"]["name"]
        # Two notices of one body may state different contacts while one awaits review: keep one that has any.
        contacts[name] = contacts.get(name) or who.get("dpo")
    return [{"name": name, "dpo": dpo} for name, dpo in sorted(contacts.items())]


def _services_named(listings: list[dict]) -> list[str]:
    # The services as the notices in force name them, not the register's working copy.
    return sorted({name for item in listings for name in item["listing"].services})


def public_home(*, query: str = "") -> list[dict]:
    """Organisations with the services and notices the public can read, for the home page.

    With a query, only organisations with notices matching it (by title, summary, service or controller)
    are listed, with those notices.
    """
    by_organisation: dict[int, list[dict]] = {}
    for item in public_listings(query=query):
        by_organisation.setdefault(item["organisation_id"], []).append(item)
    organisations = Organisation.objects.filter(pk__in=by_organisation.keys()) if query else Organisation.objects.all()
    return [
        {
            "organisation": organisation,
            "notices": by_organisation.get(organisation.pk, []),
            "services": _services_named(by_organisation.get(organisation.pk, [])),
        }
        for organisation in organisations.order_by("name")
    ]


def public_organisation(*, slug: str) -> tuple[Organisation, list[dict]] | None:
    """An organisation and the notices of it the public can read, or None if there is no such organisation."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return None
    return organisation, public_listings(organisation=organisation)


def parent_candidates(notice, query: str = "") -> list:
    """The first page of `notice`'s organisation's other notices whose title has `query`: the choices its
    "sits under" picker lists beside the one chosen (a county has hundreds of notices)."""
    others = notices_for(organisations=[notice.organisation_id]).exclude(pk=notice.pk)
    if query:
        others = others.filter(title__icontains=query)
    return list(others.only("pk", "title").order_by("title", "pk")[:PICKER_PAGE])
