"""Two organisations each keep a record called "Courts" in their own words (issue 11): each one's notice
publishes its own wording, and an edit in one changes nothing in the other's next version. On PostgreSQL,
where the per-organisation unique constraint is the production database's."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from notices import actions as notice_actions
from services import actions
from services.models import Purpose
from tests.factories import ControllerFactory, NoticeFactory, OrganisationFactory, RetentionRuleFactory, member

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the production database's constraint"),
    pytest.mark.django_db,
]


def _staff(django_user_model, sign_in, organisation, role, name):
    user = django_user_model.objects.create_user(name, is_staff=True)
    member(user, organisation, role)
    return user, sign_in(user, client=Client())


def _courts(document) -> dict:
    purposes = next(s for s in document["sections"] if s["key"] == "why_we_use_it")["purposes"]
    return next(p for p in purposes if p["name"] == "Courts")


def _publish(notice, officer, dpo, summary):
    version = notice.versions.get(status="draft")
    notice_actions.version_submit(actor=officer, version=version, change_summary=summary)
    return notice_actions.version_publish(actor=dpo, version=version, override_reason="Test")


def test_it_keeps_each_organisations_courts_in_its_own_words(django_user_model, sign_in, bases):
    bodies = {}
    for slug, wording in (("essex", "Essex goes to court to protect children."),
                          ("suffolk", "Suffolk shares information with the family court.")):
        organisation = OrganisationFactory(name=f"{slug.title()} County Council", slug=slug)
        officer, officer_client = _staff(django_user_model, sign_in, organisation, "ig_officer", f"{slug}-ig")
        dpo, _ = _staff(django_user_model, sign_in, organisation, "dpo", f"{slug}-dpo")
        response = officer_client.post("/manage/register/purposes/new/", {
            "name": "Courts", "description": wording, "art6_basis": bases["art6_1_e"].pk, "collected_from": "person",
            "legislation": [],
        })
        assert response.status_code == 302, response.content.decode()[:2000]
        courts = Purpose.objects.get(organisation=organisation, name="Courts")
        notice = NoticeFactory(organisation=organisation, controller=ControllerFactory(organisation=organisation),
                               purposes=[courts], retention_rules=[RetentionRuleFactory(organisation=organisation)])
        bodies[slug] = {"officer": officer, "dpo": dpo, "notice": notice, "courts": courts, "wording": wording}

    for body in bodies.values():
        publication = _publish(body["notice"], body["officer"], body["dpo"], "First")
        assert _courts(publication.document)["description"] == body["wording"]

    essex, suffolk = bodies["essex"], bodies["suffolk"]
    actions.record_update(actor=essex["officer"], record=essex["courts"], lock_version=essex["courts"].lock_version,
                          fields={"description": "Essex's new wording about courts."})
    notice_actions.version_start_draft(actor=suffolk["officer"], notice=suffolk["notice"])
    suffolk_v2 = _publish(suffolk["notice"], suffolk["officer"], suffolk["dpo"], "Second")

    assert suffolk_v2.version.number == 2
    assert _courts(suffolk_v2.document)["description"] == "Suffolk shares information with the family court."
    assert "Essex" not in suffolk_v2.html


def test_it_refuses_a_second_courts_in_one_organisation_in_the_database_itself():
    organisation, other = OrganisationFactory(), OrganisationFactory()
    Purpose.objects.create(organisation=organisation, name="Courts")
    Purpose.objects.create(organisation=other, name="Courts")

    with pytest.raises(IntegrityError), transaction.atomic():
        Purpose.objects.create(organisation=organisation, name="Courts")
