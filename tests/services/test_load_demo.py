"""`load_demo`: the register filled from the three real notices, safe to run twice, with working demo logins."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command

from accounts.models import Membership, Organisation
from retention.models import LegalHold, RetentionRule
from services.demo.loader import demo_register_load, demo_users_ensure
from services.models import Controller, DataCategory, Purpose, Recipient, Service, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    return demo_register_load()


def _load_demo(settings) -> str:
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    """Every register table, with its history and many-to-many tables, and the accounts."""
    models = [
        model
        for app in ("services", "retention")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    return {model._meta.label: model.objects.count() for model in [*models, User, Organisation, Membership]}


def test_it_changes_nothing_when_run_a_second_time(settings):
    _load_demo(settings)
    first = _row_counts()
    _load_demo(settings)
    assert _row_counts() == first
    assert first["services.HistoricalPurpose"] >= first["services.Purpose"] > 0, "the first run writes history"


def test_it_puts_a_changed_demo_record_back_with_one_history_row(loaded):
    redfern = Recipient.objects.get(name="Redfern")
    redfern.transfer_country = "Canada"
    redfern.save()
    history_before = redfern.history.count()
    demo_register_load()
    redfern.refresh_from_db()
    assert redfern.transfer_country == "United States"
    assert redfern.history.count() == history_before + 1
    assert redfern.history.first().history_change_reason.startswith("Demo data from seed 002")


def test_it_prints_the_demo_logins(settings):
    output = _load_demo(settings)
    assert "Seed 002 (Privacy notice for children's services): 1 controller, 27 services" in output
    assert "Demo logins (every staff page also needs a code from an authenticator app):" in output
    assert "authenticator key:" in output
    for username in ("ig.officer", "dpo", "hcrg.ig", "hcrg.dpo", "shared.ig", "admin"):
        assert f"  {username} / " in output


def test_it_refuses_to_run_on_a_live_site(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()
    assert not Controller.objects.exists()


def test_it_records_hcrg_as_controller_with_its_dpo_and_processor_services(loaded):
    hcrg = Controller.objects.get(slug="hcrg-care-services")
    assert (hcrg.name, hcrg.company_number) == ("HCRG Care Services Ltd", "07557877")
    assert "WA7 4QX" in hcrg.registered_office
    assert (hcrg.dpo_name, hcrg.dpo_email) == ("Deborah Tonkin", "Ask.IG@hcrgcaregroup.com")
    assert "Runcorn" in hcrg.dpo_address
    assert "accesstorecordsteam@hcrgcaregroup.com" in hcrg.rights_request_instructions
    camhs = Service.objects.get(slug="set-camhs")
    assert camhs.role == Service.Role.PROCESSOR
    assert [c.name for c in camhs.other_controllers.all()] == ["North-East London NHS Foundation Trust"]
    wellbeing = Service.objects.get(slug="essex-wellbeing-service")
    assert [c.name for c in wellbeing.other_controllers.all()] == ["Provide CIC"]


def test_it_records_the_bases_and_art9_conditions_notice_001_lists(loaded):
    purposes = loaded["001"].purposes
    art9 = {
        (p.art9_condition.code, p.sch1_condition.code if p.sch1_condition else None)
        for p in purposes
        if p.art9_condition
    }
    assert art9 == {
        ("art9_2_h", "sch1_p1_2"),
        ("art9_2_b", "sch1_p1_1"),
        ("art9_2_c", None),
        ("art9_2_i", "sch1_p1_3"),
        ("art9_2_j", "sch1_p1_4"),
        ("art9_2_a", None),
    }
    assert {p.art6_basis.code for p in purposes} == {"art6_1_e", "art6_1_c", "art6_1_f", "art6_1_a"}
    assert all("demo's reading" in p.note for p in purposes)
    special = {c.name for c in loaded["001"].data_categories if c.kind == DataCategory.Kind.SPECIAL}
    assert {"Ethnicity", "Information about your health"} <= special


def test_it_records_pearson_as_a_processor_outside_the_uk_with_a_note(loaded):
    pearson = Recipient.objects.get(name="Pearson Clinical Assessments")
    assert pearson.role == Recipient.Role.PROCESSOR
    assert pearson.transfer_country == "Outside the UK and EEA (the country is not named)"
    assert pearson.safeguard == Recipient.Safeguard.OTHER
    assert "due diligence" in pearson.safeguard_detail
    assert "does not name the country or the safeguard" in pearson.note
    pearson.full_clean()


def test_it_records_the_redfern_us_transfer_and_that_privacy_shield_is_invalid(loaded):
    redfern = Recipient.objects.get(name="Redfern")
    assert (redfern.role, redfern.transfer_country) == (Recipient.Role.PROCESSOR, "United States")
    assert redfern.safeguard == Recipient.Safeguard.OTHER
    assert "registered with the US Privacy Shield" in redfern.safeguard_detail
    assert "16 July 2020" in redfern.note


def test_it_names_the_processors_notice_002_names(loaded):
    processors = set(Recipient.objects.filter(role=Recipient.Role.PROCESSOR).values_list("name", flat=True))
    named = {"Mosaic", "Crossdata (Dizions)", "Redfern", "Stopford", "Telljo", "Millbrook", "BookingLab", "Post Office"}
    assert named <= processors


def test_it_lists_about_thirty_services_for_essex_county_council(loaded):
    services = Service.objects.filter(controller__name="Essex County Council")
    assert 27 <= services.count() <= 32
    assert all(service.description for service in services)
    assert {"Essex Adoption Agency", "Youth Offending service", "Young Carers service"} <= {s.name for s in services}


def test_it_gives_notice_002_categories_their_kinds(loaded):
    kinds = {c.name: c.kind for c in loaded["002"].data_categories}
    assert len(kinds) == 16
    assert {name for name, kind in kinds.items() if kind == DataCategory.Kind.SPECIAL} == {
        "Physical or mental health details", "Race or ethnic origin", "Religious or other beliefs of a similar nature"
    }
    assert {name for name, kind in kinds.items() if kind == DataCategory.Kind.CRIMINAL} == {
        "Criminal proceedings, outcomes and sentences", "Offences (including alleged offences)"
    }
    criminal = Purpose.objects.filter(data_categories__kind=DataCategory.Kind.CRIMINAL).distinct()
    assert all(p.criminal_condition.code == "art10_official_authority" for p in criminal)
    assert all("does not say what allows it" in p.note for p in criminal)


def test_it_records_every_retention_period_notice_002_states(loaded):
    rules = {rule.record_type: rule for rule in loaded["002"].retention_rules}
    periods = {(r.period_number, r.period_unit, r.trigger) for r in rules.values()}
    assert (35, "years", "last contact") in periods
    assert (75, "years", "last contact") in periods
    assert (100, "years", "the date of the adoption order") in periods
    assert (1, "years", "the last action") in periods
    assert (75, "years", "the date of birth of the young person the volunteer supports") in periods
    young_carers = rules["Young Carers records"]
    assert (young_carers.period_number, young_carers.period_unit) == (15, "years")
    assert "gives no starting point" in young_carers.note
    assert "does not say what the period counts from" in rules["Adoption records"].note
    foster = rules["Records of unapproved foster carers and withdrawn applications"]
    assert (foster.period_number, foster.action) == (3, RetentionRule.Action.REVIEW)
    allegations = rules["Records of safeguarding allegations"]
    assert "normal retirement age" in allegations.until_event and "10 years" in allegations.until_event
    assert rules["Research information"].action == RetentionRule.Action.ANONYMISE


def test_it_holds_destruction_of_hcrg_health_records_for_three_inquiries(loaded):
    holds = LegalHold.objects.all()
    assert {hold.name for hold in holds} == {
        "UK Covid-19 Inquiry", "Infected Blood Public Inquiry", "Historic Child Sexual Abuse Inquiry"
    }
    for hold in holds:
        assert hold.imposed_by == "NHS England"
        assert [rule.record_type for rule in hold.retention_rules.all()] == ["Healthcare records"]
    cctv = RetentionRule.objects.get(record_type="CCTV images")
    assert (cctv.period_number, cctv.period_unit) == (30, "days")


def test_it_records_no_lawful_basis_where_the_2015_statement_names_none(loaded):
    purposes = {p.name: p for p in loaded["003"].purposes}
    assert len(purposes) >= 7
    assert all(p.note.startswith("The 2015 statement names no lawful basis") for p in purposes.values())
    # Only the courts purpose says what it rests on ("we have a legal duty"); the rest have no placeholder.
    courts = purposes.pop("Giving information to courts")
    assert courts.art6_basis.code == "art6_1_c"
    assert all(p.art6_basis is None for p in purposes.values())
    assert not loaded["003"].controllers[0].has_dpo
    # "Please see our retention schedule" gives no period, so no rule pretends to.
    assert loaded["003"].retention_rules == []


def test_it_writes_each_retention_rule_as_one_plain_sentence(loaded):
    rules = RetentionRule.objects.all()
    assert rules.count() == 12
    for rule in rules:
        sentence = rule.sentence
        assert sentence.startswith(f"{rule.record_type}: kept "), sentence
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert not re.search(r"[.!?]\s", sentence[:-1]), f"more than one sentence: {sentence}"
        assert not re.search(r"\b(\w+) \1\b", sentence), f"a doubled word: {sentence}"
        assert "None" not in sentence and "  " not in sentence and ".." not in sentence, sentence


def test_it_creates_demo_logins_that_sign_in_with_the_right_roles(client):
    logins = demo_users_ensure()
    assert [login.username for login in logins] == ["admin", "ig.officer", "dpo", "hcrg.ig", "hcrg.dpo", "shared.ig"]
    for login in logins:
        user = User.objects.get(username=login.username)
        validate_password(login.password, user)
        # The password the command prints is the one that signs in (the full sign-in, with its second
        # factor, is covered in tests/accounts).
        assert user.check_password(login.password) and user.is_active
    roles = {u.username: set(u.memberships.values_list("organisation__slug", "role")) for u in User.objects.all()}
    ecc, hcrg = "essex-county-council", "hcrg-care-services"
    assert roles == {
        "ig.officer": {(ecc, "ig_officer")}, "dpo": {(ecc, "dpo")},
        "hcrg.ig": {(hcrg, "ig_officer")}, "hcrg.dpo": {(hcrg, "dpo")},
        # The shared-service officer works for both bodies.
        "shared.ig": {(ecc, "ig_officer"), (hcrg, "ig_officer")},
        "admin": set(),
    }
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == ["admin"]


def test_it_puts_back_a_changed_demo_password(client):
    [_admin, ig_officer, *_] = demo_users_ensure()
    user = User.objects.get(username="ig.officer")
    user.set_password("something-else-entirely-42")
    user.save()
    demo_users_ensure()
    assert User.objects.get(username="ig.officer").check_password(ig_officer.password)


def test_it_keeps_each_demo_organisations_register_apart(loaded):
    ecc = Organisation.objects.get(slug="essex-county-council")
    hcrg = Organisation.objects.get(slug="hcrg-care-services")
    assert loaded["001"].organisation == hcrg
    assert loaded["002"].organisation == loaded["003"].organisation == ecc
    for load in loaded.values():
        records = [r for records in vars(load).values() if isinstance(records, list) for r in records]
        assert {r.organisation_id for r in records if hasattr(r, "organisation_id")} == {load.organisation.pk}
    # Each body's register has its own "You" source, in its own words.
    assert set(Source.objects.filter(name="You").values_list("organisation__slug", flat=True)) == {ecc.slug, hcrg.slug}
