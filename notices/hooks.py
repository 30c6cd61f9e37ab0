"""The notices app's side of services.hooks (where a register record is used, and new drafts), and the hook
notices itself offers the apps built on it: being told of each workflow step.

Apps depend one way (accounts ← services/retention ← notices ← notifications): notices cannot import the
apps above it, yet they act on its workflow (e.g. e-mail the DPOs when a version is submitted). So each
registers a listener from its AppConfig.ready(); notices calls every listener with each WorkflowEvent it
writes, inside the step's transaction, so what a listener records is undone with a step that fails.
"""

from collections.abc import Callable

from services.hooks import NoticeUsage

_workflow_listeners: list[Callable] = []


def workflow_listener_register(listener: Callable) -> None:
    """Call `listener(event)` with every WorkflowEvent from now on (once per listener, however often asked)."""
    if listener not in _workflow_listeners:
        _workflow_listeners.append(listener)


def workflow_event_announce(event) -> None:
    """Tell every registered listener of a workflow step just written (notices.actions._event)."""
    for listener in _workflow_listeners:
        listener(event)


class RegisterHooks:
    def usage(self, *, lookup: str, record, organisations) -> NoticeUsage:
        from .models import Notice, OutOfDate

        if not lookup:
            return NoticeUsage()
        notices = list(
            # Only what the pages list: a record a county's every notice uses is listed by title.
            Notice.objects.filter(**{lookup: record}, organisation__in=organisations)
            .only("pk", "title", "organisation").distinct().order_by("title")
        )
        published_ids = set(
            Notice.objects.filter(pk__in=[n.pk for n in notices], versions__status="published")
            .values_list("pk", flat=True)
        )
        published = [n for n in notices if n.pk in published_ids]
        stale_ids = set(OutOfDate.objects.filter(notice_id__in=published_ids).values_list("notice_id", flat=True))
        return NoticeUsage(notices=notices, published=published,
                           out_of_date=[n for n in published if n.pk in stale_ids])

    def record_changed(self, *, record) -> None:
        from .out_of_date import record_changed

        record_changed(record=record)

    def start_drafts(self, *, actor, notices: list) -> list:
        from .actions import notices_start_drafts

        return notices_start_drafts(actor=actor, notices=notices)
