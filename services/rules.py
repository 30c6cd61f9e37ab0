"""The register's legal rules, in one place so the admin, the workspace forms and the compliance
checker all say the same thing.

Several rules depend on many-to-many choices (a purpose's data categories), which a model's clean()
cannot see before the row is saved; so the rules take plain values and forms call them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from .models import DataCategory, LawfulBasis

# Art 9 conditions that DPA 2018 s.10 only allows with a Sch 1 condition, and which part of
# Sch 1 satisfies each: (b), (h), (i), (j) name one Part 1 paragraph; (g) takes any Part 2 paragraph.
ART9_NEEDING_SCH1 = {"art9_2_b", "art9_2_g", "art9_2_h", "art9_2_i", "art9_2_j"}
BASES_NEEDING_LEGISLATION = {"art6_1_c", "art6_1_e"}


@dataclass
class RuleResult:
    errors: dict[str, list[ValidationError]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def error(self, field_name: str, message: str, code: str) -> None:
        self.errors.setdefault(field_name, []).append(ValidationError(message, code=code))


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
    result = RuleResult()
    kinds = {category.kind for category in data_categories}
    if DataCategory.Kind.SPECIAL in kinds and art9_condition is None:
        result.error(
            "art9_condition",
            "This purpose uses special category data, so choose the UK GDPR Art 9 condition that allows it.",
            "art9_missing",
        )
    if art9_condition is not None and art9_condition.code in ART9_NEEDING_SCH1:
        if sch1_condition is None:
            result.error(
                "sch1_condition",
                f"{art9_condition.article} ({art9_condition.short_title}) needs a DPA 2018 Schedule 1 condition. "
                f"Choose the one you rely on.",
                "sch1_missing",
            )
        elif sch1_condition.meets_id != art9_condition.id:
            result.error(
                "sch1_condition",
                f"{sch1_condition.article} ({sch1_condition.short_title}) does not satisfy "
                f"{art9_condition.article}. Choose a Schedule 1 condition that matches the Art 9 condition.",
                "sch1_mismatch",
            )
    if DataCategory.Kind.CRIMINAL in kinds and criminal_condition is None:
        result.error(
            "criminal_condition",
            "This purpose uses criminal offence data, so choose its condition: official authority, "
            "or a DPA 2018 Schedule 1 condition.",
            "criminal_missing",
        )
    if art6_basis is not None and art6_basis.code in BASES_NEEDING_LEGISLATION and not list(legislation):
        result.warnings.append(
            f"{art6_basis.article} ({art6_basis.short_title}) needs a basis in law: add the supporting "
            f"legislation so the notice can name it."
        )
    return result
