"""The import pages in /manage/: upload, triage without JavaScript, refusals in words, another organisation's
import a 404."""

import io

from django.urls import reverse

from imports.models import NoticeImport, Proposal
from tests.factories import OrganisationFactory, default_organisation
from tests.imports.files import seed_docx
from tests.imports.test_actions import TEXT


def test_it_uploads_a_word_document_and_shows_the_source_beside_the_proposals(officer):
    upload = io.BytesIO(seed_docx(TEXT))
    upload.name = "notice.docx"

    response = officer.post(reverse("manage:imports"), {"file": upload}, follow=True)

    kept = NoticeImport.objects.get()
    assert response.redirect_chain[-1][0] == kept.get_absolute_url()
    page = response.content.decode()
    assert "Northshire Borough Council is the data controller." in page and "Proposed records" in page
    assert f'name="decision-{kept.proposals.first().pk}"' in page


def test_it_says_why_a_file_is_refused(officer):
    upload = io.BytesIO(b"PK\x03\x04 broken")
    upload.name = "notice.docx"

    response = officer.post(reverse("manage:imports"), {"file": upload})

    assert response.status_code == 200
    assert "it could not be opened as one" in response.content.decode()
    assert not NoticeImport.objects.exists()


def test_it_refuses_a_file_over_the_limit_without_keeping_it(officer, settings):
    settings.IMPORT_MAX_BYTES = 1024
    upload = io.BytesIO(b"x" * 5000)
    upload.name = "notice.txt"

    response = officer.post(reverse("manage:imports"), {"file": upload})

    assert "The file is larger than 1.0 KB, the most an import can take." in response.content.decode()
    assert not NoticeImport.objects.exists()


def test_decisions_are_saved_and_a_stale_page_is_refused(officer):
    officer.post(reverse("manage:imports"), {"text": TEXT})
    kept = NoticeImport.objects.get()
    proposal = kept.proposals.first()
    url = kept.get_absolute_url()

    officer.post(url, {"lock_version": kept.lock_version, f"decision-{proposal.pk}": "rejected"})
    stale = officer.post(url, {"lock_version": kept.lock_version, f"decision-{proposal.pk}": "accepted"}, follow=True)

    proposal.refresh_from_db()
    assert proposal.decision == Proposal.Decision.REJECTED
    assert "Someone else saved decisions on this import" in stale.content.decode()


def test_create_the_draft_leads_to_the_notice_builder(officer):
    officer.post(reverse("manage:imports"), {"text": TEXT})
    kept = NoticeImport.objects.get()
    data = {"lock_version": kept.lock_version, **{f"decision-{p.pk}": "accepted" for p in kept.proposals.all()}}
    officer.post(kept.get_absolute_url(), data)
    kept.refresh_from_db()

    response = officer.post(reverse("manage:import_draft", args=[kept.pk]),
                            {"title": "Northshire notice", "lock_version": kept.lock_version}, follow=True)

    kept.refresh_from_db()
    assert response.redirect_chain[-1][0] == reverse("manage:notice", args=[kept.notice.pk])
    assert "Nothing is published until reviewed" in response.content.decode()


def test_another_organisations_import_is_a_404(officer, alice):
    from imports.actions import import_create
    from tests.factories import member

    other = OrganisationFactory()
    member(alice, other)
    kept = import_create(actor=alice, organisation=other, text=TEXT)
    alice.memberships.filter(organisation=other).delete()

    assert officer.get(kept.get_absolute_url()).status_code == 404
    assert default_organisation() != other
