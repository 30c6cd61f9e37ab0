"""Lawful bases and conditions: the Art 6 basis, the Art 9 and Art 10 conditions the data needs, the
DPA 2018 Sch 1 conditions and their appropriate policy documents, and what public authorities may not rely on.

The rules a purpose's own record must meet live in services/rules.py (the register's forms use them too);
here they are run on the purposes as the document states them. That consent needs the right to withdraw it
offered is the checklist's withdraw_consent item (checklist.py), checked once.
"""

from services.rules import BasisFacts, check_purpose_facts

from .context import NoticeContext
from .findings import BLOCKER, WARNING

# Recognised legitimate interests: Art 6(1)(ea) and the Annex 1 conditions that make one up.
RECOGNISED_LEGITIMATE_INTERESTS = {"art6_1_ea", "annex1_para1", "annex1_para2", "annex1_para3", "annex1_para5",
                                   "annex1_para6"}
LEGITIMATE_INTERESTS = {"art6_1_f", *RECOGNISED_LEGITIMATE_INTERESTS}

# services.rules issues the checklist reports itself: a missing Art 6 basis is its lawful_basis item, a blocker
# here though the register only warns when the purpose is saved.
REPORTED_BY_CHECKLIST = {"art6_missing"}
# services.rules issue code → the law it comes from, for the finding's rule text.
ISSUE_LAW = {
    "art9_missing": "UK GDPR Art 9(1)",
    "sch1_missing": "DPA 2018 s.10",
    "sch1_mismatch": "DPA 2018 s.10",
    "criminal_missing": "UK GDPR Art 10 and DPA 2018 s.10(5)",
    "legislation_missing": "UK GDPR Art 6(3)",
}


def basis_named(ctx: NoticeContext):
    """Checklist item "lawful_basis": every purpose states its Art 6 basis (conditions: see below)."""
    for purpose in ctx.purposes:
        if not purpose.get("art6"):
            yield ctx.purpose_finding(
                BLOCKER, "lawful_basis_missing",
                f"{ctx.ref('lawful_basis', collected_from=purpose.get('collected_from'))}: the purpose "
                f"“{purpose['name']}” gives no lawful basis, and the notice must say which UK GDPR Art 6 basis each "
                f"use of information rests on. Choose it on the purpose's page in the register.", purpose,
            )


def purpose_conditions(ctx: NoticeContext):
    """Special category and criminal offence data need their conditions; Sch 1 conditions must match; public
    task and legal obligation need the law they rest on (services.rules.check_purpose_facts)."""
    for purpose in ctx.purposes:
        result = check_purpose_facts(
            art6=BasisFacts.from_ref(purpose.get("art6")),
            art9=BasisFacts.from_ref(purpose.get("art9")),
            sch1=BasisFacts.from_ref(purpose.get("sch1")),
            criminal=BasisFacts.from_ref(purpose.get("criminal")),
            category_kinds={category.get("kind") for category in purpose.get("categories", [])},
            has_legislation=bool(purpose.get("legislation")),
        )
        for issue in result.issues:
            if issue.code in REPORTED_BY_CHECKLIST:
                continue
            yield ctx.purpose_finding(
                BLOCKER if issue.blocking else WARNING,
                issue.code,
                f"{ISSUE_LAW[issue.code]}: “{purpose['name']}”: {_as_finding(issue.message)}",
                purpose,
            )


def _as_finding(message: str) -> str:
    # The register's messages speak to the person editing one purpose ("This purpose …"); a finding names it.
    return message.replace("This purpose uses", "it uses", 1)


def notice_level_conditions(ctx: NoticeContext):
    """Special category or criminal offence data listed for the notice, with no purpose giving a condition."""
    kinds = {c.get("kind") for c in ctx.section("what_we_collect").get("categories", [])}
    checks = [
        ("special", "art9", "special_condition_missing", "UK GDPR Art 9(1)", "special category data",
         "an Art 9 condition"),
        ("criminal", "criminal", "criminal_condition_missing", "UK GDPR Art 10", "criminal offence data",
         "a condition for criminal offence data"),
    ]
    for kind, key, code, law, what, condition in checks:
        if kind in kinds and not any(purpose.get(key) for purpose in ctx.purposes):
            yield ctx.finding(
                BLOCKER, code,
                f"{law}: the notice lists {what} but no purpose gives {condition}.", section="what_we_collect",
            )


def appropriate_policy_document(ctx: NoticeContext):
    """DPA 2018 Sch 1 paras 1, 5 and 35 (and Part 4): the conditions that need an appropriate policy document.

    Warnings, never blockers: the controller must have the document, keep it and show it to the Commissioner on
    request (Sch 1 paras 39-40), but neither the Act nor UK GDPR Arts 13-14 require a notice to publish it, so a
    notice is not held back for want of one."""
    for purpose in ctx.purposes:
        if purpose.get("appropriate_policy_document", "").strip():
            continue
        conditions = [purpose.get(key) for key in ("sch1", "criminal", "art9") if purpose.get(key)]
        needing = [c for c in conditions if c.get("needs_appropriate_policy_document") == "yes"]
        maybe = [c for c in conditions if c.get("needs_appropriate_policy_document") == "conditional"]
        if needing:
            yield ctx.purpose_finding(
                WARNING, "apd_missing",
                f"DPA 2018 Sch 1 Part 4: “{purpose['name']}” relies on {_names(needing)}, which needs an appropriate "
                f"policy document, but none is recorded for the purpose. The notice need not publish it; check "
                f"that one is in place and record where it is.",
                purpose,
            )
        elif maybe:
            yield ctx.purpose_finding(
                WARNING, "apd_maybe_missing",
                f"DPA 2018 Sch 1 Part 4: “{purpose['name']}” relies on {_names(maybe)}, which needs an appropriate "
                f"policy document unless an exception applies (e.g. Sch 1 para 10(2), 13(3) or 27(3)); none is "
                f"recorded for the purpose.",
                purpose,
            )


def _names(conditions: list[dict]) -> str:
    return " and ".join(f"{c['article']} ({c['title']})" for c in conditions)


def public_authority_legitimate_interests(ctx: NoticeContext):
    """UK GDPR Art 6(1) final words, as amended by DUAA 2025 s.70: not for public authorities' tasks."""
    if not ctx.is_public_authority:
        return
    for purpose in ctx.purposes:
        art6 = purpose.get("art6") or {}
        if art6.get("code") in LEGITIMATE_INTERESTS:
            yield ctx.purpose_finding(
                WARNING, "public_authority_legitimate_interests",
                f"UK GDPR Art 6(1): {ctx.controller.get('name', 'the controller')} is a public authority and "
                f"“{purpose['name']}” relies on {art6['article']} ({art6['title']}), which public authorities cannot "
                f"use for their tasks. Use another basis unless this is outside its tasks as a public authority.",
                purpose,
            )


def automated_decisions_on_recognised_interest(ctx: NoticeContext):
    """UK GDPR Art 22B(4): a significant decision based solely on automated processing cannot rely on (ea)."""
    for purpose in ctx.purposes:
        code = (purpose.get("art6") or {}).get("code")
        if code in RECOGNISED_LEGITIMATE_INTERESTS and purpose.get("automated_decisions", "").strip():
            yield ctx.purpose_finding(
                BLOCKER, "automated_decisions_on_recognised_interest",
                f"UK GDPR Art 22B(4): “{purpose['name']}” makes significant decisions by automated means alone, "
                f"which a recognised legitimate interest cannot support.",
                purpose,
            )


RULES = [
    purpose_conditions,
    notice_level_conditions,
    appropriate_policy_document,
    public_authority_legitimate_interests,
    automated_decisions_on_recognised_interest,
]
