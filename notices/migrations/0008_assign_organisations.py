"""Give every register record and notice an organisation.

Each notice's controller becomes an organisation (one per controller that has notices), and the notice
belongs to it. A record belongs to the organisations whose notices use it, directly or through another
record (a purpose's data categories, a service's controller, a legal hold's retention rules…). A record
used by two organisations' notices becomes one copy per organisation: the original stays with the
first, every other gets its own copy, and the notices, services and purposes of that organisation are
pointed at it. From then on the copies are independent, so an edit in one organisation changes nothing
in another's notices.

History is kept: the original keeps its rows; a copy gets a copy of each of the original's rows (so
its history reads from the start), and both get a row saying what happened. History rows are only ever
added (they are append-only on PostgreSQL). Records no notice reaches go to the organisation of their
service's controller where there is one, else to a single "Unassigned register records" organisation
that only portal administrators see, so nobody's staff are given records another body may have written.

Existing staff keep the access they had: a member of the old "IG officer" or "DPO" group becomes a
member of every organisation with that role. A portal administrator then narrows it in /manage/.
"""

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

UNASSIGNED = ("Unassigned register records", "unassigned-register-records")
REASON = "Organisations: {what} (records became per-organisation)"

# (app, model, foreign keys to other organisation records, many-to-many to them), in the order copies
# are made: a record's targets are copied before the record.
MODELS = [
    ("services", "Controller", {}, {}),
    ("services", "DataSubjectGroup", {}, {}),
    ("services", "DataCategory", {}, {}),
    ("services", "Source", {}, {}),
    ("services", "Recipient", {}, {}),
    ("services", "Service", {"controller": "Controller"}, {"other_controllers": "Controller"}),
    ("services", "Purpose", {}, {"data_categories": "DataCategory", "subject_groups": "DataSubjectGroup"}),
    ("retention", "RetentionRule", {}, {"services": "Service"}),
    ("retention", "LegalHold", {}, {"retention_rules": "RetentionRule", "services": "Service"}),
]
# Links to shared reference data, kept as they are on every copy.
SHARED_M2MS = {"Purpose": ("legislation",)}
NOTICE_M2MS = {
    "services": "Service", "purposes": "Purpose", "data_categories": "DataCategory",
    "subject_groups": "DataSubjectGroup", "sources": "Source", "recipients": "Recipient",
    "retention_rules": "RetentionRule", "legal_holds": "LegalHold",
}
# Parents before children: a record's organisations flow to the records it uses.
PROPAGATION = ["LegalHold", "RetentionRule", "Purpose", "Service"]


class _Run:
    def __init__(self, apps):
        self.apps = apps
        self.models = {name: apps.get_model(app, name) for app, name, _, _ in MODELS}
        self.links = {name: (fks, m2ms) for _, name, fks, m2ms in MODELS}
        self.owners: dict[tuple[str, int], set[int]] = {}
        self.copies: dict[tuple[str, int, int], int] = {}  # (model, original pk, organisation) → pk there
        self.now = timezone.now()

    def own(self, name: str, pk, organisation_ids) -> None:
        if pk is not None:
            self.owners.setdefault((name, pk), set()).update(organisation_ids)

    def owners_of(self, name: str, pk) -> set[int]:
        return self.owners.get((name, pk), set())


def _organisations_from_notices(run, Organisation, Notice) -> dict[int, int]:
    """controller id → organisation id, one organisation per controller that has notices."""
    by_controller = {}
    for controller in run.models["Controller"].objects.filter(notices__isnull=False).distinct().order_by("pk"):
        slug = controller.slug or slugify(controller.name)[:80]
        organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": controller.name})
        by_controller[controller.pk] = organisation.pk
    return by_controller


def _seed_owners(run, Notice, by_controller) -> None:
    for notice in Notice.objects.all():
        organisation = by_controller[notice.controller_id]
        notice.organisation_id = organisation
        notice.save(update_fields=["organisation"])
        run.own("Controller", notice.controller_id, {organisation})
        for relation, target in NOTICE_M2MS.items():
            for pk in getattr(notice, relation).values_list("pk", flat=True):
                run.own(target, pk, {organisation})
    # A service run by an organisation's own controller is that organisation's, used in a notice or not.
    for service in run.models["Service"].objects.filter(controller_id__in=by_controller):
        run.own("Service", service.pk, {by_controller[service.controller_id]})


def _propagate(run, *, only: set[int] | None = None) -> None:
    """Downwards: what a record uses belongs to the record's organisations too (only those in `only`)."""
    for name in PROPAGATION:
        fks, m2ms = run.links[name]
        for record in run.models[name].objects.all():
            organisations = run.owners_of(name, record.pk)
            if only is not None:
                organisations = organisations & only
            for field, target in fks.items():
                run.own(target, getattr(record, f"{field}_id"), organisations)
            for field, target in m2ms.items():
                for pk in getattr(record, field).values_list("pk", flat=True):
                    run.own(target, pk, organisations)


def _adopt(run) -> None:
    """Rules and holds no notice names belong with the services (or rules) they cover. Not pushed down
    again: a hold covering two organisations' services becomes one copy each, covering that one's."""
    for name in ("RetentionRule", "LegalHold"):
        _, m2ms = run.links[name]
        for record in run.models[name].objects.all():
            if run.owners_of(name, record.pk):
                continue
            for field, target in m2ms.items():
                for pk in getattr(record, field).values_list("pk", flat=True):
                    run.own(name, record.pk, run.owners_of(target, pk))


def _fallback(run, Organisation) -> None:
    """Records nothing reaches go to the unassigned organisation, with the records they use."""
    unassigned = None
    for name in [*PROPAGATION, *(n for _, n, _, _ in MODELS if n not in PROPAGATION)]:
        for pk in run.models[name].objects.values_list("pk", flat=True):
            if not run.owners_of(name, pk):
                if unassigned is None:
                    unassigned = Organisation.objects.get_or_create(
                        slug=UNASSIGNED[1], defaults={"name": UNASSIGNED[0]})[0].pk
                run.own(name, pk, {unassigned})
        if unassigned is not None:
            _propagate(run, only={unassigned})


def _history_row(run, name, record, *, reason: str, organisation_id: int, history_type="~"):
    History = run.apps.get_model(run.models[name]._meta.app_label, f"Historical{name}")
    values = {f.attname: getattr(record, f.attname) for f in run.models[name]._meta.concrete_fields}
    values["organisation_id"] = organisation_id
    History.objects.create(**values, history_date=run.now, history_type=history_type,
                           history_change_reason=reason[:100])


def _copy_history(run, name, original_pk, copy_pk, organisation_id) -> None:
    History = run.apps.get_model(run.models[name]._meta.app_label, f"Historical{name}")
    meta_fields = [f.attname for f in History._meta.concrete_fields if f.attname != "history_id"]
    # Only the rows from before this migration: not the one saying where the original now belongs.
    for row in History.objects.filter(id=original_pk, history_date__lt=run.now).order_by("history_date", "history_id"):
        values = {attname: getattr(row, attname) for attname in meta_fields}
        values.update(id=copy_pk, organisation_id=organisation_id)
        History.objects.create(**values)


def _place(run, Organisation, names) -> None:
    """Give each record its first organisation and a copy in every other, pointing links at the right copy."""
    organisation_names = dict(Organisation.objects.values_list("pk", "name"))
    for name in names:
        fks, m2ms = run.links[name]
        Model = run.models[name]
        for record in Model.objects.order_by("pk"):
            organisations = sorted(run.owners_of(name, record.pk))
            m2m_ids = {field: list(getattr(record, field).values_list("pk", flat=True)) for field in m2ms}
            shared = {field: list(getattr(record, field).values_list("pk", flat=True))
                      for field in SHARED_M2MS.get(name, ())}
            original_pk = record.pk
            for index, organisation in enumerate(organisations):
                if index:
                    record.pk = record.id = None
                    record._state.adding = True
                record.organisation_id = organisation
                for field, target in fks.items():
                    current = getattr(record, f"{field}_id")
                    if current is not None:
                        setattr(record, f"{field}_id", run.copies[(target, current, organisation)])
                record.save()
                run.copies[(name, original_pk, organisation)] = record.pk
                for field, target in m2ms.items():
                    # Only the targets this organisation has: see _adopt.
                    getattr(record, field).set([run.copies[(target, pk, organisation)] for pk in m2m_ids[field]
                                                if (target, pk, organisation) in run.copies])
                for field, ids in shared.items():
                    getattr(record, field).set(ids)
                there = organisation_names[organisation]
                if index:
                    _copy_history(run, name, original_pk, record.pk, organisation)
                    what = f"copied for {there} from #{original_pk}"
                    _history_row(run, name, record, reason=REASON.format(what=what), organisation_id=organisation,
                                 history_type="+")
                else:
                    _history_row(run, name, record, reason=REASON.format(what=f"belongs to {there}"),
                                 organisation_id=organisation)


def _repoint_notices(run, Notice) -> None:
    for notice in Notice.objects.all():
        organisation = notice.organisation_id
        notice.controller_id = run.copies[("Controller", notice.controller_id, organisation)]
        notice.save(update_fields=["controller"])
        for relation, target in NOTICE_M2MS.items():
            ids = getattr(notice, relation).values_list("pk", flat=True)
            getattr(notice, relation).set([run.copies[(target, pk, organisation)] for pk in list(ids)])


def _memberships(apps, Organisation) -> None:
    Group, Membership = apps.get_model("auth", "Group"), apps.get_model("accounts", "Membership")
    roles: dict[int, set[str]] = {}
    for group_name, role in (("IG officer", "ig_officer"), ("DPO", "dpo")):
        group = Group.objects.filter(name=group_name).first()
        for user_id in group.user_set.values_list("pk", flat=True) if group else []:
            roles.setdefault(user_id, set()).add(role)
    for user_id, held in roles.items():
        role = "both" if len(held) == 2 else held.pop()
        for organisation in Organisation.objects.exclude(slug=UNASSIGNED[1]):
            Membership.objects.get_or_create(user_id=user_id, organisation=organisation, defaults={"role": role})


def assign_organisations(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Notice = apps.get_model("notices", "Notice")
    run = _Run(apps)
    by_controller = _organisations_from_notices(run, Organisation, Notice)
    _seed_owners(run, Notice, by_controller)
    _propagate(run)
    _adopt(run)
    _fallback(run, Organisation)
    _place(run, Organisation, [name for _, name, _, _ in MODELS])
    _repoint_notices(run, Notice)
    _memberships(apps, Organisation)


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0007_notice_organisation"),
        ("services", "0005_organisation_owns_records"),
        ("retention", "0002_organisation_owns_records"),
        ("accounts", "0003_organisation_membership"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(assign_organisations, migrations.RunPython.noop, elidable=False)]
