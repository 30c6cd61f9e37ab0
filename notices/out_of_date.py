"""Which published notices are out of date: a register record they use changed after their latest
publication. Worked out here when something it depends on changes (a record saved, through the register's
hook; a notice's choices changed, published or withdrawn, from notices.actions) and kept in OutOfDate, so
pages that list out-of-date notices read stored rows instead of running this over every notice."""

from django.db.models import F, Max

from .models import Notice, NoticeVersion, OutOfDate
from .sections import RECORD_LOOKUPS

# Every register relation a notice draws on, as lookups from Notice; a change to any of these records
# after the notice's last publication leaves the public version out of date.
NOTICE_RECORD_LOOKUPS = ("controller", *RECORD_LOOKUPS)


def stale_notice_ids(notices) -> set[int]:
    """The ids of the published notices among `notices` (a Notice queryset) using a record changed after
    their latest publication: one aggregate per lookup, over these notices only."""
    published = notices.filter(versions__status=NoticeVersion.Status.PUBLISHED)
    stale: set[int] = set()
    for lookup in NOTICE_RECORD_LOOKUPS:
        stale |= set(
            published.annotate(
                last_published=Max("versions__publication__published_at"),
                record_changed=Max(f"{lookup}__updated_at"),
            )
            .filter(record_changed__gt=F("last_published"))
            .values_list("pk", flat=True)
        )
    return stale


def out_of_date_refresh(*, notice_ids) -> None:
    """Work out again whether each of these notices is out of date, and store the answer."""
    ids = set(notice_ids)
    if not ids:
        return
    stale = stale_notice_ids(Notice.objects.filter(pk__in=ids))
    OutOfDate.objects.filter(notice_id__in=ids - stale).delete()
    OutOfDate.objects.bulk_create([OutOfDate(notice_id=pk) for pk in sorted(stale)], ignore_conflicts=True)


def _reaches(lookup: str, model: type) -> bool:
    """Whether the Notice lookup `lookup` ends at records of `model`."""
    target = Notice
    for part in lookup.split("__"):
        target = target._meta.get_field(part).related_model
    return target is model


def notices_using(record) -> set[int]:
    """The ids of the notices that use `record` through any lookup a notice draws on."""
    ids: set[int] = set()
    for lookup in NOTICE_RECORD_LOOKUPS:
        if _reaches(lookup, type(record)):
            ids |= set(Notice.objects.filter(**{lookup: record}).values_list("pk", flat=True))
    return ids


def record_changed(*, record) -> None:
    """A register record was saved: the notices using it may now be out of date."""
    out_of_date_refresh(notice_ids=notices_using(record))
