"""The record of processing's derived columns: what the register says about a purpose through the controller
and the notices that use it (a purpose has no recipients or retention of its own; a notice pairs them).

Each function takes a purpose fetched by ropa.selectors.ropa_purposes (its notices and their records
prefetched) and returns the cell's text: only what a record states, blank when none does.
"""

from notices.rights import rights_for

LINE = "\n"


def _notices(purpose) -> list:
    return list(purpose.notices.all())


def _unique(values) -> str:
    """Distinct non-blank values in first-seen order, one per line."""
    return LINE.join(dict.fromkeys(v for v in values if v))


def nothing(purpose) -> str:
    return ""


def business_function(purpose) -> str:
    return _unique(service.name for notice in _notices(purpose) for service in notice.services.all())


def _contact(controller) -> str:
    parts = [controller.name, controller.registered_office.replace(LINE, ", ").strip(), controller.website]
    if controller.ico_registration_number:
        parts.append(f"ICO registration {controller.ico_registration_number}")
    return "; ".join(part for part in parts if part)


def controllers(purpose) -> str:
    return _unique(_contact(notice.controller) for notice in _notices(purpose))


def joint_controllers(purpose) -> str:
    return _unique(
        _contact(party.body)
        for notice in _notices(purpose) for service in notice.services.all() for party in service.parties.all()
        if party.role == party.Role.JOINT
    )


def dpos(purpose) -> str:
    def dpo(controller) -> str:
        details = [controller.dpo_name, controller.dpo_email, controller.dpo_phone,
                   controller.dpo_address.replace(LINE, ", ").strip()]
        named = "; ".join(part for part in details if part)
        return f"{controller.name}: {named}" if named else ""

    return _unique(dpo(notice.controller) for notice in _notices(purpose))


def _recipients(purpose) -> list:
    return [recipient for notice in _notices(purpose) for recipient in notice.recipients.all()]


def recipients(purpose) -> str:
    return _unique(f"{r.name} ({r.get_role_display().split(' (')[0].lower()})" for r in _recipients(purpose))


def countries(purpose) -> str:
    return _unique(r.transfer_country.strip() for r in _recipients(purpose) if r.transfers_abroad)


def safeguards(purpose) -> str:
    def safeguard(recipient) -> str:
        said = [recipient.get_safeguard_display() if recipient.safeguard else "", recipient.safeguard_detail.strip()]
        return f"{recipient.name}: {' – '.join(part for part in said if part)}"

    return _unique(safeguard(r) for r in _recipients(purpose) if r.transfers_abroad and r.safeguard)


def retention(purpose) -> str:
    return _unique(rule.sentence for notice in _notices(purpose) for rule in notice.retention_rules.all())


def rights(purpose) -> str:
    def basis(value):
        return {"code": value.code} if value is not None else None

    described = {"name": purpose.name, "art6": basis(purpose.art6_basis), "art9": basis(purpose.art9_condition),
                 "automated_decisions": purpose.automated_decisions}
    return LINE.join(
        f"{right['title']} ({right['condition']})" if right["condition"] else right["title"]
        for right in rights_for([described])
    )


def sources(purpose) -> str:
    return _unique(source.name for category in purpose.data_categories.all() for source in category.sources.all())
