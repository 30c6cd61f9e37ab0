"""records → document: the one place a notice's content is assembled.

`build_document()` turns a notice and the register records it uses into a plain, JSON-serialisable
dict. Every output (the public page, the draft preview, the PDF, the JSON download, the compliance
checks, the change list between versions) is made from this dict, never from live rows, so what is
published is exactly what was reviewed. Record ids are kept so a version can be restored into a draft.
"""

from .constants import INFORMATION_COMMISSIONER
from .markdown import render_markdown
from .models import Notice
from .parties import party_sentences, shared_sentences
from .rights import rights_for
from .sections import SECTIONS
from .selectors import notice_for_document, today

SCHEMA_VERSION = 1


def build_document(notice: Notice) -> dict:
    """The whole notice as a dict, its sections in the order notices.sections declares."""
    notice = notice_for_document(notice_id=notice.pk)
    purposes = [_purpose(purpose) for purpose in in_order(notice, "purposes")]
    builders = {
        "who_we_are": lambda: _who_we_are(notice),
        "what_we_collect": lambda: _what_we_collect(notice),
        "where_we_get_it": lambda: _where_we_get_it(notice, purposes),
        "why_we_use_it": lambda: {
            "purposes": purposes,
            "bases": _bases(purposes, public_authority=notice.controller.is_public_authority),
            "special_conditions": _conditions(purposes, kind="special"),
            "criminal_conditions": _conditions(purposes, kind="criminal"),
            "provision_statement": notice.provision_statement,
        },
        "who_we_share_with": lambda: _who_we_share_with(notice),
        "how_long_we_keep_it": lambda: _how_long(notice),
        "your_rights": lambda: {
            "rights": rights_for(purposes, notice.added_rights),
            "how_to": notice.controller.rights_request_instructions,
            "dpo_named": notice.controller.has_dpo,
        },
        "how_to_complain": lambda: _how_to_complain(notice),
        "changes": lambda: {},
    }
    free_text = _free_text(notice)
    sections = []
    for section in SECTIONS:
        sections.append({"key": section.key, "title": section.title, **builders[section.key]()})
        sections.extend(free_text.get(section.key, []))
    return {
        "schema": SCHEMA_VERSION,
        "notice": {
            "id": notice.pk,
            "title": notice.title,
            "slug": notice.slug,
            "audience": notice.audience,
            "audience_label": notice.get_audience_display(),
            "summary": notice.summary,
            "summary_paragraphs": [part.strip() for part in notice.summary.split("\n\n") if part.strip()],
            "parent": {"title": notice.parent.title, "slug": notice.parent.slug} if notice.parent else None,
        },
        "sections": sections,
    }


def in_order(notice: Notice, relation: str) -> list:
    """The notice's records of `relation` in the order the officer gave them (Notice.record_order); any not yet
    placed follow in the register's order."""
    records = list(getattr(notice, relation).all())
    place = {pk: index for index, pk in enumerate(notice.record_order.get(relation, []))}
    return sorted(records, key=lambda record: place.get(record.pk, len(place)))


def with_version(
    document: dict, *, number: int, status: str, effective_from=None, approver: str = "", change_summary: str = ""
) -> dict:
    """The document stamped with the version it is shown as. Returns a new dict."""
    return {
        **document,
        "version": {
            "number": number,
            "status": status,
            "effective_from": effective_from.isoformat() if effective_from else None,
            "effective_from_label": f"{effective_from.day} {effective_from:%B %Y}" if effective_from else "",
            "approved_by": approver,
            "change_summary": change_summary,
        },
    }


def controller_name(document: dict) -> str:
    """The controller's name as the document states it (in "Who we are")."""
    who = next((section for section in document["sections"] if section["key"] == "who_we_are"), None)
    return who["controller"]["name"] if who else ""


def listing_fields(document: dict) -> dict:
    """What public lists and page headings show of a frozen document (the fields of PublicListing)."""
    who = next(section for section in document["sections"] if section["key"] == "who_we_are")
    parent = document["notice"]["parent"] or {}
    return {
        "title": document["notice"]["title"],
        "summary": document["notice"]["summary"],
        "controller_pk": who["controller"]["id"],
        "controller_name": who["controller"]["name"],
        "services": [service["name"] for service in who["services"]],
        "parent_slug": parent.get("slug", ""),
        "parent_title": parent.get("title", ""),
    }


def draft_document(notice: Notice, version) -> dict:
    """The document staff see before publication, in the preview and the draft PDF alike.

    A version in review is shown as it was submitted (what the DPO is approving); a draft as it stands now.
    """
    if version is not None and version.status == "in_review" and version.submitted_document:
        document = version.submitted_document
    else:
        document = build_document(notice)
    return with_version(
        document,
        number=version.number if version else None,
        status="draft",
        change_summary=version.change_summary if version else "",
    )


def _ref(basis) -> dict | None:
    if basis is None:
        return None
    return {
        "code": basis.code,
        "article": basis.article,
        "title": basis.short_title,
        "plain_english": basis.plain_english,
        "public_sentence": basis.public_sentence,
        "public_sentence_public_authority": basis.public_sentence_public_authority,
        "kind": basis.kind,
        # What the compliance checks need: which Art 9 condition a Sch 1 condition satisfies, and whether it
        # needs a basis in law or an appropriate policy document ("yes", "no", "conditional" or "n/a").
        "meets": basis.meets.code if basis.meets_id else None,
        "needs_basis_in_law": basis.needs_basis_in_law,
        "needs_appropriate_policy_document": basis.needs_appropriate_policy_document,
    }


def _service(service) -> dict:
    parties = [_party(party) for party in service.parties.all()]
    return {
        "id": service.pk,
        "name": service.name,
        "description": service.description,
        "role": service.role,
        "role_label": service.get_role_display(),
        "other_controllers": [other.name for other in service.other_controllers.all()],
        "provider": service.controller.name,
        "parties": parties,
        "party_sentences": party_sentences(provider=service.controller.name, parties=parties),
    }


def _party(party) -> dict:
    return {
        "id": party.pk,
        "name": party.body.name,
        "role": party.role,
        "role_label": party.get_role_display(),
        "arrangement": party.arrangement,
        "order": party.order,
    }


def _who_we_are(notice: Notice) -> dict:
    controller = notice.controller
    services = [_service(service) for service in notice._services]
    return {
        "controller": {
            "id": controller.pk,
            "name": controller.name,
            "other_names": controller.other_names,
            "company_number": controller.company_number,
            "charity_number": controller.charity_number,
            "registered_office": controller.registered_office,
            "ico_registration_number": controller.ico_registration_number,
            "website": controller.website,
            "is_public_authority": controller.is_public_authority,
        },
        "services": services,
        "shared_party_sentences": shared_sentences(services),
        "dpo": {
            "name": controller.dpo_name,
            "email": controller.dpo_email,
            "phone": controller.dpo_phone,
            "address": controller.dpo_address,
        }
        if controller.has_dpo
        else None,
    }


def _what_we_collect(notice: Notice) -> dict:
    # The notice's own choices plus whatever its purposes use, so no category a purpose relies on goes unsaid.
    categories = {c.pk: c for c in notice.data_categories.all()}
    groups = {g.pk: g for g in notice.subject_groups.all()}
    for purpose in notice.purposes.all():
        categories.update({c.pk: c for c in purpose.data_categories.all()})
        groups.update({g.pk: g for g in purpose.subject_groups.all()})
    listed = [_category(c) for c in sorted(categories.values(), key=lambda c: c.name)]
    return {
        "categories": listed,
        "subject_groups": [{"id": g.pk, "name": g.name} for g in sorted(groups.values(), key=lambda g: g.name)],
        "has_protected": any(c.kind != "personal" for c in categories.values()),
        # Art 13 and Art 14 apart: what people give us, and what others give us (and who), as recorded.
        "any_given": any(c["obtained_from"] in ("person", "both") for c in listed),
        "any_from_others": any(c["obtained_from"] in ("others", "both") for c in listed),
        "any_unplaced": any(not c["obtained_from"] for c in listed),
    }


def _category(category) -> dict:
    return {
        "id": category.pk,
        "name": category.name,
        "description": category.description,
        "kind": category.kind,
        "kind_label": category.get_kind_display(),
        "obtained_from": category.obtained_from,
        "from_whom": [source.name for source in category.sources.all()],
    }


def _where_we_get_it(notice: Notice, purposes: list[dict]) -> dict:
    return {
        "from_person": any(p["collected_from"] in ("person", "both") for p in purposes),
        "from_elsewhere": any(p["collected_from"] in ("elsewhere", "both") for p in purposes),
        "sources": [
            {
                "id": s.pk,
                "name": s.name,
                "kind": s.kind,
                "kind_label": s.get_kind_display(),
                "description": s.description,
            }
            for s in notice.sources.all()
        ],
    }


def _purpose(purpose) -> dict:
    return {
        "id": purpose.pk,
        "name": purpose.name,
        "description": purpose.description,
        # None while the register has no basis for the purpose yet: the checks block publishing it, and the
        # section shows "Not stated" rather than invent one.
        "art6": _ref(purpose.art6_basis),
        "art9": _ref(purpose.art9_condition),
        "sch1": _ref(purpose.sch1_condition),
        "criminal": _ref(purpose.criminal_condition),
        "legislation": [
            {"id": law.pk, "title": law.title, "year": law.year, "section": law.section, "url": law.url}
            for law in purpose.legislation.all()
        ],
        "legitimate_interests": purpose.legitimate_interests,
        "categories": [{"id": c.pk, "name": c.name, "kind": c.kind} for c in purpose.data_categories.all()],
        "subject_groups": [g.name for g in purpose.subject_groups.all()],
        "collected_from": purpose.collected_from,
        "reuses_held_information": purpose.reuses_held_information,
        "provision_requirement": purpose.provision_requirement,
        "automated_decisions": purpose.automated_decisions,
        "appropriate_policy_document": purpose.appropriate_policy_document,
    }


def _bases(purposes: list[dict], *, public_authority: bool) -> list[dict]:
    """Each Art 6 basis the purposes rely on, once, with its public sentence and the purposes under it, in the
    order the purposes first use them. A public authority relying on legitimate interests says it is for work
    outside its public tasks, not the bare legal restriction."""
    bases: dict[str, dict] = {}
    for purpose in purposes:
        basis = purpose["art6"]
        if basis is None:
            continue
        sentence = (public_authority and basis["public_sentence_public_authority"]) or basis["public_sentence"]
        entry = bases.setdefault(basis["code"], {
            "code": basis["code"], "title": basis["title"], "article": basis["article"], "sentence": sentence,
            "purposes": [],
        })
        entry["purposes"].append(purpose["name"])
    return list(bases.values())


def _conditions(purposes: list[dict], *, kind: str) -> list[dict]:
    """Each condition of one kind ("special" category or "criminal" offence data) the purposes rely on, once, with
    its public sentence, the purposes under it and a compact legal line, in the order the purposes first use them.

    An Art 9 condition and the Sch 1 condition that meets it are one reason to a reader, so they are one entry; the
    Sch 1 sentence is the more specific, so it speaks for both. The legal line names articles and paragraphs only:
    the staff notes in `plain_english` stay in the purposes' references, in the JSON.
    """
    conditions: dict[str, dict] = {}
    for purpose in purposes:
        refs = _condition_refs(purpose, kind=kind)
        if not refs:
            continue
        codes = [ref["code"] for ref in refs]
        entry = conditions.setdefault("+".join(codes), {
            "codes": codes,
            "anchor": "-".join([kind, *codes]),
            "title": refs[-1]["title"],
            "legal": _legal_line(kind, refs),
            "sentence": next((ref.get("public_sentence") for ref in reversed(refs) if ref.get("public_sentence")), ""),
            "purposes": [],
        })
        entry["purposes"].append(purpose["name"])
    return list(conditions.values())


def _condition_refs(purpose: dict, *, kind: str) -> list[dict]:
    if kind == "criminal":
        return [purpose["criminal"]] if purpose["criminal"] else []
    return [ref for ref in (purpose["art9"], purpose["sch1"]) if ref]


def _legal_line(kind: str, refs: list[dict]) -> str:
    articles = [ref["article"] for ref in refs]
    # A Sch 1 condition used for criminal offence data is used through Art 10 (DPA 2018 s.10(5)).
    if kind == "criminal" and not articles[0].startswith("UK GDPR Art 10"):
        articles.insert(0, "UK GDPR Art 10")
    return "; ".join(articles)


def _who_we_share_with(notice: Notice) -> dict:
    recipients = []
    for r in in_order(notice, "recipients"):
        transfer = None
        if r.transfers_abroad:
            transfer = {
                "country": r.transfer_country,
                "safeguard": r.safeguard,
                "safeguard_label": r.get_safeguard_display() if r.safeguard else "",
                "safeguard_detail": r.safeguard_detail,
                "copy": r.safeguard_copy,
            }
        recipients.append(
            {
                "id": r.pk,
                "name": r.name,
                "kind": r.kind,
                "role": r.role,
                "role_label": r.get_role_display(),
                "what_is_shared": r.what_is_shared,
                "why_shared": r.why_shared,
                "location": r.location,
                "transfer": transfer,
            }
        )
    return {
        "recipients": [r for r in recipients if r["role"] != "processor"],
        "processors": [r for r in recipients if r["role"] == "processor"],
        "transfers": [r for r in recipients if r["transfer"]],
        # "Stays in the UK" is said only when every recipient is recorded as in the UK: never by default.
        "all_in_uk": bool(recipients) and all(r["location"] == "in_uk" for r in recipients),
        "location_unknown": [r["name"] for r in recipients if r["location"] == "unknown"],
    }


def _how_long(notice: Notice) -> dict:
    on = today()
    # Every linked hold is kept, ended ones too, so the compliance checks can tell a hold that has since
    # ended from one that is still in force; the page shows only the active ones.
    holds = [
        {
            "id": hold.pk,
            "name": hold.name,
            "description": hold.description,
            "imposed_by": hold.imposed_by,
            "start_date": hold.start_date.isoformat() if hold.start_date else None,
            "end_date": hold.end_date.isoformat() if hold.end_date else None,
            "active": hold.is_active_on(on),
        }
        for hold in notice.legal_holds.all()
    ]
    return {
        "rules": [
            {
                "id": rule.pk,
                "record_type": rule.record_type,
                "sentence": rule.sentence,
                "period": rule.period_text,
                # The period's parts, so the first layer can name the shortest and longest (notices.layer).
                "period_kind": rule.period_kind,
                "period_number": rule.period_number,
                "period_unit": rule.period_unit,
                "authority": rule.authority,
            }
            for rule in notice.retention_rules.all()
        ],
        "legal_holds": holds,
        "any_hold_active": any(hold["active"] for hold in holds),
    }


def _how_to_complain(notice: Notice) -> dict:
    controller = notice.controller
    return {
        "controller_name": controller.name,
        # Complaints go to the complaints contact, or else the DPO: never to the rights-request instructions,
        # which say how to ask for a copy of your records, not how to complain.
        "contact": controller.complaints_contact or controller.dpo_email,
        "ico": INFORMATION_COMMISSIONER,
    }


def _free_text(notice: Notice) -> dict[str, list[dict]]:
    placed: dict[str, list[dict]] = {}
    for section in notice.sections.all():
        placed.setdefault(section.placement, []).append(
            {
                "key": f"text-{section.pk}",
                "title": section.heading,
                "free_text": True,
                "id": section.pk,
                "placement": section.placement,
                "markdown": section.body,
                "html": render_markdown(section.body),
            }
        )
    return placed


def public_json(document: dict) -> dict:
    """A frozen document as the public reads it as data (the version's .json and the API): the same dict
    without the register's database ids. The stored document keeps them, because restoring a version into a
    draft and comparing two versions match records by id; a reader outside the portal has no use for them,
    and they would tie every consumer to one database. A free-text section's key ("text-<id>") becomes its
    place among the free-text sections ("text-1", "text-2", …), still unique within the document."""
    places = iter(range(1, len(document["sections"]) + 1))
    sections = [
        {**_without_ids(section), "key": f"text-{next(places)}"} if section.get("free_text") else _without_ids(section)
        for section in document["sections"]
    ]
    return {**_without_ids(document), "sections": sections}


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value
