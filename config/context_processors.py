from django.conf import settings


def portal(request):
    """The deployment's name for the page header and titles; every page shows it."""
    return {"PORTAL_NAME": settings.PORTAL_NAME}
