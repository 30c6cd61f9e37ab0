"""Staff sign-in: password, then a second factor; the audit trail for the DPO.

Each view's docstring says who may use it; tests/security/test_access_matrix.py proves the rest are
refused.
"""

import csv
import itertools
import json
from functools import wraps

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from .actions import (
    OrganisationConflict,
    SecondFactorRefused,
    membership_end,
    membership_set,
    organisation_create,
    organisation_embedding_set,
    second_factor_enrol,
    second_factor_verify,
    secret_base32,
)
from .current import current_organisation, current_organisation_set
from .decorators import second_factor_redirect, staff_refusal, staff_required
from .forms import (
    AuditFilterForm,
    EmbeddingForm,
    EnrolForm,
    MembershipForm,
    OrganisationForm,
    SecondFactorForm,
    SignInForm,
    SwitchOrganisationForm,
)
from .models import Membership, Organisation
from .network import client_ip
from .permissions import organisations_for
from .selectors import audit_action_choices, audit_events_list, audit_person_choices, memberships_list

PENDING_KEY_SESSION = "portal_pending_totp_key"
AUDIT_PAGE_SIZE = 50


def _next_url(request) -> str:
    """Where to go once signed in: ?next= if it is a path on this site, else the staff workspace."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # A path, not just any relative address: redirect() would take "foo" for the name of a view and fail.
    # Printable only: a NUL or other control character in a Location header is refused by web servers.
    if candidate.startswith("/") and candidate.isprintable() and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _mark_verified(request, device) -> None:
    # A new session key when the session gains the second factor, as at password sign-in.
    request.session.cycle_key()
    django_otp.login(request, device)


class SignInView(LoginView):
    """Anyone: the password step. Success leads to the second-factor step, never straight to a staff page.
    Repeated failures lock out the username from that address (django-axes: accounts/locked_out.html)."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm

    def get_success_url(self):
        return second_factor_redirect(self.request, super().get_success_url()).url


class SignOutView(LogoutView):
    """Anyone, by POST only (a link or image cannot sign someone out)."""


def locked_out(request, original_response=None, credentials=None):
    """Shown by django-axes in reply to a sign-in attempt from a locked-out username and address."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


@login_required
def two_factor_verify(request):
    """Anyone signed in with their password: give the second factor (app code or recovery code)."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if not user_has_device(request.user):
        return second_factor_redirect(request, next_url)
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device = second_factor_verify(
                actor=request.user, token=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except SecondFactorRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            _mark_verified(request, device)
            return redirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


def _qr_svg_data_uri(uri: str) -> str:
    # Drawn here as an SVG inside the page (a data: URI, which the CSP allows for images): the secret
    # never leaves the server for a QR-code service, and no markup is marked safe.
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4, light="#fff")


@login_required
def two_factor_setup(request):
    """Anyone signed in with their password and no second factor yet (first set-up); someone who has one
    only from a session already verified with it, or a stolen password could swap in the thief's phone."""
    next_url = _next_url(request)
    if user_has_device(request.user) and not request.user.is_verified():
        return second_factor_redirect(request, request.get_full_path())
    key_hex = request.session.setdefault(PENDING_KEY_SESSION, default_key())
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device, codes = second_factor_enrol(
                actor=request.user, key_hex=key_hex, token=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except SecondFactorRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            del request.session[PENDING_KEY_SESSION]
            _mark_verified(request, device)
            # Rendered in reply to the POST, not stored: the codes are shown this once.
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
    secret = secret_base32(key_hex)
    context = {
        "form": form,
        "next": next_url,
        "qr_data_uri": _qr_svg_data_uri(TOTPDevice(user=request.user, key=key_hex).config_url),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _audit_filter_form(request) -> AuditFilterForm:
    user = request.user
    return AuditFilterForm(
        request.GET or None, organisations=organisations_for(user, "audit.view"),
        action_choices=audit_action_choices(user=user), person_choices=audit_person_choices(user=user),
    )


@staff_required("audit.view")
@require_GET
def audit_list(request):
    """DPOs (and superusers) only: the audit trail of the organisations they are DPO of, newest first,
    filtered by organisation, person, action and date."""
    form = _audit_filter_form(request)
    events = audit_events_list(user=request.user, **form.filters())
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    # The filters as a query string, carried by the page links and the CSV download.
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit_list.html", {"form": form, "page": page, "query": query.urlencode()})


# The CSV's columns: heading → how to read it from an event.
AUDIT_CSV_COLUMNS = {
    "when": lambda event: event.occurred_at.isoformat(),
    "who": lambda event: event.actor_username,
    "organisation": lambda event: event.organisation.name if event.organisation else "",
    "action": lambda event: event.action,
    "action_label": lambda event: event.action_label,
    "object": lambda event: event.object_repr,
    "fields": lambda event: " ".join(event.detail.get("fields", [])),
    "reason": lambda event: event.detail.get("reason", ""),
    "detail": lambda event: json.dumps(event.detail, ensure_ascii=False, sort_keys=True, cls=DjangoJSONEncoder),
    "ip_address": lambda event: event.ip_address or "",
}


def _spreadsheet_safe(value: str) -> str:
    # A cell starting with = + - @ (or a tab or carriage return) is run as a formula by spreadsheet
    # programs; the trail holds text people typed, so such a cell is kept as text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class _Echo:
    def write(self, value):
        return value


@staff_required("audit.view")
@require_GET
def audit_csv(request):
    """DPOs (and superusers) only: the audit trail as filtered, as a CSV file, streamed."""
    events = audit_events_list(user=request.user, **_audit_filter_form(request).filters())
    writer = csv.writer(_Echo())
    rows = (
        [_spreadsheet_safe(str(read(event))) for read in AUDIT_CSV_COLUMNS.values()] for event in events.iterator()
    )
    lines = itertools.chain([writer.writerow(AUDIT_CSV_COLUMNS)], (writer.writerow(row) for row in rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{timezone.localdate().isoformat()}.csv"'
    return response


def _superuser(user) -> bool:
    return user.is_superuser


@require_POST
@staff_required("view")
def organisation_switch(request):
    """IG officer or DPO in more than one organisation: choose the one /manage/ shows and new records go
    into (POST). Only an organisation the user is in can be chosen."""
    form = SwitchOrganisationForm(request.POST, organisations=organisations_for(request.user))
    if not form.is_valid():
        raise Http404("Not one of your organisations")
    current_organisation_set(request, form.cleaned_data["organisation"])
    messages.success(request, f"You are now working in {form.cleaned_data['organisation']}.")
    return redirect("manage:dashboard")


@staff_required("organisation.embedding")
def organisation_embedding(request):
    """IG officer or DPO: the web addresses of their organisation's own sites, where its notices may be
    embedded (each notice's page in /manage/ gives the snippet to paste)."""
    organisation = current_organisation(request)
    if organisation is None:
        raise Http404("You are in no organisation")
    initial = {"web_addresses": "\n".join(organisation.embed_origins), "lock_version": organisation.lock_version}
    form = EmbeddingForm(request.POST or None, initial=initial)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            organisation_embedding_set(actor=request.user, organisation=organisation,
                                       origins=form.cleaned_data["web_addresses"],
                                       lock_version=form.cleaned_data["lock_version"])
        except OrganisationConflict as error:
            # The editor's text stays in the form, beside what is saved now; saving again is a deliberate choice.
            conflict = str(error)
            organisation.refresh_from_db()
            form.data = form.data.copy()
            form.data["lock_version"] = organisation.lock_version
        else:
            messages.success(request, f"Saved the websites that can embed {organisation}'s notices.")
            return redirect("manage:embedding")
    saved_now = "Saved now: " + (", ".join(organisation.embed_origins) or "none") + "."
    context = {"organisation": organisation, "form": form, "conflict": conflict, "saved_now": saved_now}
    return render(request, "accounts/embedding.html", context)


def _superuser_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        refusal = staff_refusal(request, allowed=_superuser)
        return refusal if refusal is not None else view(request, *args, **kwargs)

    wrapper.staff_action = "superuser"
    return wrapper


@_superuser_required
def organisation_list(request):
    """Portal administrators (superusers) only: every organisation, and a form to add one."""
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_create(actor=request.user, **form.cleaned_data)
        messages.success(request, f"Added {organisation}. Now add its staff.")
        return redirect("manage:organisation", slug=organisation.slug)
    organisations = Organisation.objects.annotate(members=Count("memberships")).order_by("name")
    return render(request, "accounts/organisations.html", {"form": form, "organisations": organisations})


@_superuser_required
def organisation_detail(request, slug):
    """Portal administrators (superusers) only: an organisation's staff and their roles, with a form to add
    someone or change their role."""
    organisation = get_object_or_404(Organisation, slug=slug)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = membership_set(actor=request.user, organisation=organisation, **form.cleaned_data)
        messages.success(request, f"{membership.user} is now {membership.get_role_display()} of {organisation}.")
        return redirect("manage:organisation", slug=slug)
    context = {"organisation": organisation, "form": form, "memberships": memberships_list(organisation=organisation)}
    return render(request, "accounts/organisation.html", context)


@require_POST
@_superuser_required
def membership_remove(request, slug, pk):
    """Portal administrators (superusers) only: take someone out of an organisation (POST)."""
    membership = get_object_or_404(Membership, pk=pk, organisation__slug=slug)
    membership_end(actor=request.user, membership=membership)
    messages.success(request, f"{membership.user} is no longer a member of {membership.organisation}.")
    return redirect("manage:organisation", slug=slug)
