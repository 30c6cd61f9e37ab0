"""The migration to parties (services 0015) keeps what services said: each service's provider in its role, and the
controllers it named as the controllers it processes for, or its joint controllers."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# accounts 0004 stays applied (nothing in it depends on services), so the old world's models must know its column.
BEFORE = [("services", "0014_voices_condition_public_sentences"), ("accounts", "0004_organisation_embed_origins")]
AFTER = [("services", "0015_parties_service_parties")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest(transactional_db):
    """Whatever the test leaves, the next test on this database finds every app's tables (going back to services
    0014 also took out the apps whose migrations depend on 0015)."""
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_services_role_becomes_its_parties(back_to_latest):
    apps = _migrate(BEFORE)
    Controller, Service = apps.get_model("services", "Controller"), apps.get_model("services", "Service")
    organisation = apps.get_model("accounts", "Organisation").objects.create(name="HCRG", slug="hcrg-m")
    made = {name: Controller.objects.create(organisation=organisation, name=name, slug=name.lower())
            for name in ("HCRG", "NELFT", "Essex")}
    services = {}
    for slug, role, others in (("ecfws", "controller", []), ("camhs", "processor", ["NELFT"]),
                               ("hubs", "joint", ["Essex"])):
        services[slug] = Service.objects.create(organisation=organisation, name=slug, slug=slug,
                                                controller=made["HCRG"], role=role)
        services[slug].other_controllers.set([made[name] for name in others])

    apps = _migrate(AFTER)

    Party = apps.get_model("services", "ServiceParty")
    found = {(p.service.slug, p.body.name, p.role) for p in Party.objects.select_related("service", "body")}
    assert found == {("ecfws", "HCRG", "controller"), ("camhs", "HCRG", "processor"), ("camhs", "NELFT", "controller"),
                     ("hubs", "HCRG", "joint"), ("hubs", "Essex", "joint")}
    assert apps.get_model("services", "HistoricalServiceParty").objects.filter(history_type="+").count() == 5
