"""Reads for notices. Each selector owns its joins so that views and templates never query."""

import datetime as dt

from django.db.models import F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Organisation
from services.models import Purpose, Service

from .models import Notice, NoticeVersion, Publication, Withdrawal
from .sections import RECORD_LOOKUPS

PUBLIC_STATUSES = [NoticeVersion.Status.PUBLISHED, NoticeVersion.Status.SUPERSEDED]


def notice_for_document(*, notice_id: int) -> Notice:
    """A notice with every record its document draws on, in a fixed number of queries."""
    purposes = Purpose.objects.select_related(
        "art6_basis", "art9_condition", "sch1_condition__meets", "criminal_condition__meets"
    ).prefetch_related("legislation", "data_categories__sources", "subject_groups")
    return (
        Notice.objects.select_related("controller", "parent")
        .prefetch_related(
            Prefetch("services", to_attr="_services"),
            "services__other_controllers",
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
    """The published version the public sees on a day: the latest that came into force on or before it.

    A withdrawal takes down every version published before it; a version published later is live again.
    """
    on = on or today()
    candidates = Publication.objects.select_related("version", "version__notice").filter(
        version__notice=notice, effective_from__lte=on
    )
    withdrawal = notice.withdrawals.filter(withdrawn_at__date__lte=on).order_by("-withdrawn_at").first()
    if withdrawal is not None:
        candidates = candidates.filter(published_at__gt=withdrawal.withdrawn_at)
    return candidates.order_by("-effective_from", "-version__number").first()


def notice_withdrawal(*, notice: Notice) -> Withdrawal | None:
    """The latest withdrawal, if no version was published after it."""
    withdrawal = notice.withdrawals.order_by("-withdrawn_at").first()
    if withdrawal is None:
        return None
    republished = Publication.objects.filter(version__notice=notice, published_at__gt=withdrawal.withdrawn_at)
    return None if republished.exists() else withdrawal


def publications_for(*, notice: Notice) -> QuerySet[Publication]:
    """Every published version of a notice, newest first, including ones scheduled for the future."""
    return Publication.objects.select_related("version").filter(version__notice=notice).order_by("-version__number")


def public_publication(*, notice: Notice, number: int) -> Publication | None:
    """A published version by number, if it has come into force (the public cannot see the future)."""
    return (
        Publication.objects.select_related("version", "version__notice")
        .filter(version__notice=notice, version__number=number, effective_from__lte=today())
        .first()
    )


def public_notices(*, query: str = "") -> QuerySet[Notice]:
    """Notices that have a version the public can read, optionally matching a search."""
    notices = (
        Notice.objects.filter(versions__publication__effective_from__lte=today())
        .select_related("controller")
        .distinct()
    )
    if query:
        notices = notices.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(services__name__icontains=query)
            | Q(controller__name__icontains=query)
        ).distinct()
    return notices.order_by("controller__name", "title")


def open_version(*, notice: Notice) -> NoticeVersion | None:
    return notice.versions.filter(status__in=NoticeVersion.OPEN_STATUSES).first()


def public_children(*, notice: Notice) -> list[Notice]:
    """Notices that sit under this one and that the public can read."""
    return list(
        Notice.objects.filter(parent=notice, versions__publication__effective_from__lte=today())
        .distinct()
        .order_by("title")
    )


def public_home(*, query: str = "") -> list[dict]:
    """Organisations with their services and the notices the public can read, for the home page.

    With a query, only organisations with notices matching it (by title, summary, service or controller)
    are listed, with those notices.
    """
    notices = list(public_notices(query=query).prefetch_related("services"))
    by_organisation: dict[int, list[Notice]] = {}
    for notice in notices:
        by_organisation.setdefault(notice.organisation_id, []).append(notice)
    organisations = Organisation.objects.filter(pk__in=by_organisation.keys()) if query else Organisation.objects.all()
    services: dict[int, list[Service]] = {}
    for service in Service.objects.filter(retired=False).order_by("name"):
        services.setdefault(service.organisation_id, []).append(service)
    return [
        {"organisation": organisation, "notices": by_organisation.get(organisation.pk, []),
         "services": services.get(organisation.pk, [])}
        for organisation in organisations.order_by("name")
    ]


def public_organisation(*, slug: str) -> tuple[Organisation, list[Notice]] | None:
    """An organisation and the notices of it the public can read, or None if there is no such organisation."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return None
    notices = public_notices().filter(organisation=organisation).prefetch_related("services")
    return organisation, list(notices.order_by("title"))


def public_publication_by_pdf_sha256(*, sha256: str) -> Publication | None:
    """The published PDF with this fingerprint, if it has come into force (the public cannot see the future)."""
    return (
        Publication.objects.select_related("version", "version__notice", "version__notice__controller")
        .filter(pdf_sha256=sha256, effective_from__lte=today())
        .first()
    )


def publications_for_export(
    *, as_of: dt.date | None = None, controller=None, service=None, organisations=None
) -> list[Publication]:
    """Published versions for a DPO's archive, by notice then version number.

    Without `as_of`: every version ever published, scheduled ones included. With it: for each notice, the
    version the public saw on that day. `organisations` (a DPO's; None for every one, as the command-line
    export run by the portal's administrators), `controller` and `service` narrow the notices.
    """
    notices = Notice.objects.filter(versions__publication__isnull=False)
    if organisations is not None:
        notices = notices.filter(organisation__in=organisations)
    if controller is not None:
        notices = notices.filter(controller=controller)
    if service is not None:
        notices = notices.filter(services=service)
    notices = notices.distinct().order_by("slug")
    if as_of is not None:
        found = (publication_in_force(notice=notice, on=as_of) for notice in notices)
        return [publication for publication in found if publication is not None]
    return list(
        Publication.objects.select_related("version", "version__notice", "version__notice__controller")
        .filter(version__notice__in=notices)
        .order_by("version__notice__slug", "version__number")
    )


# Every register relation a notice draws on, as lookups from Notice; a change to any of these records
# after the notice's last publication leaves the public version out of date.
NOTICE_RECORD_LOOKUPS = ["controller", *RECORD_LOOKUPS]


def notices_out_of_date(*, organisations) -> list[Notice]:
    """Published notices of `organisations` using a register record that changed after their latest
    publication."""
    stale_ids: set[int] = set()
    published = Notice.objects.filter(versions__status=NoticeVersion.Status.PUBLISHED,
                                      organisation__in=organisations)
    for lookup in NOTICE_RECORD_LOOKUPS:
        stale_ids |= set(
            published.annotate(
                last_published=Max("versions__publication__published_at"),
                record_changed=Max(f"{lookup}__updated_at"),
            )
            .filter(record_changed__gt=F("last_published"))
            .values_list("pk", flat=True)
        )
    return list(Notice.objects.filter(pk__in=stale_ids).select_related("controller").order_by("title"))


def notices_for(*, organisations) -> QuerySet[Notice]:
    """The notices of `organisations`: every staff lookup of a notice starts here."""
    return Notice.objects.filter(organisation__in=organisations)


def dashboard(*, user, organisation) -> dict:
    """What a member of staff needs to act on in `organisation`: their drafts, versions waiting for
    review, versions sent back to them, notices due for review and notices out of date."""
    Status = NoticeVersion.Status
    versions = NoticeVersion.objects.filter(notice__organisation=organisation).select_related(
        "notice", "notice__controller")
    notices = notices_for(organisations=[organisation])
    return {
        "organisation": organisation,
        "my_drafts": list(versions.filter(status=Status.DRAFT, created_by=user)),
        "in_review": list(versions.filter(status=Status.IN_REVIEW).select_related("submitted_by")),
        "sent_back": list(versions.filter(status=Status.DRAFT, submitted_by=user).exclude(rejection_reason="")),
        "review_due": list(notices.filter(review_by__lte=today() + dt.timedelta(days=30)).order_by("review_by")),
        "out_of_date": notices_out_of_date(organisations=[organisation]),
        "notices": list(notices.select_related("controller").prefetch_related("versions")),
        "today": today(),
    }
