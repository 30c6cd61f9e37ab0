"""Out-of-date references: the seeded list, its patterns, and where the checker finds them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from notices.models import StaleReference
from services.models import Recipient
from tests.factories import (
    LegislationFactory,
    NoticeFactory,
    NoticeSectionFactory,
    PurposeFactory,
    RecipientFactory,
    SourceFactory,
)

from .compliance_helpers import findings

pytestmark = pytest.mark.django_db

README_LIST = [
    "EU-US Privacy Shield",
    "Clinical commissioning groups (CCGs)",
    "Public Health England",
    "NHS Digital (HSCIC)",
    "Monitor, NHS Trust Development Authority, NHS Improvement",
    "Records Management Code of Practice 2016",
    "Data Protection Act 1998",
    "“GDPR” or “EU GDPR” used as UK law",
    "Adequacy regulations under DPA 2018 s.17A",
    "“Article 22” automated decisions",
]


def _stale(notice, name):
    return [f for f in findings(notice, "stale_reference") if f.rule and name in f.rule]


def test_it_seeds_at_least_the_readme_list_with_history():
    names = set(StaleReference.objects.filter(active=True).values_list("name", flat=True))
    assert set(README_LIST) <= names
    assert StaleReference.history.filter(history_type="+").count() == StaleReference.objects.count()


def test_it_compiles_every_seeded_pattern_and_finds_its_example_but_not_its_counter_example():
    for reference in StaleReference.objects.all():
        reference.full_clean()  # compiles, finds the example, leaves the counter-example alone
        assert reference.regex.search(reference.example), reference.name
        assert not reference.regex.search(reference.counter_example), reference.name


GDPR = "“GDPR” or “EU GDPR” used as UK law"
MONITOR = "Monitor, NHS Trust Development Authority, NHS Improvement"
ARTICLE_22 = "“Article 22” automated decisions"


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        (GDPR, "Under the GDPR you have rights.", True),
        (GDPR, "Under the EU GDPR you have rights.", True),
        (GDPR, "Under the General Data Protection Regulation you have rights.", True),
        (GDPR, "Under the UK GDPR you have rights.", False),
        (GDPR, "Under the UK General Data Protection Regulation you have rights.", False),
        (GDPR, "Under the UK-GDPR you have rights.", False),
        (MONITOR, "Monitor (the sector regulator) receives reports.", True),
        (MONITOR, "We report to Monitor and the NHS Trust Development Authority.", True),
        (MONITOR, "We monitor calls for training.", False),
        (ARTICLE_22, "Article 22(1)", True),
        (ARTICLE_22, "Art. 22", True),
        (ARTICLE_22, "Art 22A", False),
        (ARTICLE_22, "Articles 22A to 22D", False),
    ],
)
def test_it_tells_an_out_of_date_reference_from_current_wording(name, text, found):
    """"UK GDPR" is not "GDPR"; the verb "monitor" is not the regulator; Art 22A is not Article 22."""
    assert bool(StaleReference.objects.get(name=name).regex.search(text)) is found


def test_it_refuses_a_pattern_that_does_not_compile_or_misses_its_example():
    reference = StaleReference(name="Broken", pattern="(unclosed", problem="x", replacement="y", example="unclosed")
    with pytest.raises(ValidationError, match="not a valid regular expression"):
        reference.full_clean()
    reference.pattern = "NHS Direct"
    with pytest.raises(ValidationError, match="does not find anything in this example"):
        reference.full_clean()
    reference.example = "Call NHS Direct."
    reference.counter_example = "NHS Direct closed in 2014."
    with pytest.raises(ValidationError, match="which it must not"):
        reference.full_clean()


def test_it_matches_a_plain_phrase_across_line_breaks_and_literally():
    reference = StaleReference(pattern="Article 89(1)", is_regex=False)
    assert reference.regex.search("the safeguards of Article\n89(1) apply")
    assert not reference.regex.search("Article 891 apply")


def test_it_blocks_the_privacy_shield_given_as_a_transfer_safeguard():
    notice = NoticeFactory()
    redfern = RecipientFactory(
        name="Redfern", transfer_country="the United States", safeguard=Recipient.Safeguard.OTHER,
        safeguard_detail="The parent company is registered with the US Privacy Shield.",
        safeguard_copy="See privacyshield.gov.",
    )
    notice.recipients.add(redfern)
    (finding,) = _stale(notice, "Privacy Shield")
    assert finding.is_blocker
    assert finding.rule.startswith("Out of date since 16 July 2020: “Privacy Shield”. The EU-US Privacy Shield was")
    assert (finding.record_type, finding.record_id) == ("services.recipient", redfern.pk)


def test_it_blocks_the_privacy_shield_in_free_text_about_sharing_but_only_warns_elsewhere():
    notice = NoticeFactory()
    sharing = NoticeSectionFactory(
        notice=notice, heading="Outside the UK", placement="who_we_share_with",
        body="Our booking agent's parent company is registered with the US Privacy Shield.",
    )
    history = NoticeSectionFactory(
        notice=notice, heading="Our history", placement="changes",
        body="We stopped relying on the Privacy Shield in 2020.",
    )
    by_record = {f.record_id: f.severity for f in _stale(notice, "Privacy Shield")}
    assert by_record == {sharing.pk: "blocker", history.pk: "warning"}


def test_it_looks_in_record_names_and_texts():
    notice = NoticeFactory(purposes=[PurposeFactory(description="As the Data Protection Act 1998 allows.")])
    notice.recipients.add(RecipientFactory(name="Mid Essex CCG"))
    notice.sources.add(SourceFactory(name="Public Health England"))
    notice.purposes.first().legislation.add(LegislationFactory(title="Data Protection Act 1998", section="s.35"))
    places = {(f.record_type, f.rule.split("”")[0]) for f in findings(notice, "stale_reference")}
    assert ("services.recipient", "Out of date since 1 July 2022: “CCG") in places
    assert ("services.source", "Out of date since 1 October 2021: “Public Health England") in places
    assert ("services.purpose", "Out of date since 25 May 2018: “Data Protection Act 1998") in places
    assert ("services.legislation", "Out of date since 25 May 2018: “Data Protection Act 1998") in places
    assert all(not f.is_blocker for f in findings(notice, "stale_reference"))


def test_it_finds_nothing_in_current_wording_and_skips_inactive_references():
    notice = NoticeFactory(summary="Under the UK GDPR we tell you how we use your information.")
    NoticeSectionFactory(notice=notice, body="You can complain to the Information Commissioner's Office.")
    assert not findings(notice, "stale_reference")  # the Information Commission reference is seeded inactive
    StaleReference.objects.filter(name__startswith="Information Commissioner").update(active=True)
    assert len(findings(notice, "stale_reference")) == 1


def test_it_lets_superusers_edit_references_in_the_admin_and_refuses_staff_without_permission(
    client, sign_in, charlie, dave
):
    url = reverse("admin:notices_stalereference_changelist")
    assert sign_in(dave).get(url).status_code == 403
    response = sign_in(charlie).get(url)
    assert response.status_code == 200
    assert "EU-US Privacy Shield" in response.content.decode()
