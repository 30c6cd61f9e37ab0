"""What every rule reads: a notice's document dict, looked at the way the law looks at it.

Rules never touch the database or live records (stale references aside, which are reference data): they
judge the document, so a frozen, submitted document is judged exactly as it will be published.
"""

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

from services.models import Legislation

from ..models import StaleReference
from ..sections import SECTION_TITLES as HEADINGS
from ..sections import record_models
from .findings import Finding

CHECKLIST_CSV = Path(__file__).resolve().parent.parent / "data" / "art13-14-checklist.csv"
SECTION_TITLES = {**HEADINGS, "notice": "Notice title and summary"}

FROM_PERSON = ("person", "both")
FROM_ELSEWHERE = ("elsewhere", "both")

# Lists in the document whose items are register records, and the model each item comes from.
RECORD_LISTS = record_models()
# Text we write ourselves or that is not prose: codes, addresses, the verified lawful-basis table, the
# generated rights, the ICO's address, and "transfers" (the same recipients again).
NOT_CHECKED = {
    "key", "kind", "role", "code", "url", "slug", "email", "website", "id", "html", "art6", "art9",
    "sch1", "criminal", "ico", "rights", "transfers", "free_text", "placement", "collected_from", "audience",
    "safeguard", "start_date", "end_date", "active", "schema", "version", "summary_paragraphs", "parent",
    "location", "all_in_uk", "location_unknown", "dpo_named", "reuses_held_information",
    "obtained_from", "any_given", "any_from_others", "any_unplaced", "bases",
    "special_conditions", "criminal_conditions",
    # Our own sentences about a service's parties; the names and arrangements in them are checked in "parties".
    "party_sentences", "shared_party_sentences", "provider", "role_label", "order",
}


@cache
def checklist() -> dict[str, dict]:
    """The Art 13/14 checklist rows by item_code (notices/data/art13-14-checklist.csv)."""
    with CHECKLIST_CSV.open(encoding="utf-8") as handle:
        return {row["item_code"]: row for row in csv.DictReader(handle)}


Record = tuple[str, int | None, str]  # (model label, id, name)


@dataclass(frozen=True)
class Spot:
    """One piece of text the public reads, and where it comes from."""

    section: str
    record: Record | None
    field: str
    text: str
    # Text that says how a transfer abroad is protected: a recipient's safeguard, or free text placed with
    # the sharing section.
    about_transfers: bool = False


class NoticeContext:
    def __init__(self, document: dict, *, notice_meta: dict | None, on: dt.date, references=None, catalogue=None):
        self.document = document
        self.meta = notice_meta or {}
        self.on = on
        self.references = references
        self.catalogue_entries = catalogue
        self.sections = {section["key"]: section for section in document.get("sections", [])}
        self.purposes: list[dict] = self.section("why_we_use_it").get("purposes", [])
        self.free_texts = [section for section in document.get("sections", []) if section.get("free_text")]

    @cached_property
    def stale_references(self) -> list[StaleReference]:
        """The out-of-date references to look for: those given to check_document, or the active ones."""
        if self.references is not None:
            return list(self.references)
        return list(StaleReference.objects.filter(active=True))

    @cached_property
    def catalogue(self) -> list[Legislation]:
        """The legislation catalogue (reference data, like the stale references): those given to
        check_document, or the catalogue entries in the register."""
        if self.catalogue_entries is not None:
            return list(self.catalogue_entries)
        return list(Legislation.objects.filter(in_catalogue=True, retired=False))

    @property
    def text_only(self) -> bool:
        """Plain text checked on its own (check_text): there are no records to compare it with."""
        return bool(self.document.get("text_only"))

    def section(self, key: str) -> dict:
        return self.sections.get(key, {})

    def title(self, key: str) -> str:
        return self.sections.get(key, {}).get("title") or SECTION_TITLES.get(key, key)

    @property
    def controller(self) -> dict:
        return self.section("who_we_are").get("controller") or {}

    @property
    def controller_record(self) -> Record:
        return ("services.controller", self.controller.get("id"), self.controller.get("name", ""))

    @property
    def is_public_authority(self) -> bool:
        return bool(self.controller.get("is_public_authority"))

    @property
    def art13(self) -> bool:
        """Art 13 applies: some data is collected from the person (assumed while no purpose says)."""
        return not self.purposes or any(p.get("collected_from") in FROM_PERSON for p in self.purposes)

    @property
    def art14(self) -> bool:
        """Art 14 applies: some data is obtained from elsewhere (as a purpose or a data category records it)."""
        return any(p.get("collected_from") in FROM_ELSEWHERE for p in self.purposes) or bool(
            self.section("what_we_collect").get("any_from_others"))

    @property
    def recipients(self) -> list[dict]:
        shared = self.section("who_we_share_with")
        return [*shared.get("recipients", []), *shared.get("processors", [])]

    def ref(self, item: str, *, collected_from: str | None = None) -> str:
        """The article a checklist item comes from, for the notice or one purpose: "UK GDPR Art 13(1)(f)",
        "UK GDPR Art 14(1)(f)" or, when both apply, "UK GDPR Arts 13(1)(f) and 14(1)(f)"."""
        row = checklist()[item]
        if collected_from is None:
            uses13, uses14 = self.art13, self.art14
        else:
            uses13, uses14 = collected_from in FROM_PERSON, collected_from in FROM_ELSEWHERE
        refs = [
            ref for ref, used in ((row["art13_ref"], uses13), (row["art14_ref"], uses14)) if ref and used
        ] or [ref for ref in (row["art13_ref"], row["art14_ref"]) if ref]
        return f"UK GDPR Art {refs[0]}" if len(refs) == 1 else f"UK GDPR Arts {refs[0]} and {refs[1]}"

    def finding(
        self, severity: str, code: str, rule: str, *, section: str, record: Record | None = None, quote: str = ""
    ) -> Finding:
        record_type, record_id, record_name = record or ("", None, "")
        return Finding(
            quote=quote,
            severity=severity,
            code=code,
            rule=rule,
            section=section,
            section_title=self.title(section),
            record_type=record_type,
            record_id=record_id,
            record_name=record_name,
        )

    def purpose_finding(
        self, severity: str, code: str, rule: str, purpose: dict, *, section: str = "why_we_use_it", group: str = ""
    ) -> Finding:
        """A finding caused by one purpose: the workspace links to the purpose record. `group`: the rule's words
        for several purposes at once ("{purposes}" for their names), when the finding is the same for each."""
        record = ("services.purpose", purpose.get("id"), purpose.get("name", ""))
        return replace(self.finding(severity, code, rule, section=section, record=record), group=group)

    def texts(self) -> Iterator[Spot]:
        """Every text the notice shows that its authors wrote: free text, and record names and descriptions."""
        notice = self.document.get("notice", {})
        notice_record = ("notices.notice", notice.get("id"), notice.get("title", ""))
        for field in ("title", "summary"):
            if notice.get(field, "").strip():
                yield Spot("notice", notice_record, field, notice[field])
        for key, section in self.sections.items():
            if section.get("free_text"):
                record = ("notices.noticesection", section.get("id"), section.get("title", ""))
                about_transfers = section.get("placement") == "who_we_share_with"
                for field in ("title", "markdown"):
                    if section.get(field, "").strip():
                        yield Spot(key, record, field, section[field], about_transfers)
                continue
            for name, value in section.items():
                if name == "title":  # our own section headings
                    continue
                if name in ("controller", "dpo"):
                    yield from _walk(value, section=key, record=self.controller_record, field=name, path=())
                elif name not in NOT_CHECKED:
                    yield from _walk(value, section=key, record=None, field=name, path=())


def _walk(value, *, section: str, record: Record | None, field: str, path: tuple) -> Iterator[Spot]:
    if isinstance(value, str):
        if value.strip():
            yield Spot(section, record, field, value, about_transfers="transfer" in path)
    elif isinstance(value, list):
        record_type = RECORD_LISTS.get(field)
        for item in value:
            item_record = record
            if record_type and isinstance(item, dict):
                item_record = (record_type, item.get("id"), _record_name(item))
            yield from _walk(item, section=section, record=item_record, field=field, path=path)
    elif isinstance(value, dict):
        for name, inner in value.items():
            if name not in NOT_CHECKED and not name.endswith("_label"):
                yield from _walk(inner, section=section, record=record, field=name, path=(*path, field))


def _record_name(item: dict) -> str:
    return item.get("name") or item.get("record_type") or item.get("title") or ""
