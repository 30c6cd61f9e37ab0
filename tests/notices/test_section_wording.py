"""What the "who we share with" and "where we get it" sections say, as the public reads them."""

import pytest

from notices.compare import html_to_text
from notices.document import build_document
from notices.rendering import render_document_html
from services.models import Purpose, Recipient
from tests.factories import NoticeFactory, PurposeFactory, RecipientFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _text(notice) -> str:
    return " ".join(html_to_text(render_document_html(build_document(notice))).split())


def test_it_says_what_is_shared_with_each_recipient_and_processor():
    notice = NoticeFactory()
    notice.recipients.add(
        RecipientFactory(name="Borsetshire Police", why_shared="to keep young carers safe",
                         what_is_shared="name, address and risk assessment"),
        RecipientFactory(name="CloudCase Ltd", role=Recipient.Role.PROCESSOR, why_shared="hosts our case records",
                         what_is_shared="case records"),
    )
    text = _text(notice)
    assert "Borsetshire Police: to keep young carers safe (what we share: name, address and risk assessment)" in text
    assert "CloudCase Ltd: hosts our case records (what we share: case records)" in text


@pytest.mark.parametrize(
    ("collected_from", "with_source", "says", "never_says"),
    [
        ("person", False, "We get most of this information from you.", "does not say which"),
        ("both", False, "some from other people and organisations",
         "We get most of this information from you."),
        ("both", True, "We may also get information about you from: Schools", "does not say which"),
        ("elsewhere", False, "does not say which people or organisations", "from you"),
        ("elsewhere", True, "We may get information about you from: Schools", "from you"),
    ],
)
def test_it_says_where_information_comes_from_as_the_purposes_record_it(collected_from, with_source, says,
                                                                       never_says):
    notice = NoticeFactory(purposes=[PurposeFactory(collected_from=getattr(Purpose.CollectedFrom,
                                                                            collected_from.upper()))])
    if with_source:
        notice.sources.add(SourceFactory(name="Schools", description=""))
    text = _text(notice)
    assert says in text
    assert never_says not in text
