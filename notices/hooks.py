"""The notices app's side of services.hooks (where a register record is used, and new drafts), and the hooks
notices itself offers the apps built on it: being told of each workflow step, and a part in the nightly run.

Apps depend one way (accounts ← services/retention ← notices ← notifications): notices cannot import the
apps above it, yet they act on its workflow (e.g. e-mail the DPOs when a version is submitted) and have
daily work of their own (reminders). So each registers a listener from its AppConfig.ready(); notices calls
every workflow listener with each WorkflowEvent it writes, inside the step's transaction, so what a listener
records is undone with a step that fails; and every nightly listener once a night (notices.tasks.nightly).
"""

from collections.abc import Callable

from services.hooks import NoticeUsage


class Listeners:
    """Callables registered by the apps above notices, called in the order they registered."""

    def __init__(self) -> None:
        self._listeners: list[Callable] = []

    def register(self, listener: Callable) -> None:
        if listener not in self._listeners:  # once per listener, however often asked
            self._listeners.append(listener)

    def call(self, *args) -> list:
        return [listener(*args) for listener in self._listeners]


_workflow = Listeners()
# Each is called with no arguments and returns a dict of what it did, recorded in the nightly run's result.
nightly_listeners = Listeners()


def workflow_listener_register(listener: Callable) -> None:
    """Call `listener(event)` with every WorkflowEvent from now on."""
    _workflow.register(listener)


def workflow_event_announce(event) -> None:
    """Tell every registered listener of a workflow step just written (notices.actions._event)."""
    _workflow.call(event)


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
