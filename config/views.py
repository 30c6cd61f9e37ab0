"""The portal's own error handlers (Django's defaults otherwise)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# Long enough for a database restart or failover; browsers and monitors read it.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: the database being unreachable (or dropping the connection) is a 503 the reader can
    retry, not a fault in the portal; everything else is Django's 500. Like 500.html, 503.html renders
    with an empty context, so it needs nothing from the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)
