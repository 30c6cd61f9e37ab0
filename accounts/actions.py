"""Writes for staff accounts: the audit trail and the second factor.

Every function here is keyword-only and records what it did in the audit trail.
"""

import time
from base64 import b32encode
from binascii import unhexlify

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditEvent, Membership, Organisation
from .origins import normalise_origins
from .permissions import can

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
DEMO_AUTHENTICATOR_NAME = "Demo authenticator"


class SecondFactorRefused(Exception):
    """The code given for the second factor was not accepted; the message says why, for the user."""


def _clean(value):
    # PostgreSQL refuses NUL in text and JSON; the trail keeps a visible marker instead of failing.
    if isinstance(value, str):
        return value.replace("\x00", "\\x00")
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


@transaction.atomic
def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    target: models.Model | str | None = None,
    detail: dict | None = None,
    ip_address: str | None = None,
    actor_username: str = "",
    organisation=None,
) -> AuditEvent:
    """Append one event to the audit trail and return it.

    `actor` is the signed-in user (None or anonymous when nobody is); `actor_username` records a name
    with no user behind it, e.g. one typed into a failed sign-in. `target` is the object acted on; its
    text is kept as it reads now, so the trail still makes sense after it changes or is retired.
    `organisation` is the organisation whose notice or register it concerns: its DPOs read the event.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        actor_username=_clean(user.get_username() if user else actor_username)[:150],
        action=action,
        object_repr=_clean("" if target is None else str(target))[:200],
        detail=_clean(detail or {}),
        ip_address=ip_address,
        organisation=organisation,
    )


def _totp_for_key(key_hex: str) -> TOTP:
    totp = TOTP(unhexlify(key_hex.encode()), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    return totp


def secret_base32(key_hex: str) -> str:
    """The secret as an authenticator app asks for it when typed in by hand."""
    return b32encode(unhexlify(key_hex.encode())).decode("ascii")


def _recovery_codes_issue(*, user, name: str) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=name, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_enrol(
    *, actor: AbstractBaseUser, key_hex: str, token: str, ip_address: str | None = None
) -> tuple[TOTPDevice, list[str]]:
    """Set up `actor`'s authenticator app from the secret they were shown, once they prove it works.

    `token` must be the app's current code for `key_hex`. Replaces any authenticator and recovery codes
    the user had, and returns the new device and the new one-time recovery codes (shown once, stored
    only as device tokens).
    """
    totp = _totp_for_key(key_hex)
    if not (token.isdigit() and totp.verify(int(token), tolerance=1)):
        raise SecondFactorRefused("That code does not match. Check the time on your phone and enter the newest code.")
    TOTPDevice.objects.filter(user=actor).delete()
    # last_t: the code just used to confirm cannot be used again to sign in.
    device = TOTPDevice.objects.create(
        user=actor, name=AUTHENTICATOR_NAME, key=key_hex, confirmed=True, last_t=totp.t()
    )
    codes = _recovery_codes_issue(user=actor, name=RECOVERY_CODES_NAME)
    audit_record(actor=actor, action=AuditEvent.Action.TWO_FACTOR_ENROLLED, target=actor, ip_address=ip_address)
    return device, codes


def _looks_like_app_code(token: str) -> bool:
    return len(token) == 6 and token.isdigit()


def _refusal_if_throttled(device) -> SecondFactorRefused | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    wait = max(1, round((data["locked_until"] - timezone.now()).total_seconds()))
    return SecondFactorRefused(f"Too many wrong codes. Wait {wait} seconds, then try again.")


# Not one transaction: a refused code must still leave its trace (the throttling count on the device
# and the audit event) when the refusal is raised to the caller.
def second_factor_verify(*, actor: AbstractBaseUser, token: str, ip_address: str | None = None):
    """Check a second-factor code for `actor`: six digits from their authenticator app, or one of their
    recovery codes (which is then used up). Returns the device that accepted it.

    Wrong codes slow further tries down (django-otp's throttling, doubling each time) and are audited.
    """
    token = token.replace(" ", "").replace("-", "").lower()
    model = TOTPDevice if _looks_like_app_code(token) else StaticDevice
    devices = list(model.objects.devices_for_user(actor, confirmed=True))
    for device in devices:
        refusal = _refusal_if_throttled(device)
        if refusal is not None:
            raise refusal
        if verify_token(actor, device.persistent_id, token) is not None:
            recovery = model is StaticDevice
            action = AuditEvent.Action.RECOVERY_CODE_USED if recovery else AuditEvent.Action.TWO_FACTOR_VERIFIED
            detail = {"recovery_codes_left": device.token_set.count()} if recovery else {}
            audit_record(actor=actor, action=action, target=actor, detail=detail, ip_address=ip_address)
            return device
    audit_record(actor=actor, action=AuditEvent.Action.TWO_FACTOR_FAILED, target=actor, ip_address=ip_address)
    raise SecondFactorRefused("That code is not right or has already been used. Enter the newest code from your app.")


@transaction.atomic
def demo_second_factor_ensure(*, user: AbstractBaseUser) -> dict:
    """Give a demo user a confirmed authenticator and recovery codes, and return what signing in needs.

    Idempotent: a second call returns the same secret and the recovery codes still unused (ten new
    ones once all have been used). For `load_demo` only; this is not a way round the second factor,
    just a known secret for a demo account.
    """
    device = TOTPDevice.objects.filter(user=user, name=DEMO_AUTHENTICATOR_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEMO_AUTHENTICATOR_NAME, confirmed=True)
        audit_record(actor=None, action=AuditEvent.Action.TWO_FACTOR_ENROLLED, target=user, detail={"demo": True})
    elif not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    unused = StaticToken.objects.filter(device__user=user, device__confirmed=True).order_by("pk")
    codes = list(unused.values_list("token", flat=True))
    if not codes:
        codes = _recovery_codes_issue(user=user, name=RECOVERY_CODES_NAME)
    return {"secret_base32": secret_base32(device.key), "otpauth_uri": device.config_url, "recovery_codes": codes}


class OrganisationError(Exception):
    """An organisation or membership change that cannot be made; the message says why, for the user."""


class OrganisationConflict(Exception):
    """The organisation was changed since the editor loaded it; the message says so, for the user."""


def _require_superuser(actor) -> None:
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied("Only portal administrators can manage organisations and their staff.")


@transaction.atomic
def organisation_create(*, actor: AbstractBaseUser, name: str, slug: str) -> Organisation:
    """Add an organisation (portal administrators only). Its register starts empty."""
    _require_superuser(actor)
    organisation = Organisation(name=name.strip(), slug=slug)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action="organisation_created", target=organisation, organisation=organisation)
    return organisation


@transaction.atomic
def membership_set(*, actor: AbstractBaseUser, user, organisation: Organisation, role: str) -> Membership:
    """Give `user` `role` in `organisation` (portal administrators only), replacing any role they held
    there. They become staff, as every member of an organisation is."""
    _require_superuser(actor)
    if role not in Membership.Role.values:
        raise OrganisationError(f"“{role}” is not a staff role.")
    membership, _ = Membership.objects.update_or_create(user=user, organisation=organisation,
                                                       defaults={"role": role})
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit_record(actor=actor, action="membership_set", target=membership, organisation=organisation,
                 detail={"user": user.get_username(), "role": role})
    return membership


@transaction.atomic
def membership_end(*, actor: AbstractBaseUser, membership: Membership) -> None:
    """Take `membership`'s person out of its organisation (portal administrators only)."""
    _require_superuser(actor)
    audit_record(actor=actor, action="membership_ended", target=membership, organisation=membership.organisation,
                 detail={"user": membership.user.get_username()})
    membership.delete()


@transaction.atomic
def organisation_embedding_set(
    *, actor: AbstractBaseUser, organisation: Organisation, origins: list[str], lock_version: int
) -> Organisation:
    """Set the web addresses of `organisation`'s own sites, which may show its notices in a frame. Its staff
    only (accounts.permissions: "organisation.embedding"); refused with OrganisationConflict if someone saved
    since `lock_version` was read. `origins` are checked and normalised again here, whoever calls."""
    if not can(actor, "organisation.embedding", organisation):
        raise PermissionDenied("Your role does not let you change where this organisation's notices are embedded.")
    checked = normalise_origins(origins)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.lock_version != lock_version:
        raise OrganisationConflict(
            "Someone else changed these websites while you were editing. Check what is saved now and save again."
        )
    before = locked.embed_origins
    locked.embed_origins, locked.lock_version = checked, locked.lock_version + 1
    locked.save(update_fields=["embed_origins", "lock_version"])
    audit_record(actor=actor, action="organisation_embedding_set", target=locked, organisation=locked,
                 detail={"before": before, "after": checked})
    return locked
