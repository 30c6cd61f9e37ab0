"""All the rules over one text, in the order the triage screen shows them."""

from ..sections import Section
from . import Proposed, Source, lexicon, organisations, parties
from .bases import bases
from .legislation import legislation
from .retention import retention


def propose(sections: list[Section]) -> list[Proposed]:
    source = Source(sections)
    found_recipients = parties.recipients(source)
    return [
        *organisations.organisations(source),
        *organisations.dpo(source),
        *lexicon.data_categories(source),
        *lexicon.subject_groups(source),
        *lexicon.purposes(source),
        *bases(source),
        *legislation(source),
        *found_recipients,
        *parties.transfers(found_recipients),
        *parties.sources(source),
        *retention(source),
        *lexicon.rights(source),
    ]
