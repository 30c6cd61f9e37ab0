"""`{{ section.categories|from_others_by_source }}`: the categories a notice gets from others, grouped by the sources
they come from, so a list of sources that several categories share is said once above them rather than after each."""

from django import template

register = template.Library()


@register.filter
def from_others_by_source(categories: list[dict]) -> list[dict]:
    """[{from_whom, categories}] for the categories obtained from others (or from both), in the document's order
    of first appearance; categories whose sources are not named form a group with an empty `from_whom`."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for category in categories:
        if category.get("obtained_from") in ("others", "both"):  # documents frozen before sources have neither key
            groups.setdefault(tuple(category.get("from_whom", ())), []).append(category)
    return [{"from_whom": list(sources), "categories": found} for sources, found in groups.items()]
