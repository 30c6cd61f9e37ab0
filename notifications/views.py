"""Notifications in the staff workspace (/manage/): the messages sent about the current organisation's notices,
and each person's own e-mail settings."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.current import current_organisation
from accounts.decorators import staff_required

from . import actions, selectors
from .forms import PreferencesForm
from .models import Kind

PAGE_SIZE = 50


@staff_required("view")
@require_GET
def message_list(request):
    """IG officer, DPO: every message about the current organisation's notices, newest first, and whether
    it was sent."""
    organisation = current_organisation(request)
    if organisation is None:
        return redirect("manage:organisations")
    page = Paginator(selectors.messages_for(organisation=organisation), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/messages.html", {"organisation": organisation, "page": page})


def _preferences_form(preference, data=None) -> PreferencesForm:
    on = [kind for kind in Kind.values if kind not in preference.kinds_off]
    return PreferencesForm(data, initial={"kinds_on": on, "lock_version": preference.lock_version})


@staff_required("view")
def preferences(request):
    """IG officer, DPO: choose which kinds of e-mail to be sent. Saved from a page opened before another save,
    it is refused (409) and shows the choices as they now are."""
    form = _preferences_form(selectors.preference_for(user=request.user), request.POST or None)
    conflict, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.preference_update(actor=request.user, kinds_off=form.kinds_off(),
                                      lock_version=form.cleaned_data["lock_version"])
        except actions.PreferenceConflict as error:
            conflict, status = str(error), 409
            form = _preferences_form(selectors.preference_for(user=request.user))
        else:
            messages.success(request, "Your e-mail settings are saved.")
            return redirect("manage:notification_preferences")
    return render(request, "notifications/preferences.html", {"form": form, "conflict": conflict}, status=status)
