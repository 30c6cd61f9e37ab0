"""The data migration to organisations (notices 0008), run from the schema before it on data that two
organisations' notices share."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("accounts", "0002_append_only"),
    ("services", "0004_purpose_art6_basis_optional"),
    ("retention", "0001_initial"),
    ("notices", "0006_seed_stale_references"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    # Every app's last migration, the apps above notices too: a later test on this database needs their tables.
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _old_world(apps):
    """Two controllers, each with a notice; both notices use one purpose, which uses one data category."""
    Controller, Notice = apps.get_model("services", "Controller"), apps.get_model("notices", "Notice")
    DataCategory, Purpose = apps.get_model("services", "DataCategory"), apps.get_model("services", "Purpose")
    Service, User = apps.get_model("services", "Service"), apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    essex = Controller.objects.create(name="Essex County Council", slug="essex")
    hcrg = Controller.objects.create(name="HCRG Care Services", slug="hcrg")
    ethnicity = DataCategory.objects.create(name="Ethnicity", kind="special", description="Essex's wording")
    apps.get_model("services", "HistoricalDataCategory").objects.create(
        id=ethnicity.pk, name="Ethnicity", kind="special", description="Essex's wording", note="", retired=False,
        created_at=timezone.now(), updated_at=timezone.now(), lock_version=1, history_date=timezone.now(),
        history_type="+",
    )
    courts = Purpose.objects.create(name="Courts", description="Going to court", collected_from="person")
    courts.data_categories.add(ethnicity)
    only_essex = DataCategory.objects.create(name="Council tax", kind="personal")
    service = Service.objects.create(name="Family hubs", slug="family-hubs", controller=essex)
    unused = DataCategory.objects.create(name="Never used", kind="personal")
    notices = []
    for controller, slug in ((essex, "essex-notice"), (hcrg, "hcrg-notice")):
        notice = Notice.objects.create(title=slug, slug=slug, controller=controller)
        notice.purposes.add(courts)
        notice.data_categories.add(ethnicity)
        notices.append(notice)
    notices[0].data_categories.add(only_essex)
    notices[0].services.add(service)
    officer = User.objects.create(username="officer", is_staff=True)
    officer.groups.add(Group.objects.get_or_create(name="IG officer")[0])
    return {"ethnicity": ethnicity.pk, "courts": courts.pk, "unused": unused.pk, "service": service.pk}


@pytest.mark.django_db(transaction=True)
def test_it_gives_each_organisation_its_own_copy_of_what_both_used():
    latest = _latest()
    old = _old_world(_migrate(BEFORE))

    apps = _migrate(latest)

    Organisation, Notice = apps.get_model("accounts", "Organisation"), apps.get_model("notices", "Notice")
    DataCategory, Purpose = apps.get_model("services", "DataCategory"), apps.get_model("services", "Purpose")
    essex, hcrg = Organisation.objects.get(slug="essex"), Organisation.objects.get(slug="hcrg")
    essex_notice, hcrg_notice = Notice.objects.get(slug="essex-notice"), Notice.objects.get(slug="hcrg-notice")
    assert (essex_notice.organisation_id, hcrg_notice.organisation_id) == (essex.pk, hcrg.pk)
    # The original stays with one organisation; the other has an independent copy with the same wording.
    ethnicities = {c.organisation_id: c for c in DataCategory.objects.filter(name="Ethnicity")}
    assert set(ethnicities) == {essex.pk, hcrg.pk}
    assert ethnicities[essex.pk].pk == old["ethnicity"]
    assert ethnicities[hcrg.pk].description == "Essex's wording"
    # Each notice, and each notice's purpose, now uses its own organisation's records.
    for notice, organisation in ((essex_notice, essex), (hcrg_notice, hcrg)):
        purpose = notice.purposes.get()
        assert purpose.organisation_id == organisation.pk
        assert list(purpose.data_categories.values_list("pk", flat=True)) == [ethnicities[organisation.pk].pk]
        assert list(notice.data_categories.filter(name="Ethnicity").values_list("pk", flat=True)) == [
            ethnicities[organisation.pk].pk]
        assert notice.controller.organisation_id == organisation.pk
    assert Purpose.objects.get(pk=old["courts"]).organisation_id == essex.pk
    # What only one organisation used is not copied.
    assert DataCategory.objects.filter(name="Council tax").values_list("organisation_id", flat=True).get() == essex.pk
    assert apps.get_model("services", "Service").objects.get(pk=old["service"]).organisation_id == essex.pk
    # History is kept: the copy's history starts with the original's rows, then says it was copied.
    History = apps.get_model("services", "HistoricalDataCategory")
    copy_rows = list(History.objects.filter(id=ethnicities[hcrg.pk].pk).order_by("history_date", "history_id"))
    assert [row.description for row in copy_rows] == ["Essex's wording", "Essex's wording"]
    assert "copied for HCRG Care Services" in copy_rows[-1].history_change_reason
    assert History.objects.filter(id=old["ethnicity"]).count() == 2
    # A record nobody used goes to an organisation only administrators see, not to either body.
    unused = DataCategory.objects.get(pk=old["unused"])
    assert unused.organisation_id not in (essex.pk, hcrg.pk)
    # Staff keep the access they had, in every organisation.
    Membership = apps.get_model("accounts", "Membership")
    assert set(Membership.objects.filter(user__username="officer").values_list("organisation__slug", "role")) == {
        ("essex", "ig_officer"), ("hcrg", "ig_officer")}
