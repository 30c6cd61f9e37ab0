"""The open API: every demo version validates against the published schema, nothing names a database id, the
index lists what the public can see, and the responses are open to scripts (CORS), cached and revalidated."""

import io
import re

import jsonschema
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from notices import actions
from notices.mirror import public_addresses
from notices.models import Publication
from tests.factories import NoticeFactory, NoticeSectionFactory, default_organisation

pytestmark = pytest.mark.django_db


def _ids(value, path="") -> list[str]:
    """Every place a database id could hide: an "id" key, or a free-text key made of one."""
    if isinstance(value, dict):
        found = [f"{path}.id" for key in value if key == "id"]
        return found + [p for key, item in value.items() for p in _ids(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _ids(item, f"{path}[{i}]")]
    return []


def _validator():
    schema = Client().get(reverse("public:api_schema")).json()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_demo_version_validates_against_the_published_schema(settings):
    settings.DEBUG = True  # load_demo refuses to run on what looks like a live site
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    validator = _validator()
    publications = Publication.objects.select_related("version__notice")

    assert publications.count() >= 4
    for publication in publications:
        slug, number = publication.version.notice.slug, publication.version.number
        for name in ("public:api_version", "public:version_json"):
            url = reverse(name, args=[slug, number])
            document = Client().get(url).json()
            errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(document)]
            assert errors == [], url
            assert _ids(document) == [], url
    for notice in Client().get(reverse("public:api_index")).json()["notices"]:
        resource = Client().get(notice["url"].removeprefix(settings.PORTAL_URL)).json()
        assert _ids(resource) == []
        assert resource["document"] is None or list(validator.iter_errors(resource["document"])) == []


def test_the_schema_refuses_a_field_it_does_not_describe_and_a_section_it_does_not_know(publish):
    publish(NoticeFactory(slug="young-carers"))
    validator = _validator()
    document = Client().get(reverse("public:api_version", args=["young-carers", 1])).json()
    assert validator.is_valid(document)

    document["sections"][0]["controller"]["internal_note"] = "x"
    assert not validator.is_valid(document)
    document["sections"][0]["controller"].pop("internal_note")
    document["sections"][0]["key"] = "who_we_were"
    assert not validator.is_valid(document)


def test_free_text_sections_are_numbered_not_named_by_their_id(publish):
    notice = NoticeFactory(slug="young-carers")
    NoticeSectionFactory(notice=notice, heading="Cookies")
    NoticeSectionFactory(notice=notice, heading="Newsletters")
    publish(notice)

    document = Client().get(reverse("public:api_version", args=["young-carers", 1])).json()

    assert [(s["key"], s["title"]) for s in document["sections"] if s.get("free_text")] == [
        ("text-1", "Cookies"), ("text-2", "Newsletters")]
    assert _validator().is_valid(document) and _ids(document) == []


def test_the_index_lists_organisations_and_the_notices_the_public_can_see(bob, publish):
    publish(NoticeFactory(slug="young-carers", title="Young Carers privacy notice"))
    gone = NoticeFactory(slug="closed-service")
    publish(gone)
    actions.notice_withdraw(actor=bob, notice=gone, reason="The service has closed")
    NoticeFactory(slug="draft-only")

    index = Client().get(reverse("public:api_index")).json()

    organisation = default_organisation()
    assert [o["slug"] for o in index["organisations"]] == [organisation.slug]
    assert index["organisations"][0]["notices"] == ["closed-service", "young-carers"]
    by_slug = {n["slug"]: n for n in index["notices"]}
    assert set(by_slug) == {"closed-service", "young-carers"}
    assert by_slug["young-carers"] | {"url": "", "page": "", "feed": ""} == {
        "slug": "young-carers", "title": "Young Carers privacy notice", "organisation": organisation.slug,
        "status": "in_force", "current_version": 1, "url": "", "page": "", "feed": "",
    }
    assert by_slug["closed-service"]["status"] == "withdrawn" and by_slug["closed-service"]["current_version"] is None
    withdrawn = Client().get(reverse("public:api_notice", args=["closed-service"])).json()
    assert withdrawn["document"] is None and withdrawn["withdrawn"]["reason"] == "The service has closed"
    assert Client().get(reverse("public:api_notice", args=["draft-only"])).status_code == 404
    assert _ids(index) == []


def test_a_notice_lists_its_versions_and_the_document_in_force(alice, publish):
    notice = NoticeFactory(slug="young-carers")
    publish(notice)
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"summary": "New."})
    publish(notice, summary="Shorter summary")

    resource = Client().get(reverse("public:api_notice", args=["young-carers"])).json()

    assert [v["number"] for v in resource["versions"]] == [2, 1]
    assert resource["versions"][0]["change_summary"] == "Shorter summary"
    assert resource["versions"][0]["compare"].endswith("/notices/young-carers/compare/1...2/")
    assert resource["versions"][1]["compare"] is None
    assert resource["document"]["version"]["number"] == 2 and resource["document"]["notice"]["summary"] == "New."


@pytest.fixture
def api_addresses(publish):
    publish(NoticeFactory(slug="young-carers"))
    return [
        reverse("public:api_index"),
        reverse("public:api_schema"),
        reverse("public:api_notice", args=["young-carers"]),
        reverse("public:api_version", args=["young-carers", 1]),
        reverse("public:version_json", args=["young-carers", 1]),
    ]


def test_every_api_response_is_open_to_scripts_for_reading_only(api_addresses):
    for url in api_addresses:
        got = Client().get(url, headers={"Origin": "https://www.example.gov.uk"})
        assert got.status_code == 200 and got["Content-Type"] == "application/json", url
        assert got["Access-Control-Allow-Origin"] == "*" and "ETag" in got["Access-Control-Expose-Headers"], url
        assert "Access-Control-Allow-Credentials" not in got, url
        preflight = Client().options(url, headers={"Origin": "https://www.example.gov.uk",
                                                   "Access-Control-Request-Method": "GET"})
        assert preflight.status_code == 204 and preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS", url
        assert preflight["Access-Control-Allow-Origin"] == "*", url
        posted = Client().post(url, headers={"Origin": "https://www.example.gov.uk"})
        assert posted.status_code == 405 and "Access-Control-Allow-Origin" not in posted, url


def test_every_api_response_has_a_strong_etag_and_answers_304(api_addresses, sign_in, bob):
    staff = sign_in(bob, client=Client())
    for url in api_addresses:
        first = Client().get(url)
        assert re.fullmatch(r'"[0-9a-f]{64}"', first["ETag"]) and first["Last-Modified"], url
        expected = "public, max-age=31536000, immutable" if "/v1.json" in url else "public, max-age=300"
        assert first["Cache-Control"] == expected, url
        again = Client().get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304 and again.content == b"" and again["Access-Control-Allow-Origin"] == "*", url
        assert "cookie" not in first.get("Vary", "").lower() and not first.cookies, url
        assert staff.get(url).content == first.content, url  # nothing personal


def test_the_index_changes_after_a_publication(api_addresses, alice, publish):
    first = Client().get(reverse("public:api_index"))
    publish(NoticeFactory(slug="second-notice"))

    again = Client().get(reverse("public:api_index"), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200 and "second-notice" in again.content.decode()


def test_the_docs_page_documents_every_field_of_the_schema(api_addresses):
    page = Client().get(reverse("public:api_docs")).content.decode()
    schema = Client().get(reverse("public:api_schema")).json()

    for name in schema["properties"]["notice"]["properties"]:
        assert f"<code>notice.{name}</code>" in page
    for definition in schema["$defs"].values():
        for name in definition["properties"]:
            assert f"[].{name}</code>" in page, name
    assert "/api/v1/schema/document.json" in page


def test_the_mirror_holds_the_api_and_the_feeds(api_addresses):
    addresses = set(public_addresses())

    assert set(api_addresses) <= addresses
    assert {reverse("public:feed"), reverse("public:api_docs"), reverse("public:notice_feed", args=["young-carers"]),
            reverse("public:organisation_feed", args=[default_organisation().slug])} <= addresses
