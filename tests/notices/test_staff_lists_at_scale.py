"""Staff pages that would list a county's whole register or every notice list a page of it (issue 19):
the about page's services are a picker like the register's, the dashboard pages its notices."""

import re

from django.urls import reverse

from notices.selectors import DASHBOARD_PAGE
from services.selectors import PICKER_PAGE
from tests.factories import NoticeFactory, ServiceFactory


def _text(response) -> str:
    return response.content.decode()


def _service_boxes(page: str) -> list[str]:
    return re.findall(r'name="services"[^>]*value="(\d+)"', page)


def _basics(notice, **changes) -> dict:
    return {"title": notice.title, "controller": notice.controller_id, "audience": "everyone",
            "lock_version": notice.lock_version, **changes}


def test_the_about_page_lists_the_chosen_services_and_one_page_of_the_others(officer):
    services = [ServiceFactory(name=f"Service {n:02d}") for n in range(PICKER_PAGE + 10)]
    notice = NoticeFactory()
    notice.services.add(services[-1])
    page = _text(officer.get(reverse("manage:notice_basics", args=[notice.pk])))
    boxes = _service_boxes(page)
    assert str(services[-1].pk) in boxes
    assert len(boxes) <= PICKER_PAGE + 1
    assert 'data-record-picker="services"' in page  # the autocomplete finds the others as the officer types


def test_without_javascript_find_lists_a_service_beyond_the_first_page_and_save_keeps_it(officer):
    services = [ServiceFactory(name=f"Service {n:02d}") for n in range(PICKER_PAGE + 10)]
    far = services[-2]
    notice = NoticeFactory()
    url = reverse("manage:notice_basics", args=[notice.pk])
    assert str(far.pk) not in _service_boxes(_text(officer.get(url)))
    found = _text(officer.post(url, {**_basics(notice), "_find": "services", "services__find": far.name}))
    assert str(far.pk) in _service_boxes(found)
    assert notice.services.count() == 0  # a search saves nothing
    officer.post(url, _basics(notice, services=[far.pk]))
    assert list(notice.services.all()) == [far]


def test_the_dashboard_lists_the_organisations_notices_a_page_at_a_time(officer):
    notices = [NoticeFactory(title=f"Notice {n:03d}") for n in range(DASHBOARD_PAGE + 3)]
    first = _text(officer.get(reverse("manage:dashboard")))
    listed = first.split("All notices")[1]
    assert notices[0].title in listed and notices[-1].title not in listed
    assert "Page 1 of 2" in listed
    second = _text(officer.get(reverse("manage:dashboard") + "?page=2")).split("All notices")[1]
    assert notices[-1].title in second and notices[0].title not in second
