"""Reading platform roles. Results are cached on the user object for one request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kyoso.roles.descriptions import ROLE_DESCRIPTIONS, ROLE_ORDER
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


@dataclass(frozen=True)
class RoleHolders:
    """One row of the roles page: a role, what it means, and who holds it."""

    role: PlatformRole
    description: Any
    people: list[RoleAssignment]
    organizations: list[RoleAssignment]

    @property
    def label(self) -> str:
        return str(self.role.label)

    @property
    def count(self) -> int:
        return len(self.people) + len(self.organizations)


def role_overview() -> list[RoleHolders]:
    """Every platform role, in MAP'S+O order then 事務局, with its holders (one query)."""
    assignments = RoleAssignment.objects.select_related("user", "organization").order_by(
        "granted_at", "id"
    )
    people: dict[str, list[RoleAssignment]] = {role.value: [] for role in ROLE_ORDER}
    organizations: dict[str, list[RoleAssignment]] = {role.value: [] for role in ROLE_ORDER}
    for assignment in assignments:
        bucket = people if assignment.user_id is not None else organizations
        bucket.setdefault(assignment.role, []).append(assignment)
    return [
        RoleHolders(
            role=role,
            description=ROLE_DESCRIPTIONS[role],
            people=people[role.value],
            organizations=organizations[role.value],
        )
        for role in ROLE_ORDER
    ]


def unverified_organization_count() -> int:
    from kyoso.orgs.models import Organization

    return Organization.objects.filter(verified_at__isnull=True).count()
