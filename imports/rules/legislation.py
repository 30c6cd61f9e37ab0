"""Legislation the notice cites, matched against the legislation catalogue by the citation checker's own
matcher (notices.compliance.citations), so the import and the checks agree on what a title names."""

from notices.compliance.citations import Catalogue
from services.models import Legislation

from . import Proposed, Source, Span

# The data protection law itself frames every notice; it is not the law that gives a task (what the register's
# legislation records), so it is not proposed.
FRAMEWORK = {"data protection act", "general data protection regulation"}


def legislation(source: Source) -> list[Proposed]:
    catalogue = Catalogue(list(Legislation.objects.filter(in_catalogue=True)))
    found: dict[int, Proposed] = {}
    for _, span in source.sentences():
        for citation in catalogue.citations(span.text):
            if citation.name in FRAMEWORK:
                continue
            entry = citation.entry or (citation.entries[0] if len(citation.entries) == 1 else None)
            if entry is None:
                continue
            where = Span(span.paragraph, span.start + citation.start, span.start + citation.end, citation.text)
            proposal = found.setdefault(entry.pk, Proposed(
                "legislation", {"title": entry.title, "year": entry.year, "cited_as": citation.text}, [], 0.9))
            proposal.matched = entry
            if citation.year is None:
                proposal.confidence = 0.7  # named without its year: the catalogue's one Act of that name
            proposal.spans.append(where)
    return list(found.values())
