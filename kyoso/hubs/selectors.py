"""Reads of the hubs app: hubs, spaces and who runs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
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


def hub_photos(hub: Hub) -> list[Any]:
    """The hub's photos in their order (one query)."""
    from kyoso.hubs.models import HubPhoto

    return list(HubPhoto.objects.filter(hub_id=hub.pk).order_by("position", "id"))


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


@dataclass(frozen=True)
class SpaceFigures:
    """One space's use in a fiscal year: ``hours`` booked, ``occupancy`` (0..1) = booked
    hours ÷ open hours (× seats for a desk pool), None when the hub was never open."""

    space_id: int
    name: str
    kind: str
    hours: float
    open_hours: float
    occupancy: float | None


@dataclass(frozen=True)
class BookingFigures:
    hub_id: int
    fiscal_year: int
    spaces: list[SpaceFigures] = field(default_factory=list)
    day_passes: int = 0
    unique_users: int = 0


#: Bookings that took the space: confirmed ones (past or to come), check-ins and no-shows
#: (a no-show kept the room from others). Requests, refusals and cancellations do not count.
COUNTED_STATUSES = ("confirmed", "checked_in", "no_show")


def open_hours_in(hub: Hub, first: date, last: date) -> float:
    """Hours the hub is open from ``first`` to ``last`` (inclusive), per today's opening hours,
    holidays, 年末年始 and closures (2 queries)."""
    from kyoso.hubs.opening import hub_calendar

    cal = hub_calendar(hub, start=first, end=last)
    seconds = 0.0
    day = first
    while day <= last:
        hours = cal.on(day)
        if hours.is_open:
            seconds += (hours.closes_at - hours.opens_at).total_seconds()
        day += timedelta(days=1)
    return seconds / 3600


def booking_figures(hub: Hub, fiscal_year: int) -> BookingFigures:
    """The hub's space usage in fiscal year ``fiscal_year`` (April–March), by the local date of
    each booking: hours booked and occupancy per space, day passes, distinct people who booked.

    Five queries whatever the number of spaces and bookings: the spaces, the bookings summed
    per space, the distinct people, and the calendar (hours and closures)."""
    from kyoso.core.fiscal import fiscal_year_range
    from kyoso.hubs.models import Booking, BookingKind

    first, last = fiscal_year_range(fiscal_year)
    counted = Booking.objects.filter(
        hub_id=hub.pk, day__gte=first, day__lte=last, status__in=COUNTED_STATUSES
    )
    per_space = {
        row["space_id"]: row
        for row in counted.order_by()
        .values("space_id")
        .annotate(
            booked=Sum(
                ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
            ),
            passes=Count("id", filter=Q(kind=BookingKind.DAY_PASS)),
        )
    }
    unique_users = counted.filter(user_id__isnull=False).aggregate(
        n=Count("user_id", distinct=True)
    )["n"]
    spaces = [
        s
        for s in Space.objects.filter(hub_id=hub.pk).order_by("position", "id")
        if s.active or s.pk in per_space
    ]
    open_hours = open_hours_in(hub, first, last)
    rows = []
    for space in spaces:
        found = per_space.get(space.pk)
        booked = found["booked"] if found and found["booked"] else timedelta(0)
        hours = booked.total_seconds() / 3600
        available = open_hours * (space.capacity if space.is_desk_pool else 1)
        rows.append(
            SpaceFigures(
                space_id=space.pk,
                name=space.name,
                kind=space.kind,
                hours=hours,
                open_hours=available,
                occupancy=hours / available if available else None,
            )
        )
    return BookingFigures(
        hub_id=hub.pk,
        fiscal_year=fiscal_year,
        spaces=rows,
        day_passes=sum(row["passes"] for row in per_space.values()),
        unique_users=unique_users or 0,
    )
