"""Reads of the hubs app: hubs, spaces and who runs them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from kyoso.hubs.models import Hub, Space


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def hub_list() -> QuerySet[Hub]:
    return Hub.objects.select_related(
        "organization", "municipality__prefecture", "municipality__parent"
    )


def hub_get_by_slug(slug: str) -> Hub:
    """The hub with its organization, region and active spaces in order (2 queries); 404."""
    return get_object_or_404(
        hub_list().prefetch_related(
            Prefetch("spaces", queryset=Space.objects.filter(active=True), to_attr="active_spaces")
        ),
        slug=slug,
    )


def staff_organization_ids(user: Any) -> set[int]:
    """Ids of the organizations where ``user`` is an owner or an admin (one query)."""
    if not _authenticated(user):
        return set()
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user

    return set(
        memberships_of_user(user)
        .filter(role__in=MANAGER_ROLES)
        .values_list("organization_id", flat=True)
    )


def is_hub_staff(hub: Hub | None, user: Any) -> bool:
    """Hub staff: the owners and admins of the organization that runs the hub."""
    if hub is None or hub.pk is None or not _authenticated(user):
        return False
    kept = getattr(hub, "_viewer_staff", None)
    if kept is not None and kept[0] == user.pk:
        return bool(kept[1])
    from kyoso.orgs.rules import MANAGER_ROLES, role_in

    answer = role_in(user, hub.organization) in MANAGER_ROLES
    hub._viewer_staff = (user.pk, answer)  # type: ignore[attr-defined]
    return answer


def hubs_for_staff(user: Any) -> QuerySet[Hub]:
    """The hubs ``user`` runs as staff, by name."""
    ids = staff_organization_ids(user)
    if not ids:
        return Hub.objects.none()
    return hub_list().filter(organization_id__in=ids)


def is_hub_member(hub: Hub, user: Any) -> bool:
    """A member (any role) of the hub's organization, or an active member of one of its
    communities: those who may book members-only spaces and book free where a space says so."""
    if not _authenticated(user):
        return False
    kept = getattr(hub, "_viewer_member", None)
    if kept is not None and kept[0] == user.pk:
        return bool(kept[1])
    from kyoso.orgs.rules import role_in

    answer = role_in(user, hub.organization) is not None or (
        hub.communities.filter(memberships__user_id=user.pk, memberships__status="active").exists()
    )
    hub._viewer_member = (user.pk, answer)  # type: ignore[attr-defined]
    return answer


def may_book(user: Any, space: Space) -> bool:
    """Who may book the space: everyone signed in, members of the hub, or its staff only."""
    from kyoso.hubs.models import WhoMayBook

    if not _authenticated(user) or not space.active:
        return False
    if is_hub_staff(space.hub, user):
        return True
    if space.who_may_book == WhoMayBook.EVERYONE:
        return True
    if space.who_may_book == WhoMayBook.MEMBERS:
        return is_hub_member(space.hub, user)
    return False


def hub_hours(hub: Hub) -> list[tuple[int, Any]]:
    """(weekday, OpeningHours or None) for Monday to Sunday (one query)."""
    from kyoso.hubs.models import OpeningHours

    rows = {h.weekday: h for h in OpeningHours.objects.filter(hub_id=hub.pk)}
    return [(weekday, rows.get(weekday)) for weekday in range(7)]
