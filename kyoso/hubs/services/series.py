"""Recurring bookings: every week, every other week, or the n-th weekday of each month.

:func:`series_plan` lists the dates and says which collide (closed, taken, outside the window)
and why; :func:`series_create` books all of them, or — when the person chose so — only the
free ones, in one transaction under the space's lock: nothing half-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from kyoso.audit.services import audit_record
from kyoso.hubs import audit, messages
from kyoso.hubs.models import Booking, BookingSeries, Space
from kyoso.hubs.opening import TOKYO, hub_calendar
from kyoso.hubs.services.bookings import (
    after_booked,
    check_permission,
    check_slot,
    lock_space,
    new_slot,
    overlaps,
)
from kyoso.hubs.services.common import BookingError, refuse_when_busy

SERIES_MAX = 52
WEEKLY = "weekly"
MONTHLY = "monthly"


@dataclass(frozen=True)
class Rule:
    """``weekly`` every ``interval`` weeks from ``first``; ``monthly``: the ``nth`` (1–5)
    weekday of ``first``'s weekday each month, from ``first``'s month."""

    frequency: str
    first: date
    count: int
    interval: int = 1
    nth: int = 0

    def dates(self) -> list[date]:
        if self.frequency == WEEKLY:
            step = timedelta(weeks=max(self.interval, 1))
            return [self.first + step * i for i in range(self.count)]
        found: list[date] = []
        year, month = self.first.year, self.first.month
        weekday = self.first.weekday()
        nth = self.nth or (self.first.day - 1) // 7 + 1
        while len(found) < self.count:
            day1 = date(year, month, 1)
            offset = (weekday - day1.weekday()) % 7
            candidate = day1 + timedelta(days=offset + 7 * (nth - 1))
            if candidate.month == month and candidate >= self.first:
                found.append(candidate)
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return found


@dataclass(frozen=True)
class Occurrence:
    day: date
    starts_at: datetime
    ends_at: datetime
    problem: str = ""


def _occurrences(rule: Rule, start: time, end: time) -> list[tuple[date, datetime, datetime]]:
    if rule.count > SERIES_MAX:
        raise BookingError(messages.SERIES_TOO_MANY % {"count": SERIES_MAX}, code="too_many")
    return [
        (d, datetime.combine(d, start, tzinfo=TOKYO), datetime.combine(d, end, tzinfo=TOKYO))
        for d in rule.dates()
    ]


def series_plan(*, space: Space, user: Any, rule: Rule, start: time, end: time) -> list[Occurrence]:
    """Each date of the series and, for those that cannot be booked, why (no writes)."""
    check_permission(space, user)
    now = timezone.now()
    occurrences = _occurrences(rule, start, end)
    if not occurrences:
        return []
    cal = hub_calendar(space.hub, start=occurrences[0][0], end=occurrences[-1][0])
    plan = []
    for day, starts_at, ends_at in occurrences:
        problem = ""
        try:
            check_slot(space, cal, starts_at, ends_at, now)
            if overlaps(space, starts_at, ends_at).exists():
                problem = str(messages.OVERLAP)
        except BookingError as error:
            problem = str(error.message)
        plan.append(Occurrence(day=day, starts_at=starts_at, ends_at=ends_at, problem=problem))
    return plan


@refuse_when_busy
def series_create(
    *,
    actor: Any,
    space: Space,
    rule: Rule,
    start: time,
    end: time,
    description: str,
    purpose: str = "",
    only_free: bool = False,
    request: Any = None,
) -> list[Booking]:
    """Book every date of the series; when some collide, refuse naming the dates, unless
    ``only_free`` (then book the others). All or the chosen ones, in one transaction."""
    with transaction.atomic():
        space = lock_space(space)
        plan = series_plan(space=space, user=actor, rule=rule, start=start, end=end)
        colliding = [o.day for o in plan if o.problem]
        free = [o for o in plan if not o.problem]
        if colliding and not only_free:
            raise BookingError(
                messages.SERIES_COLLIDES
                % {"dates": "、".join(date_format(d, "SHORT_DATE_FORMAT") for d in colliding)},
                code="series_collides",
                dates=colliding,
            )
        if not free:
            raise BookingError(messages.SERIES_EMPTY, code="series_empty", dates=colliding)
        series = BookingSeries.objects.create(space=space, user=actor, description=description)
        now = timezone.now()
        bookings = [
            new_slot(
                space,
                user=actor,
                starts_at=o.starts_at,
                ends_at=o.ends_at,
                purpose=purpose,
                now=now,
                series=series,
            )
            for o in free
        ]
        audit_record(
            actor=actor,
            action=audit.SERIES_BOOKED,
            target=series,
            data={"count": len(bookings), "skipped": [d.isoformat() for d in colliding]},
            request=request,
        )
        for booking in bookings:
            after_booked(booking)
    return bookings
