"""Where a recipient holds the information is recorded as a fact: in the UK, outside it, or not known yet."""

import pytest
from django.core.exceptions import ValidationError

from services.models import Recipient
from tests.factories import default_organisation

pytestmark = pytest.mark.django_db


def _recipient(**fields) -> Recipient:
    return Recipient(organisation=default_organisation(), name="Redfern", **fields)


def test_it_is_not_known_yet_until_someone_records_it():
    assert _recipient().location == Recipient.Location.UNKNOWN


def test_it_asks_for_the_country_of_a_recipient_outside_the_uk():
    with pytest.raises(ValidationError) as error:
        _recipient(location=Recipient.Location.ABROAD, safeguard="idta").full_clean()
    assert error.value.message_dict["transfer_country"] == [
        "Enter the country outside the UK where the recipient holds the information."]


@pytest.mark.parametrize("location", [Recipient.Location.IN_UK, Recipient.Location.UNKNOWN])
def test_it_refuses_a_country_for_a_recipient_not_recorded_as_abroad(location):
    with pytest.raises(ValidationError) as error:
        _recipient(location=location, transfer_country="United States", safeguard="idta").full_clean()
    assert "You named a country (United States): choose “Outside the UK”" in error.value.message_dict["location"][0]


def test_it_accepts_a_transfer_with_its_country_and_safeguard():
    recipient = _recipient(location=Recipient.Location.ABROAD, transfer_country="United States", safeguard="idta")
    recipient.full_clean()
    assert recipient.transfers_abroad
