"""`{{ doc|first_layer }}`: the first layer of a notice document, for the partials that render the document."""

from django import template

from ..layer import first_layer as layer_of

register = template.Library()


@register.filter
def first_layer(document: dict) -> list[dict]:
    return layer_of(document)
