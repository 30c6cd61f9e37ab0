"""The published JSON Schema of a notice's document (/api/v1/schema/document.json), documented field by field
on /api/.

The sections, their keys, headings and order, and which lists of register records each holds (and which list
sits inside which record) come from notices.sections, the one declaration of the document's shape; this module
adds what a reader needs besides: each field's type and meaning. The schema describes the document as the
public reads it (notices.document.public_json: no database ids). It is strict (no field it does not name), so a
field the builder starts writing fails the test that validates every demo version until it is described here.
Fields a version published before they existed may lack are not required; the ones every version has are.
"""

from django.apps import apps
from django.conf import settings

from ..document import SCHEMA_VERSION
from ..sections import SECTIONS, Records, all_records

SCHEMA_PATH = "/api/v1/schema/document.json"


def _t(kind, description: str, *, null: bool = False, **extra) -> dict:
    return {"type": [kind, "null"] if null else kind, "description": description, **extra}


def _text(description: str, **extra) -> dict:
    return _t("string", description, **extra)


def _flag(description: str) -> dict:
    return _t("boolean", description)


def _texts(description: str) -> dict:
    return {"type": "array", "description": description, "items": {"type": "string"}}


def _list(description: str, items: dict) -> dict:
    return {"type": "array", "description": description, "items": items}


def _object(description: str, properties: dict, *, required=(), null: bool = False) -> dict:
    return {
        "type": ["object", "null"] if null else "object",
        "description": description,
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def _choices(model: str, field: str, description: str) -> dict:
    """A field holding one of a model's choices (blank allowed where the model allows it): the codes are the
    register's, so they are read from its model rather than repeated."""
    found = apps.get_model(model)._meta.get_field(field)
    codes = list(dict.fromkeys(([""] if found.blank else []) + [value for value, _ in found.choices]))
    return _text(description + " One of: " + ", ".join(f'"{code}"' for code in codes) + ".", enum=codes)


def _reference(description: str) -> dict:
    return _object(description, {
        "code": _text("The reference's code in the portal's catalogue of lawful bases and conditions, e.g. "
                      "\"art6-1-e\"."),
        "article": _text("The article or paragraph, e.g. \"UK GDPR Art 6(1)(e)\"."),
        "title": _text("Its short title."),
        "plain_english": _text("What it means in law, in plain words (for staff; not shown on the page)."),
        "public_sentence": _text("The one sentence the notice says to the public about it (may be empty)."),
        "public_sentence_public_authority": _text("What a public authority's notice says instead, where that "
                                                  "differs (may be empty)."),
        "kind": _choices("services.lawfulbasis", "kind", "What kind of reference it is."),
        "meets": _text("For a Sch 1 condition: the code of the Art 9 condition it satisfies.", null=True),
        "needs_basis_in_law": _choices("services.lawfulbasis", "needs_basis_in_law",
                                       "Whether it needs a basis in law."),
        "needs_appropriate_policy_document": _choices("services.lawfulbasis", "needs_appropriate_policy_document",
                                                      "Whether it needs an appropriate policy document."),
    }, required=["code", "article", "title"], null=True)


def _transfer() -> dict:
    return _object("Where the recipient holds the information outside the UK, and the safeguard; null when it "
                   "does not.", {
        "country": _text("The country."),
        "safeguard": _choices("services.recipient", "safeguard", "The safeguard for the transfer."),
        "safeguard_label": _text("The safeguard in words."),
        "safeguard_detail": _text("More about the safeguard, as recorded."),
        "copy": _text("How to get a copy of the safeguard."),
    }, required=["country"], null=True)


# One item of each list of register records, by the model its items come from (notices.sections.Records.model).
# A list inside an item (a service's parties, a purpose's laws) is added from notices.sections, not here.
def _items() -> dict[str, dict]:
    recipient = {
        "name": _text("The recipient's name."),
        "kind": _choices("services.recipient", "kind", "A named organisation or a category of recipient."),
        "role": _choices("services.recipient", "role", "The part it plays."),
        "role_label": _text("The role in words."),
        "what_is_shared": _text("What is shared with it."),
        "why_shared": _text("Why."),
        "location": _choices("services.recipient", "location", "Where it holds the information."),
        "transfer": _transfer(),
    }
    return {
        "services.service": ("A service the notice covers.", {
            "name": _text("The service's name."),
            "description": _text("What the service does."),
            "role": _choices("services.service", "role", "The controller's part in the service."),
            "role_label": _text("The role in words."),
            "other_controllers": _texts("The other controllers' names, for a joint service."),
            "provider": _text("The name of the organisation that provides the service."),
            "party_sentences": _texts("The sentences the notice says about the parties, in order."),
        }),
        "services.serviceparty": ("An organisation involved in the service and the part it plays.", {
            "name": _text("The organisation's name."),
            "role": _choices("services.serviceparty", "role", "Its part in the service."),
            "role_label": _text("The part in words."),
            "arrangement": _text("The arrangement, as recorded (e.g. the contract)."),
            "order": _t("integer", "Its place among the service's parties."),
        }),
        "services.datacategory": ("A kind of information the notice says is collected.", {
            "name": _text("Its name, e.g. \"Name and contact details\"."),
            "description": _text("More about it."),
            "kind": _choices("services.datacategory", "kind", "Personal, special category or criminal offence data."),
            "kind_label": _text("The kind in words."),
            "obtained_from": _choices("services.datacategory", "obtained_from",
                                      "Whether people give it themselves, others do, or both; empty if not recorded."),
            "from_whom": _texts("The names of the sources it comes from, when others give it."),
        }),
        "services.datasubjectgroup": ("A group of people the information is about.", {
            "name": _text("The group's name."),
        }),
        "services.source": ("Where the information comes from.", {
            "name": _text("The source's name."),
            "kind": _choices("services.source", "kind", "What kind of source it is."),
            "kind_label": _text("The kind in words."),
            "description": _text("More about it."),
        }),
        "services.purpose": ("Why the information is used.", {
            "name": _text("The purpose."),
            "description": _text("More about it."),
            "art6": _reference("Its UK GDPR Art 6 lawful basis; null while none is recorded."),
            "art9": _reference("Its Art 9 condition for special category data, if any."),
            "sch1": _reference("Its DPA 2018 Sch 1 condition, if any."),
            "criminal": _reference("Its condition for criminal offence data, if any."),
            "legitimate_interests": _text("The legitimate interests, where that is the basis."),
            "categories": _list("The kinds of information it uses.", _object("A kind of information.", {
                "name": _text("Its name."),
                "kind": _choices("services.datacategory", "kind", "Its kind."),
            }, required=["name"])),
            "subject_groups": _texts("The groups of people it concerns."),
            "collected_from": _choices("services.purpose", "collected_from", "Where its information comes from."),
            "reuses_held_information": _flag("Whether it reuses information already held."),
            "provision_requirement": _text("Whether people must give the information, and what happens if not."),
            "automated_decisions": _text("Any automated decision-making, and its logic and effects."),
            "appropriate_policy_document": _text("The address of the appropriate policy document, if any."),
        }),
        "services.legislation": ("A law the purpose relies on.", {
            "title": _text("The law's title."),
            "year": _t("integer", "Its year.", null=True),
            "section": _text("The section or provision."),
            "url": _text("Its address on legislation.gov.uk or elsewhere."),
        }),
        "services.recipient": ("Someone the information is shared with.", recipient),
        "retention.retentionrule": ("How long one kind of record is kept.", {
            "record_type": _text("The records it covers."),
            "sentence": _text("The rule as the notice says it."),
            "period": _text("The period in words."),
            "period_kind": _choices("retention.retentionrule", "period_kind", "How the period is set."),
            "period_number": _t("integer", "The number of units, for a fixed period.", null=True),
            "period_unit": _choices("retention.retentionrule", "period_unit", "The unit, for a fixed period."),
            "authority": _text("Where the rule comes from."),
        }),
        "retention.legalhold": ("A legal hold that keeps records beyond their period.", {
            "name": _text("Its name."),
            "description": _text("What it covers."),
            "imposed_by": _text("Who imposed it."),
            "start_date": _text("When it started (YYYY-MM-DD).", format="date") | {"type": ["string", "null"]},
            "end_date": _text("When it ended or ends (YYYY-MM-DD).", format="date") | {"type": ["string", "null"]},
            "active": _flag("Whether it was in force when the version was made (only active holds are shown)."),
        }),
    }


def _nested(records: Records) -> str:
    """The list a nested record list sits in ("services" for "services__parties")."""
    return records.lookup.split("__")[0]


def _record_definitions() -> dict[str, dict]:
    items = _items()
    properties = {model: dict(fields) for model, (_, fields) in items.items()}
    by_lookup = {r.lookup: r for _, r in all_records() if r.is_direct}
    for _, records in all_records():
        if not records.is_direct:
            parent = by_lookup[_nested(records)].model
            properties[parent][records.field] = _list(items[records.model][0], _ref(records.model))
    return {
        _name(model): _object(items[model][0], properties[model], required=["name" if "name" in properties[model]
                                                                           else next(iter(properties[model]))])
        for model in items
    }


def _name(model: str) -> str:
    return model.replace(".", "_")


def _ref(model: str) -> dict:
    return {"$ref": f"#/$defs/{_name(model)}"}


# What each section holds besides its record lists (declared in notices.sections).
def _section_fields() -> dict[str, dict]:
    return {
        "who_we_are": {
            "controller": _object("The organisation responsible for the information (the controller).", {
                "name": _text("Its legal name."),
                "other_names": _text("Other names it is known by."),
                "company_number": _text("Its company number, if any."),
                "charity_number": _text("Its charity number, if any."),
                "registered_office": _text("Its registered office."),
                "ico_registration_number": _text("Its ICO registration number."),
                "website": _text("Its website."),
                "is_public_authority": _flag("Whether it is a public authority."),
            }, required=["name"]),
            "shared_party_sentences": _texts("Sentences about parties that several services share."),
            "dpo": _object("The Data Protection Officer's contact details; null when none is named.", {
                "name": _text("Name or title."),
                "email": _text("E-mail address."),
                "phone": _text("Telephone."),
                "address": _text("Postal address."),
            }, null=True),
        },
        "what_we_collect": {
            "has_protected": _flag("Whether any special category or criminal offence data is collected."),
            "any_given": _flag("Whether people give any of it themselves."),
            "any_from_others": _flag("Whether any of it comes from others."),
            "any_unplaced": _flag("Whether for some of it the source is not recorded."),
        },
        "where_we_get_it": {
            "from_person": _flag("Whether a purpose collects information from the person."),
            "from_elsewhere": _flag("Whether a purpose collects information from elsewhere."),
        },
        "why_we_use_it": {
            "bases": _list("Each Art 6 lawful basis, once, with the purposes that rely on it.", _object("A basis.", {
                "code": _text("Its code."),
                "title": _text("Its short title."),
                "article": _text("Its article."),
                "sentence": _text("What the notice says about it."),
                "purposes": _texts("The names of the purposes relying on it."),
            }, required=["code", "purposes"])),
            "special_conditions": _list("Each condition for special category data, once.", _condition()),
            "criminal_conditions": _list("Each condition for criminal offence data, once.", _condition()),
            "provision_statement": _text("Whether people must give their information, and what happens if not."),
        },
        "who_we_share_with": {
            "transfers": _list("The recipients (and processors) that hold the information outside the UK.",
                               _ref("services.recipient")),
            "all_in_uk": _flag("True only when every recipient is recorded as holding it in the UK."),
            "location_unknown": _texts("The names of recipients whose location is not yet known."),
        },
        "how_long_we_keep_it": {
            "any_hold_active": _flag("Whether any legal hold was active."),
        },
        "your_rights": {
            "rights": _list("The rights people have, for the purposes' lawful bases.", _object("A right.", {
                "key": _text("Its key, e.g. \"erasure\"."),
                "title": _text("Its name."),
                "explanation": _text("What it means."),
                "applies_to": _texts("The purposes it applies to, when it does not apply to all."),
                "condition": _text("When it applies only in some cases: which."),
                "added": _flag("Whether the organisation offers it beyond what the law requires."),
                "note": _text("The organisation's note on an added right."),
            }, required=["key", "title"])),
            "how_to": _text("How to make a rights request."),
            "dpo_named": _flag("Whether a DPO is named."),
        },
        "how_to_complain": {
            "controller_name": _text("Whom to complain to first."),
            "contact": _text("Their complaints contact."),
            "ico": _object("The Information Commissioner, whom people may complain to.", {
                "name": _text("Name."),
                "address": _texts("Postal address, line by line."),
                "phone": _text("Telephone."),
                "website": _text("Where to complain online."),
            }, required=["name"]),
        },
        "changes": {},
    }


def _condition() -> dict:
    return _object("A condition and the purposes relying on it.", {
        "codes": _texts("Its code, or the Art 9 and Sch 1 codes it pairs."),
        "anchor": _text("Its fragment on the notice page."),
        "title": _text("Its short title."),
        "legal": _text("The articles and paragraphs, in one line."),
        "sentence": _text("What the notice says about it."),
        "purposes": _texts("The names of the purposes relying on it."),
    }, required=["codes", "purposes"])


def _sections() -> list[dict]:
    fields = _section_fields()
    found = []
    for section in SECTIONS:
        properties = {
            "key": _text("The section's key.", const=section.key),
            "title": _text("Its heading.", const=section.title),
        }
        for records in section.records:
            if records.is_direct:
                properties[records.field] = _list(f"The {records.noun} records.", _ref(records.model))
        properties.update(fields[section.key])
        found.append(_object(f"The section \"{section.title}\".", properties, required=["key", "title"]))
    found.append(_object("A section the organisation wrote itself, placed after a generated section.", {
        "key": _text("\"text-\" and its place among the free-text sections (text-1, text-2, …).",
                     pattern="^text-[0-9]+$"),
        "title": _text("Its heading."),
        "free_text": _text("Always true.", const=True) | {"type": "boolean"},
        "placement": _text("The key of the generated section it follows.", enum=[s.key for s in SECTIONS]),
        "markdown": _text("Its text as written (Markdown)."),
        "html": _text("Its text as HTML, sanitised."),
    }, required=["key", "title", "free_text", "html"]))
    return found


def document_schema() -> dict:
    """The JSON Schema (2020-12) of a published version's document."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": settings.PORTAL_URL.rstrip("/") + SCHEMA_PATH,
        "title": "A published privacy notice version",
        "description": f"Schema version {SCHEMA_VERSION} of the document of one published version of a notice.",
        **_object("One published version of a privacy notice.", {
            "schema": _t("integer", "The document's schema version.", const=SCHEMA_VERSION),
            "notice": _object("The notice.", {
                "title": _text("Its title."),
                "slug": _text("Its name in addresses: /notices/<slug>/."),
                "audience": _choices("notices.notice", "audience", "Whom it is written for."),
                "audience_label": _text("The audience in words."),
                "summary": _text("Its summary."),
                "summary_paragraphs": _texts("The summary, paragraph by paragraph."),
                "parent": _object("The notice it sits under; null if none.", {
                    "title": _text("Its title."),
                    "slug": _text("Its slug."),
                }, required=["slug"], null=True),
            }, required=["title", "slug"]),
            "version": _object("The version.", {
                "number": _t("integer", "Its number: 1, 2, …"),
                "status": _text("Its status when frozen: \"published\"."),
                "effective_from": _text("The day it came into force (YYYY-MM-DD).", format="date"),
                "effective_from_label": _text("That day in words."),
                "approved_by": _text("The name of the person who approved it."),
                "change_summary": _text("What changed since the previous version."),
            }, required=["number", "effective_from"]),
            "sections": _list("The sections, in the order the notice gives them.", {"oneOf": _sections()}),
        }, required=["schema", "notice", "version", "sections"]),
        "$defs": _record_definitions(),
    }


def documented_fields(schema: dict, defs: dict, prefix: str = "") -> list[dict]:
    """Every field of `schema` (and of the objects inside it) as rows for the docs page: {path, type, required,
    description}; `defs` are the definitions its references name."""
    rows = []
    for name, field in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        resolved = _resolve(field.get("items", field), defs)
        kind = field.get("type", "")
        rows.append({
            "path": path,
            "type": " or ".join(kind) if isinstance(kind, list) else kind or "object",
            "required": name in schema.get("required", []),
            "description": field.get("description", "") or resolved.get("description", ""),
        })
        if "properties" in resolved:
            rows.extend(documented_fields(resolved, defs, path + ("[]." if "items" in field else ".")))
    return rows


def documentation() -> dict:
    """For the docs page: the document's own fields, then each kind of section with its fields."""
    schema = document_schema()
    sections = [
        {"description": section["description"], "key": section["properties"]["key"],
         "fields": documented_fields(section, schema["$defs"])}
        for section in schema["properties"]["sections"]["items"]["oneOf"]
    ]
    return {"fields": documented_fields(schema, schema["$defs"]), "sections": sections}


def _resolve(field: dict, defs: dict) -> dict:
    if "$ref" in field:
        return defs[field["$ref"].rsplit("/", 1)[1]]
    return field
