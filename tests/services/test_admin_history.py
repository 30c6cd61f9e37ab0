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
