"""A notice must not contradict itself or the register: a "never leaves the UK" claim beside a transfer
abroad, our processors listed where we are only a processor, a retention period with no authority, a legal
hold shown after it ended, a review date passed."""

import datetime as dt
import re

from .context import NoticeContext
from .findings import BLOCKER, WARNING

_UK = r"(?:the\s+)?(?:UK|United\s+Kingdom)"
# Claims that information stays in the UK. "No other information is sent outside the UK" (seed 002) is not
# one: it is said beside the transfer it excepts.
UK_ONLY_CLAIMS = [
    re.compile(
        r"\b(?:not|never)\s+(?:be\s+|been\s+|ever\s+)?(?:send|sent|transfer(?:red)?|stor(?:e|ed)|hold|held|"
        r"process(?:ed)?|keep|kept|shar(?:e|ed)|mov(?:e|ed)|tak(?:e|en))\b[^.]{0,40}?\boutside\s+(?:of\s+)?" + _UK,
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:never|not|doesn[’']t|don[’']t)\s+(?:\w+\s+)?leaves?\s+" + _UK, re.IGNORECASE),
    re.compile(r"\b(?:held|stored|kept|processed)\s+only\s+(?:with)?in\s+" + _UK, re.IGNORECASE),
    re.compile(r"\bonly\s+(?:ever\s+)?(?:held|stored|kept|processed)\s+(?:with)?in\s+" + _UK, re.IGNORECASE),
    re.compile(r"\b(?:stays?|remains?)\s+(?:with)?in\s+" + _UK + r"(?!\s+(?:unless|except))", re.IGNORECASE),
]


def uk_only_claim(ctx: NoticeContext):
    transfers = [r for r in ctx.recipients if r.get("transfer")]
    if not transfers:
        return
    abroad = ", ".join(f"{r['name']} ({r['transfer'].get('country', 'abroad')})" for r in transfers)
    for spot in ctx.texts():
        match = next((m for pattern in UK_ONLY_CLAIMS if (m := pattern.search(spot.text))), None)
        if match:
            yield ctx.finding(
                BLOCKER, "uk_only_claim_contradicted",
                f"UK GDPR Art 5(1)(a) and Art 13(1)(f)/14(1)(f): the notice says information “{match.group(0)}”, "
                f"but it also sends information abroad: {abroad}.",
                section=spot.section, record=spot.record,
            )


def processors_of_a_processor(ctx: NoticeContext):
    """Where every service on the notice is one we run for another controller, the organisations we use are
    that controller's sub-processors (Art 28(2)), not "organisations that process information for us"."""
    services = ctx.section("who_we_are").get("services", [])
    if not services or any(service.get("role") != "processor" for service in services):
        return
    for recipient in ctx.section("who_we_share_with").get("processors", []):
        yield ctx.finding(
            WARNING, "processor_on_processor_notice",
            f"UK GDPR Art 28(2): we only process for another controller in the services this notice covers, yet it "
            f"lists {recipient['name']} as processing information for us. Say it is a sub-processor appointed with "
            f"the controller's authorisation, or leave it to the controller's notice.",
            section="who_we_share_with", record=("services.recipient", recipient.get("id"), recipient["name"]),
        )


def joint_arrangement_missing(ctx: NoticeContext):
    """Art 26(2): joint controllers make the essence of their arrangement available to the people it is about,
    so a joint controller recorded without it leaves the notice short."""
    for service in ctx.section("who_we_are").get("services", []):
        for party in service.get("parties", []):
            if party.get("role") == "joint" and not party.get("arrangement", "").strip():
                yield ctx.finding(
                    BLOCKER, "joint_arrangement_missing",
                    f"UK GDPR Art 26(2): {party['name']} is recorded as a joint controller of {service['name']}, but "
                    f"the essence of the joint arrangement is not. Record who does what under it on the party.",
                    section="who_we_are", record=("services.serviceparty", party.get("id"), party["name"]),
                )


def retention_authority(ctx: NoticeContext):
    for rule in ctx.section("how_long_we_keep_it").get("rules", []):
        if not rule.get("authority", "").strip():
            yield ctx.finding(
                WARNING, "retention_authority_missing",
                f"UK GDPR Art 5(1)(e): the retention period for “{rule['record_type']}” has no authority: say where it "
                f"comes from (a statute, the Records Management Code of Practice, your retention schedule).",
                section="how_long_we_keep_it", record=("retention.retentionrule", rule.get("id"), rule["record_type"]),
            )


def ended_legal_hold(ctx: NoticeContext):
    for hold in ctx.section("how_long_we_keep_it").get("legal_holds", []):
        end = hold.get("end_date")
        # Documents built before holds carried an "active" flag only listed holds then in force.
        if hold.get("active", True) and end and dt.date.fromisoformat(end) < ctx.on:
            yield ctx.finding(
                WARNING, "legal_hold_ended",
                f"UK GDPR Art 5(1)(a): the notice says records are kept under the legal hold “{hold['name']}”, which "
                f"ended on {end}. Rebuild the notice so it no longer shows it.",
                section="how_long_we_keep_it", record=("retention.legalhold", hold.get("id"), hold["name"]),
            )


def review_overdue(ctx: NoticeContext):
    review_by = ctx.meta.get("review_by")
    if isinstance(review_by, str):
        review_by = dt.date.fromisoformat(review_by)
    if review_by and review_by < ctx.on:
        notice = ctx.document.get("notice", {})
        yield ctx.finding(
            WARNING, "review_overdue",
            f"Accountability (UK GDPR Art 5(2)): the notice was due for review by {review_by.isoformat()}. Check it "
            f"still describes what happens, then publish it again.",
            section="changes", record=("notices.notice", notice.get("id"), notice.get("title", "")),
        )


ICO = re.compile(r"\bInformation\s+Commissioner|\bICO\b", re.IGNORECASE)


def ico_repeated(ctx: NoticeContext):
    """Every notice gives the Information Commissioner's details under "How to complain"; free text that
    gives them again says it twice."""
    for section in ctx.free_texts:
        if ICO.search(section.get("markdown", "")):
            yield ctx.finding(
                WARNING, "ico_repeated",
                f"“{section.get('title', '')}” mentions the Information Commissioner, whose details the notice "
                f"already gives under “How to complain”. Say it once: remove it here unless this text says "
                f"something else about the ICO.",
                section=section["key"], record=("notices.noticesection", section.get("id"), section.get("title", "")),
            )


RULES = [uk_only_claim, processors_of_a_processor, joint_arrangement_missing, retention_authority, ended_legal_hold,
         review_overdue, ico_repeated]
