"""Public: the open, read-only API (/api/v1/) and its documentation (/api/). Every response is stored as
frozen bytes like the public pages (strong ETag, 304, Cache-Control, no session) and open to every origin."""

from django.views.decorators.http import require_safe

from .. import frozen
from ..api import resources
from ..api.cors import open_to_every_origin
from ..api.schema import SCHEMA_PATH, document_schema, documentation
from .public import public_state, version_document


@require_safe
def docs(request):
    """Public: what the API offers and every field of the document, from the published schema."""

    def make():
        context = {"schema_path": SCHEMA_PATH, "documentation": documentation()}
        return frozen.render_page("notices/api.html", context)

    return frozen.serve(request, changes=True, make=make)


@open_to_every_origin
@require_safe
def schema(request):
    """Public: the JSON Schema of a version's document (the address names its version: v1)."""
    return frozen.serve(request, changes=True, make=lambda: frozen.render_json(document_schema()))


@open_to_every_origin
@require_safe
def index(request):
    """Public: every organisation and every notice the public has seen a version of."""
    return frozen.serve(request, changes=True, make=lambda: frozen.render_json(resources.index()))


@open_to_every_origin
@require_safe
def notice(request, slug):
    """Public: one notice, its versions and the document of the version in force."""
    return frozen.serve(request, changes=True, make=lambda: frozen.render_json(resources.notice(public_state(slug))))


@open_to_every_origin
@require_safe
def version(request, slug, number):
    """Public: one version's document, the same bytes forever."""
    return frozen.serve(request, changes=False, make=lambda: version_document(slug, number))
