"""Every sentence the portal writes on a notice by itself is licensed by a record: it appears when the record
that states the fact exists, and never otherwise. No default asserts a fact."""

import datetime as dt

import pytest

from notices.compare import html_to_text
from notices.compliance import check_notice
from notices.compliance.readability import flesch_reading_ease
from notices.document import build_document
from notices.rendering import render_document_html
from services.models import DataCategory, Purpose, Recipient, Service, ServiceParty, Source
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    LegalHoldFactory,
    NoticeFactory,
    PurposeFactory,
    RecipientFactory,
    ServiceFactory,
    ServicePartyFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _text(notice) -> str:
    return " ".join(html_to_text(render_document_html(build_document(notice))).split())


def _controller(**fields):
    return lambda notice: ControllerFactory(organisation=notice.organisation, **fields)


def _set_controller(**fields):
    def apply(notice):
        notice.controller = _controller(**fields)(notice)
        notice.save()
    return apply


def _service(role, others=True):
    def apply(notice):
        service = ServiceFactory(organisation=notice.organisation, controller=notice.controller, role=role)
        if others:
            other = ControllerFactory(organisation=notice.organisation, name=f"Essex County {notice.pk}")
            service.other_controllers.add(other)
        notice.services.add(service)
    return apply


def _party(*roles, arrangement=""):
    """A service on the notice, provided by its controller, with a party (Essex County <n>) in each of `roles`."""
    def apply(notice):
        service = ServiceFactory(organisation=notice.organisation, controller=notice.controller,
                                 name=f"Family hubs {notice.pk}")
        other = ControllerFactory(organisation=notice.organisation, name=f"Essex County {notice.pk}")
        for role in roles:
            ServicePartyFactory(organisation=notice.organisation, service=service, body=other, role=role,
                                arrangement=arrangement if role == ServiceParty.Role.JOINT else "")
        notice.services.add(service)
    return apply


def _recipients(*locations, role=Recipient.Role.CONTROLLER):
    def apply(notice):
        for location in locations:
            country = "United States" if location == Recipient.Location.ABROAD else ""
            notice.recipients.add(RecipientFactory(
                organisation=notice.organisation, location=location, transfer_country=country, role=role,
                safeguard="idta" if country else "", safeguard_copy="Ask our DPO for a copy." if country else ""))
    return apply


def _collected(value):
    def apply(notice):
        notice.purposes.set([PurposeFactory(organisation=notice.organisation, collected_from=value)])
    return apply


def _category(kind):
    return lambda notice: notice.data_categories.add(DataCategoryFactory(organisation=notice.organisation, kind=kind))


def _hold(active):
    def apply(notice):
        hold = LegalHoldFactory(organisation=notice.organisation)
        if not active:
            hold.start_date, hold.end_date = dt.date(2020, 1, 1), dt.date(2021, 1, 1)
            hold.save()
        notice.legal_holds.add(hold)
    return apply


def _source(kind):
    return lambda notice: notice.sources.add(SourceFactory(organisation=notice.organisation, name=kind, kind=kind))


def _nothing(notice):
    pass


UK, ABROAD, UNKNOWN = Recipient.Location.IN_UK, Recipient.Location.ABROAD, Recipient.Location.UNKNOWN
P = Recipient.Role.PROCESSOR
CONTROLLER, JOINT, PROCESSOR = ServiceParty.Role.CONTROLLER, ServiceParty.Role.JOINT, ServiceParty.Role.PROCESSOR
PARTNER, COMMISSIONER, SUBCONTRACTOR = (
    ServiceParty.Role.PARTNER, ServiceParty.Role.COMMISSIONER, ServiceParty.Role.SUBCONTRACTOR)

# (the portal's sentence, the record that licenses it, records that do not: with each, the sentence is absent)
SENTENCES = [
    ("Everyone we share your information with keeps it in the UK.", _recipients(UK, UK),
     [_nothing, _recipients(UK, UNKNOWN), _recipients(UNKNOWN), _recipients(UK, ABROAD)]),
    ("information may be accessed in United States", _recipients(ABROAD), [_recipients(UK), _recipients(UNKNOWN)]),
    ("They only do what we tell them, under a contract that protects your information.",
     _recipients(UK, role=P), [_recipients(UK)]),
    ("We are a public authority.", _set_controller(is_public_authority=True),
     [_set_controller(is_public_authority=False)]),
    # Who takes part in a service: each sentence only from a party recorded in that role. A service's own role
    # ("our role") no longer speaks for anyone.
    ("is the controller: it decides how your information is used.", _party(CONTROLLER),
     [_nothing, _party(PARTNER), _service(Service.Role.CONTROLLER), _service(Service.Role.PROCESSOR)]),
    ("handles your information on behalf of", _party(PROCESSOR),
     [_party(CONTROLLER), _service(Service.Role.PROCESSOR)]),
    ("are joint controllers: they decide together how your information is used.", _party(JOINT),
     [_party(CONTROLLER), _service(Service.Role.JOINT)]),
    ("What they have agreed: We answer your requests; they keep the records.",
     _party(JOINT, arrangement="We answer your requests; they keep the records."), [_party(JOINT)]),
    ("provides it in partnership with Essex County", _party(PARTNER), [_party(CONTROLLER), _party(COMMISSIONER)]),
    ("provides it on behalf of Essex County", _party(COMMISSIONER), [_party(PARTNER), _party(SUBCONTRACTOR)]),
    ("works for", _party(SUBCONTRACTOR), [_party(PROCESSOR), _party(PARTNER)]),
    ("You can contact our data protection officer", _set_controller(dpo_email="dpo@example.org"),
     [_set_controller(dpo_name="", dpo_email="")]),
    ("Contact our data protection officer using the details above.",
     _set_controller(dpo_email="dpo@example.org", rights_request_instructions=""),
     [_set_controller(dpo_name="", dpo_email="", rights_request_instructions="")]),
    ("Information about health, ethnicity or crime has extra protection in law.",
     _category(DataCategory.Kind.SPECIAL), [_category(DataCategory.Kind.PERSONAL)]),
    ("We get most of this information from you.", _collected(Purpose.CollectedFrom.PERSON),
     [_collected(Purpose.CollectedFrom.ELSEWHERE), _collected(Purpose.CollectedFrom.BOTH)]),
    ("We get some of it from you and some from other people and organisations.",
     _collected(Purpose.CollectedFrom.BOTH),
     [_collected(Purpose.CollectedFrom.PERSON), _collected(Purpose.CollectedFrom.ELSEWHERE)]),
    ("We are keeping some records for longer than usual while these legal holds are in force",
     _hold(active=True), [_nothing, _hold(active=False)]),
    ("(open to the public)", _source(Source.Kind.PUBLIC), [_source(Source.Kind.CATEGORY)]),
    ("(joint controller)", _recipients(UK, role=Recipient.Role.JOINT), [_recipients(UK)]),
]


@pytest.mark.parametrize(("sentence", "licensed", "unlicensed"), SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_it_writes_its_own_sentence_only_when_a_record_licenses_it(sentence, licensed, unlicensed):
    notice = NoticeFactory(retention_rules=[])
    licensed(notice)
    assert sentence in _text(notice)
    for variant in unlicensed:
        other = NoticeFactory(retention_rules=[])
        variant(other)
        assert sentence not in _text(other), variant


def test_it_never_claims_information_stays_in_the_uk_by_default():
    notice = NoticeFactory()
    notice.recipients.add(RecipientFactory(location=UNKNOWN))
    text = _text(notice)
    assert "outside the UK" not in text and "in the UK" not in text
    notice.recipients.set([])
    text = _text(notice)
    assert "outside the UK" not in text and "in the UK" not in text
    assert "We do not share your information with anyone else" not in text
    assert "This notice does not list anyone we share your information with." in text


def test_a_recipient_whose_place_is_not_known_yet_blocks_publishing():
    notice = NoticeFactory()
    telljo = RecipientFactory(name="Telljo", location=UNKNOWN)
    notice.recipients.add(telljo)
    finding = next(f for f in check_notice(notice) if f.code == "transfer_location_unknown")
    assert finding.is_blocker and finding.record_name == "Telljo"
    assert "does not say where Telljo holds the information" in finding.rule
    telljo.location = UK
    telljo.save()
    assert "transfer_location_unknown" not in {f.code for f in check_notice(notice)}


def test_the_complaint_contact_reads_without_a_double_full_stop():
    notice = NoticeFactory(controller__dpo_email="", controller__complaints_contact="Write to County Hall.")
    text = _text(notice)
    assert "please tell us first. Write to County Hall." in text
    assert ".." not in text


def test_the_portals_own_sentences_are_plain_english():
    # Flesch reading ease of every sentence above, together, measured as the readability check measures.
    score, words, _ = flesch_reading_ease(". ".join(sentence for sentence, _, _ in SENTENCES))
    # The lawful bases' public sentences are measured one by one in test_lawful_basis_sentences_are_plain.
    assert words > 80
    assert score >= 60, score



def test_the_provision_statement_is_said_once_for_the_notice():
    silent = [PurposeFactory(provision_requirement=""), PurposeFactory(provision_requirement="")]
    notice = NoticeFactory(purposes=silent,
                           provision_statement="You don't have to give us information, but if you don't we may not "
                                               "be able to help you.")
    text = _text(notice)
    assert text.count("Do you have to give us your information?") == 1
    assert text.count("but if you don't we may not be able to help you.") == 1
    assert "Do you have to give us this information?" not in text


def test_it_lists_what_people_give_us_apart_from_what_others_give_us_and_who():
    notice = NoticeFactory()
    gp = SourceFactory(organisation=notice.organisation, name="Your GP")
    given = DataCategoryFactory(name="Contact details", obtained_from=DataCategory.ObtainedFrom.PERSON)
    health = DataCategoryFactory(name="Health records", obtained_from=DataCategory.ObtainedFrom.OTHERS)
    health.sources.add(gp)
    unplaced = DataCategoryFactory(name="Photographs")
    notice.data_categories.add(given, health, unplaced)
    text = _text(notice)
    assert "Information you give us Contact details Information we get from others" in text
    assert "We get this from Your GP: Health records" in text
    assert "Other information we use Photographs" in text
    document = build_document(notice)
    categories = {c["name"]: c for c in document["sections"][1]["categories"]}
    assert categories["Health records"]["from_whom"] == ["Your GP"]
    assert categories["Photographs"]["obtained_from"] == ""


def test_it_names_a_list_of_sources_once_for_every_category_that_comes_from_it():
    notice = NoticeFactory()
    school, gp = (SourceFactory(organisation=notice.organisation, name=name) for name in ("Your school", "Your GP"))
    for name, sources in (("Attendance", [school]), ("Exclusions", [school]), ("Health records", [gp])):
        category = DataCategoryFactory(name=name, obtained_from=DataCategory.ObtainedFrom.OTHERS)
        category.sources.set(sources)
        notice.data_categories.add(category)
    text = _text(notice)
    assert text.count("Your school") == 1
    assert "We get these from Your school: Attendance Exclusions" in text
    assert "We get this from Your GP: Health records" in text


def test_a_category_from_others_brings_in_the_art_14_items():
    purpose = PurposeFactory(collected_from=Purpose.CollectedFrom.PERSON)
    notice = NoticeFactory(purposes=[purpose])
    assert "sources_missing" not in {f.code for f in check_notice(notice)}
    notice.data_categories.add(DataCategoryFactory(obtained_from=DataCategory.ObtainedFrom.OTHERS))
    assert "sources_missing" in {f.code for f in check_notice(notice)}


def test_each_basis_is_explained_once_for_the_public_with_its_purposes_and_no_staff_notes():
    from tests.factories import basis

    care, courts = PurposeFactory(name="Care"), PurposeFactory(name="Courts")
    cctv = PurposeFactory(name="CCTV", art6_basis=basis("art6_1_f"), legitimate_interests="Keeping staff safe.")
    notice = NoticeFactory(purposes=[care, courts, cctv], controller__is_public_authority=True)
    text = _text(notice)
    assert text.count("It is part of the work the law gives us to do for the public.") == 1
    assert "We rely on it for: Care; Courts." in text
    # A public authority's legitimate interests: what it means for them, not the bare restriction.
    assert "We rely on this only for work that is not one of the jobs the law gives us as a public body." in text
    assert "Not available to public authorities" not in text
    assert "Wording amended by DUAA" not in text
    # The legal detail stays in the JSON.
    purposes = build_document(notice)["sections"][3]["purposes"]
    assert "Wording amended by DUAA 2025" in next(p for p in purposes if p["name"] == "Care")["art6"]["plain_english"]
    company = NoticeFactory(purposes=[PurposeFactory(art6_basis=basis("art6_1_f"), legitimate_interests="x")],
                            controller__is_public_authority=False)
    assert "It is a fair reason that helps us or others" in _text(company)


def test_lawful_basis_sentences_are_plain():
    from services.models import LawfulBasis

    sentences = [s for b in LawfulBasis.objects.filter(kind="art6")
                 for s in (b.public_sentence, b.public_sentence_public_authority) if s]
    assert len(sentences) >= 7
    for sentence in sentences:
        assert flesch_reading_ease(sentence)[0] >= 60, sentence


def test_a_joint_controller_without_the_essence_of_its_arrangement_is_a_finding():
    notice = NoticeFactory()
    _party(JOINT)(notice)
    finding = next(f for f in check_notice(notice) if f.code == "joint_arrangement_missing")
    assert finding.is_blocker and finding.record_type == "services.serviceparty"
    assert "Art 26(2)" in finding.rule and "Essex County" in finding.rule
    party = ServiceParty.objects.get(service__notices=notice)
    party.arrangement = "We answer your requests; they keep the records."
    party.save()
    assert "joint_arrangement_missing" not in {f.code for f in check_notice(notice)}
    assert "What they have agreed: We answer your requests; they keep the records." in _text(notice)
