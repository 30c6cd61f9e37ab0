"""The shape of a notice document, declared once.

Each section of a notice (its key, heading and place in the order the ICO recommends) and the register
records it draws on (the list in the document that holds them, the model they come from, the lookup from
`Notice` that reaches them, and the builder page that chooses them). Everything that needs the shape reads
it from here rather than repeating it:

- `notices.models`: the section choices for free text (SECTION_CHOICES), the builder's relations
  (CHOSEN_RELATIONS);
- `notices.document`: the order and headings of the sections;
- `notices.selectors`: the prefetch for the document and the out-of-date lookups (RECORD_LOOKUPS);
- `notices.actions.version_restore`: which document list restores which relation (restorable());
- `notices.compare`: the records added or removed, section by section;
- `notices.compliance.context`: which document lists hold register records (record_models());
- `notices.views.manage`: the builder's checkbox pages (builder_pages()) and the lists it puts in order
  (ORDERED_RELATIONS);
- the section partial `templates/notices/includes/_section_<key>.html`.

This module imports nothing from the app, so models can read it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Records:
    """One list of register records in a section of the document."""

    field: str  # the list in the document's section, e.g. "categories"
    model: str  # the model its items come from, as an app label, e.g. "services.datacategory"
    lookup: str  # how a Notice reaches them, e.g. "data_categories", or "purposes__legislation"
    noun: str  # one of them in the list of changes: "Added information we collect: …"
    name_field: str = "name"  # the item's field that names it in the list of changes
    chooser: str = ""  # the heading of the builder page that chooses them; "" when chosen elsewhere
    # The officer puts them in order on the builder (the main purpose first); else the register's order.
    ordered: bool = False

    @property
    def is_direct(self) -> bool:
        """Chosen on the notice itself (a many-to-many of Notice), not reached through another record."""
        return "__" not in self.lookup


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    records: tuple[Records, ...] = ()
    # Where its words come from, for an officer about to write the same section again as free text.
    drawn_from: str = ""


SECTIONS: tuple[Section, ...] = (
    Section("who_we_are", "Who we are", (
        # Services are chosen with the notice's basics, not on a page of their own.
        Records("services", "services.service", "services", "service"),
        # Inside each service: the organisations in it and their parts (services.ServiceParty).
        Records("parties", "services.serviceparty", "services__parties", "party"),
    ), "the controller's record (name, registration, DPO), the services chosen in About the notice and the "
       "parties recorded for each service"),
    Section("what_we_collect", "What information we collect", (
        Records("categories", "services.datacategory", "data_categories", "information we collect",
                chooser="Information we collect"),
        Records("subject_groups", "services.datasubjectgroup", "subject_groups", "group of people",
                chooser="Groups of people"),
    ), "the data categories and groups of people chosen for the notice and its purposes"),
    Section("where_we_get_it", "Where we get your information", (
        Records("sources", "services.source", "sources", "source", chooser="Where we get information"),
    ), "the sources chosen for the notice and where each purpose's information comes from"),
    Section("why_we_use_it", "Why we use your information and our lawful bases", (
        Records("purposes", "services.purpose", "purposes", "purpose", chooser="Purposes", ordered=True),
        # Inside each purpose: the law it relies on.
        Records("legislation", "services.legislation", "purposes__legislation", "law", name_field="title"),
    ), "the purposes chosen, with their lawful bases and the law they rely on"),
    Section("who_we_share_with", "Who we share your information with", (
        Records("recipients", "services.recipient", "recipients", "recipient", chooser="Who we share with",
                ordered=True),
        # Processors are recipients too, listed apart: chosen on the same page.
        Records("processors", "services.recipient", "recipients", "processor"),
    ), "the recipients chosen, with where each holds the information"),
    Section("how_long_we_keep_it", "How long we keep your information", (
        Records("rules", "retention.retentionrule", "retention_rules", "retention rule", name_field="record_type",
                chooser="How long we keep it"),
        Records("legal_holds", "retention.legalhold", "legal_holds", "legal hold", chooser="Legal holds"),
    ), "the retention rules and legal holds chosen"),
    Section("your_rights", "Your rights", (), "the lawful bases of the purposes, and the controller's "
            "instructions for rights requests"),
    Section("how_to_complain", "How to complain", (), "the controller's complaints contact (or its DPO), and the "
            "Information Commissioner's details, which every notice gives"),
    Section("changes", "Changes to this notice", (), "the version being published and its summary of changes"),
)

SECTION_CHOICES = [(section.key, section.title) for section in SECTIONS]
SECTION_TITLES = dict(SECTION_CHOICES)


def generated_section_for(heading: str) -> Section | None:
    """The generated section a free-text heading repeats ("who we are?", "How to Complain"), if any."""
    def plain(text: str) -> str:
        return " ".join(text.lower().replace("?", " ").replace(":", " ").split())
    return next((section for section in SECTIONS if plain(section.title) == plain(heading)), None)


def all_records() -> list[tuple[Section, Records]]:
    """Every record list of the document, with its section, in notice order."""
    return [(section, records) for section in SECTIONS for records in section.records]


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))


# The notice's many-to-manys an officer chooses on the builder's own pages, in notice order.
CHOSEN_RELATIONS = tuple(_unique(r.lookup for _, r in all_records() if r.chooser))
# Every lookup from Notice to a register record its document draws on (the controller aside).
RECORD_LOOKUPS = tuple(_unique(r.lookup for _, r in all_records()))
# The notice's many-to-manys whose order the officer sets (kept in Notice.record_order, by relation).
ORDERED_RELATIONS = tuple(_unique(r.lookup for _, r in all_records() if r.ordered and r.is_direct))


def builder_pages() -> dict[str, tuple[str, str]]:
    """The builder's checkbox pages: URL part → (relation on Notice, heading)."""
    return {r.lookup.replace("_", "-"): (r.lookup, r.chooser) for _, r in all_records() if r.chooser}


def restorable() -> list[tuple[str, str, str]]:
    """(section key, document list, Notice relation) for every list a version can be restored from."""
    return [(section.key, r.field, r.lookup) for section, r in all_records() if r.is_direct]


def record_models() -> dict[str, str]:
    """Document list name → model label of its items, wherever the list sits."""
    return {r.field: r.model for _, r in all_records()}
