"""Every write to notices and their versions. Each transition checks the actor's role in the notice's
organisation (accounts.permissions.can) and the version's current status, refuses with a message that
names them, and leaves a WorkflowEvent. A notice is composed only from its own organisation's records."""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.actions import audit_record
from accounts.permissions import ACTIONS, ROLE_LABELS, can
from services.models import Controller, OrganisationRecord

from . import frozen
from .compliance import blockers, check_document, notice_meta
from .document import build_document, in_order, listing_fields, with_version
from .hooks import workflow_event_announce
from .models import (
    ExportJob,
    Notice,
    NoticeSection,
    NoticeVersion,
    Publication,
    PublicListing,
    PublishJob,
    StaleReference,
    Withdrawal,
    WorkflowEvent,
)
from .out_of_date import out_of_date_refresh
from .pdf import render_pdf
from .rendering import render_document_html, sha256_hex
from .rights import RIGHTS
from .sections import ORDERED_RELATIONS, restorable
from .selectors import publication_ids_for_export, today
from .storage import pdf_storage

Status = NoticeVersion.Status
logger = logging.getLogger(__name__)


class WorkflowError(Exception):
    """A transition the version's current state does not allow."""


class EditConflict(Exception):
    """Someone else saved first: the edit was made to a copy that is now out of date. `current` is the
    object as it now stands (when there is one), so the editor can be shown what the other person saved."""

    def __init__(self, message: str, *, current=None):
        super().__init__(message)
        self.current = current


class ComplianceBlocked(Exception):
    """The version leaves out something the law requires; only a DPO's written reason lets it through."""

    def __init__(self, findings):
        self.findings = findings
        self.blockers = blockers(findings)
        count = len(self.blockers)
        super().__init__(
            f"This version has {count} blocking compliance finding{'s' if count != 1 else ''}, so it cannot be "
            f"published. Fix {'them' if count != 1 else 'it'}, or publish anyway by giving your reason as DPO."
        )


class PublishError(Exception):
    """Publishing failed part-way (e.g. the PDF could not be made), so nothing was published.

    `transient` is True when trying again may work (storage or the database failed), False when the same
    document would fail the same way (its PDF could not be rendered)."""

    def __init__(self, message: str, *, transient: bool = True):
        super().__init__(message)
        self.transient = transient


class AlreadyPublishing(WorkflowError):
    """A publish of this version is already queued or under way; `job` is that one."""

    def __init__(self, job: PublishJob):
        self.job = job
        super().__init__(
            f"Version {job.version.number} of “{job.version.notice}” is already being published. "
            f"This page shows how it is going."
        )


def _require(actor, action: str, obj, *, doing: str) -> None:
    """Refuse unless `actor` may take `action` in `obj`'s organisation (a notice, or an organisation)."""
    if not can(actor, action, obj):
        roles = " or ".join(f"{ROLE_LABELS[role]}s" for role in ACTIONS[action])
        organisation = getattr(obj, "organisation", obj)
        raise PermissionDenied(f"Only {roles} of {organisation} can {doing}.")


def _require_own_records(notice: Notice, *, fields: dict | None = None, relations: dict | None = None) -> None:
    """A notice uses only its own organisation's records (and notices), never another's wording."""
    chosen = [(name, value) for name, value in (fields or {}).items() if value is not None]
    chosen += [(name, record) for name, records in (relations or {}).items() for record in records]
    for name, record in chosen:
        organisation_id = getattr(record, "organisation_id", None)
        if isinstance(record, OrganisationRecord | Notice) and organisation_id != notice.organisation_id:
            raise ValidationError({name if name in {f.name for f in Notice._meta.fields} else NON_FIELD_ERRORS:
                                   f"“{record}” belongs to another organisation. A notice of "
                                   f"{notice.organisation} can only use {notice.organisation}'s own records."})


def _require_status(version: NoticeVersion, *allowed: str, doing: str) -> None:
    if version.status not in allowed:
        raise WorkflowError(
            f"Version {version.number} of “{version.notice}” is {version.get_status_display().lower()}, "
            f"so it cannot be {doing}."
        )


def _event(*, version: NoticeVersion, actor, action: str, from_status: str, reason: str = "") -> WorkflowEvent:
    # The same step goes into the staff audit trail, so the DPO reads sign-ins and workflow actions on
    # one page, in one order; WorkflowEvent stays the notice's own history.
    audit_record(
        actor=actor,
        action=f"notice_{action}",
        target=f"{version.notice} version {version.number}",
        detail={"notice": version.notice.slug, "version": version.number, "from_status": from_status,
                "to_status": version.status, "reason": reason},
        organisation=version.notice.organisation,
    )
    event = WorkflowEvent.objects.create(
        notice=version.notice,
        version=version,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=version.status,
        reason=reason,
    )
    # The apps built on notices (e-mail notifications) act on the step within its transaction.
    workflow_event_announce(event)
    return event


def _edit_audited(*, actor, notice: Notice, what: str, fields: list[str]) -> None:
    # Working-copy edits go into the same audit trail as workflow steps and register edits, so the DPO
    # can see who changed what in a draft before it reached them.
    audit_record(
        actor=actor,
        action="notice_edited",
        target=notice,
        detail={"notice": notice.slug, "what": what, "fields": sorted(fields)},
        organisation=notice.organisation,
    )


def _move(version: NoticeVersion, *, to: str, actor, action: str, reason: str = "", **fields) -> NoticeVersion:
    from_status = version.status
    version.status = to
    for name, value in fields.items():
        setattr(version, name, value)
    # Only what the step changes is written: on PostgreSQL a published version's row may change its status
    # and nothing else (notices/migrations/0008_noticeversion_append_only), so the rest is never re-sent.
    version.save(update_fields=["status", *fields])
    _event(version=version, actor=actor, action=action, from_status=from_status, reason=reason)
    return version


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):  # 29 February and the 31st fall back to the month's last day
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def notice_create(
    *,
    actor,
    organisation,
    title: str,
    slug: str,
    controller,
    audience: str = Notice.Audience.EVERYONE,
    summary: str = "",
    parent: Notice | None = None,
) -> Notice:
    """Create a notice of `organisation` with an empty draft version 1. Its controller (and parent) must
    be the organisation's own."""
    _require(actor, "notice.edit", organisation, doing="create notices")
    notice = Notice(organisation=organisation, title=title, slug=slug, controller=controller, audience=audience,
                    summary=summary, parent=parent)
    _require_own_records(notice, fields={"controller": controller, "parent": parent})
    notice.full_clean()
    notice.save()
    version = NoticeVersion.objects.create(notice=notice, number=1, status=Status.DRAFT, created_by=actor)
    _event(version=version, actor=actor, action="created", from_status="")
    return notice


def _lock_notice(notice: Notice) -> Notice:
    # Every write that may open a draft takes the notice's row lock first, so people making the first
    # edit after a publication at the same moment queue here and the second finds the first one's draft.
    return Notice.objects.select_for_update().get(pk=notice.pk)


def _editable_version(notice: Notice, actor) -> NoticeVersion:
    """The draft that edits go into, starting a new one after a publication (under the notice's lock)."""
    _lock_notice(notice)
    version = notice.versions.filter(status__in=NoticeVersion.OPEN_STATUSES).first()
    if version is None:
        return version_start_draft(actor=actor, notice=notice)
    if version.status == Status.IN_REVIEW:
        raise WorkflowError(
            f"Version {version.number} of “{notice}” is in review, so it cannot be changed. "
            f"Ask the DPO to send it back to draft first."
        )
    return version


@transaction.atomic
def notice_update(
    *, actor, notice: Notice, lock_version: int, fields: dict | None = None, relations: dict | None = None
) -> Notice:
    """Change a notice's working copy.

    `lock_version` is the value the editor loaded: if anyone saved since, the edit is refused rather than
    overwriting theirs. `relations` maps many-to-many names (purposes, recipients, …) to their new records.
    """
    _require(actor, "notice.edit", notice, doing="edit notices")
    locked = Notice.objects.select_for_update().get(pk=notice.pk)
    if locked.lock_version != lock_version:
        raise EditConflict(f"“{locked}” was changed by someone else while you were editing it.")
    _require_own_records(locked, fields=fields, relations=relations)
    _editable_version(locked, actor)
    changed = [name for name, value in (fields or {}).items() if getattr(locked, name) != value]
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    locked.lock_version += 1
    locked.full_clean()
    # Named on the history row: whoever edited a version may not publish it (see version_publish).
    locked._history_user = actor
    locked.save()
    for name, records in (relations or {}).items():
        before = set(getattr(locked, name).values_list("pk", flat=True))
        getattr(locked, name).set(records)
        if before != set(getattr(locked, name).values_list("pk", flat=True)):
            changed.append(name)
    _edit_audited(actor=actor, notice=locked, what="about the notice and its records", fields=changed)
    # A record now chosen (or no longer chosen) may change whether the public version is out of date.
    out_of_date_refresh(notice_ids=[locked.pk])
    return locked


def _locked_for_edit(actor, notice: Notice, *, lock_version: int, conflict: str) -> Notice:
    """The notice, row-locked, once `actor` may edit it and nobody has saved it since `lock_version`."""
    _require(actor, "notice.edit", notice, doing="edit notices")
    locked = Notice.objects.select_for_update().get(pk=notice.pk)
    if locked.lock_version != lock_version:
        raise EditConflict(conflict)
    _editable_version(locked, actor)
    locked._history_user = actor
    return locked


@transaction.atomic
def notice_record_move(*, actor, notice: Notice, relation: str, record_id: int, up: bool, lock_version: int) -> Notice:
    """Move one of the notice's purposes or recipients (`relation`, one of ORDERED_RELATIONS) up or down.

    The whole order is written to the working copy, so it is the notice's own and a published version keeps
    it. `lock_version` is the notice as the officer saw it: a move over anyone else's save since is refused,
    never applied to an order they did not see."""
    if relation not in ORDERED_RELATIONS:
        raise ValidationError(f"The {relation} of a notice are not put in order.")
    locked = _locked_for_edit(actor, notice, lock_version=lock_version, conflict=(
        f"“{notice}” was changed by someone else while you were looking at it. The page now shows it as it is: "
        f"move the item again if it is still needed."))
    order = [record.pk for record in in_order(locked, relation)]
    if record_id not in order:
        raise ValidationError(f"That record is no longer in “{locked}”.")
    index = order.index(record_id)
    other = index - 1 if up else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    locked.record_order = {**locked.record_order, relation: order}
    locked.lock_version += 1
    locked.save(update_fields=["record_order", "lock_version", "updated_at"])
    _edit_audited(actor=actor, notice=locked, what=f"order of {relation}", fields=["record_order"])
    return locked


@transaction.atomic
def notice_rights_update(*, actor, notice: Notice, lock_version: int, added_rights: list[dict]) -> Notice:
    """Record the rights the officer offers beyond what the lawful bases give (`added_rights`: [{"key", "note"}],
    keys from notices.rights.RIGHTS). Refused with EditConflict if the notice was saved since `lock_version`."""
    known = {key for key, *_ in RIGHTS}
    unknown = [item["key"] for item in added_rights if item["key"] not in known]
    if unknown:
        raise ValidationError(f"There is no right called {', '.join(unknown)}.")
    locked = _locked_for_edit(actor, notice, lock_version=lock_version, conflict=(
        f"“{notice}” was changed by someone else while you were editing it. Your changes were not saved: the page "
        f"now shows their version."))
    locked.added_rights = [{"key": item["key"], "note": item["note"].strip()} for item in added_rights]
    locked.lock_version += 1
    locked.save(update_fields=["added_rights", "lock_version", "updated_at"])
    _edit_audited(actor=actor, notice=locked, what="rights offered beyond the law", fields=["added_rights"])
    return locked


@transaction.atomic
def notice_section_add(
    *, actor, notice: Notice, heading: str, body: str, placement: str = "why_we_use_it", position: int | None = None
) -> NoticeSection:
    """Add a free-text section to the notice's draft."""
    _require(actor, "notice.edit", notice, doing="edit notices")
    _editable_version(notice, actor)
    if position is None:
        position = notice.sections.count()
    section = NoticeSection(notice=notice, heading=heading, body=body, placement=placement, position=position)
    section.full_clean()
    section._history_user = actor
    section.save()
    _edit_audited(actor=actor, notice=notice, what=f"section “{heading}” added", fields=["heading", "body",
                                                                                        "placement"])
    return section


@transaction.atomic
def version_start_draft(*, actor, notice: Notice) -> NoticeVersion:
    """Open the next numbered version for editing."""
    _require(actor, "notice.edit", notice, doing="start a new draft")
    _lock_notice(notice)
    if notice.versions.filter(status__in=NoticeVersion.OPEN_STATUSES).exists():
        raise WorkflowError(f"“{notice}” already has a version being worked on.")
    last = notice.versions.order_by("-number").first()
    try:
        # The row lock above serialises openers; the unique constraints are the last word if anything
        # (another database client, SQLite) writes without it, and their refusal reads as a message.
        with transaction.atomic():
            version = NoticeVersion.objects.create(
                notice=notice, number=(last.number + 1) if last else 1, status=Status.DRAFT, created_by=actor
            )
    except IntegrityError as error:
        raise WorkflowError(
            f"Someone else started a new draft of “{notice}” at the same moment. Reload the page: your "
            f"change can go into their draft."
        ) from error
    _event(version=version, actor=actor, action="created", from_status="")
    return version


@transaction.atomic
def version_submit(*, actor, version: NoticeVersion, change_summary: str) -> NoticeVersion:
    """Send a draft to the DPO. The document is frozen now, so the DPO reviews exactly what was sent."""
    _require(actor, "notice.submit", version.notice, doing="submit a notice for review")
    version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
    _require_status(version, Status.DRAFT, doing="submitted for review")
    if not change_summary.strip():
        raise ValidationError({"change_summary": "Say what changed in this version, for the DPO and the public."})
    return _move(
        version,
        to=Status.IN_REVIEW,
        actor=actor,
        action="submitted",
        reason=change_summary.strip(),
        change_summary=change_summary.strip(),
        submitted_by=actor,
        submitted_at=timezone.now(),
        submitted_document=build_document(version.notice),
        rejection_reason="",
    )


@transaction.atomic
def version_reject(*, actor, version: NoticeVersion, reason: str) -> NoticeVersion:
    """Send a version in review back to draft, with the reason the IG officer will see."""
    _require(actor, "notice.reject", version.notice, doing="reject a version")
    version = NoticeVersion.objects.select_for_update().get(pk=version.pk)
    _require_status(version, Status.IN_REVIEW, doing="rejected")
    if version.publish_jobs.filter(status__in=PublishJob.ACTIVE).exists():
        raise WorkflowError(f"Version {version.number} of “{version.notice}” is being published, so it cannot be "
                            f"sent back. If publishing fails, it can be sent back then.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the version is being sent back, so it can be fixed."})
    return _move(
        version,
        to=Status.DRAFT,
        actor=actor,
        action="rejected",
        reason=reason.strip(),
        rejection_reason=reason.strip(),
        submitted_document=None,
    )


def _check_effective_from(notice: Notice, effective_from: dt.date, *, historical: bool) -> None:
    if effective_from >= today():
        return
    # Versions published before the portal held the notice can be recorded with their real dates, in order,
    # and only while everything already recorded is itself such a past version: a past date must never
    # change what the portal has shown as in force since it published something.
    latest = Publication.objects.filter(version__notice=notice).order_by("-effective_from").first()
    in_order = latest is None or (
        effective_from > latest.effective_from and latest.effective_from < latest.published_at.date()
    )
    if not (historical and in_order):
        raise ValidationError(
            {"effective_from": "A version cannot come into force in the past. Choose today or later."}
        )


# Refusals raised before anything is written: they say what to fix, and are passed on as they are.
_REFUSALS = (PublishError, WorkflowError, ComplianceBlocked, PermissionDenied, ValidationError)


def version_publish(
    *,
    actor,
    version: NoticeVersion,
    effective_from: dt.date | None = None,
    override_reason: str = "",
    historical: bool = False,
    job: PublishJob | None = None,
) -> Publication:
    """Publish a version in review: freeze its document, HTML and PDF with their hashes.

    `effective_from` schedules it: the public sees it from that day; until then the previous version stays
    in force. `historical` records a version that was in force before the portal held the notice, with
    its real past date. Whoever submitted a version cannot publish it (four eyes).

    The frozen document is checked first (notices.compliance). While blocking findings remain it is refused
    with ComplianceBlocked, unless the DPO gives `override_reason`: the reason is then kept on the version
    and in the "published" audit event. A reason given when nothing blocks is not needed and not stored.

    All or nothing: if any step fails (rendering, storing the PDF, writing the rows, committing), nothing
    is published, the stored PDF is deleted again and PublishError says why. The PDF is stored before the
    commit, so a committed publication always has its file; a process killed between the two leaves a file
    that no publication refers to, which `manage.py sweep_storage` removes.

    The DPO's publish button does not call this in the request: it queues a PublishJob
    (version_publish_request), whose task calls this with `job`, marked done in the same transaction.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _publish(actor=actor, version=version, effective_from=effective_from,
                            override_reason=override_reason, historical=historical, stored=stored, job=job)
    except _REFUSALS:
        _delete_quietly(stored)
        raise
    except Exception as error:
        _delete_quietly(stored)
        logger.exception("Publishing %s failed; nothing was published", version)
        raise PublishError(_not_published(version, f"it could not be saved ({error})")) from error
    except BaseException:
        _delete_quietly(stored)
        raise


@transaction.atomic
def version_publish_request(
    *,
    actor,
    version: NoticeVersion,
    effective_from: dt.date | None = None,
    override_reason: str = "",
    historical: bool = False,
) -> PublishJob:
    """The DPO's publish button: check everything version_publish would refuse, then queue a PublishJob whose
    task renders and stores the PDF and publishes (notices.tasks.publish_version). The version stays in
    review until that task's last step. A publish already queued or under way is refused with
    AlreadyPublishing, naming it, so two clicks make one publication."""
    _refuse_second_publish(version)
    version, *_ = _publishable(actor=actor, version=version, effective_from=effective_from,
                               override_reason=override_reason, historical=historical)
    # The row lock _publishable took serialises requests; the partial unique constraint is the last word.
    _refuse_second_publish(version)
    job = PublishJob.objects.create(version=version, requested_by=actor, effective_from=effective_from,
                                    override_reason=override_reason.strip(), historical=historical)
    from .tasks import publish_version  # the task calls back into this module

    # Queued in this transaction: the job and its task are committed together or not at all.
    publish_version.enqueue(job.pk)
    job.refresh_from_db()  # a backend that runs tasks at once has already moved it on
    return job


# Longer than any PDF takes to make: a job still "making the PDF" after this lost its worker (killed part-way;
# its transaction was rolled back, so nothing was published) and no longer stands in the way.
PUBLISH_STALLED_AFTER = dt.timedelta(minutes=15)


def _refuse_second_publish(version: NoticeVersion) -> None:
    """AlreadyPublishing if a publish of `version` is queued or under way. One whose worker stopped part-way
    is recorded as failed instead, so the DPO can publish again."""
    active = PublishJob.objects.filter(version=version, status__in=PublishJob.ACTIVE).first()
    if active is None:
        return
    stalled = timezone.now() - PUBLISH_STALLED_AFTER
    if active.status == PublishJob.Status.RENDERING and active.started_at and active.started_at < stalled:
        publish_job_fail(job=active, reason=_not_published(version, "the worker stopped while making its PDF"))
        return
    raise AlreadyPublishing(active)


def publish_job_start(*, job_id: int) -> PublishJob | None:
    """The task takes its job: queued → rendering. None if it is not waiting (a task run twice)."""
    with transaction.atomic():
        job = PublishJob.objects.select_for_update().select_related("version__notice", "requested_by") \
            .filter(pk=job_id, status=PublishJob.Status.QUEUED).first()
        if job is None:
            return None
        job.status, job.attempts, job.started_at = PublishJob.Status.RENDERING, job.attempts + 1, timezone.now()
        job.save(update_fields=["status", "attempts", "started_at"])
    return job


@transaction.atomic
def publish_job_retry(*, job: PublishJob, reason: str) -> PublishJob:
    """Put a job whose attempt failed for a reason that may pass (storage, database) back in the queue."""
    job.status, job.reason = PublishJob.Status.QUEUED, reason
    job.save(update_fields=["status", "reason"])
    return job


@transaction.atomic
def publish_job_fail(*, job: PublishJob, reason: str) -> PublishJob:
    """Record that a publish did not happen, and why: on the job (the DPO's progress page), in the version's
    history and in the audit trail. The version is untouched: still in review, publishable again."""
    job.status, job.reason, job.finished_at = PublishJob.Status.FAILED, reason, timezone.now()
    job.save(update_fields=["status", "reason", "finished_at"])
    version = NoticeVersion.objects.select_related("notice__organisation").get(pk=job.version_id)
    _event(version=version, actor=job.requested_by, action="publish_failed", from_status=version.status,
           reason=reason)
    return job


def _not_published(version: NoticeVersion, why: str) -> str:
    return (
        f"Version {version.number} of “{version.notice}” was not published because {why}. Nothing has "
        f"changed: the version is still in review. Try again, and if it fails again, ask the portal's "
        f"administrators to look at the error log."
    )


def _publishable(
    *, actor, version: NoticeVersion, effective_from: dt.date | None, override_reason: str, historical: bool,
) -> tuple[NoticeVersion, dt.date, str, str]:
    """Every refusal of a publish, checked before anything is written: the locked version, the day it comes
    into force, what is overridden ("" when nothing blocks) and the DPO's reason for it."""
    _require(actor, "notice.publish", version.notice, doing="publish notices")
    version = NoticeVersion.objects.select_for_update().select_related("notice").get(pk=version.pk)
    _require_status(version, Status.IN_REVIEW, doing="published")
    if version.submitted_by_id == actor.pk:
        raise PermissionDenied(
            "You submitted this version, so someone else must publish it: every notice is checked by a second person."
        )
    if _edited_by(version, actor):
        raise PermissionDenied(
            "You edited this version, so someone else must publish it: every notice is checked by a second person."
        )
    effective_from = effective_from or today()
    _check_effective_from(version.notice, effective_from, historical=historical)
    overridden = _blockers_to_override(version, override_reason.strip())
    return version, effective_from, overridden, override_reason.strip() if overridden else ""


def _publish(
    *, actor, version: NoticeVersion, effective_from: dt.date | None, override_reason: str, historical: bool,
    stored: list[str], job: PublishJob | None,
) -> Publication:
    """version_publish's steps, inside its transaction. Appends the stored PDF's name to `stored`."""
    version, effective_from, overridden, override_reason = _publishable(
        actor=actor, version=version, effective_from=effective_from, override_reason=override_reason,
        historical=historical)
    document = with_version(
        version.submitted_document,
        number=version.number,
        status=Status.PUBLISHED,
        effective_from=effective_from,
        approver=actor.get_full_name() or actor.get_username(),
        change_summary=version.change_summary,
    )
    pdf = _render_publication_pdf(version=version, document=document)
    pdf_name = _store_pdf(version, pdf, stored=stored)
    html = render_document_html(document)
    publication = Publication(
        version=version,
        document=document,
        html=html,
        html_sha256=sha256_hex(html),
        effective_from=effective_from,
        published_at=timezone.now(),
        approved_by=actor,
        approver_name=document["version"]["approved_by"],
        change_summary=version.change_summary,
        pdf=pdf_name,
        pdf_sha256=sha256_hex(pdf),
        pdf_size=len(pdf),
    )
    publication.save()
    _list_publicly(publication)
    _make_current(
        version=version,
        actor=actor,
        effective_from=effective_from,
        overridden=overridden,
        override_reason=override_reason,
    )
    if job is not None:
        # Done in the same commit that makes the version public: a job never says "published" for a
        # publication that was rolled back, nor stays "making the PDF" for one that was committed.
        job.status, job.finished_at, job.reason = PublishJob.Status.DONE, timezone.now(), ""
        job.save(update_fields=["status", "finished_at", "reason"])
    mirror_soon()
    return publication


def mirror_soon() -> None:
    """Queue a refresh of the static mirror (notices.mirror), when the portal keeps one (MIRROR_ROOT). Queued
    in the caller's transaction, so it runs only if what changed the public pages is committed."""
    if settings.MIRROR_ROOT:
        from .tasks import mirror_refresh  # the tasks call these actions

        mirror_refresh.enqueue()


def _edited_by(version: NoticeVersion, actor) -> bool:
    """Whether `actor` started or changed this version: its notice's or sections' history since it opened."""
    if version.created_by_id == actor.pk:
        return True
    since = {"history_date__gte": version.created_at, "history_user": actor}
    notice = version.notice
    return (notice.history.filter(**since).exists()
            or NoticeSection.history.filter(notice_id=notice.pk, **since).exists())


def _list_publicly(publication: Publication) -> None:
    """Copy what public lists and headings show from the frozen document, and mark the public change."""
    PublicListing.objects.create(publication=publication, **listing_fields(publication.document))
    frozen.public_changed(notice_id=publication.version.notice_id, action="published")


def _store_pdf(version: NoticeVersion, pdf: bytes, *, stored: list[str]) -> str:
    """Store the PDF and read it back: what is committed is known to be on disk, byte for byte."""
    storage = pdf_storage()
    try:
        name = storage.save(_pdf_name(version, pdf), ContentFile(pdf))
    except OSError as error:
        logger.exception("PDF of %s could not be stored", version)
        raise PublishError(_not_published(version, f"its PDF could not be stored ({error.strerror or error})")) \
            from error
    stored.append(name)
    with storage.open(name, "rb") as written:
        if sha256_hex(written.read()) != sha256_hex(pdf):
            raise PublishError(_not_published(version, "its PDF was not stored intact"))
    return name


def _delete_quietly(names: list[str]) -> None:
    storage = pdf_storage()
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # the original error matters more; sweep_storage removes what is left
            logger.exception("Could not delete %s after a failed publish", name)


def _render_publication_pdf(*, version: NoticeVersion, document: dict) -> bytes:
    """The PDF of the frozen document. It is made once, here, and served as stored bytes ever after."""
    try:
        return render_pdf(document)
    except Exception as error:
        logger.exception("PDF of %s could not be made", version)
        raise PublishError(_not_published(version, f"its PDF could not be made ({error})"), transient=False) \
            from error


def _pdf_name(version: NoticeVersion, pdf: bytes) -> str:
    return f"notices/pdf/{version.notice.slug}-v{version.number}-{sha256_hex(pdf)[:8]}.pdf"


def _make_current(
    *, version: NoticeVersion, actor, effective_from: dt.date, overridden: str, override_reason: str
) -> None:
    """Mark the version published, the one before it superseded, and set the notice's next review."""
    for earlier in version.notice.versions.filter(status=Status.PUBLISHED).exclude(pk=version.pk):
        _move(
            earlier,
            to=Status.SUPERSEDED,
            actor=actor,
            action="superseded",
            reason=f"Replaced by version {version.number}",
        )
    reason = f"In force from {effective_from.isoformat()}"
    if overridden:
        reason += f". Published despite {overridden}. DPO's reason: {override_reason}"
    _move(
        version,
        to=Status.PUBLISHED,
        actor=actor,
        action="published",
        reason=reason,
        override_reason=override_reason,
    )
    notice = version.notice
    notice.review_by = add_months(effective_from, 12)
    notice.save(update_fields=["review_by", "updated_at"])
    # A new publication brings the notice up to date with the records it uses as they now are.
    out_of_date_refresh(notice_ids=[notice.pk])


def _blockers_to_override(version: NoticeVersion, reason: str) -> str:
    """What the DPO is overriding, e.g. "2 blocking compliance findings (dpo_missing, retention_missing)";
    "" when nothing blocks. Refuses when something blocks and no reason was given."""
    findings = check_document(version.submitted_document, notice_meta=notice_meta(version.notice), on=today())
    found = blockers(findings)
    if not found:
        return ""
    if not reason:
        raise ComplianceBlocked(findings)
    codes = ", ".join(sorted({finding.code for finding in found}))
    return f"{len(found)} blocking compliance finding{'s' if len(found) != 1 else ''} ({codes})"


@transaction.atomic
def notice_withdraw(*, actor, notice: Notice, reason: str) -> Withdrawal:
    """Take a published notice down. Its public address then says it was withdrawn, and when."""
    _require(actor, "notice.withdraw", notice, doing="withdraw notices")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the notice is being withdrawn."})
    live = list(notice.versions.filter(status=Status.PUBLISHED))
    if not live:
        raise WorkflowError(f"“{notice}” has no published version, so there is nothing to withdraw.")
    for version in live:
        _move(version, to=Status.WITHDRAWN, actor=actor, action="withdrawn", reason=reason.strip())
    frozen.public_changed(notice_id=notice.pk, action="withdrawn")
    # A withdrawn notice has no public version to be out of date.
    out_of_date_refresh(notice_ids=[notice.pk])
    withdrawal = Withdrawal.objects.create(
        notice=notice, version=live[0], withdrawn_at=timezone.now(), withdrawn_by=actor, reason=reason.strip()
    )
    mirror_soon()  # last: a backend that runs tasks at once must see the withdrawal
    return withdrawal


def _section_for_edit(actor, section: NoticeSection, *, lock_version: int) -> NoticeSection:
    """The section, locked, once the actor may edit it and nobody has saved it since `lock_version`."""
    _require(actor, "notice.edit", section.notice, doing="edit notices")
    _editable_version(section.notice, actor)
    locked = NoticeSection.objects.select_for_update().filter(pk=section.pk).first()
    if locked is None:
        raise EditConflict(f"The section “{section.heading}” was deleted by someone else while you were editing it.")
    if locked.lock_version != lock_version:
        raise EditConflict(
            f"The section “{locked.heading}” was changed by someone else while you were editing it.", current=locked
        )
    locked._history_user = actor
    return locked


@transaction.atomic
def notice_section_update(
    *, actor, section: NoticeSection, lock_version: int, heading: str, body: str, placement: str
) -> NoticeSection:
    """Change a free-text section of the notice's draft. Refused with EditConflict if someone saved it
    after the editor loaded `lock_version`."""
    section = _section_for_edit(actor, section, lock_version=lock_version)
    section.heading, section.body, section.placement = heading, body, placement
    section.lock_version += 1
    section.full_clean()
    section.save()
    _edit_audited(actor=actor, notice=section.notice, what=f"section “{heading}”", fields=["heading", "body",
                                                                                         "placement"])
    return section


@transaction.atomic
def notice_section_delete(*, actor, section: NoticeSection, lock_version: int) -> None:
    """Remove a free-text section from the notice's draft (its history row keeps the text)."""
    section = _section_for_edit(actor, section, lock_version=lock_version)
    section.delete()
    _edit_audited(actor=actor, notice=section.notice, what=f"section “{section.heading}” deleted", fields=[])


@transaction.atomic
def notice_section_move(*, actor, section: NoticeSection, up: bool, order: list[int]) -> None:
    """Swap a free-text section with its neighbour above (up) or below, renumbering all of them.

    `order` is the sections' ids in the order the editor saw them: if anyone has added, deleted or moved
    a section since, the move is refused rather than applied to an order the editor never saw."""
    _require(actor, "notice.edit", section.notice, doing="edit notices")
    _editable_version(section.notice, actor)
    sections = list(section.notice.sections.select_for_update().order_by("position", "id"))
    if [s.pk for s in sections] != list(order):
        raise EditConflict(
            f"The sections of “{section.notice}” were changed by someone else while you were looking at them. "
            f"The page now shows them as they are: move the section again if it is still needed."
        )
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(sections):
        sections[index], sections[other] = sections[other], sections[index]
    for position, item in enumerate(sections):
        if item.position != position:
            item.position = position
            item.lock_version += 1
            item.save(update_fields=["position", "lock_version"])
    _edit_audited(actor=actor, notice=section.notice, what=f"section “{section.heading}” moved", fields=["position"])


@transaction.atomic
def notices_start_drafts(*, actor, notices) -> list[NoticeVersion]:
    """Open a new draft for each notice that has none, e.g. after a record they use changed."""
    for notice in notices:
        _require(actor, "notice.edit", notice, doing="start a new draft")
    return [
        version_start_draft(actor=actor, notice=notice)
        for notice in notices
        if not notice.versions.filter(status__in=NoticeVersion.OPEN_STATUSES).exists()
    ]


@transaction.atomic
def version_restore(*, actor, publication: Publication, lock_version: int) -> NoticeVersion:
    """Copy an earlier published version into the notice's draft: its summary, record choices and
    free-text sections, from the frozen document's record ids. Records deleted since, and any that are
    not the notice's organisation's own, are skipped. Refused with EditConflict if the notice was changed
    after the editor loaded `lock_version`: a restore replaces the whole working copy, so it must not
    replace edits its author never saw."""
    notice = Notice.objects.select_for_update().get(pk=publication.version.notice_id)
    _require(actor, "notice.edit", notice, doing="restore a version")
    if notice.lock_version != lock_version:
        raise EditConflict(f"“{notice}” was changed by someone else after you opened it. Look at the draft as it "
                           f"is now, then copy the version in again if it is still what you want.")
    version = _editable_version(notice, actor)
    document = publication.document
    relations: dict[str, set[int]] = {}
    for section in document["sections"]:
        for key, field, relation in restorable():
            if section["key"] == key:
                relations.setdefault(relation, set()).update(item["id"] for item in section.get(field, []))
    notice.summary = document["notice"].get("summary", "")
    notice.record_order, notice.added_rights = _order_and_added_rights(document)
    why = next((s for s in document["sections"] if s["key"] == "why_we_use_it"), {})
    notice.provision_statement = why.get("provision_statement", "")
    controller = next((s.get("controller") for s in document["sections"] if s["key"] == "who_we_are"), None)
    if controller and Controller.objects.filter(pk=controller["id"], organisation=notice.organisation_id).exists():
        notice.controller_id = controller["id"]
    notice.lock_version += 1
    notice.save()
    for relation, ids in relations.items():
        model = Notice._meta.get_field(relation).related_model
        getattr(notice, relation).set(model.objects.filter(pk__in=ids, organisation=notice.organisation_id))
    notice.sections.all().delete()
    free_text = [s for s in document["sections"] if s.get("free_text")]
    for position, section in enumerate(free_text):
        NoticeSection.objects.create(notice=notice, heading=section["title"], body=section["markdown"],
                                     placement=section["placement"], position=position)
    _event(version=version, actor=actor, action="restored", from_status=version.status,
           reason=f"Restored from version {publication.version.number}")
    out_of_date_refresh(notice_ids=[notice.pk])
    return version


def _order_and_added_rights(document: dict) -> tuple[dict, list[dict]]:
    """The order of the purposes and recipients and the rights added beyond the law, as a frozen document has
    them (recipients and processors are one list on the notice)."""
    sections = {section["key"]: section for section in document["sections"]}
    order = {
        "purposes": [p["id"] for p in sections.get("why_we_use_it", {}).get("purposes", [])],
        "recipients": [r["id"] for field in ("recipients", "processors")
                       for r in sections.get("who_we_share_with", {}).get(field, [])],
    }
    added = [{"key": r["key"], "note": r.get("note", "")}
             for r in sections.get("your_rights", {}).get("rights", []) if r.get("added")]
    return order, added


@transaction.atomic
def stale_reference_save(
    *, actor, fields: dict, reference: StaleReference | None = None, lock_version: int | None = None
) -> StaleReference:
    """Add an out-of-date reference for the checks to look for, or change one (DPO). A change is refused with
    EditConflict if someone saved the reference since `lock_version` was loaded; history names the DPO."""
    if not can(actor, "reference.change"):
        raise PermissionDenied("Only DPOs can change the out-of-date references.")
    if reference is None:
        reference = StaleReference()
    else:
        reference = StaleReference.objects.select_for_update().get(pk=reference.pk)
        if reference.lock_version != lock_version:
            raise EditConflict(
                f"“{reference}” was changed by someone else while you were editing it. Your changes have not been "
                f"saved: reload it to see theirs."
            )
        reference.lock_version += 1
    for name, value in fields.items():
        setattr(reference, name, value)
    reference.full_clean()
    reference._history_user = actor
    reference.save()
    return reference


@transaction.atomic
def export_request(*, actor, organisations, as_of: dt.date | None = None, controller=None, service=None) -> ExportJob:
    """Queue a DPO's archive of the published notices of `organisations` (narrowed to one controller, one
    service, or the versions in force on `as_of`), written to storage by notices.tasks.export_notices. Refused
    with a ValidationError when no published version matches."""
    from .export import describe_selection
    from .tasks import export_notices  # the task calls back into this module

    organisations = list(organisations)
    for organisation in organisations:
        _require(actor, "notice.export", organisation, doing="export notices")
    chosen = {"as_of": as_of, "controller": controller, "service": service}
    ids = publication_ids_for_export(organisations=organisations, **chosen)
    if not ids:
        raise ValidationError("No published notice matches what you selected, so there is nothing to export")
    job = ExportJob.objects.create(
        requested_by=actor, total=len(ids), description=describe_selection(organisations=organisations, **chosen),
        selection={"as_of": as_of.isoformat() if as_of else None, "controller": controller and controller.pk,
                   "service": service and service.pk},
    )
    job.organisations.set(organisations)
    export_notices.enqueue(job.pk)
    job.refresh_from_db()
    return job


def export_job_start(*, job_id: int) -> ExportJob | None:
    """The task takes its job: queued → writing. None if it is not waiting (a task run twice)."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id, status=ExportJob.Status.QUEUED).first()
        if job is None:
            return None
        job.status = ExportJob.Status.WRITING
        job.save(update_fields=["status"])
    return job


def export_job_finish(*, job: ExportJob, **outcome) -> ExportJob:
    """Record how an export ended: status DONE with its file, size, sha256 and missing count, or FAILED
    with the reason."""
    for name, value in outcome.items():
        setattr(job, name, value)
    job.finished_at = timezone.now()
    job.save(update_fields=[*outcome, "finished_at"])
    return job
