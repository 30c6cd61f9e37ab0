"""/healthz: whether this web process can serve, for the container healthcheck and a load balancer."""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
PROBE_NAME = "healthz/probe.txt"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _storage() -> None:
    # Written, read back and removed: publishing needs to store PDFs, not merely see the volume or bucket.
    name = default_storage.save(PROBE_NAME, ContentFile(b"ok"))
    try:
        with default_storage.open(name) as probe:
            probe.read()
    finally:
        default_storage.delete(name)


@never_cache
@require_safe
def healthz(request):
    """Public: anyone may ask. 200 "ok" or 503 "unavailable"; what failed goes to the log, not the caller."""
    for name, check in (("database", _database), ("storage", _storage)):
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s unreachable", name)
            return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
