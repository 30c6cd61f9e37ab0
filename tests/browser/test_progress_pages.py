"""The progress pages of work done off the request, in Chromium: the DPO publishes and exports, sees the work
waiting, and, once the worker has done it, the page updates itself to say so (no reload); every state passes
axe-core at 1280 px and 375 px with no horizontal overflow."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from notices import actions
from tests.browser.axe import assert_accessible_at_every_width
from tests.factories import NoticeFactory, failed_export_job, failed_publish_job

pytestmark = [pytest.mark.browser, pytest.mark.task_queue,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO(),
                 stderr=io.StringIO())


@pytest.fixture
def dpo_page(browser, live_server, sign_in, bob):
    session = sign_in(bob, client=Client()).cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_publishing_shows_its_progress_and_updates_itself(dpo_page, live_server, alice):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First version")
    page = dpo_page
    page.goto(live_server.url + reverse("manage:notice_review", args=[notice.pk]))
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("heading", name="Publishing version 1").wait_for()
    assert page.get_by_role("link", name="Check again").is_visible()
    assert_accessible_at_every_width(page)

    _work()

    page.get_by_role("heading", name="Version 1 published").wait_for()  # fetched by progress.js, not reloaded
    assert_accessible_at_every_width(page)
    assert page.get_by_role("link", name="The published version").is_visible()


def test_a_publish_that_failed_says_why(dpo_page, live_server):
    job = failed_publish_job(NoticeFactory(title="Closed service notice", slug="closed-service"))
    page = dpo_page
    page.goto(live_server.url + reverse("manage:notice_publishing", args=[job.version.notice_id, job.pk]))
    assert page.get_by_role("heading", name="Nothing was published").is_visible()
    assert page.get_by_text("Its PDF could not be made.").is_visible()
    assert_accessible_at_every_width(page)


def test_the_export_shows_its_progress_and_offers_the_download(dpo_page, live_server, publish):
    publish(NoticeFactory(title="Young Carers privacy notice", slug="young-carers"))
    page = dpo_page
    page.goto(live_server.url + reverse("manage:export"))
    page.get_by_label("Every published version of every notice").check()
    page.get_by_role("button", name="Make the ZIP file").click()
    page.get_by_role("heading", name="Writing your export").wait_for()
    assert page.get_by_text("0 of 1 published version written").is_visible()
    assert_accessible_at_every_width(page)

    _work()

    page.get_by_role("heading", name="Your export is ready").wait_for()
    assert_accessible_at_every_width(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the ZIP file").click()
    assert download.value.suggested_filename.startswith("privacy-notices-")

    page.goto(live_server.url + reverse("manage:export_progress", args=[failed_export_job().pk]))
    assert page.get_by_role("heading", name="The export could not be made").is_visible()
    assert_accessible_at_every_width(page)
