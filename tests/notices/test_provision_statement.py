"""An IG officer says once, in the notice's basics, whether people have to give their information (Art 13(2)(e))."""

import pytest
from django.urls import reverse

from notices.compliance import check_notice
from tests.factories import NoticeFactory, PurposeFactory

pytestmark = pytest.mark.django_db

STATEMENT = "You don't have to give us information, but if you don't we may not be able to help you."


def test_it_saves_the_statement_from_the_basics_page_and_the_blockers_go(officer):
    notice = NoticeFactory(purposes=[PurposeFactory(provision_requirement="") for _ in range(3)])
    assert [f.code for f in check_notice(notice)].count("provision_requirement_missing") == 1
    page = officer.get(reverse("manage:notice_basics", args=[notice.pk])).content.decode()
    assert "Do people have to give us their information?" in page
    response = officer.post(reverse("manage:notice_basics", args=[notice.pk]), {
        "title": notice.title, "controller": notice.controller.pk, "audience": "everyone",
        "summary": notice.summary, "provision_statement": STATEMENT, "lock_version": notice.lock_version,
    })
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.provision_statement == STATEMENT
    assert "provision_requirement_missing" not in {f.code for f in check_notice(notice)}
    preview = officer.get(reverse("manage:notice_preview", args=[notice.pk])).content.decode()
    assert "Do you have to give us your information?" in preview
