"""Existing records of the organisation that say what a proposal says, found before anything new is proposed:
accepting a matched proposal uses the record the register already has."""

from django.db import models

from retention.models import RetentionRule
from services.models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    LawfulBasis,
    Purpose,
    Recipient,
    Source,
)

from .rules import Proposed, similar

# Record type → the register's model for it. Legislation is matched to the catalogue as it is read.
MODELS: dict[str, type[models.Model]] = {
    "controller": Controller,
    "data_category": DataCategory,
    "subject_group": DataSubjectGroup,
    "purpose": Purpose,
    "recipient": Recipient,
    "source": Source,
    "retention_rule": RetentionRule,
}


def _names(record) -> list[str]:
    names = [getattr(record, record.NAME_FIELD)]
    if isinstance(record, Controller) and record.other_names:
        names += [name.strip() for name in record.other_names.split(",")]
    return names


def matched(proposals: list[Proposed], *, organisation) -> list[Proposed]:
    """Each proposal with `matched` set to the organisation's record saying the same, if it has one."""
    existing = {
        record_type: list(model.objects.filter(organisation=organisation, retired=False))
        for record_type, model in MODELS.items()
    }
    bases = {basis.code: basis for basis in LawfulBasis.objects.all()}
    for proposal in proposals:
        if proposal.record_type == "lawful_basis":
            proposal.matched = bases.get(proposal.values["code"])
        elif proposal.record_type == "dpo":
            email = proposal.values["dpo_email"].lower()
            proposal.matched = next((c for c in existing["controller"] if c.dpo_email.lower() == email and email),
                                    None)
        elif proposal.record_type in existing:
            name = proposal.values.get("name") or proposal.values.get("record_type") or ""
            proposal.matched = next(
                (record for record in existing[proposal.record_type]
                 if any(similar(name, candidate, threshold=0.8) for candidate in _names(record))), None)
    return proposals
