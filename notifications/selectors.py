"""Reads for notifications: who is told, what they turned off, and the messages staff may read."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from accounts.models import Membership

from .models import Message, Preference


def members_with_role(*, organisation, role: str) -> list:
    """The active people of `organisation` holding `role` there (or both roles) who have an e-mail address,
    by username. Only memberships count: a portal administrator of every organisation is told of none."""
    users = get_user_model().objects.filter(
        is_active=True, memberships__organisation=organisation,
        memberships__role__in=[role, Membership.Role.BOTH],
    ).exclude(email="")
    return list(users.distinct().order_by("username"))


def members_among(*, organisation, users) -> list:
    """Those of `users` (None skipped, each once) who are still active members of `organisation`, in any
    role, with an e-mail address: someone who has left it is told nothing more about its notices."""
    ids = {user.pk for user in users if user is not None}
    found = get_user_model().objects.filter(pk__in=ids, is_active=True, memberships__organisation=organisation)
    return list(found.exclude(email="").distinct().order_by("username"))


def kinds_off_for(*, users) -> dict[int, set[str]]:
    """user id → the kinds of message they turned off, for each of `users` who turned any off."""
    rows = Preference.objects.filter(user__in=[user.pk for user in users]).values_list("user_id", "kinds_off")
    return {user_id: set(kinds) for user_id, kinds in rows}


def preference_for(*, user) -> Preference:
    """The person's choices; an unsaved one with everything on if they never chose."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def messages_for(*, organisation) -> QuerySet[Message]:
    """The messages about `organisation`'s notices, newest first, with what the list shows."""
    return Message.objects.filter(organisation=organisation).select_related("recipient", "notice", "version")
