"""The cross-organisation access matrix: who gets what from every /manage/ URL when the object behind it
belongs to organisation A. tests/security/test_access_matrix_organisations.py checks every cell.

Columns (each a member of staff with the role the URL needs, from the view's `staff_action`):
    owner      a member of A
    other      a member of B only: A's objects do not exist for them (404)
    both       a member of A and of B
    superuser  a portal administrator, member of nothing

Each /manage/ URL is one of:
    SCOPED     names an object of A: owner, both and superuser are served; other gets 404
    UNSCOPED   names no object: everyone is served their own organisations' things
    ADMIN      portal administrators only: 403 for the rest

GET and POST follow the general matrix (tests/security/access_expectations.py): where it says a method is
not allowed (405) for a superuser, it is not allowed for anyone here either. `build(a)` returns the URL
arguments (and, for some POSTs, the form data) for an object of organisation `a`; it runs inside the test.
A /manage/ URL with no entry here fails the test by name.
"""

from collections.abc import Callable
from dataclasses import dataclass

SCOPED, UNSCOPED, ADMIN = "scoped", "unscoped", "admin"
# An object of one person's (a register import's preview): only its uploader, the owner column's IG officer.
UPLOADERS = "uploader's"
COLUMNS = ("owner", "other", "both", "superuser")
OK, NOT_FOUND, FORBIDDEN, NOT_ALLOWED = "ok", "404", "403", "405"


@dataclass(frozen=True)
class Cell:
    kind: str
    build: Callable | None = None  # build(a) → (kwargs, POST data)

    def expected(self, column: str) -> str:
        if self.kind == ADMIN:
            return OK if column == "superuser" else FORBIDDEN
        if self.kind == UPLOADERS:
            return OK if column == "owner" else NOT_FOUND
        if self.kind == SCOPED and column == "other":
            return NOT_FOUND
        return OK


def _notice(a):
    from tests.factories import NoticeFactory

    return NoticeFactory(organisation=a)


def _record(kind: str, factory_name: str):
    def build(a):
        from tests import factories

        return {"kind": kind, "pk": getattr(factories, factory_name)(organisation=a).pk}, None

    return build


def _notice_pk(**extra):
    return lambda a: ({"pk": _notice(a).pk, **extra}, None)


def _purpose_move():
    def build(a):
        notice = _notice(a)
        return {"pk": notice.pk, "part": "purposes", "record_id": notice.purposes.get().pk, "how": "down"}, None

    return build


def _section(**extra):
    def build(a):
        from tests.factories import NoticeSectionFactory

        section = NoticeSectionFactory(notice=_notice(a))
        return {"pk": section.notice_id, "section_id": section.pk, **extra}, None

    return build


def _published(a):
    """A notice of A with version 1 published through the real workflow, by A's own staff."""
    from django.contrib.auth.models import User

    from notices import actions
    from tests.factories import member

    officer, dpo = (User.objects.create_user(f"publisher-{role}-{User.objects.count()}") for role in ("ig", "dpo"))
    member(officer, a, "ig_officer")
    member(dpo, a, "dpo")
    notice = _notice(a)
    version = notice.versions.get(status="draft")
    actions.version_submit(actor=officer, version=version, change_summary="First")
    actions.version_publish(actor=dpo, version=version)
    return {"pk": notice.pk, "number": 1}, None


def _publish_job(a):
    from tests.factories import failed_publish_job

    job = failed_publish_job(_notice(a))
    return {"pk": job.version.notice_id, "job_id": job.pk}, None


def _export_job(a):
    from tests.factories import failed_export_job

    return {"job_id": failed_export_job(a).pk}, None


def _notice_import(a, *, drafted: bool = False):
    """An import of A's, made by an IG officer of A (drafted: its draft made, one paragraph kept as text)."""
    from django.contrib.auth.models import User

    from imports import actions
    from tests.factories import member

    officer = User.objects.create_user(f"importer-{User.objects.count()}")
    member(officer, a, "ig_officer")
    text = "Who we are\n\nNorthshire Borough Council is the data controller.\n\nCookies\n\nWe use cookies."
    kept = actions.import_create(actor=officer, organisation=a, text=text)
    if drafted:
        kept = actions.proposals_decide(actor=officer, notice_import=kept, lock_version=kept.lock_version,
                                        decisions={p.pk: "accepted" for p in kept.proposals.all()})
        actions.import_draft_create(actor=officer, notice_import=kept, lock_version=kept.lock_version, title="N")
    return kept


def _import(a):
    return {"pk": _notice_import(a).pk}, None


def _import_proposal(a):
    kept = _notice_import(a)
    return {"pk": kept.pk, "proposal_id": kept.proposals.first().pk}, None


def _import_kept_section(a):
    kept = _notice_import(a, drafted=True)
    return {"pk": kept.pk, "section_id": kept.imported_sections.first().section_id}, None


def _register_import(a):
    """A stored register import preview of A's, uploaded by the owner column's IG officer."""
    from django.contrib.auth.models import User

    from ropa.models import RegisterImport
    from ropa.selectors import register_state

    pending = RegisterImport.objects.create(
        organisation=a, user=User.objects.get(username="owner-ig_officer"), filename="register.csv",
        sha256="0" * 64, rows={}, preview={"outcomes": [], "errors": []}, register_state=register_state(organisation=a))
    return {"pk": pending.pk}, None


def _switch(a):
    return {}, {"organisation": a.pk}


def _organisation(a):
    return {"slug": a.slug}, None


def _membership(a):
    from django.contrib.auth.models import User

    from tests.factories import member

    membership = member(User.objects.create_user(f"leaver-{User.objects.count()}"), a)
    return {"slug": a.slug, "pk": membership.pk}, None


def _catalogue_entry(a):
    from services.models import Legislation

    return {"pk": Legislation.objects.filter(in_catalogue=True).values_list("pk", flat=True).first()}, None


def _stale_reference(a):
    from notices.models import StaleReference

    return {"pk": StaleReference.objects.values_list("pk", flat=True).first()}, None


ORGANISATION_EXPECTATIONS: dict[str, Cell] = {
    "manage:dashboard": Cell(UNSCOPED),
    "manage:register": Cell(UNSCOPED),
    "manage:record_list": Cell(UNSCOPED, lambda a: ({"kind": "purposes"}, None)),
    # Searches the organisation it is working in; naming another one is tested in tests/services/test_pickers.py.
    "manage:record_find": Cell(UNSCOPED, lambda a: ({"kind": "purposes"}, None)),
    "manage:record_create": Cell(UNSCOPED, lambda a: ({"kind": "purposes"}, None)),
    "manage:record_detail": Cell(SCOPED, _record("purposes", "PurposeFactory")),
    "manage:record_edit": Cell(SCOPED, _record("recipients", "RecipientFactory")),
    "manage:record_retire": Cell(SCOPED, _record("sources", "SourceFactory")),
    "manage:record_redraft": Cell(SCOPED, _record("data-categories", "DataCategoryFactory")),
    "manage:record_copy": Cell(SCOPED, _record("retention-rules", "RetentionRuleFactory")),
    "manage:notice_new": Cell(UNSCOPED),
    "manage:notice": Cell(SCOPED, _notice_pk()),
    "manage:notice_basics": Cell(SCOPED, _notice_pk()),
    "manage:notice_relation": Cell(SCOPED, _notice_pk(part="purposes")),
    "manage:record_move": Cell(SCOPED, _purpose_move()),
    "manage:notice_rights": Cell(SCOPED, _notice_pk()),
    "manage:section_add": Cell(SCOPED, _notice_pk()),
    "manage:section_edit": Cell(SCOPED, _section()),
    "manage:section_change": Cell(SCOPED, _section(how="up")),
    "manage:notice_preview": Cell(SCOPED, _notice_pk()),
    "manage:pdf_draft": Cell(SCOPED, _notice_pk()),
    "manage:notice_submit": Cell(SCOPED, _notice_pk()),
    "manage:notice_review": Cell(SCOPED, _notice_pk()),
    "manage:notice_decide": Cell(SCOPED, _notice_pk(decision="reject")),
    "manage:notice_withdraw": Cell(SCOPED, _notice_pk()),
    "manage:notice_restore": Cell(SCOPED, _published),
    "manage:export": Cell(UNSCOPED),
    # The messages of the organisation being worked in (never another's: tests/notifications/test_pages.py),
    # and one's own e-mail settings.
    "manage:messages": Cell(UNSCOPED),
    # The current organisation's own websites, for embedding its notices.
    "manage:embedding": Cell(UNSCOPED),
    # Bringing a notice in: the list is the current organisation's; each import is its organisation's.
    "manage:imports": Cell(UNSCOPED),
    "manage:import": Cell(SCOPED, _import),
    "manage:import_proposal": Cell(SCOPED, _import_proposal),
    "manage:import_draft": Cell(SCOPED, _import),
    "manage:import_section_decide": Cell(SCOPED, _import_kept_section),
    # The current organisation's record of processing; a register import's preview is its uploader's alone.
    "manage:ropa": Cell(UNSCOPED),
    "manage:ropa_xlsx": Cell(UNSCOPED),
    "manage:ropa_csv": Cell(UNSCOPED),
    "manage:ropa_import": Cell(UPLOADERS, _register_import),
    "manage:notification_preferences": Cell(UNSCOPED),
    "manage:export_progress": Cell(SCOPED, _export_job),
    "manage:export_download": Cell(SCOPED, _export_job),
    "manage:notice_publishing": Cell(SCOPED, _publish_job),
    # Choosing A to work in: only someone who is in A can.
    "manage:organisation_switch": Cell(SCOPED, _switch),
    "manage:organisations": Cell(ADMIN),
    "manage:organisation": Cell(ADMIN, _organisation),
    "manage:membership_remove": Cell(ADMIN, _membership),
    # The checks' reference data is shared: the same catalogue and out-of-date list for every organisation.
    "manage:catalogue_list": Cell(UNSCOPED),
    "manage:catalogue_create": Cell(UNSCOPED),
    "manage:catalogue_edit": Cell(UNSCOPED, _catalogue_entry),
    "manage:stale_list": Cell(UNSCOPED),
    "manage:stale_create": Cell(UNSCOPED),
    "manage:stale_edit": Cell(UNSCOPED, _stale_reference),
}
