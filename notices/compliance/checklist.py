"""UK GDPR Arts 13 and 14: the information a notice must give, one rule per item of the checklist
(notices/data/art13-14-checklist.csv).

Which article applies is decided per purpose from where its data comes from (`collected_from`): Art 13
when from the person, Art 14 when from elsewhere, both for "both". Items only Art 13 asks for (whether
giving the data is required) are checked for purposes collecting from the person; items only Art 14
asks for (categories of data, sources) where any purpose obtains data from elsewhere.

The checklist's other rows are not items, and are handled like this:
- Timing (Art 13(1)-(2): when the data is obtained; Art 14(3): within a month, at first contact or at
  first disclosure) is about when a notice is given, not what it says. The portal gives it by publishing
  before processing starts (a version's `effective_from`) and keeping every version at a stable address
  services can link to at the point of collection; no rule can see that in a document.
- The exceptions (Art 13(4), Art 14(5)(a), (c)-(f)) are judgements about a particular case. The checker
  never assumes one applies: it reports the gap, and a DPO who relies on an exception publishes with an
  override whose written reason is kept with the version and in the audit trail.
- The controller's representative (Art 27) is only for controllers not established in the UK, which
  the register does not model; UK public bodies never need one.
"""

import re

from ..models import StaleReference
from ..rights import rights_for
from .context import FROM_ELSEWHERE, FROM_PERSON, NoticeContext
from .findings import BLOCKER, WARNING
from .lawful_basis import basis_named

# Safeguards under Art 46 (IDTA, Addendum, or any other described) and Art 47 (binding corporate rules): the
# notice must say how to get a copy of them or where they are available.
SAFEGUARDS_NEEDING_COPY = {"idta", "addendum", "bcr", "other"}
NOTHING = re.compile(r"^\s*(none|no|n/?a|not applicable|nil|-+)\.?\s*$", re.IGNORECASE)
# Fewer words than this cannot explain the logic of a decision and its consequences.
MIN_AUTOMATED_WORDS = 12
# Something a person can use to reach an organisation: an email or web address, a UK postcode, a phone number.
# "Ask us in writing" (seed 003) is an instruction, not a contact detail.
CONTACT_DETAIL = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+|\bhttps?://|\bwww\.|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|(?:\d[\s-]?){10,}",
    re.IGNORECASE,
)
# A retention period in words: "30 days", "one year", "kept permanently".
PERIOD = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)\s+"
    r"(?:day|week|month|year)s?\b|\bpermanently\b|\bindefinitely\b",
    re.IGNORECASE,
)


def gives_contact(text: str) -> bool:
    return bool(CONTACT_DETAIL.search(text or ""))


def controller_identity(ctx: NoticeContext):
    controller = ctx.controller
    ref = ctx.ref("controller_identity")
    if not controller.get("name"):
        yield ctx.finding(
            BLOCKER, "controller_missing", f"{ref}: the notice does not say who the controller is.",
            section="who_we_are",
        )
        return
    how_to = ctx.section("your_rights").get("how_to", "")
    if not (controller.get("registered_office") or controller.get("website") or gives_contact(how_to)):
        yield ctx.finding(
            BLOCKER,
            "controller_contact_missing",
            f"{ref}: the notice names {controller['name']} but gives no way to contact it: no address, email "
            f"address, phone number or website. Record its address, or an email address or phone number in how "
            f"to make a request.",
            section="who_we_are",
            record=ctx.controller_record,
        )


def dpo_contact(ctx: NoticeContext):
    dpo = ctx.section("who_we_are").get("dpo")
    ref = ctx.ref("dpo_contact")
    if dpo is None:
        if ctx.is_public_authority:
            yield ctx.finding(
                BLOCKER,
                "dpo_missing",
                f"{ref} and Art 37(1)(a): {ctx.controller.get('name', 'the controller')} is a public authority, "
                f"so it must have a data protection officer, and the notice must give their contact details.",
                section="who_we_are",
                record=ctx.controller_record,
            )
        return
    if not any(dpo.get(field) for field in ("email", "phone", "address")):
        yield ctx.finding(
            BLOCKER,
            "dpo_contact_missing",
            f"{ref}: the notice names a data protection officer but gives no email, phone or address for them.",
            section="who_we_are",
            record=ctx.controller_record,
        )


def purposes(ctx: NoticeContext):
    ref = ctx.ref("purposes")
    if not ctx.purposes:
        yield ctx.finding(
            BLOCKER, "purposes_missing", f"{ref}: the notice does not say why the information is used: add its "
            f"purposes.", section="why_we_use_it",
        )
    for purpose in ctx.purposes:
        if not purpose.get("description", "").strip():
            yield ctx.purpose_finding(
                WARNING,
                "purpose_undescribed",
                f"{ctx.ref('purposes', collected_from=purpose.get('collected_from'))}: the purpose "
                f"“{purpose['name']}” has no plain-English description of what is done with the information.",
                purpose,
            )


def legitimate_interests(ctx: NoticeContext):
    for purpose in ctx.purposes:
        relies_on_them = (purpose.get("art6") or {}).get("code") == "art6_1_f"
        if relies_on_them and not purpose.get("legitimate_interests", "").strip():
            yield ctx.purpose_finding(
                BLOCKER,
                "legitimate_interests_missing",
                f"{ctx.ref('legitimate_interests', collected_from=purpose.get('collected_from'))}: “{purpose['name']}” "
                f"relies on legitimate interests but the notice does not say what those interests are.",
                purpose,
            )


def data_categories(ctx: NoticeContext):
    if not ctx.art14:
        return
    ref = ctx.ref("data_categories")
    if not ctx.section("what_we_collect").get("categories"):
        yield ctx.finding(
            BLOCKER,
            "categories_missing",
            f"{ref}: some information comes from other people or organisations, so the notice must list the "
            f"kinds of information held; it lists none.",
            section="what_we_collect",
        )
        return
    for purpose in ctx.purposes:
        if purpose.get("collected_from") in FROM_ELSEWHERE and not purpose.get("categories"):
            yield ctx.purpose_finding(
                WARNING,
                "purpose_categories_missing",
                f"{ref}: “{purpose['name']}” uses information from elsewhere but is not linked to the kinds of "
                f"information it uses, so people cannot tell which of the listed kinds it obtains.",
                purpose, section="what_we_collect",
            )


def recipients(ctx: NoticeContext):
    if not ctx.recipients:
        yield ctx.finding(
            WARNING,
            "recipients_none",
            f"{ctx.ref('recipients')}: the notice will tell people their information is shared with no one, not "
            f"even an IT supplier. Check that is true, or add the recipients.",
            section="who_we_share_with",
        )


def international_transfers(ctx: NoticeContext):
    for recipient in ctx.recipients:
        transfer = recipient.get("transfer")
        # Documents frozen before recipients recorded a location have no "location": they are not judged on it.
        if recipient.get("location") == "unknown":
            yield _location_unknown(ctx, recipient)
        elif transfer:
            yield from _transfer(ctx, recipient, transfer)


def _location_unknown(ctx: NoticeContext, recipient: dict):
    return ctx.finding(
        BLOCKER, "transfer_location_unknown",
        f"{ctx.ref('international_transfers')}: the register does not say where {recipient['name']} holds the "
        f"information. Record “In the UK”, or “Outside the UK” with the country and the safeguard.",
        section="who_we_share_with", record=("services.recipient", recipient.get("id"), recipient.get("name", "")),
    )


def _transfer(ctx: NoticeContext, recipient: dict, transfer: dict):
    ref = ctx.ref("international_transfers")
    record = ("services.recipient", recipient.get("id"), recipient.get("name", ""))
    country = transfer.get("country") or "a country outside the UK"
    safeguard = transfer.get("safeguard", "")
    detail, copy = transfer.get("safeguard_detail", ""), transfer.get("copy", "")
    invalid = _invalid_safeguard(ctx, transfer) if safeguard in ("", "other") else None
    if invalid:
        reference, text = invalid
        # Asking for a copy of a scheme that no longer exists would be beside the point.
        yield ctx.finding(
            BLOCKER, "transfer_safeguard_invalid",
            f"{ref}: information goes to {country}, but the only safeguard the notice gives is the “{text}”. "
            f"{reference.problem} So the transfer has no usable safeguard: choose the one it relies on now.",
            section="who_we_share_with", record=record,
        )
        return
    if not safeguard and not detail.strip():
        gap = "no safeguard" if copy.strip() else "no safeguard and no way to get a copy of it"
        yield ctx.finding(
            BLOCKER, "transfer_safeguard_missing", f"{ref}: information goes to {country} but the notice gives {gap}.",
            section="who_we_share_with", record=record,
        )
        return
    if safeguard == "other" and not detail.strip():
        yield ctx.finding(
            BLOCKER, "transfer_safeguard_undescribed",
            f"{ref}: information goes to {country} under “another safeguard”, but the notice does not say what "
            f"it is.", section="who_we_share_with", record=record,
        )
    if safeguard in SAFEGUARDS_NEEDING_COPY and not copy.strip():
        yield ctx.finding(
            BLOCKER, "transfer_copy_missing",
            f"{ref}: information goes to {country} under {_safeguard_name(transfer)}, but the notice does not say "
            f"how to get a copy of it or where it is published.",
            section="who_we_share_with", record=record,
        )
    if safeguard == "art49" and not detail.strip():
        yield ctx.finding(
            WARNING, "transfer_exception_unnamed",
            f"{ref}: information goes to {country} under an Art 49 exception, but the notice does not say which; "
            f"for a transfer under the second subparagraph of Art 49(1) it must also say how to get a copy of "
            f"the safeguards.", section="who_we_share_with", record=record,
        )


def _invalid_safeguard(ctx: NoticeContext, transfer: dict):
    """The out-of-date scheme a transfer's described safeguard names (the EU-US Privacy Shield), if any:
    (reference, the words found)."""
    text = f"{transfer.get('safeguard_detail', '')}\n{transfer.get('copy', '')}"
    for reference in ctx.stale_references:
        if reference.severity == StaleReference.Severity.WARNING:
            continue
        match = reference.regex.search(text)
        if match:
            return reference, match.group(0)
    return None


def _safeguard_name(transfer: dict) -> str:
    if transfer.get("safeguard") == "other":
        return "the safeguard it describes"
    label = transfer.get("safeguard_label") or "a safeguard"
    return label[0].lower() + label[1:] if label.startswith(("International", "Binding")) else label


def retention(ctx: NoticeContext):
    if ctx.section("how_long_we_keep_it").get("rules"):
        return
    ref = ctx.ref("retention")
    placed = [s for s in ctx.free_texts if s.get("placement") == "how_long_we_keep_it"]
    explained_in_text = [s for s in placed if PERIOD.search(s.get("markdown", ""))]
    if explained_in_text:
        yield ctx.finding(
            WARNING, "retention_free_text_only",
            f"{ref}: how long information is kept is only given in free text, which cannot be checked. Link "
            f"the retention rules so each period and its authority are stated.",
            section="how_long_we_keep_it",
        )
    else:
        # Free text that states no period ("please see our retention schedule") gives neither the period nor
        # the criteria for deciding it.
        yield ctx.finding(
            BLOCKER, "retention_missing",
            f"{ref}: the notice does not say how long information is kept, or how that is decided: it states no "
            f"retention period. Link the retention rules that apply.",
            section="how_long_we_keep_it",
        )


def rights(ctx: NoticeContext):
    ref = ctx.ref("rights")
    section = ctx.section("your_rights")
    given = {right["key"] for right in section.get("rights", [])}
    # The withdrawal of consent is its own item (withdraw_consent below).
    expected = [right for right in rights_for(ctx.purposes) if right["key"] != "withdraw_consent"]
    for right in expected:
        if right["key"] not in given:
            yield ctx.finding(
                BLOCKER, "right_missing",
                f"{ref}: the notice does not tell people about {right['title'].lower()}, which applies to what "
                f"it describes.", section="your_rights",
            )
    if not section.get("how_to", "").strip() and not ctx.section("who_we_are").get("dpo"):
        yield ctx.finding(
            BLOCKER, "rights_how_to_missing",
            f"{ref}: the notice does not say how to use these rights: record how to make a request, or a data "
            f"protection officer to contact.", section="your_rights", record=ctx.controller_record,
        )


def withdraw_consent(ctx: NoticeContext):
    offered = {right["key"]: right for right in ctx.section("your_rights").get("rights", [])}.get("withdraw_consent")
    for purpose in ctx.purposes:
        codes = {(purpose.get("art6") or {}).get("code"), (purpose.get("art9") or {}).get("code")}
        if not codes & {"art6_1_a", "art9_2_a"}:
            continue
        if offered is None or (offered.get("applies_to") and purpose["name"] not in offered["applies_to"]):
            yield ctx.purpose_finding(
                BLOCKER, "withdraw_consent_missing",
                f"{ctx.ref('withdraw_consent', collected_from=purpose.get('collected_from'))}: “{purpose['name']}” "
                f"relies on consent, so the notice must say it can be withdrawn at any time.",
                purpose, section="your_rights",
            )


def complaint(ctx: NoticeContext):
    section = ctx.section("how_to_complain")
    if not (section.get("ico") or {}).get("name"):
        yield ctx.finding(
            BLOCKER, "complaint_missing",
            f"{ctx.ref('complaint')}: the notice does not tell people they can complain to the Information "
            f"Commissioner.", section="how_to_complain",
        )
    elif not gives_contact(section.get("contact", "")):
        yield ctx.finding(
            WARNING, "complaint_contact_missing",
            f"{ctx.ref('complaint')}: the notice asks people to complain to us first but gives no contact for it.",
            section="how_to_complain", record=ctx.controller_record,
        )


def statutory_or_contractual_requirement(ctx: NoticeContext):
    """Art 13(2)(e) only: asked where the purpose uses information the person gives ("person" or "both"), never
    where it all comes from elsewhere (Art 14 has no such item), nor where the purpose only reuses information
    already held for another. A statement made once for the whole notice answers it for every purpose."""
    if ctx.section("why_we_use_it").get("provision_statement", "").strip():
        return
    ref = ctx.ref("statutory_or_contractual_requirement")
    ask = ("so the notice must say whether people have to give it and what happens if they don't: once for the "
           "whole notice (About the notice), or on a purpose where it differs.")
    for purpose in ctx.purposes:
        if purpose.get("reuses_held_information") or purpose.get("provision_requirement", "").strip():
            continue
        if purpose.get("collected_from") in FROM_PERSON:
            yield ctx.purpose_finding(
                BLOCKER, "provision_requirement_missing",
                f"{ref}: “{purpose['name']}” uses information people give us themselves, {ask}", purpose,
                group=f"{ref}: {{purposes}} use information people give us themselves, {ask}",
            )


def source(ctx: NoticeContext):
    if ctx.art14 and not ctx.section("where_we_get_it").get("sources"):
        names = ", ".join(f"“{p['name']}”" for p in ctx.purposes if p.get("collected_from") in FROM_ELSEWHERE)
        yield ctx.finding(
            BLOCKER, "sources_missing",
            f"{ctx.ref('source')}: {names} get information from other people or organisations, but the notice "
            f"does not say where it comes from.", section="where_we_get_it",
        )


def automated_decision_making(ctx: NoticeContext):
    for purpose in ctx.purposes:
        text = purpose.get("automated_decisions", "")
        if not text.strip():
            continue
        ref = ctx.ref("automated_decision_making", collected_from=purpose.get("collected_from"))
        if NOTHING.match(text):
            yield ctx.purpose_finding(
                WARNING, "automated_decisions_none_written",
                f"{ref}: “{purpose['name']}” says “{text.strip()}” about automated decisions; leave it blank when "
                f"there are none, or the notice will list rights about automated decisions.",
                purpose,
            )
        elif len(text.split()) < MIN_AUTOMATED_WORDS:
            yield ctx.purpose_finding(
                WARNING, "automated_decisions_thin",
                f"{ref}: “{purpose['name']}” makes automated decisions; the notice must give meaningful information "
                f"about the logic involved and what the decision means for the person.",
                purpose,
            )


def further_processing(ctx: NoticeContext):
    previous = ctx.meta.get("previous_document")
    if not previous:
        return
    before = {purpose.get("id") for purpose in _purposes_of(previous)}
    for purpose in ctx.purposes:
        if purpose.get("id") not in before:
            yield ctx.purpose_finding(
                WARNING, "new_purpose",
                f"{ctx.ref('further_processing', collected_from=purpose.get('collected_from'))}: “{purpose['name']}” "
                f"is new since the published version. Publish this version before the new use starts and tell "
                f"people whose information you already hold (unless Art 13(5)-(7) or 14(5) applies).",
                purpose,
            )


def _purposes_of(document: dict) -> list[dict]:
    for section in document.get("sections", []):
        if section.get("key") == "why_we_use_it":
            return section.get("purposes", [])
    return []


# Every information item of the checklist, and the rule that checks it.
ITEMS = {
    "controller_identity": controller_identity,
    "dpo_contact": dpo_contact,
    "purposes": purposes,
    "lawful_basis": basis_named,
    "legitimate_interests": legitimate_interests,
    "data_categories": data_categories,
    "recipients": recipients,
    "international_transfers": international_transfers,
    "retention": retention,
    "rights": rights,
    "withdraw_consent": withdraw_consent,
    "complaint": complaint,
    "statutory_or_contractual_requirement": statutory_or_contractual_requirement,
    "source": source,
    "automated_decision_making": automated_decision_making,
    "further_processing": further_processing,
}
RULES = list(ITEMS.values())
