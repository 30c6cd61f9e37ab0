from .current import current_organisation
from .permissions import organisations_for


def workspace(request):
    """In the workspace: the organisation the user is working in and those they can switch to."""
    if not request.path.startswith("/manage/") or not request.user.is_authenticated:
        return {}
    organisation = current_organisation(request)
    if organisation is None:
        return {}
    return {"current_organisation": organisation,
            "workspace_organisations": list(organisations_for(request.user).order_by("name"))}
