"""Publishing from the review page through the real database queue: the DPO's POST only queues the work, the
version stays in review and nothing is public until the worker has rendered and stored the PDF, and a render
that fails leaves nothing public and tells the DPO why.

Transactional tests: the worker (`manage.py db_worker --batch`) takes tasks in transactions of its own, as it
does beside the portal.
"""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notices import actions
from notices.models import NoticeVersion, Publication, PublishJob, WorkflowEvent
from notices.pdf import PdfRenderError
from tests.conftest import reference_data_ensure
from tests.factories import NoticeFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.task_queue]
PUBLIC = "/notices/family-hubs/"


@pytest.fixture
def in_review(alice):
    reference_data_ensure()  # a transactional test starts with the tables emptied by the one before
    notice = NoticeFactory(slug="family-hubs")
    version = notice.versions.get()
    actions.version_submit(actor=alice, version=version, change_summary="First version")
    return version


def _publish(client, version):
    return client.post(reverse("manage:notice_decide", args=[version.notice_id, "publish"]), {})


def _work() -> None:
    """Run the worker until the queue is empty, as `manage.py db_worker` does beside the portal."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO(),
                 stderr=io.StringIO())


def _files(media_root) -> list:
    # Not the public-change marker (notices/frozen.py), which a public page read may leave: it holds no content.
    return [path for path in media_root.rglob("*") if path.is_file() and not path.name.startswith(".")]


def _nothing_public(version, media_root) -> None:
    version.refresh_from_db()
    assert version.status == NoticeVersion.Status.IN_REVIEW
    assert not Publication.objects.exists()
    assert Client().get(PUBLIC).status_code == 404
    assert _files(media_root) == []


def test_it_answers_at_once_and_publishes_only_once_the_worker_has_stored_the_pdf(dpo, in_review, media_root):
    response = _publish(dpo, in_review)

    job = PublishJob.objects.get()
    progress = reverse("manage:notice_publishing", args=[in_review.notice_id, job.pk])
    assert response.status_code == 302 and response["Location"] == progress
    page = dpo.get(progress).content.decode()
    assert "Publishing version 1" in page and "Waiting to start" in page and 'data-progress="active"' in page
    assert f'href="{progress}"' in page  # without JavaScript, "Check again"
    _nothing_public(in_review, media_root)

    _work()

    page = dpo.get(progress).content.decode()
    assert "Version 1 published" in page and 'data-progress="finished"' in page
    publication = Publication.objects.get()
    with publication.pdf.open("rb") as stored:
        assert stored.read()[:5] == b"%PDF-"
    assert hashlib.sha256((media_root / publication.pdf.name).read_bytes()).hexdigest() == publication.pdf_sha256
    assert Client().get(PUBLIC).status_code == 200
    in_review.refresh_from_db()
    assert in_review.status == NoticeVersion.Status.PUBLISHED
    assert PublishJob.objects.get().status == PublishJob.Status.DONE


def test_a_render_that_fails_leaves_nothing_public_and_says_why(dpo, in_review, media_root, monkeypatch):
    def broken(document, **kwargs):
        raise PdfRenderError("The static file 'notices/print.css' the PDF needs was not found.")

    monkeypatch.setattr(actions, "render_pdf", broken)
    _publish(dpo, in_review)
    _work()

    _nothing_public(in_review, media_root)
    job = PublishJob.objects.get()
    assert job.status == PublishJob.Status.FAILED and job.attempts == 1  # the same document would fail again
    page = dpo.get(reverse("manage:notice_publishing", args=[in_review.notice_id, job.pk])).content.decode()
    assert "Nothing was published" in page and "is still in review" in page and "print.css" in page
    event = WorkflowEvent.objects.get(action="publish_failed")
    assert event.actor.username == "bob" and "print.css" in event.reason
    # The version can be published again once the fault is gone.
    monkeypatch.undo()
    _publish(dpo, in_review)
    _work()
    assert Publication.objects.filter(version=in_review).exists()


def test_two_publish_posts_make_one_publication(dpo, in_review, media_root, sign_in, bob):
    other_tab = sign_in(bob, client=Client())
    first, second = _publish(dpo, in_review), _publish(other_tab, in_review)

    assert first["Location"] == second["Location"]
    assert "already being published" in other_tab.get(second["Location"]).content.decode()
    assert PublishJob.objects.count() == 1
    _work()
    assert Publication.objects.count() == 1 and len(_files(media_root)) == 1


def test_a_store_that_fails_is_tried_again_later(dpo, in_review, media_root):
    # An unwritable media folder: where the PDFs go is a file, so nothing can be written under it.
    (media_root / "notices").mkdir(parents=True)
    (media_root / "notices" / "pdf").write_bytes(b"not a folder")
    _publish(dpo, in_review)
    _work()

    job = PublishJob.objects.get()
    assert job.status == PublishJob.Status.QUEUED and job.attempts == 1 and "could not be stored" in job.reason
    page = dpo.get(reverse("manage:notice_publishing", args=[in_review.notice_id, job.pk])).content.decode()
    assert "Attempt 1 did not work and will be tried again" in page
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()  # not at once: whatever failed gets time to recover

    (media_root / "notices" / "pdf").unlink()
    retry.run_after = timezone.now()
    retry.save(update_fields=["run_after"])
    _work()
    job.refresh_from_db()
    assert job.status == PublishJob.Status.DONE and job.attempts == 2
    assert Client().get(PUBLIC).status_code == 200


def test_a_version_being_published_cannot_be_sent_back(dpo, in_review, media_root):
    _publish(dpo, in_review)
    response = dpo.post(reverse("manage:notice_decide", args=[in_review.notice_id, "reject"]),
                        {"reason": "Wrong address"}, follow=True)

    assert "is being published, so it cannot be sent back" in response.content.decode()
    _work()
    in_review.refresh_from_db()
    assert in_review.status == NoticeVersion.Status.PUBLISHED


def test_a_publish_whose_worker_stopped_part_way_does_not_block_the_next(dpo, in_review, media_root):
    _publish(dpo, in_review)
    # The worker took the job and was killed while making the PDF: its transaction never committed.
    PublishJob.objects.update(status=PublishJob.Status.RENDERING, attempts=1,
                              started_at=timezone.now() - actions.PUBLISH_STALLED_AFTER * 2)
    DBTaskResult.objects.all().delete()

    response = _publish(dpo, in_review)

    stalled, fresh = PublishJob.objects.order_by("pk")
    assert stalled.status == PublishJob.Status.FAILED and "the worker stopped" in stalled.reason
    assert response["Location"].endswith(f"/publishing/{fresh.pk}/")
    _work()
    fresh.refresh_from_db()
    assert fresh.status == PublishJob.Status.DONE and Publication.objects.count() == 1
