"""Reads of bookings: a space's availability (a day, a month), my bookings, the staff's
approval queue and today's board, a space's feed. Each runs a fixed number of queries."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyoso.hubs.models import (
    HOLDING_STATUSES,
    Booking,
    BookingKind,
    BookingStatus,
    DeskDay,
    Hub,
    Space,
)
from kyoso.hubs.opening import DayHours, day_bounds, hub_calendar, local

FIRST_WEEKDAY = pycalendar.SUNDAY


def space_get(hub: Hub, slug: str) -> Space:
    """The hub's space by slug (its hub already loaded); 404 when missing or inactive for
    everyone but staff (the view decides)."""
    space = get_object_or_404(Space, hub_id=hub.pk, slug=slug)
    space.hub = hub
    return space


@dataclass
class Interval:
    starts_at: datetime
    ends_at: datetime


@dataclass
class DayAvailability:
    hours: DayHours
    #: Taken ranges of a room (buffer included), in order.
    taken: list[Interval] = field(default_factory=list)
    #: Free ranges of a room within the opening hours (at least the minimum length).
    free: list[Interval] = field(default_factory=list)
    #: Seats left in a desk pool.
    seats_left: int | None = None
    in_month: bool = True
    past: bool = False

    @property
    def day(self) -> date:
        return self.hours.day

    @property
    def bookable(self) -> bool:
        if self.past or not self.hours.is_open:
            return False
        if self.seats_left is not None:
            return self.seats_left > 0
        return bool(self.free)


def _free(hours: DayHours, taken: list[Interval], minimum: timedelta, now: datetime):
    if not hours.is_open:
        return []
    cursor = max(hours.opens_at, now)
    found = []
    for interval in taken:
        if interval.starts_at - cursor >= minimum:
            found.append(Interval(cursor, interval.starts_at))
        cursor = max(cursor, interval.ends_at)
    if hours.closes_at - cursor >= minimum:
        found.append(Interval(cursor, hours.closes_at))
    return found


def availability(space: Space, start: date, end: date) -> list[DayAvailability]:
    """Each day ``start``–``end`` (inclusive): hours, taken and free ranges or seats left.
    Four queries whatever the range: hours, closures, bookings (or desk counters)."""
    cal = hub_calendar(space.hub, start=start, end=end)
    now = timezone.now()
    today = local(now).date()
    first, _ = day_bounds(start)
    _, last = day_bounds(end)
    days: dict[date, DayAvailability] = {}
    d = start
    while d <= end:
        days[d] = DayAvailability(hours=cal.on(d), past=d < today)
        d += timedelta(days=1)
    if space.is_desk_pool:
        taken = dict(
            DeskDay.objects.filter(space_id=space.pk, day__gte=start, day__lte=end).values_list(
                "day", "taken"
            )
        )
        for day, item in days.items():
            item.seats_left = max(space.capacity - taken.get(day, 0), 0)
        return list(days.values())
    rows = Booking.objects.filter(
        space_id=space.pk,
        kind=BookingKind.SLOT,
        status__in=HOLDING_STATUSES,
        starts_at__lt=last,
        blocked_until__gt=first,
        # No slot is longer than a day plus its buffer: a lower bound keeps the index range
        # to the displayed weeks instead of every past booking of the space.
        starts_at__gte=first - timedelta(days=2),
    ).values_list("starts_at", "blocked_until")
    for starts_at, blocked_until in sorted(rows):
        start, until = local(starts_at), local(blocked_until)
        found = days.get(start.date())
        if found is not None:
            found.taken.append(Interval(start, until))
        if until.date() > start.date() and until.time() != until.time().min:
            # Across midnight (a space that allows it): the next morning is taken too.
            after = days.get(until.date())
            if after is not None:
                after.taken.insert(0, Interval(start, until))
    minimum = timedelta(minutes=space.min_minutes)
    for item in days.values():
        item.free = [] if item.past else _free(item.hours, item.taken, minimum, local(now))
    return list(days.values())


def month_weeks(space: Space, first: date) -> list[list[DayAvailability]]:
    """The weeks (Sunday first) around month ``first``, each day with its availability."""
    weeks = pycalendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(first.year, first.month)
    items = availability(space, weeks[0][0], weeks[-1][-1])
    for item in items:
        item.in_month = item.day.month == first.month
    return [items[i : i + 7] for i in range(0, len(items), 7)]


def my_bookings(user: Any) -> QuerySet[Booking]:
    """The person's bookings, upcoming first then past (one query)."""
    return (
        Booking.objects.filter(user_id=user.pk)
        .select_related("space__hub")
        .order_by("-day", "-starts_at", "-id")
    )


def booking_of_user(user: Any, pk: int) -> Booking:
    """The person's own booking; 404 for anyone else's."""
    return get_object_or_404(Booking.objects.select_related("space__hub"), pk=pk, user_id=user.pk)


def booking_of_hub(hub: Hub, pk: int) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("space", "user"), pk=pk, hub_id=hub.pk
    )
    booking.space.hub = hub
    return booking


def pending_requests(hub: Hub) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(hub_id=hub.pk, status=BookingStatus.REQUESTED)
        .select_related("space", "user")
        .order_by("starts_at", "id")
    )


@dataclass
class BoardRow:
    space: Space
    bookings: list[Booking]
    current: Booking | None = None
    seats_left: int | None = None


def day_board(hub: Hub, day: date | None = None) -> list[BoardRow]:
    """Who is in which room today, and free seats now in each desk pool (1 query when the hub
    carries its active spaces, as :func:`kyoso.hubs.selectors.hub_get_by_slug` loads it)."""
    now = timezone.now()
    day = day or local(now).date()
    spaces = getattr(hub, "active_spaces", None)
    if spaces is None:
        spaces = list(Space.objects.filter(hub_id=hub.pk, active=True))
    rows = {s.pk: BoardRow(space=s, bookings=[]) for s in spaces}
    day_start, _day_end = day_bounds(day)
    bookings = (
        Booking.objects.filter(
            hub_id=hub.pk,
            day__in=[day - timedelta(days=1), day],
            status__in=[*HOLDING_STATUSES, BookingStatus.NO_SHOW],
        )
        # Yesterday's only where it runs past midnight into today (a space that allows it).
        .filter(Q(day=day) | Q(ends_at__gt=day_start))
        .select_related("user")
        .order_by("starts_at", "id")
    )
    for booking in bookings:
        row = rows.get(booking.space_id)
        if row is None:
            continue
        row.bookings.append(booking)
        if (
            booking.kind == BookingKind.SLOT
            and booking.status in HOLDING_STATUSES
            and booking.starts_at <= now < booking.ends_at
        ):
            row.current = booking
    for row in rows.values():
        row.space.hub = hub
        if row.space.is_desk_pool:
            holding = sum(1 for b in row.bookings if b.status in HOLDING_STATUSES)
            row.seats_left = max(row.space.capacity - holding, 0)
    return list(rows.values())


def feed_bookings(space: Space) -> QuerySet[Booking]:
    """The space's holding bookings from 30 days ago on (the public feed: times only)."""
    since = timezone.now() - timedelta(days=30)
    return Booking.objects.filter(
        space_id=space.pk, status__in=HOLDING_STATUSES, ends_at__gte=since
    ).order_by("starts_at", "id")[:1000]


def hub_counts() -> dict[int, int]:
    """Active spaces per hub (the list)."""
    return dict(
        Space.objects.filter(active=True)
        .values("hub_id")
        .annotate(n=Count("id"))
        .values_list("hub_id", "n")
    )
