"""Who gets what from every URL: the table tests/security/test_access_matrix.py checks.

The test walks the whole URLconf and fails, naming the URL, for any URL without an entry here (and for
entries whose URL no longer exists). To add a URL, add one line keyed by its name, "namespace:name"
(or its route, if it has no name), usually with a shorthand:

    "manage:purpose_list": staff("IG officer", "DPO"),
    "manage:purpose_publish": post_only(staff("DPO", get=NOT_ALLOWED, kwargs=lambda: {"pk": PurposeFactory().pk})),
    "public:notice": everyone(kwargs=lambda: {"slug": ControllerFactory().slug}),

`kwargs` builds sample URL arguments (it runs inside the test, with database access). For anything the
shorthands do not express, adjust a row: `staff("DPO").but(post={"superuser": NOT_ALLOWED})`.

Roles (personas from tests/conftest.py):
    anonymous      nobody signed in
    ig_officer     alice, IG officer, both factors
    dpo            bob, DPO, both factors
    superuser      charlie, superuser, both factors
    staff_no_role  dave, staff with no role, both factors
    inactive       an IG officer whose account is deactivated (session had both factors)
    password_only  alice with her password only: has an authenticator, not yet checked in this session

Outcomes:
    OK           served (any status below 400), or redirected anywhere but the sign-in steps
    LOGIN        redirected to sign in
    TWO_FACTOR   redirected to the two-factor step (or to set it up)
    FORBIDDEN    403
    NOT_ALLOWED  405 (method not allowed)
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

OK, LOGIN, TWO_FACTOR, FORBIDDEN, NOT_ALLOWED = "ok", "login", "two-factor", "403", "405"

ROLES = ("anonymous", "ig_officer", "dpo", "superuser", "staff_no_role", "inactive", "password_only")
# The staff role each verified persona holds in the default organisation (accounts.models.Membership).
ROLE_GROUPS = {"ig_officer": "ig_officer", "dpo": "dpo", "staff_no_role": None}

# Every URL in the admin site is covered by one entry; see test_access_matrix.admin_targets.
ADMIN_GROUP = "admin:*"


@dataclass(frozen=True)
class Expect:
    get: dict[str, str]
    post: dict[str, str]
    kwargs: Callable[[], dict] | None = field(default=None, compare=False)
    # Form data for the POST, where an empty POST would not show the access decision.
    data: Callable[[], dict] | None = field(default=None, compare=False)

    def but(self, *, get: dict | None = None, post: dict | None = None) -> "Expect":
        """The same row with some roles' outcomes changed."""
        return replace(self, get={**self.get, **(get or {})}, post={**self.post, **(post or {})})


def _row(verified: dict[str, str], *, anonymous: str, password_only: str) -> dict[str, str]:
    return {"anonymous": anonymous, "inactive": anonymous, "password_only": password_only, **verified}


def everyone(*, get=OK, post=OK, kwargs=None) -> Expect:
    """A public page: the same for all, signed in or not."""
    return Expect(get=dict.fromkeys(ROLES, get), post=dict.fromkeys(ROLES, post), kwargs=kwargs)


def signed_in(*, get=OK, post=OK, kwargs=None) -> Expect:
    """Any signed-in user, the password step being enough (the sign-in steps themselves)."""

    def row(outcome):
        return _row(
            dict.fromkeys(("ig_officer", "dpo", "superuser", "staff_no_role"), outcome),
            anonymous=LOGIN,
            password_only=outcome,
        )

    return Expect(get=row(get), post=row(post), kwargs=kwargs)


def staff(*roles, get=OK, post=OK, kwargs=None, data=None) -> Expect:
    """A view behind @staff_required(*roles): both factors, and one of `roles` (if named) or superuser."""

    def row(outcome):
        verified = {
            persona: outcome if not roles or group in roles else FORBIDDEN for persona, group in ROLE_GROUPS.items()
        }
        return _row({**verified, "superuser": outcome}, anonymous=LOGIN, password_only=TWO_FACTOR)

    return Expect(get=row(get), post=row(post), kwargs=kwargs, data=data)


def superuser_only(*, get=OK, post=OK, kwargs=None) -> Expect:
    """The admin: superusers with both factors."""

    def row(outcome):
        verified = dict.fromkeys(ROLE_GROUPS, FORBIDDEN)
        return _row({**verified, "superuser": outcome}, anonymous=LOGIN, password_only=TWO_FACTOR)

    return Expect(get=row(get), post=row(post), kwargs=kwargs)


def _published_notice() -> dict:
    """A notice with versions 1 and 2 published through the real workflow, for the public pages' rows."""
    from django.contrib.auth.models import User

    from notices import actions
    from notices.selectors import today
    from tests.factories import NoticeFactory, member

    officer, dpo = (User.objects.create_user(f"matrix-{role}-{User.objects.count()}") for role in ("ig", "dpo"))
    member(officer, role="ig_officer")
    member(dpo, role="dpo")
    notice = NoticeFactory()
    for number in (1, 2):
        if number == 2:
            actions.notice_update(
                actor=officer, notice=notice, lock_version=notice.lock_version, fields={"summary": "v2"}
            )
        version = notice.versions.get(status="draft")
        actions.version_submit(actor=officer, version=version, change_summary=f"Version {number}")
        actions.version_publish(actor=dpo, version=version)
    day = today()
    return {
        "pk": notice.pk,
        "slug": notice.slug,
        "number": 1,
        "old": 1,
        "new": 2,
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }


def _publish_job() -> dict:
    from tests.factories import failed_publish_job

    job = failed_publish_job()
    return {"pk": job.version.notice_id, "job_id": job.pk}


def _export_job() -> dict:
    from tests.factories import failed_export_job

    return {"job_id": failed_export_job().pk}


def _draft_notice_id() -> int:
    from tests.factories import NoticeFactory

    return NoticeFactory().pk


def _only(*names):
    return lambda: {key: value for key, value in _published_notice().items() if key in names}


PUBLIC_READ = everyone(post=NOT_ALLOWED)


def _notice_pk() -> dict:
    return {"pk": _draft_notice_id()}


def _purpose() -> dict:
    from tests.factories import PurposeFactory

    return {"kind": "purposes", "pk": PurposeFactory().pk}


def _purpose_move() -> Callable[[], dict]:
    """Move a draft notice's (one) purpose down: the URL names the notice, the list and the record."""
    def build() -> dict:
        from tests.factories import NoticeFactory

        notice = NoticeFactory()
        return {"pk": notice.pk, "part": "purposes", "record_id": notice.purposes.get().pk, "how": "down"}

    return build


def _section(**extra) -> Callable[[], dict]:
    def build() -> dict:
        from tests.factories import NoticeSectionFactory

        section = NoticeSectionFactory()
        return {"pk": section.notice_id, "section_id": section.pk, **extra}

    return build


IG, DPO_ROLE = "ig_officer", "dpo"


def _notice_import(*, drafted: bool = False):
    """An import of the default organisation (drafted: its draft notice made, with a paragraph kept as text)."""
    from django.contrib.auth.models import User

    from imports import actions
    from tests.factories import default_organisation, member

    officer = User.objects.create_user(f"matrix-import-{User.objects.count()}")
    member(officer, role="ig_officer")
    text = "Who we are\n\nNorthshire Borough Council is the data controller.\n\nCookies\n\nWe use cookies."
    kept = actions.import_create(actor=officer, organisation=default_organisation(), text=text)
    if drafted:
        kept = actions.proposals_decide(actor=officer, notice_import=kept, lock_version=kept.lock_version,
                                        decisions={p.pk: "accepted" for p in kept.proposals.all()})
        actions.import_draft_create(actor=officer, notice_import=kept, lock_version=kept.lock_version, title="N")
    return kept


def _import_pk() -> dict:
    return {"pk": _notice_import().pk}


def _import_proposal() -> dict:
    kept = _notice_import()
    return {"pk": kept.pk, "proposal_id": kept.proposals.first().pk}


def _import_kept_section() -> dict:
    kept = _notice_import(drafted=True)
    return {"pk": kept.pk, "section_id": kept.imported_sections.first().section_id}


def _organisation() -> dict:
    from tests.factories import default_organisation

    return {"slug": default_organisation().slug}


def _membership() -> dict:
    from django.contrib.auth.models import User

    from tests.factories import member

    return {**_organisation(), "pk": member(User.objects.create_user(f"leaver-{User.objects.count()}")).pk}


def _switch_to_default() -> dict:
    from tests.factories import default_organisation

    return {"organisation": default_organisation().pk}


def _catalogue_entry() -> dict:
    from services.models import Legislation

    return {"pk": Legislation.objects.filter(in_catalogue=True).values_list("pk", flat=True).first()}


def _alices_import() -> dict:
    """A stored import preview uploaded by alice (the IG officer persona): only she may see or confirm it."""
    from django.contrib.auth.models import User

    from ropa.models import RegisterImport
    from ropa.selectors import register_state
    from tests.factories import default_organisation

    organisation = default_organisation()
    pending = RegisterImport.objects.create(
        organisation=organisation, user=User.objects.get(username="alice"), filename="register.csv", sha256="0" * 64,
        rows={}, preview={"outcomes": [], "errors": []}, register_state=register_state(organisation=organisation))
    return {"pk": pending.pk}


def _stale_reference() -> dict:
    from notices.models import StaleReference

    return {"pk": StaleReference.objects.values_list("pk", flat=True).first()}


def post_only(expect: Expect) -> Expect:
    """A POST-only action: require_POST answers every GET with 405 before anyone is asked to sign in."""
    return expect.but(get={role: NOT_ALLOWED for role in ROLES})


EXPECTATIONS: dict[str, Expect] = {
    # Public, read-only: GET and HEAD only.
    "public:home": PUBLIC_READ,
    "public:accessibility": PUBLIC_READ,
    "public:organisation": everyone(post=NOT_ALLOWED, kwargs=_organisation),
    "public:notice": everyone(post=NOT_ALLOWED, kwargs=_only("slug")),
    "public:summary": everyone(post=NOT_ALLOWED, kwargs=_only("slug")),
    "public:versions": everyone(post=NOT_ALLOWED, kwargs=_only("slug")),
    "public:version": everyone(post=NOT_ALLOWED, kwargs=_only("slug", "number")),
    "public:version_summary": everyone(post=NOT_ALLOWED, kwargs=_only("slug", "number")),
    "public:version_json": everyone(post=NOT_ALLOWED, kwargs=_only("slug", "number")),
    "public:on_date": everyone(post=NOT_ALLOWED, kwargs=_only("slug", "year", "month", "day")),
    "public:compare": everyone(post=NOT_ALLOWED, kwargs=_only("slug", "old", "new")),
    "public:pdf_version": everyone(post=NOT_ALLOWED, kwargs=_only("slug", "number")),
    "public:pdf_current": everyone(post=NOT_ALLOWED, kwargs=_only("slug")),
    "public:verify": everyone(),
    "public:embed": everyone(post=NOT_ALLOWED, kwargs=_only("slug")),
    # Feeds and the open API: read-only for everyone.
    "public:feed": PUBLIC_READ,
    "public:organisation_feed": everyone(post=NOT_ALLOWED, kwargs=_organisation),
    "public:notice_feed": everyone(post=NOT_ALLOWED, kwargs=_only("slug")),
    "public:api_docs": PUBLIC_READ,
    "public:api_index": PUBLIC_READ,
    "public:api_schema": PUBLIC_READ,
    "public:api_notice": everyone(post=NOT_ALLOWED, kwargs=_only("slug")),
    "public:api_version": everyone(post=NOT_ALLOWED, kwargs=_only("slug", "number")),
    # The container healthcheck's and load balancer's question: "ok" or "unavailable", nothing more.
    "healthz": PUBLIC_READ,
    # The workspace (/manage/): IG officers and DPOs read everything; IG officers change records and drafts;
    # DPOs review, publish, reject and withdraw. POST-only actions answer GET with 405 before anything else.
    "manage:dashboard": staff(IG, DPO_ROLE),
    "manage:register": staff(IG, DPO_ROLE),
    "manage:record_list": staff(IG, DPO_ROLE, kwargs=lambda: {"kind": "purposes"}),
    "manage:record_detail": staff(IG, DPO_ROLE, kwargs=_purpose),
    "manage:record_create": staff(IG, kwargs=lambda: {"kind": "purposes"}),
    # The record pickers' JSON search: anyone who may read the register.
    "manage:record_find": staff(IG, DPO_ROLE, kwargs=lambda: {"kind": "purposes"}),
    "manage:record_edit": staff(IG, kwargs=_purpose),
    "manage:record_retire": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_purpose)),
    "manage:record_redraft": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_purpose)),
    "manage:record_copy": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_purpose)),
    "manage:notice_new": staff(IG),
    "manage:notice": staff(IG, DPO_ROLE, kwargs=_notice_pk),
    "manage:notice_basics": staff(IG, kwargs=_notice_pk),
    "manage:notice_relation": staff(IG, kwargs=lambda: {**_notice_pk(), "part": "purposes"}),
    "manage:record_move": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_purpose_move())),
    "manage:notice_rights": staff(IG, kwargs=_notice_pk),
    "manage:section_add": staff(IG, kwargs=_notice_pk),
    "manage:section_edit": staff(IG, kwargs=_section()),
    "manage:section_change": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_section(how="up"))),
    "manage:notice_preview": staff(IG, DPO_ROLE, kwargs=_notice_pk),
    # The draft PDF for IG officers and DPOs (read-only); the archive export for DPOs.
    "manage:pdf_draft": staff(IG, DPO_ROLE, post=NOT_ALLOWED, kwargs=_notice_pk),
    "manage:export": staff(DPO_ROLE),
    # Bringing a notice in: IG officers and DPOs see imports; IG officers upload, triage and create drafts.
    "manage:imports": staff(IG, DPO_ROLE).but(post={DPO_ROLE: FORBIDDEN}),
    "manage:import": staff(IG, DPO_ROLE, kwargs=_import_pk).but(post={DPO_ROLE: FORBIDDEN}),
    "manage:import_proposal": staff(IG, kwargs=_import_proposal),
    "manage:import_draft": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_import_pk)),
    "manage:import_section_decide": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_import_kept_section)),
    # The record of processing: both roles download it; only IG officers upload a register to import.
    "manage:ropa": staff(IG, DPO_ROLE).but(post={"dpo": FORBIDDEN}),
    "manage:ropa_xlsx": staff(IG, DPO_ROLE, post=NOT_ALLOWED),
    "manage:ropa_csv": staff(IG, DPO_ROLE, post=NOT_ALLOWED),
    # An import is its uploader's alone: even a superuser gets a 404 for someone else's.
    "manage:ropa_import": staff(IG, kwargs=_alices_import).but(get={"superuser": "HTTP 404"},
                                                                post={"superuser": "HTTP 404"}),
    # The export's progress page and its download, for the DPOs of its organisations (read-only).
    "manage:export_progress": staff(DPO_ROLE, post=NOT_ALLOWED, kwargs=_export_job),
    "manage:export_download": staff(DPO_ROLE, post=NOT_ALLOWED, kwargs=_export_job),
    "manage:notice_submit": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_notice_pk)),
    "manage:notice_review": staff(DPO_ROLE, kwargs=_notice_pk),
    "manage:notice_decide": post_only(
        staff(DPO_ROLE, get=NOT_ALLOWED, kwargs=lambda: {**_notice_pk(), "decision": "reject"})
    ),
    # How a publish is going: the DPO who may publish the notice.
    "manage:notice_publishing": staff(DPO_ROLE, kwargs=_publish_job),
    "manage:notice_withdraw": post_only(staff(DPO_ROLE, get=NOT_ALLOWED, kwargs=_notice_pk)),
    "manage:notice_restore": post_only(staff(IG, get=NOT_ALLOWED, kwargs=_only("pk", "number"))),
    # The checks' reference data: everyone in the workspace reads it; DPOs keep it.
    "manage:catalogue_list": staff(IG, DPO_ROLE),
    "manage:catalogue_create": staff(DPO_ROLE),
    "manage:catalogue_edit": staff(DPO_ROLE, kwargs=_catalogue_entry),
    "manage:stale_list": staff(IG, DPO_ROLE),
    "manage:stale_create": staff(DPO_ROLE),
    "manage:stale_edit": staff(DPO_ROLE, kwargs=_stale_reference),
    # E-mail notifications: the messages about the current organisation's notices, and one's own settings.
    "manage:messages": staff(IG, DPO_ROLE, post=NOT_ALLOWED),
    "manage:notification_preferences": staff(IG, DPO_ROLE),
    # Choosing the organisation to work in: staff of it; organisations and their staff: administrators.
    "manage:organisation_switch": post_only(staff(IG, DPO_ROLE, get=NOT_ALLOWED, data=_switch_to_default)),
    # Where the organisation's notices may be embedded: its IG officers and DPOs.
    "manage:embedding": staff(IG, DPO_ROLE),
    "manage:organisations": superuser_only(),
    "manage:organisation": superuser_only(kwargs=_organisation),
    "manage:membership_remove": post_only(superuser_only(get=NOT_ALLOWED, kwargs=_membership)),
    # Staff sign-in (accounts/)
    "accounts:login": everyone(),
    "accounts:logout": everyone(get=NOT_ALLOWED),
    "accounts:two_factor_verify": signed_in(),
    # Replacing an authenticator needs the old one first.
    "accounts:two_factor_setup": signed_in().but(get={"password_only": TWO_FACTOR}, post={"password_only": TWO_FACTOR}),
    "accounts:audit_list": staff(DPO_ROLE, post=NOT_ALLOWED),
    "accounts:audit_csv": staff(DPO_ROLE, post=NOT_ALLOWED),
    # Admin (sampled: index, sign-in, sign-out, and each model's changelist and add page)
    ADMIN_GROUP: superuser_only(),
}

# Admin URLs that differ from ADMIN_GROUP.
ADMIN_EXCEPTIONS: dict[str, Expect] = {
    "admin:logout": superuser_only(get=NOT_ALLOWED),
}
