"""The record of processing's derived columns say only what the register records about a purpose, through the
controller and the notices that use it; a purpose no notice uses has them blank."""

import pytest

from ropa.selectors import sheet_rows
from ropa.sheets import ROPA_SHEET, sheets
from tests.factories import (
    ControllerFactory,
    NoticeFactory,
    PurposeFactory,
    RecipientFactory,
    RetentionRuleFactory,
    ServiceFactory,
    basis,
    default_organisation,
)

pytestmark = pytest.mark.django_db


def _rows() -> dict[str, dict[str, str]]:
    sheet = sheets()[0]
    assert sheet.title == ROPA_SHEET
    headers = [c.header for c in sheet.columns]
    rows = sheet_rows(sheet=sheet, organisation=default_organisation())
    rows = [dict(zip(headers, row, strict=True)) for row in rows]
    return {row["Purpose of processing"]: row for row in rows}


def test_it_fills_the_ico_columns_from_the_notices_that_use_a_purpose():
    controller = ControllerFactory(name="Borsetshire County Council", website="https://borsetshire.example",
                                   ico_registration_number="Z1234567", dpo_phone="")
    fostering = PurposeFactory(name="Approving foster carers", art6_basis=basis("art6_1_e"))
    PurposeFactory(name="Unused purpose")
    cloud = RecipientFactory(name="Carefile Cloud Ltd", role="processor", transfer_country="United States",
                             safeguard="idta")
    rule = RetentionRuleFactory(record_type="Foster carer records", period_number=75, trigger="the approval")
    notice = NoticeFactory(controller=controller, purposes=[fostering], retention_rules=[rule])
    notice.recipients.set([cloud, RecipientFactory(name="Ofsted")])
    notice.services.set([ServiceFactory(name="Fostering", controller=controller)])

    row = _rows()["Approving foster carers"]

    assert row["Business function"] == "Fostering"
    assert row["Name and contact details of controller"] == ("Borsetshire County Council; County Hall, Borchester, "
                                                             "BO1 1AA; https://borsetshire.example; ICO registration "
                                                             "Z1234567")
    assert row["Name and contact details of data protection officer"] == (
        "Borsetshire County Council: Dana Protector; dpo@borsetshire.example; County Hall, Borchester, BO1 1AA")
    assert row["Categories of recipients"] == "Carefile Cloud Ltd (processor)\nOfsted (controller)"
    assert row["Names of third countries or international organisations that personal data are transferred to"] == (
        "United States")
    assert row["Safeguards for exceptional transfers of personal data to third countries or international "
               "organisations"] == "Carefile Cloud Ltd: International Data Transfer Agreement (IDTA)"
    assert row["Retention schedule"] == ("Foster carer records: kept for 75 years from the approval, then destroyed.")
    assert row["Article 6 lawful basis for processing personal data"].startswith("UK GDPR Art 6(1)(e)")
    assert "The right to object" in row["Rights available to individuals"]
    assert "The right to withdraw your consent" not in row["Rights available to individuals"]
    assert row["Name and contact details of representative"] == ""


def test_it_leaves_the_derived_columns_of_a_purpose_no_notice_uses_blank():
    PurposeFactory(name="Unused purpose")

    row = _rows()["Unused purpose"]

    always = "Rights available to individuals"  # some rights hold whatever the basis
    derived = [c.header for c in sheets()[0].columns if not c.imported and c.header != always]
    assert {row[header] for header in derived} == {""}
