"""Writes the demo organisations, their registers (from the seed modules) and the demo staff logins.

The bodies behind the three demo notices are separate organisations: Essex County Council (seeds 002 and
003) and HCRG Care Services (seed 001), each with its own register, IG officer and DPO, plus a
shared-service IG officer who works for both. Other bodies a seed names (commissioners, partners, other
controllers) are records in the register of the organisation whose seed names them.

All of it is idempotent: every record is found by its organisation and natural key and written only when a
value or a link differs. Register records are written by the register's own actions
(`services.actions.record_create` and `record_update`) as the organisation's demo IG officer, so each real
change is one history row with the seed as its reason, and a correction bumps the lock version like any
other edit.
"""

from dataclasses import dataclass, field
from types import ModuleType

from django.contrib.auth.models import User
from django.db import models, transaction

from accounts.actions import membership_set, organisation_create
from accounts.models import Membership, Organisation
from retention.models import LegalHold, RetentionRule
from services.actions import record_create, record_update
from services.models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    LawfulBasis,
    Legislation,
    OrganisationRecord,
    Purpose,
    Recipient,
    Service,
    ServiceParty,
    Source,
)
from services.rules import check_purpose

from . import seed_001_hcrg, seed_002_essex_childrens, seed_003_essex_2015

SEEDS: tuple[ModuleType, ...] = (seed_001_hcrg, seed_002_essex_childrens, seed_003_essex_2015)
ECC, HCRG = "essex-county-council", "hcrg-care-services"
# The demo organisations (slug → name), and whose register each seed fills.
ORGANISATIONS = {ECC: "Essex County Council", HCRG: "HCRG Care Services Ltd"}
SEED_ORGANISATION = {"001": HCRG, "002": ECC, "003": ECC}


class DemoDataError(Exception):
    """The demo data contradicts itself or the register's rules."""


@dataclass
class SeedLoad:
    """The records one seed wrote, so later code (demo notices, tests) can compose from exactly those."""

    key: str
    title: str
    organisation: Organisation
    controllers: list[Controller] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    parties: list[ServiceParty] = field(default_factory=list)
    subject_groups: list[DataSubjectGroup] = field(default_factory=list)
    data_categories: list[DataCategory] = field(default_factory=list)
    legislation: list[Legislation] = field(default_factory=list)
    purposes: list[Purpose] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    retention_rules: list[RetentionRule] = field(default_factory=list)
    legal_holds: list[LegalHold] = field(default_factory=list)


# How a reference in the seed data is found: the rows it may name, and the field that holds the name.
Reference = tuple[models.QuerySet, str]


@dataclass(frozen=True)
class _Section:
    """One list in a seed module (its name upper-cased) and how to write its records."""

    name: str
    model: type[models.Model]
    key: tuple[str, ...]
    foreign_keys: dict[str, Reference] = field(default_factory=dict)
    many: dict[str, Reference] = field(default_factory=dict)


def _sections(organisation: Organisation) -> tuple[_Section, ...]:
    """In dependency order: a record only names records of earlier sections, in `organisation`'s register
    (or shared reference data: bases and legislation)."""
    own = {"organisation": organisation}
    controllers = (Controller.objects.filter(**own), "slug")
    services = (Service.objects.filter(**own), "slug")
    bases = (LawfulBasis.objects.all(), "code")
    return (
        _Section("controllers", Controller, ("slug",)),
        _Section(
            "services", Service, ("slug",), {"controller": controllers}, {"other_controllers": controllers}
        ),
        # Exactly the organisations and parts each seed names for a service, no more.
        _Section("parties", ServiceParty, ("service", "body", "role"), {"service": services, "body": controllers}),
        _Section("subject_groups", DataSubjectGroup, ("name",)),
        _Section("sources", Source, ("name",)),
        _Section("data_categories", DataCategory, ("name",), many={"sources": (Source.objects.filter(**own), "name")}),
        _Section("legislation", Legislation, ("title", "section")),
        _Section(
            "purposes",
            Purpose,
            ("name",),
            {name: bases for name in ("art6_basis", "art9_condition", "sch1_condition", "criminal_condition")},
            {
                # The demo cites whole Acts, never a section.
                "legislation": (Legislation.objects.filter(section=""), "title"),
                "data_categories": (DataCategory.objects.filter(**own), "name"),
                "subject_groups": (DataSubjectGroup.objects.filter(**own), "name"),
            },
        ),
        _Section("recipients", Recipient, ("name",)),
        _Section("retention_rules", RetentionRule, ("record_type",), many={"services": services}),
        _Section(
            "legal_holds",
            LegalHold,
            ("name",),
            many={"retention_rules": (RetentionRule.objects.filter(**own), "record_type"), "services": services},
        ),
    )


@transaction.atomic
def demo_register_load() -> dict[str, SeedLoad]:
    """Fill each demo organisation's register from its seed modules, creating or correcting records so
    they match the seeds.

    A second run changes nothing and writes no history. Records the seeds do not mention are left alone.
    Each organisation's demo IG officer (made if missing) is the author. Returns what each seed wrote, by
    seed key.
    """
    demo_users_ensure()
    written: dict[tuple, tuple] = {}
    return {seed.KEY: _seed_load(seed, written) for seed in SEEDS}


def demo_officer(organisation_slug: str) -> User:
    """The demo IG officer of one demo organisation (its own, not the shared-service officer)."""
    login = next(login for login in DEMO_LOGINS if login.memberships == ((organisation_slug, IG),))
    return User.objects.get(username=login.username)


def demo_dpo(organisation_slug: str) -> User:
    login = next(login for login in DEMO_LOGINS if login.memberships == ((organisation_slug, DPO),))
    return User.objects.get(username=login.username)


def _seed_load(seed: ModuleType, written: dict[tuple, tuple]) -> SeedLoad:
    organisation = Organisation.objects.get(slug=SEED_ORGANISATION[seed.KEY])
    actor = demo_officer(organisation.slug)
    load = SeedLoad(key=seed.KEY, title=seed.TITLE, organisation=organisation)
    reason = f"Demo data from seed {seed.KEY} ({seed.SOURCE_FILE})"
    for section in _sections(organisation):
        specs = getattr(seed, section.name.upper())
        records = [_record_put(section, spec, reason, written, actor=actor, organisation=organisation)
                   for spec in specs]
        setattr(load, section.name, records)
    return load


def _record_put(section: _Section, spec: dict, reason: str, written: dict[tuple, tuple], *, actor: User,
                organisation: Organisation):
    """Create or correct one record; write only what differs."""
    values, many = _resolved(section, spec)
    lookup = {name: values.pop(name, section.model._meta.get_field(name).get_default()) for name in section.key}
    if section.model is Purpose:
        _purpose_check(lookup["name"], values, many)
    owned = issubclass(section.model, OrganisationRecord)
    # Two seeds of one organisation may share a record (the same controller, the source "You") but must agree
    # on it, or each run would flip it back and forth.
    identity = (section.model._meta.label, organisation.slug if owned else "", *lookup.values())
    signature = _signature(values, many)
    if identity in written:
        if written[identity][0] != signature:
            raise DemoDataError(f"{identity} is defined twice with different values.")
        return written[identity][1]
    scope = {"organisation": organisation} if owned else {}
    record = section.model.objects.filter(**lookup, **scope).first()
    if getattr(record, "in_catalogue", False):
        # The legislation catalogue already has the Act the seed cites; DPOs keep catalogue entries.
        written[identity] = (signature, record)
        return record
    if record is None:
        record = record_create(actor=actor, model=section.model, fields={**lookup, **values}, relations=many,
                               reason=reason, organisation=organisation if owned else None)
    else:
        changes = {name: value for name, value in values.items() if _differs(record, name, value)}
        links = {name: targets for name, targets in many.items() if _links_differ(record, name, targets)}
        if changes or links:
            record = record_update(actor=actor, record=record, lock_version=record.lock_version, fields=changes,
                                   relations=links, reason=reason)
    written[identity] = (signature, record)
    return record


def _resolved(section: _Section, spec: dict) -> tuple[dict, dict]:
    """Swap the names in a spec for the records they name."""
    values, many = {}, {}
    for name, value in spec.items():
        if name in section.foreign_keys:
            values[name] = None if value is None else _named(section.foreign_keys[name], [value])[0]
        elif name in section.many:
            many[name] = _named(section.many[name], value)
        else:
            values[name] = value
    return values, many


def _named(reference: Reference, names: list[str]) -> list[models.Model]:
    queryset, field_name = reference
    found = {getattr(record, field_name): record for record in queryset.filter(**{f"{field_name}__in": names})}
    missing = [name for name in names if name not in found]
    if missing:
        raise DemoDataError(f"No {queryset.model._meta.verbose_name} with {field_name} {missing}.")
    return [found[name] for name in names]


def _differs(record: models.Model, name: str, value) -> bool:
    if isinstance(value, models.Model):
        return getattr(record, f"{name}_id") != value.pk
    return getattr(record, name) != value


def _links_differ(record: models.Model, name: str, targets: list[models.Model]) -> bool:
    return set(getattr(record, name).values_list("pk", flat=True)) != {target.pk for target in targets}


def _signature(values: dict, many: dict) -> tuple:
    plain = {name: value.pk if isinstance(value, models.Model) else value for name, value in values.items()}
    linked = {name: sorted(target.pk for target in targets) for name, targets in many.items()}
    return tuple(sorted(plain.items())), tuple(sorted((name, tuple(pks)) for name, pks in linked.items()))


def _purpose_check(name: str, values: dict, many: dict) -> None:
    """The register's lawful-basis rules need the chosen categories, which full_clean() cannot see."""
    result = check_purpose(
        art6_basis=values.get("art6_basis"),
        art9_condition=values.get("art9_condition"),
        sch1_condition=values.get("sch1_condition"),
        criminal_condition=values.get("criminal_condition"),
        data_categories=many.get("data_categories", []),
        legislation=many.get("legislation", []),
    )
    if result.errors:
        messages = "; ".join(error.message for errors in result.errors.values() for error in errors)
        raise DemoDataError(f"Purpose {name!r} breaks the register's rules: {messages}")


IG, DPO = Membership.Role.IG_OFFICER, Membership.Role.DPO


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    # (organisation slug, role) for each organisation the login belongs to.
    memberships: tuple[tuple[str, str], ...] = ()
    is_superuser: bool = False


# Published in the source, so anyone can sign in to a demo; the command refuses to run with DEBUG off.
DEMO_LOGINS = (
    # Like the test persona charlie: a superuser with no membership. First: it creates the organisations.
    DemoLogin("admin", "Tundra-Velvet-Orchard-94", "portal administrator (superuser)", is_superuser=True),  # noqa: S106
    DemoLogin("ig.officer", "Heron-Lantern-Quarry-58", "IG officer, Essex County Council",  # noqa: S106
              memberships=((ECC, IG),)),
    DemoLogin("dpo", "Marigold-Ferry-Copper-31", "DPO, Essex County Council", memberships=((ECC, DPO),)),  # noqa: S106
    DemoLogin("hcrg.ig", "Saffron-Harbour-Pebble-27", "IG officer, HCRG Care Services",  # noqa: S106
              memberships=((HCRG, IG),)),
    DemoLogin("hcrg.dpo", "Juniper-Anvil-Meadow-63", "DPO, HCRG Care Services", memberships=((HCRG, DPO),)),  # noqa: S106
    DemoLogin("shared.ig", "Cobalt-Thistle-Lantern-45",  # noqa: S106
              "IG officer of both (a shared information governance service)", memberships=((ECC, IG), (HCRG, IG))),
)


@transaction.atomic
def demo_users_ensure() -> list[DemoLogin]:
    """Create the demo organisations and staff accounts, or put them back as the logins say; change nothing
    already right. Organisations and memberships are written by accounts.actions as the demo administrator.

    Returns the logins (username, password, role) for the command to print.
    """
    admin = _demo_user_ensure(DEMO_LOGINS[0])
    for slug, name in ORGANISATIONS.items():
        if not Organisation.objects.filter(slug=slug).exists():
            organisation_create(actor=admin, name=name, slug=slug)
    for login in DEMO_LOGINS[1:]:
        user = _demo_user_ensure(login)
        for slug, role in login.memberships:
            organisation = Organisation.objects.get(slug=slug)
            if not Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
                membership_set(actor=admin, user=user, organisation=organisation, role=role)
    return list(DEMO_LOGINS)


def _demo_user_ensure(login: DemoLogin) -> User:
    user = User.objects.filter(username=login.username).first() or User(username=login.username)
    wanted = {
        "first_name": "Demo",
        "last_name": login.role.split(",")[0].split(" (")[0],
        "email": f"{login.username}@example.org",
        "is_active": True,
        "is_staff": True,
        "is_superuser": login.is_superuser,
    }
    changed = user.pk is None
    for name, value in wanted.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    # Hashing uses a fresh salt, so only reset a password that no longer matches.
    if not user.check_password(login.password):
        user.set_password(login.password)
        changed = True
    if changed:
        user.save()
    return user
