"""What the register asks of the app built on it, without importing it.

Apps depend one way (accounts ← services/retention ← notices): the register cannot import notices, yet
a record's page shows the notices that use it and offers to start new drafts of them, and a saved record
may leave notices out of date. So notices offers those three things through this small interface, registered
from its AppConfig.ready(); without it (the register used alone) a record is simply used by no notice.
"""

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class NoticeUsage:
    """The notices that use one record: all of them, the published ones, and those whose published
    version is older than a change to a record they use."""

    notices: list = field(default_factory=list)
    published: list = field(default_factory=list)
    out_of_date: list = field(default_factory=list)

    @property
    def published_ids(self) -> set[int]:
        return {notice.pk for notice in self.published}


class NoticeHooks(Protocol):
    def usage(self, *, lookup: str, record, organisations) -> NoticeUsage:
        """The notices of `organisations` that use `record` through the Notice lookup `lookup`."""

    def record_changed(self, *, record) -> None:
        """`record` was just saved (inside the saving transaction): what notices keep about it follows."""

    def start_drafts(self, *, actor, notices: list) -> list:
        """Open a new draft of each of `notices` that has none; return the new versions."""


class _NoNotices:
    def usage(self, *, lookup: str, record, organisations) -> NoticeUsage:
        return NoticeUsage()

    def record_changed(self, *, record) -> None:
        return None

    def start_drafts(self, *, actor, notices: list) -> list:
        return []


_hooks: NoticeHooks = _NoNotices()


def notice_hooks_register(hooks: NoticeHooks) -> None:
    """Called once, by the notices app when Django starts."""
    global _hooks
    _hooks = hooks


def notice_hooks() -> NoticeHooks:
    return _hooks
