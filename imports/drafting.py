"""From decided proposals to register records and a draft notice. Each record is written by the register's own
action (services.actions.record_create: history, locking, organisation checks); the notice and its free-text
sections by the notices' actions. A proposal matched to an existing record uses that record."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from retention.models import RetentionRule
from services import actions as register
from services.models import Controller, DataCategory, DataSubjectGroup, Purpose, Recipient, Source

# Record type → (model, the proposal values it takes). DPO contact details go on the controller; lawful
# bases, legislation, rights and transfers are read by the officer into the purposes and recipients they
# concern (a notice listing bases "for everything" does not say which purpose rests on which).
MAKES = {
    "controller": (Controller, ("name", "other_names", "company_number", "registered_office",
                                "ico_registration_number")),
    "data_category": (DataCategory, ("name", "kind")),
    "subject_group": (DataSubjectGroup, ("name",)),
    "source": (Source, ("name", "kind")),
    "purpose": (Purpose, ("name", "description")),
    "recipient": (Recipient, ("name", "kind", "role", "why_shared", "location", "transfer_country", "safeguard",
                              "safeguard_detail")),
    "retention_rule": (RetentionRule, ("record_type", "period_kind", "period_number", "period_unit", "trigger",
                                       "until_event", "authority", "action")),
}
# Notice relation for each record type.
RELATION = {"data_category": "data_categories", "subject_group": "subject_groups", "source": "sources",
            "purpose": "purposes", "recipient": "recipients", "retention_rule": "retention_rules"}
DPO_FIELDS = ("dpo_name", "dpo_email", "dpo_phone", "dpo_address")


def _fields(model, names, values: dict) -> dict:
    fields = {}
    for name in names:
        value = values.get(name)
        if value in (None, ""):
            continue
        field = model._meta.get_field(name)
        fields[name] = field.to_python(value)
        if getattr(field, "max_length", None) and isinstance(fields[name], str):
            fields[name] = fields[name][:field.max_length]
    if model is Controller:
        fields["slug"] = slugify(fields["name"])[:80]
    if model is Recipient and fields.get("location") == "abroad" and not fields.get("safeguard_detail"):
        fields["safeguard_detail"] = "The notice does not say what protects the information abroad."
    return fields


def _existing(proposal, model):
    if proposal.matched_id and proposal.matched_model == model._meta.label_lower:
        return model.objects.filter(pk=proposal.matched_id, organisation=proposal.notice_import.organisation).first()
    return None


def make_record(*, actor, proposal, extra: dict | None = None):
    """The record a decided proposal stands for: the matched one, else a new one. ValidationError says why the
    proposed values cannot make a record (a fixed period with nothing to count from)."""
    model, names = MAKES[proposal.record_type]
    found = _existing(proposal, model)
    if found is not None:
        return found, False
    organisation = proposal.notice_import.organisation
    fields = {**_fields(model, names, proposal.values), **(extra or {})}
    name_field = model.NAME_FIELD
    same = model.objects.filter(organisation=organisation, **{name_field: fields.get(name_field)}).first()
    if same is not None:
        return same, False
    reason = f"Imported from “{proposal.notice_import}” (import #{proposal.notice_import.pk})"
    return register.record_create(actor=actor, model=model, fields=fields, organisation=organisation,
                                  reason=reason), True


def dpo_fields(proposals) -> dict:
    chosen = next((p for p in proposals if p.record_type == "dpo"), None)
    return {name: chosen.values.get(name, "") for name in DPO_FIELDS if chosen and chosen.values.get(name)}


def records_for(*, actor, proposals) -> tuple[Controller | None, dict[str, list], list[str], set[int]]:
    """Make (or find) the records of the decided proposals. Returns the controller, the notice's relations, what
    could not be made and why, and the paragraphs the records came from."""
    controller, relations, refused, used = None, {}, [], set()
    dpo = dpo_fields(proposals)
    for proposal in proposals:
        if proposal.record_type not in MAKES:
            if proposal.record_type != "right":
                used.update(span["paragraph"] for span in proposal.spans)
            continue
        extra = dpo if proposal.record_type == "controller" and controller is None else None
        try:
            record, _ = make_record(actor=actor, proposal=proposal, extra=extra)
        except ValidationError as error:
            refused.append(f"{proposal.label}: {' '.join(error.messages)}")
            continue
        used.update(span["paragraph"] for span in proposal.spans)
        if proposal.record_type == "controller":
            controller = controller or record
        else:
            relations.setdefault(RELATION[proposal.record_type], []).append(record)
    return controller, relations, refused, used
