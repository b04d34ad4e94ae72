"""Reading platform roles. Results are cached on the user object for one request."""

from __future__ import annotations

from typing import Any

from kyoso.roles.models import PlatformRole, RoleAssignment

_CACHE_ATTR = "_kyoso_platform_roles"


def roles_of_user(user: Any) -> frozenset[str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(
            RoleAssignment.objects.filter(user_id=user.pk).values_list("role", flat=True)
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_cached_roles(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_secretariat(user: Any) -> bool:
    return bool(getattr(user, "is_active", False)) and (
        PlatformRole.SECRETARIAT in roles_of_user(user)
    )


def secretariat_users():
    from kyoso.accounts.models import User

    return User.objects.filter(
        role_assignments__role=PlatformRole.SECRETARIAT, is_active=True
    ).order_by("id")


def role_assignments_for_organization(organization) -> list[str]:
    return list(
        RoleAssignment.objects.filter(organization=organization).values_list("role", flat=True)
    )
