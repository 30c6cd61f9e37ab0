"""Publishing is all or nothing. A failure at any step (rendering the PDF, storing it, writing the rows,
committing) leaves the version in review, no publication, no event and no file, the DPO sees the
"Nothing was published" page with the reason, and verify_storage / sweep_storage find a clean store.

Transactional tests: publishing's own transaction is the outermost one, so its commit is a real commit.
"""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connections
from django.urls import reverse

from notices import actions
from notices.models import NoticeVersion, Publication, WorkflowEvent
from tests.conftest import reference_data_ensure
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_review(alice):
    reference_data_ensure()  # a transactional test starts with the tables emptied by the one before
    notice = NoticeFactory(slug="family-hubs")
    version = notice.versions.get()
    actions.version_submit(actor=alice, version=version, change_summary="First version")
    return version


def _fail(*args, **kwargs):
    raise DatabaseError("the disk is full")


def _break_render(monkeypatch, media_root):
    monkeypatch.setattr(actions, "render_pdf", lambda document, **kwargs: _fail())


def _break_store(monkeypatch, media_root):
    # An unwritable media folder: where the PDFs go is a file, so nothing can be written under it.
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "notices").mkdir()
    (media_root / "notices" / "pdf").write_bytes(b"not a folder")


def _break_publication_row(monkeypatch, media_root):
    monkeypatch.setattr(Publication, "save", _fail)


def _break_status_row(monkeypatch, media_root):
    original = NoticeVersion.save

    def save(version, *args, **kwargs):
        if version.status == NoticeVersion.Status.PUBLISHED:
            _fail()
        return original(version, *args, **kwargs)

    monkeypatch.setattr(NoticeVersion, "save", save)


def _break_commit(monkeypatch, media_root):
    wrapper = connections["default"]
    real_commit, failed = wrapper.commit, []

    def commit_failing_once():
        if failed:
            return real_commit()
        failed.append(True)  # publishing's own commit fails; later ones (the test's reads) go through
        raise DatabaseError("server closed the connection at commit")

    monkeypatch.setattr(wrapper, "commit", commit_failing_once)


FAULTS = {
    "render": _break_render,
    "store": _break_store,
    "publication row": _break_publication_row,
    "status row": _break_status_row,
    "commit": _break_commit,
}


def _unfix_store(media_root):
    folder = media_root / "notices" / "pdf"
    if folder.is_file():
        folder.unlink()


def _assert_clean_store():
    verified, swept = io.StringIO(), io.StringIO()
    call_command("verify_storage", stdout=verified)
    call_command("sweep_storage", "--min-age-minutes", "0", stdout=swept)
    assert "stored PDFs match" in verified.getvalue()
    assert "0 unreferenced files removed." in swept.getvalue()


def _files(media_root) -> list:
    # Not the public-change marker (notices/frozen.py), which a public page read may leave: it holds no content.
    return [path for path in media_root.rglob("*") if path.is_file() and not path.name.startswith(".")]


@pytest.mark.parametrize("step", FAULTS)
def test_it_publishes_nothing_and_leaves_no_file_when_a_step_fails(bob, in_review, monkeypatch, media_root, step):
    FAULTS[step](monkeypatch, media_root)
    with pytest.raises(actions.PublishError, match="was not published because .* Nothing has changed"):
        actions.version_publish(actor=bob, version=in_review)
    monkeypatch.undo()
    _unfix_store(media_root)

    in_review.refresh_from_db()
    assert in_review.status == NoticeVersion.Status.IN_REVIEW
    assert not Publication.objects.exists()
    assert not WorkflowEvent.objects.filter(action="published").exists()
    assert _files(media_root) == []
    _assert_clean_store()
    # Once the fault is gone, publishing again gives one complete publication.
    publication = actions.version_publish(actor=bob, version=in_review)
    assert (media_root / publication.pdf.name).is_file()
    _assert_clean_store()


@pytest.mark.parametrize("step", ["render", "store", "publication row"])
def test_it_shows_the_dpo_the_nothing_was_published_page_with_the_reason(dpo, in_review, monkeypatch, media_root,
                                                                         step):
    FAULTS[step](monkeypatch, media_root)
    response = dpo.post(reverse("manage:notice_decide", args=[in_review.notice_id, "publish"]), {}, follow=True)
    monkeypatch.undo()
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(f"/manage/notices/{in_review.notice_id}/publishing/")
    assert "Nothing was published" in page and "is still in review" in page
    reason = "could not be stored" if step == "store" else "the disk is full"
    assert reason in page
    assert not Publication.objects.exists()
    # The version's history says it was tried and why it did not happen.
    failed = WorkflowEvent.objects.get(action="publish_failed")
    assert failed.to_status == NoticeVersion.Status.IN_REVIEW and reason in failed.reason
