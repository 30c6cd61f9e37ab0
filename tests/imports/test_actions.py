"""Bringing a notice in, deciding on its proposals and creating the draft, through the actions the workspace and
the command line call."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import AuditEvent
from imports.actions import ImportConflict, import_create, import_draft_create, proposals_decide
from imports.models import ImportedSection, NoticeImport, Proposal
from services.models import Controller, Recipient
from tests.factories import ControllerFactory, RecipientFactory, default_organisation

TEXT = (
    "Who we are\n\nNorthshire Borough Council is the data controller.\n\n"
    "Who we share it with\n\nWe may share your information with:\n\n• Northshire Police\n• schools\n\n"
    "How long we keep it\n\nCase files are kept for 25 years from the date of birth of the child.\n\n"
    "Cookies\n\nOur website uses cookies to remember your settings."
)


def _accept_all(alice, notice_import):
    decisions = {p.pk: Proposal.Decision.ACCEPTED for p in notice_import.proposals.all()}
    return proposals_decide(actor=alice, notice_import=notice_import, lock_version=notice_import.lock_version,
                            decisions=decisions)


def test_it_keeps_the_original_hashed_with_its_proposals_and_audits_it(alice):
    kept = import_create(actor=alice, organisation=default_organisation(), text=TEXT)

    assert bytes(kept.original) == TEXT.encode() and len(kept.sha256) == 64 and kept.source_kind == "text"
    assert {p.record_type for p in kept.proposals.all()} >= {"controller", "recipient", "retention_rule"}
    police = kept.proposals.get(values__name="Northshire Police")
    assert police.spans[0]["text"] == "• Northshire Police"
    assert AuditEvent.objects.filter(action="notice_imported", organisation=default_organisation()).exists()


def test_it_matches_existing_records_before_proposing_new_ones(alice):
    existing = RecipientFactory(name="Northshire Police", organisation=default_organisation())

    kept = import_create(actor=alice, organisation=default_organisation(), text=TEXT)

    police = kept.proposals.get(values__name="Northshire Police")
    assert (police.matched_model, police.matched_id) == ("services.recipient", existing.pk)


def test_a_dpo_or_another_organisations_officer_cannot_import(bob):
    with pytest.raises(PermissionDenied):
        import_create(actor=bob, organisation=default_organisation(), text=TEXT)


def test_two_officers_deciding_on_one_import_are_refused_not_merged(alice):
    kept = import_create(actor=alice, organisation=default_organisation(), text=TEXT)
    first = kept.proposals.first()
    proposals_decide(actor=alice, notice_import=kept, lock_version=kept.lock_version,
                     decisions={first.pk: Proposal.Decision.REJECTED})

    with pytest.raises(ImportConflict, match="Someone else saved decisions"):
        proposals_decide(actor=alice, notice_import=kept, lock_version=kept.lock_version,
                         decisions={first.pk: Proposal.Decision.ACCEPTED})

    first.refresh_from_db()
    assert first.decision == Proposal.Decision.REJECTED


def test_create_the_draft_makes_records_with_history_and_keeps_the_rest_as_text_to_decide(alice):
    existing = RecipientFactory(name="Northshire Police", organisation=default_organisation())
    kept = _accept_all(alice, import_create(actor=alice, organisation=default_organisation(), text=TEXT))

    notice, refused = import_draft_create(actor=alice, notice_import=kept, lock_version=kept.lock_version,
                                          title="Northshire privacy notice")

    controller = Controller.objects.get(organisation=default_organisation(), name="Northshire Borough Council")
    assert controller.history.first().history_user == alice
    assert notice.controller == controller and notice.versions.get().status == "draft"
    assert set(notice.recipients.values_list("name", flat=True)) == {"Northshire Police", "Schools"}
    assert Recipient.objects.filter(name="Northshire Police").count() == 1  # the matched record, not a copy
    assert existing in notice.recipients.all()
    assert notice.retention_rules.get().period_number == 25
    to_decide = {i.section.heading: i.section.body for i in ImportedSection.objects.filter(notice_import=kept,
                                                                                          needs_decision=True)}
    # What no record came from: the cookies paragraph, and the sentence introducing the list of recipients.
    assert to_decide == {"Cookies": "Our website uses cookies to remember your settings.",
                         "Who we share it with": "We may share your information with:"}
    assert refused == []
    kept.refresh_from_db()
    assert kept.status == NoticeImport.Status.DRAFTED and kept.notice == notice


def test_chosen_paragraphs_become_free_text_that_needs_no_decision(alice):
    kept = import_create(actor=alice, organisation=default_organisation(), text=TEXT)
    cookie = next(p["index"] for s in kept.sections for p in s["paragraphs"] if "cookies" in p["text"])
    ControllerFactory(organisation=default_organisation())
    kept = proposals_decide(actor=alice, notice_import=kept, lock_version=kept.lock_version, decisions={},
                            free_text=[cookie])

    notice, _ = import_draft_create(actor=alice, notice_import=kept, lock_version=kept.lock_version, title="N")

    decided = ImportedSection.objects.get(section__body__contains="cookies")
    assert decided.needs_decision is False and decided.section.notice == notice
