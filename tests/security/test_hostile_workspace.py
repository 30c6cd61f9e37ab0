"""Hostile input into every form of the staff workspace (/manage/): each register record type created and
edited, the register's search and filters, and the notice builder, review, publishing and withdrawal,
each used by the persona whose job it is (alice the IG officer, bob the DPO).

No response may be a server error; no page (nor the page a redirect leads to) may carry active content;
what a form accepted is shown back as text on the pages that show it. The strings and checks are in
tests/security/hostile.py.
"""

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from notices import actions
from notices.forms import NoticeBasicsForm, NoticeCreateForm
from notices.models import Notice, NoticeSection, NoticeVersion
from notices.views.manage import RELATIONS
from services.register import RECORD_TYPES
from services.selectors import HIDDEN_IN_HISTORY
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    DataSubjectGroupFactory,
    LegalHoldFactory,
    LegislationFactory,
    NoticeFactory,
    NoticeSectionFactory,
    PurposeFactory,
    RecipientFactory,
    RetentionRuleFactory,
    ServiceFactory,
    ServicePartyFactory,
    SourceFactory,
    default_organisation,
)

from .hostile import (
    ACCEPTED,
    EXAMPLES_RUN,
    accepted,
    assert_followed_harmless,
    assert_harmless,
    assert_input_holds,
    assert_shown,
    examples,
    form_data,
    hostile_markdown,
    hostile_text,
    with_families,
)

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]

MAX_EXAMPLES = 10
# Per record type, of which there are ten.
REGISTER_EXAMPLES = 6
# Publishing renders a PDF (about half a second).
PUBLISH_EXAMPLES = 4
FACTORIES = {
    "controllers": ControllerFactory,
    "services": ServiceFactory,
    "parties": ServicePartyFactory,
    "subject-groups": lambda: DataSubjectGroupFactory(name="Foster carers"),
    "data-categories": DataCategoryFactory,
    "legislation": LegislationFactory,
    "purposes": PurposeFactory,
    "sources": SourceFactory,
    "recipients": RecipientFactory,
    "retention-rules": RetentionRuleFactory,
    "legal-holds": LegalHoldFactory,
}


def _assert_record_shown(body: str, record) -> None:
    """Every text the record holds is on its detail page, as text."""
    for field in record._meta.fields:
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            value = getattr(record, field.attname)
            if value and field.name not in HIDDEN_IN_HISTORY:
                assert_shown(body, value)


def _post_record(client, url, form, text, serial, *, blank_links, fit, lock_version=None):
    data = form_data(form, text, serial, blank_links=blank_links, fit=fit)
    if lock_version is not None:
        data["lock_version"] = lock_version
    response = client.post(url, data)
    body = assert_followed_harmless(client, response)
    assert response.status_code in (200, 302)
    return response, body


@pytest.mark.parametrize("kind", list(RECORD_TYPES))
def test_it_survives_hostile_input_to_each_register_form(kind, officer):
    """Each example adds a record with the hostile text in every text field and changes an existing one."""
    record_type = RECORD_TYPES[kind]
    ControllerFactory()  # a choice for required organisation fields
    existing = FACTORIES[kind]()
    form_class = record_type.form_class()

    @examples(REGISTER_EXAMPLES)
    @given(text=hostile_text, blank_links=st.booleans(), fit=st.booleans())
    @with_families("text", blank_links=True, fit=True)
    def attempt(text, blank_links, fit):
        EXAMPLES_RUN["register: add a record"] += 1
        EXAMPLES_RUN["register: change a record"] += 1
        serial = EXAMPLES_RUN["register: add a record"]
        new_url = reverse("manage:record_create", args=[kind])
        blank = form_class(organisation=default_organisation())
        response, body = _post_record(officer, new_url, blank, text, serial, blank_links=blank_links, fit=fit)
        if response.status_code == 302:
            ACCEPTED["register: add a record"] += 1
            _assert_record_shown(body, record_type.model.objects.latest("pk"))

        existing.refresh_from_db()
        edit_url = reverse("manage:record_edit", args=[kind, existing.pk])
        # Another text than the new record's, as names are unique.
        response, body = _post_record(officer, edit_url, form_class(instance=existing), f"Changed {text}", serial,
                                      blank_links=blank_links, fit=fit, lock_version=existing.lock_version)
        if response.status_code == 302:
            ACCEPTED["register: change a record"] += 1
            existing.refresh_from_db()
            _assert_record_shown(body, existing)  # and its history, old and new values, below

    attempt()


def test_it_survives_a_hostile_search_and_filters_of_the_register(officer):
    ServiceFactory()
    kinds = list(RECORD_TYPES)

    @examples(MAX_EXAMPLES * 2)
    @given(kind=st.sampled_from(kinds), query=hostile_text, value=hostile_text)
    @with_families("query", kind="services", value="1")
    def attempt(kind, query, value):
        EXAMPLES_RUN["register: search and filters"] += 1
        params = {"q": query, "page": value, "retired": value, **dict.fromkeys(RECORD_TYPES[kind].filters, value)}
        response = officer.get(reverse("manage:record_list", args=[kind]), params)
        body = assert_harmless(response)
        if "\x00" in query + value:
            assert response.status_code == 400
        else:
            assert response.status_code == 200
            assert_input_holds(body, "q", query.strip()[:200])

    attempt()


def test_it_survives_a_hostile_lock_version_when_retiring_a_record(officer):
    record = DataCategoryFactory()
    url = reverse("manage:record_retire", args=["data-categories", record.pk])

    @examples(MAX_EXAMPLES)
    @given(lock_version=hostile_text)
    @with_families("lock_version")
    def attempt(lock_version):
        EXAMPLES_RUN["register: retire (lock version)"] += 1
        response = officer.post(url, {"lock_version": lock_version})
        assert_followed_harmless(officer, response)
        assert response.status_code == 302  # back to the record, with a message

    attempt()


def test_it_survives_hostile_input_to_the_new_notice_form(officer):
    ControllerFactory()

    @examples(MAX_EXAMPLES)
    @given(text=hostile_text, fit=st.booleans())
    @with_families("text", fit=True)
    def attempt(text, fit):
        EXAMPLES_RUN["notice: new"] += 1
        blank = NoticeCreateForm(organisation=default_organisation())
        data = form_data(blank, text, EXAMPLES_RUN["notice: new"], blank_links=True, fit=fit)
        response = officer.post(reverse("manage:notice_new"), data)
        body = assert_followed_harmless(officer, response)
        if response.status_code == 302:
            ACCEPTED["notice: new"] += 1
            notice = Notice.objects.latest("pk")
            assert_shown(body, notice.title)

    attempt()


def test_it_survives_hostile_input_to_the_notice_basics_form(officer):
    notice = NoticeFactory()
    url = reverse("manage:notice_basics", args=[notice.pk])

    @examples(MAX_EXAMPLES)
    @given(text=hostile_text, fit=st.booleans())
    @with_families("text", fit=True)
    def attempt(text, fit):
        EXAMPLES_RUN["notice: about the notice"] += 1
        notice.refresh_from_db()
        data = form_data(NoticeBasicsForm(instance=notice), text, 0, blank_links=True, fit=fit)
        data["lock_version"] = notice.lock_version
        response = officer.post(url, data)
        body = assert_followed_harmless(officer, response)
        if response.status_code == 302:
            ACCEPTED["notice: about the notice"] += 1
            notice.refresh_from_db()
            assert_shown(body, notice.title)
            preview = assert_harmless(officer.get(reverse("manage:notice_preview", args=[notice.pk])))
            assert_shown(preview, notice.title)
            assert_shown(preview, notice.summary)

    attempt()


def test_it_survives_hostile_input_to_the_choose_records_form(officer):
    """The filter box (GET ?q=) and the checkbox list's POST, with hostile values for the choices."""
    notice = NoticeFactory()
    RecipientFactory()

    @examples(MAX_EXAMPLES)
    @given(part=st.sampled_from(list(RELATIONS)), text=hostile_text, lock_version=st.one_of(st.none(), hostile_text))
    @with_families("text", part="recipients", lock_version=None)
    def attempt(part, text, lock_version):
        EXAMPLES_RUN["notice: choose records (filter and list)"] += 1
        url = reverse("manage:notice_relation", args=[notice.pk, part])
        response = officer.get(url, {"q": text})
        body = assert_harmless(response)
        if "\x00" not in text:
            assert_input_holds(body, "q", text.strip()[:100])
        notice.refresh_from_db()
        data = {"lock_version": notice.lock_version if lock_version is None else lock_version,
                "chosen": [text], "shown": [text]}
        response = officer.post(url, data)
        assert assert_harmless(response) and response.status_code == 200  # refused: not a choice on the list

    attempt()


def test_it_survives_hostile_free_text_sections(officer):
    """Each example adds a section and changes an existing one: hostile headings, hostile Markdown bodies."""
    notice = NoticeFactory()
    section = NoticeSectionFactory(notice=notice)

    @examples(MAX_EXAMPLES)
    @given(heading=hostile_text, body=hostile_markdown)
    @with_families("heading", body="[click](javascript:alert(1)) <script>alert(1)</script>")
    def attempt(heading, body):
        EXAMPLES_RUN["notice: add a section"] += 1
        EXAMPLES_RUN["notice: change a section"] += 1
        data = {"heading": heading, "body": body, "placement": "why_we_use_it"}
        for group, url in [
            ("notice: add a section", reverse("manage:section_add", args=[notice.pk])),
            ("notice: change a section", reverse("manage:section_edit", args=[notice.pk, section.pk])),
        ]:
            response = officer.post(url, data)
            page = assert_followed_harmless(officer, response)
            if response.status_code == 302:
                ACCEPTED[group] += 1
                assert_shown(page, accepted(heading))
        preview = assert_harmless(officer.get(reverse("manage:notice_preview", args=[notice.pk])))
        if NoticeSection.objects.filter(pk=section.pk, heading=accepted(heading)).exists():
            assert_shown(preview, accepted(heading))

    attempt()


def test_it_survives_hostile_change_summaries_and_reasons_for_sending_back(officer, dpo, alice, bob):
    """The IG officer submits with a hostile summary of changes; the DPO sends it back with a hostile reason."""
    notice = NoticeFactory()
    version = notice.versions.get()

    @examples(MAX_EXAMPLES)
    @given(summary=hostile_text, reason=hostile_text)
    @with_families("summary", reason="Check the <script>alert(1)</script> section")
    def attempt(summary, reason):
        EXAMPLES_RUN["notice: submit (summary of changes)"] += 1
        EXAMPLES_RUN["review: send back (reason)"] += 1
        response = officer.post(reverse("manage:notice_submit", args=[notice.pk]), {"change_summary": summary})
        assert_followed_harmless(officer, response)
        version.refresh_from_db()
        if version.status == NoticeVersion.Status.IN_REVIEW:
            ACCEPTED["notice: submit (summary of changes)"] += 1
            assert_shown(assert_harmless(dpo.get(reverse("manage:notice_review", args=[notice.pk]))), accepted(summary))
        response = dpo.post(reverse("manage:notice_decide", args=[notice.pk, "reject"]), {"reason": reason})
        assert_followed_harmless(dpo, response)
        version.refresh_from_db()
        if version.status == NoticeVersion.Status.DRAFT and version.rejection_reason == accepted(reason):
            ACCEPTED["review: send back (reason)"] += 1
            assert_shown(assert_harmless(officer.get(reverse("manage:notice", args=[notice.pk]))), accepted(reason))
            assert_shown(assert_harmless(officer.get(reverse("manage:dashboard"))), accepted(reason))
        elif version.status == NoticeVersion.Status.IN_REVIEW:
            actions.version_reject(actor=bob, version=version, reason="Ready for the next example")

    attempt()


def _in_review(notice: Notice, *, officer_user) -> NoticeVersion:
    """The notice's version in review, starting and submitting a new draft if it has none."""
    version = notice.versions.filter(status__in=NoticeVersion.OPEN_STATUSES).first()
    if version is None:
        version = actions.version_start_draft(actor=officer_user, notice=notice)
    if version.status == NoticeVersion.Status.DRAFT:
        version = actions.version_submit(actor=officer_user, version=version, change_summary="Ready for the DPO")
    return version


def test_it_survives_a_hostile_reason_for_publishing_despite_blocking_findings(dpo, alice):
    notice = NoticeFactory(retention_rules=[])  # blocked: it does not say how long anything is kept

    @examples(PUBLISH_EXAMPLES)
    @given(reason=hostile_text, effective_from=st.one_of(st.just(""), hostile_text))
    @with_families("reason", effective_from="")
    def attempt(reason, effective_from):
        EXAMPLES_RUN["review: publish (override reason, date)"] += 1
        version = _in_review(notice, officer_user=alice)
        response = dpo.post(reverse("manage:notice_decide", args=[notice.pk, "publish"]),
                            {"override_reason": reason, "effective_from": effective_from})
        assert_followed_harmless(dpo, response)
        version.refresh_from_db()
        if version.status == NoticeVersion.Status.PUBLISHED:
            ACCEPTED["review: publish (override reason, date)"] += 1
            assert version.override_reason == accepted(reason)
            assert_harmless(Client().get(reverse("public:notice", args=[notice.slug])))

    attempt()


def test_it_survives_a_hostile_reason_for_withdrawing(dpo, alice, publish):
    notice = NoticeFactory()
    publish(notice)

    @examples(MAX_EXAMPLES)
    @given(reason=hostile_text)
    @with_families("reason")
    def attempt(reason):
        EXAMPLES_RUN["review: withdraw (reason)"] += 1
        version = notice.versions.get(status=NoticeVersion.Status.PUBLISHED)
        response = dpo.post(reverse("manage:notice_withdraw", args=[notice.pk]), {"reason": reason})
        assert_followed_harmless(dpo, response)
        version.refresh_from_db()
        if version.status == NoticeVersion.Status.WITHDRAWN:
            ACCEPTED["review: withdraw (reason)"] += 1
            public = Client().get(reverse("public:notice", args=[notice.slug]))
            assert public.status_code == 410
            assert_shown(assert_harmless(public), f"Reason: {accepted(reason)}")
            # A withdrawn version never becomes published again (on PostgreSQL a trigger refuses it), so the
            # next example withdraws a newly published version.
            actions.version_start_draft(actor=alice, notice=notice)
            publish(notice)

    attempt()


def _in_review_notice(alice) -> Notice:
    notice = NoticeFactory()
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First version")
    return notice


def _basics_form(alice, publish) -> tuple[str, dict]:
    notice = NoticeFactory()
    data = {"title": "Young carers", "summary": "We\x00help", "controller": notice.controller_id,
            "audience": "everyone", "lock_version": notice.lock_version}
    return reverse("manage:notice_basics", args=[notice.pk]), data


def _withdraw_form(alice, publish) -> tuple[str, dict]:
    notice = NoticeFactory()
    publish(notice)
    return reverse("manage:notice_withdraw", args=[notice.pk]), {"reason": "Out of\x00date"}


# Each workspace form with a NUL in a text field: who posts it, and its URL and data (made in the test).
NUL_FORMS = {
    "register: add": ("officer", lambda alice, publish: (
        reverse("manage:record_create", args=["data-categories"]), {"name": "Foster\x00carers", "kind": "personal"})),
    "register: change": ("officer", lambda alice, publish: (
        reverse("manage:record_edit", args=["data-categories", DataCategoryFactory().pk]),
        {"name": "Health", "description": "Medical\x00notes", "kind": "personal", "lock_version": 1})),
    "notice: new": ("officer", lambda alice, publish: (reverse("manage:notice_new"), {
        "title": "Young\x00carers", "slug": "young-carers", "controller": ControllerFactory().pk,
        "audience": "everyone"})),
    "notice: about": ("officer", _basics_form),
    "notice: section body": ("officer", lambda alice, publish: (
        reverse("manage:section_add", args=[NoticeFactory().pk]),
        {"heading": "CCTV", "body": "We record\x00video", "placement": "why_we_use_it"})),
    "notice: submit": ("officer", lambda alice, publish: (
        reverse("manage:notice_submit", args=[NoticeFactory().pk]), {"change_summary": "First\x00version"})),
    "review: send back": ("dpo", lambda alice, publish: (
        reverse("manage:notice_decide", args=[_in_review_notice(alice).pk, "reject"]), {"reason": "Fix\x00it"})),
    "review: publish": ("dpo", lambda alice, publish: (
        reverse("manage:notice_decide", args=[_in_review_notice(alice).pk, "publish"]), {"override_reason": "x\x00"})),
    "review: withdraw": ("dpo", _withdraw_form),
}


@pytest.mark.parametrize("form", list(NUL_FORMS))
def test_it_explains_a_nul_character_in_each_workspace_form(form, request, alice, publish):
    """PostgreSQL cannot store NUL in text: each form says so, rather than failing when it saves."""
    persona, make = NUL_FORMS[form]
    client = request.getfixturevalue(persona)
    url, data = make(alice, publish)

    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
