"""The register's legal rules, in one place so the admin, the workspace forms and the compliance
checker all say the same thing.

Several rules depend on many-to-many choices (a purpose's data categories), which a model's clean()
cannot see before the row is saved; so the rules take plain values and forms call them. The checks run
on `BasisFacts`, which can be made from a `LawfulBasis` row or from a notice's frozen document, so a
published notice is judged by exactly the rules its register records were.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from .models import DataCategory, LawfulBasis

# Art 9 conditions that DPA 2018 s.10 only allows with a Sch 1 condition, and which part of
# Sch 1 satisfies each: (b), (h), (i), (j) name one Part 1 paragraph; (g) takes any Part 2 paragraph.
ART9_NEEDING_SCH1 = {"art9_2_b", "art9_2_g", "art9_2_h", "art9_2_i", "art9_2_j"}
BASES_NEEDING_LEGISLATION = {"art6_1_c", "art6_1_e"}


@dataclass(frozen=True)
class BasisFacts:
    """What the rules need to know about a basis or condition, wherever it was read from."""

    code: str
    article: str
    title: str
    # For a Sch 1 condition: the code of the Art 9 condition (or Art 10 route) it satisfies.
    meets: str | None = None

    @classmethod
    def of(cls, basis: LawfulBasis | None) -> "BasisFacts | None":
        if basis is None:
            return None
        return cls(basis.code, basis.article, basis.short_title, basis.meets.code if basis.meets_id else None)

    @classmethod
    def from_ref(cls, ref: dict | None) -> "BasisFacts | None":
        """From a basis as a notice document holds it (notices.document._ref)."""
        if not ref:
            return None
        return cls(ref["code"], ref["article"], ref["title"], ref.get("meets"))


@dataclass(frozen=True)
class Issue:
    field: str
    code: str
    message: str
    # A blocking issue refuses the save (or the publication); the others are shown and the save goes ahead.
    blocking: bool


@dataclass
class RuleResult:
    issues: list[Issue] = field(default_factory=list)

    def error(self, field_name: str, message: str, code: str) -> None:
        self.issues.append(Issue(field_name, code, message, blocking=True))

    def warn(self, field_name: str, message: str, code: str) -> None:
        self.issues.append(Issue(field_name, code, message, blocking=False))

    @property
    def errors(self) -> dict[str, list[ValidationError]]:
        errors: dict[str, list[ValidationError]] = {}
        for issue in self.issues:
            if issue.blocking:
                errors.setdefault(issue.field, []).append(ValidationError(issue.message, code=issue.code))
        return errors

    @property
    def warnings(self) -> list[str]:
        return [issue.message for issue in self.issues if not issue.blocking]


def check_purpose(
    *,
    art6_basis: LawfulBasis | None,
    art9_condition: LawfulBasis | None,
    sch1_condition: LawfulBasis | None,
    criminal_condition: LawfulBasis | None,
    data_categories,
    legislation,
) -> RuleResult:
    """Check a purpose's lawful bases against the data it uses.

    Returns field errors (the save must be refused) and warnings (shown, but the save goes ahead).
    """
    return check_purpose_facts(
        art6=BasisFacts.of(art6_basis),
        art9=BasisFacts.of(art9_condition),
        sch1=BasisFacts.of(sch1_condition),
        criminal=BasisFacts.of(criminal_condition),
        category_kinds={category.kind for category in data_categories},
        has_legislation=bool(list(legislation)),
    )


def check_purpose_facts(
    *,
    art6: BasisFacts | None,
    art9: BasisFacts | None,
    sch1: BasisFacts | None,
    criminal: BasisFacts | None,
    category_kinds: set[str],
    has_legislation: bool,
) -> RuleResult:
    """check_purpose on plain facts: what the compliance checker calls with a notice document's purposes."""
    result = RuleResult()
    if art6 is None:
        # Saved anyway: an officer may record a purpose before its basis is settled. The compliance checks
        # block publishing it (UK GDPR Arts 13(1)(c) and 14(1)(c)).
        result.warn(
            "art6_basis",
            "No Art 6 lawful basis is chosen: a notice using this purpose cannot be published without a DPO "
            "override until one is.",
            "art6_missing",
        )
    if DataCategory.Kind.SPECIAL in category_kinds and art9 is None:
        result.error(
            "art9_condition",
            "This purpose uses special category data, so choose the UK GDPR Art 9 condition that allows it.",
            "art9_missing",
        )
    if art9 is not None and art9.code in ART9_NEEDING_SCH1:
        if sch1 is None:
            result.error(
                "sch1_condition",
                f"{art9.article} ({art9.title}) needs a DPA 2018 Schedule 1 condition. Choose the one you rely on.",
                "sch1_missing",
            )
        elif sch1.meets != art9.code:
            result.error(
                "sch1_condition",
                f"{sch1.article} ({sch1.title}) does not satisfy {art9.article}. "
                f"Choose a Schedule 1 condition that matches the Art 9 condition.",
                "sch1_mismatch",
            )
    if DataCategory.Kind.CRIMINAL in category_kinds and criminal is None:
        result.error(
            "criminal_condition",
            "This purpose uses criminal offence data, so choose its condition: official authority, "
            "or a DPA 2018 Schedule 1 condition.",
            "criminal_missing",
        )
    if art6 is not None and art6.code in BASES_NEEDING_LEGISLATION and not has_legislation:
        result.warn(
            "legislation",
            f"{art6.article} ({art6.title}) needs a basis in law: add the supporting "
            f"legislation so the notice can name it.",
            "legislation_missing",
        )
    return result
