"""Which rights a notice offers, derived from the Art 6 bases of its purposes.

The table of which right applies under which basis is the verified reference table shipped in
notices/data/rights-by-basis.csv; the explanations are ours.
"""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "rights-by-basis.csv"
# Why a right is absent under a basis, with the provision that says so and where its text was read.
ABSENT_REASONS = Path(__file__).resolve().parent / "data" / "rights-absent-reasons.csv"
BASIS_LABELS = {
    "consent": "consent", "contract": "a contract", "legal_obligation": "a legal obligation",
    "vital_interests": "vital interests", "public_task": "a public task",
    "legitimate_interests": "legitimate interests",
}

# Art 6 basis code in the register → the basis name used by the reference table.
BASIS_BY_CODE = {
    "art6_1_a": "consent",
    "art6_1_b": "contract",
    "art6_1_c": "legal_obligation",
    "art6_1_d": "vital_interests",
    "art6_1_e": "public_task",
    "art6_1_f": "legitimate_interests",
    # A recognised legitimate interest carries the rights of legitimate interests (objection, erasure).
    "art6_1_ea": "legitimate_interests",
}

# (key, title, what it means, when it is limited): our plain-English explanations.
RIGHTS = [
    (
        "informed",
        "The right to be informed",
        "You have the right to know how we use your information. This notice is how we tell you.",
    ),
    (
        "access",
        "The right of access",
        "You can ask for a copy of the information we hold about you, and for details of how we use it. "
        "We normally reply within one month, free of charge.",
    ),
    (
        "rectification",
        "The right to have information corrected",
        "If information we hold about you is wrong or incomplete, you can ask us to correct or complete it.",
    ),
    (
        "erasure",
        "The right to have information deleted",
        "You can ask us to delete information about you, for example when we no longer need it.",
    ),
    (
        "restriction",
        "The right to limit how we use your information",
        "You can ask us to stop using your information for a while, for example while we check whether it is "
        "correct. We will still keep it safe.",
    ),
    (
        "portability",
        "The right to take your information with you",
        "You can ask for information you gave us in a format you can reuse, or ask us to send it to another "
        "organisation.",
    ),
    (
        "object",
        "The right to object",
        "You can object to our use of your information. We must then stop unless we can show strong legitimate "
        "reasons that outweigh your interests, or we need it for legal claims.",
    ),
    (
        "withdraw_consent",
        "The right to withdraw your consent",
        "Where we rely on your consent, you can withdraw it at any time. This does not affect what we did "
        "before you withdrew it.",
    ),
    (
        "automated_decisions",
        "Rights about automated decisions",
        "You have rights when a significant decision about you is made by automated means alone: to be told, "
        "to give your view, to have a person step in, and to challenge the decision.",
    ),
    (
        "complain",
        "The right to complain",
        "You can complain to us, and then to the Information Commissioner, about how we use your information.",
    ),
]

ALWAYS = {"informed", "access", "rectification", "restriction", "complain"}
CONDITIONAL_NOTES = {
    "portability": "only for information you gave us that we process by computer",
    "erasure": "only where there is a reason for it in law, such as the information no longer being needed",
}


@cache
def _table() -> dict[str, dict[str, str]]:
    with DATA.open(encoding="utf-8") as handle:
        return {row["basis"]: row for row in csv.DictReader(handle)}


def _applies(basis_name: str, right: str) -> str:
    """'yes', 'conditional' or 'no' for one right under one basis."""
    if right == "complain":
        return "yes"
    if right == "automated_decisions":
        return "no"  # decided from what the register records, not from the basis
    return _table()[basis_name][right if right != "withdraw_consent" else "withdraw_consent"]


@cache
def _absent_reasons() -> dict[tuple[str, str], dict[str, str]]:
    with ABSENT_REASONS.open(encoding="utf-8") as handle:
        return {(row["right"], row["basis"]): row for row in csv.DictReader(handle)}


def rights_for(purposes: list[dict], added: list[dict] = ()) -> list[dict]:
    """The rights to show for a notice's purposes (as they appear in its document dict).

    A right is shown when it applies to at least one purpose; when it applies to only some, the entry
    names those purposes so nobody is promised a right they do not have. `added` ([{"key", "note"}],
    Notice.added_rights) are rights the officer offers beyond the law: shown for everything, with their note
    (an addition the bases already give for every purpose changes nothing).
    """
    notes = {item["key"]: item.get("note", "") for item in added}
    rights = []
    for key, title, explanation in RIGHTS:
        applies_to, conditional = [], False
        for purpose in purposes:
            verdict = _right_for_purpose(purpose, key)
            if verdict != "no":
                applies_to.append(purpose["name"])
                conditional = conditional or verdict == "conditional"
        limited = key not in ALWAYS and len(applies_to) < len(purposes)
        beyond_law = key in notes and limited
        if key not in ALWAYS and not applies_to and not beyond_law:
            continue
        rights.append(
            {
                "key": key,
                "title": title,
                "explanation": explanation,
                "applies_to": applies_to if limited and not beyond_law else [],
                "condition": CONDITIONAL_NOTES.get(key, "") if conditional and not beyond_law else "",
                "added": beyond_law,
                "note": notes[key] if beyond_law else "",
            }
        )
    return rights


def rights_explained(purposes: list[dict]) -> list[dict]:
    """For the builder: each right, the purposes whose lawful basis gives it, and why it is absent for the
    others (the reason and the provision, from notices/data/rights-absent-reasons.csv)."""
    explained = []
    for key, title, _ in RIGHTS:
        if key in ALWAYS:
            explained.append({"key": key, "title": title, "always": True, "given_for": [], "absent": []})
            continue
        given_for, absent = [], {}
        for purpose in purposes:
            if _right_for_purpose(purpose, key) != "no":
                given_for.append(purpose["name"])
                continue
            reason, reference = _why_absent(purpose, key, title)
            absent.setdefault((reason, reference), []).append(purpose["name"])
        explained.append({
            "key": key, "title": title, "always": False, "given_for": given_for,
            "absent": [{"reason": reason, "reference": reference, "purposes": names}
                       for (reason, reference), names in absent.items()],
        })
    return explained


def _why_absent(purpose: dict, key: str, title: str) -> tuple[str, str]:
    if key == "automated_decisions":
        return "No decision about people is recorded as made by automated means alone", ""
    basis_name = BASIS_BY_CODE.get((purpose.get("art6") or {}).get("code"))
    if basis_name is None:
        return "No lawful basis is recorded yet, so no right that depends on one can be promised", ""
    row = _absent_reasons().get((key, basis_name))
    if row:
        return row["reason"], row["reference"]
    if key == "withdraw_consent":
        return "There is no consent to withdraw: the purpose does not rely on consent", ""
    return f"{title} does not come with processing based on {BASIS_LABELS[basis_name]}", ""


def applies_to_any(purposes: list[dict], key: str) -> bool:
    """Whether any purpose's recorded basis gives the right `key` (added rights aside)."""
    return key in ALWAYS or any(_right_for_purpose(purpose, key) != "no" for purpose in purposes)


def _right_for_purpose(purpose: dict, key: str) -> str:
    if key in ALWAYS:
        return "yes"
    if key == "automated_decisions":
        return "yes" if purpose.get("automated_decisions") else "no"
    # A purpose whose basis is not yet known earns no basis-specific right: the notice promises only what
    # applies whatever the basis (ALWAYS), and the compliance checks block publishing until one is chosen.
    basis_name = BASIS_BY_CODE.get((purpose.get("art6") or {}).get("code"))
    verdict = _applies(basis_name, key) if basis_name else "no"
    # Explicit consent under Art 9(2)(a) can be withdrawn whatever the Art 6 basis.
    if key == "withdraw_consent" and (purpose.get("art9") or {}).get("code") == "art9_2_a":
        return "yes"
    return verdict
