"""A finding: one thing a notice leaves out or gets wrong, the rule it breaks and where to fix it."""

from dataclasses import asdict, dataclass, replace

from django.apps import apps

from services.register import RECORD_TYPES

from ..prose import and_list

BLOCKER = "blocker"
WARNING = "warning"

# Register records a finding can point at (model label → what a person calls it), so the workspace can link
# to the record and the label can name it.
RECORD_NAMES = {
    "services.controller": "controller",
    "services.service": "service",
    "services.serviceparty": "party to a service",
    "services.purpose": "purpose",
    "services.datacategory": "data category",
    "services.datasubjectgroup": "group of people",
    "services.legislation": "legislation",
    "services.source": "source",
    "services.recipient": "recipient",
    "retention.retentionrule": "retention rule",
    "retention.legalhold": "legal hold",
    "notices.notice": "notice",
    "notices.noticesection": "free-text section",
}


@dataclass(frozen=True)
class Finding:
    severity: str  # BLOCKER stops publishing (unless a DPO overrides with a reason); WARNING is shown only
    code: str
    rule: str  # the rule it comes from, written for a person: "UK GDPR Art 13(1)(f): information goes to …"
    section: str  # where to fix it: a SECTION_KEYS key, "text-<id>" for free text, or "notice"
    section_title: str = ""
    record_type: str = ""  # model label of the register record at fault, e.g. "services.recipient"
    record_id: int | None = None
    record_name: str = ""
    # The words in the notice the finding is about (a citation, a sentence), so a reader, or check_text's
    # line numbers, can find them.
    quote: str = ""
    # The same finding for several purposes is said once: `group` is the rule's words with "{purposes}" where
    # the names go, and `purposes` the names once grouped (see grouped()).
    group: str = ""
    purposes: tuple[str, ...] = ()

    @property
    def is_blocker(self) -> bool:
        return self.severity == BLOCKER

    @property
    def where(self) -> str:
        """Where to fix it, for a person: 'Who we share your information with: recipient “Redfern”'."""
        if self.purposes:
            return f"{self.section_title or self.section}: purposes {names_listed(self.purposes)}"
        if self.record_type == "notices.noticesection":
            return f"Free-text section “{self.record_name}”"
        place = self.section_title or self.section
        if not self.record_type:
            return place
        kind = RECORD_NAMES.get(self.record_type, self.record_type)
        return f"{place}: {kind} “{self.record_name}”" if self.record_name else f"{place}: {kind}"

    @property
    def register_key(self) -> str:
        """The register's address key for the record at fault ("purposes"), so staff can go straight to it;
        "" for notices, free text and findings about no record."""
        if not (self.record_type and self.record_id):
            return ""
        try:
            model = apps.get_model(self.record_type)
        except LookupError:
            return ""
        return next((rt.key for rt in RECORD_TYPES.values() if rt.model is model), "")

    def as_dict(self) -> dict:
        return {**asdict(self), "where": self.where}


def names_listed(names) -> str:
    """“A”, “B” and “C”."""
    return and_list([f"“{name}”" for name in names])


def grouped(findings) -> list[Finding]:
    """Findings that say the same thing about several purposes become one finding naming them all, in the
    place the first stood; a finding about one purpose keeps its link to that purpose's record."""
    findings = list(findings)
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        if finding.group:
            groups.setdefault((finding.severity, finding.code, finding.group), []).append(finding)
    result = []
    for finding in findings:
        same = groups.get((finding.severity, finding.code, finding.group)) if finding.group else None
        if not same or len(same) == 1:
            result.append(finding)
        elif same[0] is finding:
            names = tuple(f.record_name for f in same)
            result.append(replace(finding, rule=finding.group.format(purposes=names_listed(names)), purposes=names,
                                  record_type="", record_id=None, record_name=""))
    return result


def ordered(findings) -> list[Finding]:
    """Blockers first, otherwise in the order the notice reads; the same finding for several purposes once."""
    return sorted(grouped(findings), key=lambda finding: not finding.is_blocker)


def blockers(findings) -> list[Finding]:
    return [finding for finding in findings if finding.is_blocker]
