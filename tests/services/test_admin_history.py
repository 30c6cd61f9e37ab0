"""An edit through the admin leaves a history row naming the person who made it, for every register model."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from retention.models import LegalHold, RetentionRule
from services.models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    LawfulBasis,
    Legislation,
    Purpose,
    Recipient,
    Service,
    Source,
)
from tests.factories import (
    DataCategoryFactory,
    DataSubjectGroupFactory,
    LegalHoldFactory,
    LegislationFactory,
    PurposeFactory,
    RecipientFactory,
    RetentionRuleFactory,
    ServiceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

MAKERS = {
    Controller: lambda: ServiceFactory().controller,
    Service: ServiceFactory,
    DataSubjectGroup: DataSubjectGroupFactory,
    DataCategory: DataCategoryFactory,
    LawfulBasis: lambda: LawfulBasis.objects.get(code="art6_1_e"),
    Legislation: LegislationFactory,
    Purpose: PurposeFactory,
    Source: SourceFactory,
    Recipient: RecipientFactory,
    RetentionRule: RetentionRuleFactory,
    LegalHold: LegalHoldFactory,
}


def _form_data(model_admin, user, obj) -> dict:
    """What the admin's change form would post back unchanged."""
    request = RequestFactory().get("/")
    request.user = user
    form = model_admin.get_form(request, obj)(instance=obj)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = (
            [str(v) for v in value] if isinstance(value, list | tuple) else ("on" if value is True else str(value))
        )
    return data


@pytest.mark.parametrize("model", list(MAKERS), ids=lambda model: model.__name__)
def test_it_records_the_acting_user_for_an_admin_edit(sign_in, charlie, model):
    obj = MAKERS[model]()
    model_admin = admin.site._registry[model]
    data = _form_data(model_admin, charlie, obj)
    text_field = "plain_english" if model is LawfulBasis else "note"
    data[text_field] = "Checked by the IG team in November 2026."
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    response = sign_in(charlie).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = obj.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == charlie
    assert getattr(latest, text_field) == "Checked by the IG team in November 2026."


def test_it_bumps_the_lock_version_so_a_stale_workspace_save_is_refused(sign_in, charlie, alice, officer):
    recipient = RecipientFactory(name="Police", why_shared="To prevent crime")
    edit_url = reverse("manage:record_edit", args=["recipients", recipient.pk])
    loaded = officer.get(edit_url).context["form"]["lock_version"].value()
    data = _form_data(admin.site._registry[Recipient], charlie, recipient)
    data["why_shared"] = "To prevent and detect crime"

    response = sign_in(charlie).post(reverse("admin:services_recipient_change", args=[recipient.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    recipient.refresh_from_db()
    assert recipient.lock_version == loaded + 1
    stale = officer.post(edit_url, {"name": "Police", "kind": "organisation", "role": "controller",
                                    "location": "in_uk", "why_shared": "Alice's words", "lock_version": loaded})
    assert stale.status_code == 409
    assert "was changed by someone else" in stale.content.decode()
    recipient.refresh_from_db()
    assert recipient.why_shared == "To prevent and detect crime"


def test_it_refuses_an_admin_save_made_from_a_stale_page(sign_in, charlie, alice):
    from services import actions

    recipient = RecipientFactory(name="Police")
    data = _form_data(admin.site._registry[Recipient], charlie, recipient)
    actions.record_update(actor=alice, record=recipient, lock_version=recipient.lock_version,
                          fields={"why_shared": "Alice was first"})
    data["why_shared"] = "The administrator's words"

    response = sign_in(charlie).post(reverse("admin:services_recipient_change", args=[recipient.pk]), data)

    assert response.status_code == 200
    assert "Someone changed this record after you opened it" in response.content.decode()
    recipient.refresh_from_db()
    assert recipient.why_shared == "Alice was first"
