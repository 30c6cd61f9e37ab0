"""Where an organisation's notices may be embedded: its staff name their own sites' origins in /manage/
(checked one by one), the embed page's CSP frame-ancestors lists exactly those, and every other page still
refuses all framing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from accounts.actions import OrganisationConflict, organisation_embedding_set
from accounts.models import AuditEvent, Organisation
from accounts.origins import normalise_origin
from tests.factories import NoticeFactory, default_organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


@pytest.mark.parametrize(("typed", "origin"), [
    ("https://www.example.gov.uk", "https://www.example.gov.uk"),
    ("  HTTPS://WWW.Example.gov.uk/ ", "https://www.example.gov.uk"),
    ("https://www.example.gov.uk:443", "https://www.example.gov.uk"),
    ("https://intranet.example.gov.uk:8443", "https://intranet.example.gov.uk:8443"),
    ("http://localhost:8001", "http://localhost:8001"),
    ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
])
def test_it_accepts_and_normalises_an_origin(typed, origin):
    assert normalise_origin(typed) == origin


@pytest.mark.parametrize(("typed", "code"), [
    ("http://www.example.gov.uk", "not_https"),
    ("https://*.example.gov.uk", "wildcard"),
    ("https://www.example.gov.uk/privacy", "path"),
    ("https://www.example.gov.uk/?a=1", "path"),
    ("https://someone@www.example.gov.uk", "path"),
    ("www.example.gov.uk", "not_origin"),
    ("javascript:alert(1)", "not_origin"),
    ("ftp://www.example.gov.uk", "not_https"),
    ("https://10.0.0.1", "host"),
    ("https://intranet", "host"),
    ("https://www.example.gov.uk:99999", "port"),
])
def test_it_refuses_what_is_not_one_https_site(typed, code):
    with pytest.raises(ValidationError) as error:
        normalise_origin(typed)
    assert error.value.code == code
    assert typed.strip() in error.value.messages[0]


def _csp(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))


def test_the_embed_page_may_be_framed_only_by_the_organisations_sites(alice, publish):
    publish(NoticeFactory(slug="young-carers", title="Young Carers privacy notice"))
    organisation = default_organisation()
    closed = Client().get(reverse("public:embed", args=["young-carers"]))
    assert _csp(closed)["frame-ancestors"] == "'none'" and closed["X-Frame-Options"] == "DENY"

    organisation_embedding_set(actor=alice, organisation=organisation, lock_version=organisation.lock_version,
                               origins=["https://www.example.gov.uk", "http://localhost:8001"])

    embed = Client().get(reverse("public:embed", args=["young-carers"]))
    assert embed.status_code == 200 and "Young Carers privacy notice" in embed.content.decode()
    assert _csp(embed)["frame-ancestors"] == "https://www.example.gov.uk http://localhost:8001"
    assert "X-Frame-Options" not in embed
    assert 'class="govuk-header' not in embed.content.decode()  # minimal chrome
    revalidated = Client().get(reverse("public:embed", args=["young-carers"]), headers={"If-None-Match": embed["ETag"]})
    assert revalidated.status_code == 304 and "X-Frame-Options" not in revalidated
    assert _csp(revalidated)["frame-ancestors"] == "https://www.example.gov.uk http://localhost:8001"
    # The rest of the portal keeps refusing framing, the notice's own page included.
    for url in (reverse("public:notice", args=["young-carers"]), reverse("public:home"),
                reverse("public:api_docs"), reverse("manage:dashboard")):
        other = Client().get(url)
        assert _csp(other)["frame-ancestors"] == "'none'" and other["X-Frame-Options"] == "DENY", url


def test_staff_set_the_sites_in_the_workspace_and_the_notice_page_gives_the_snippet(sign_in, alice, publish):
    notice = NoticeFactory(slug="young-carers", title="Young Carers privacy notice")
    publish(notice)
    client = sign_in(alice)
    organisation = default_organisation()

    page = client.get(reverse("manage:embedding"))
    saved = client.post(reverse("manage:embedding"), {
        "web_addresses": "https://www.example.gov.uk\r\nhttps://www.example.gov.uk/\r\n\r\nhttp://localhost:8001",
        "lock_version": organisation.lock_version,
    })

    assert page.status_code == 200 and saved.status_code == 302
    organisation.refresh_from_db()
    assert organisation.embed_origins == ["https://www.example.gov.uk", "http://localhost:8001"]
    assert AuditEvent.objects.filter(action="organisation_embedding_set", organisation=organisation).exists()
    detail = client.get(reverse("manage:notice", args=[notice.pk])).content.decode()
    assert "&lt;iframe src=&quot;http://localhost:8000/notices/young-carers/embed/&quot;" in detail or (
        "&lt;iframe src=\"http://localhost:8000/notices/young-carers/embed/\"" in detail)
    assert "It works on: https://www.example.gov.uk, http://localhost:8001" in detail
    assert "portal/copy-snippet.js" in detail


def test_it_says_which_address_is_wrong_and_saves_nothing(sign_in, alice):
    client = sign_in(alice)
    organisation = default_organisation()

    response = client.post(reverse("manage:embedding"), {
        "web_addresses": "https://www.example.gov.uk\nhttps://*.example.gov.uk\nhttp://www.example.org",
        "lock_version": organisation.lock_version,
    })

    page = response.content.decode()
    assert response.status_code == 200
    assert "“https://*.example.gov.uk”: name each site in full" in page
    assert "“http://www.example.org”: the address must start with https://" in page
    organisation.refresh_from_db()
    assert organisation.embed_origins == []


def test_it_refuses_a_save_made_over_someone_elses(sign_in, alice, bob):
    organisation = default_organisation()
    loaded = organisation.lock_version
    organisation_embedding_set(actor=bob, organisation=organisation, lock_version=loaded,
                               origins=["https://www.example.gov.uk"])
    with pytest.raises(OrganisationConflict):
        organisation_embedding_set(actor=alice, organisation=organisation, lock_version=loaded,
                                   origins=["https://other.example.gov.uk"])

    response = sign_in(alice).post(reverse("manage:embedding"),
                                   {"web_addresses": "https://other.example.gov.uk", "lock_version": loaded})

    assert response.status_code == 200 and "Someone else changed these websites" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.embed_origins == ["https://www.example.gov.uk"]


def test_only_the_organisations_staff_may_set_its_sites(alice):
    other = Organisation.objects.create(name="Another council", slug="another-council")

    with pytest.raises(PermissionDenied):
        organisation_embedding_set(actor=alice, organisation=other, lock_version=other.lock_version,
                                   origins=["https://www.example.gov.uk"])
    other.refresh_from_db()
    assert other.embed_origins == []
