"""The two staff roles. Superusers may do everything; inactive users nothing."""

IG_OFFICER = "IG officer"
DPO = "DPO"


def has_role(user, *roles: str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=roles).exists()
