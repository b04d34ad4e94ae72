"""Booking a space: a room for a time range, a desk-pool seat for a day; cancelling.

Never double-booked, under real concurrency, on both databases:

- every booking of a space first locks the space's row (``select_for_update``; on SQLite the
  write transaction itself is the lock, ``transaction_mode = IMMEDIATE``), then checks the
  overlap and inserts — two requests for one slot queue, the second sees the first;
- on PostgreSQL the exclusion constraint ``booking_no_overlap`` refuses an overlap the check
  could miss (a row written without the lock), reported as the same refusal;
- a desk pool's seats of a day are claimed with a conditional UPDATE on its :class:`DeskDay`
  row (``taken < capacity``), so the count never passes the seats.

Every refusal raises :class:`BookingError` with a message of ``kyoso.hubs.messages``; all
checks run before anything is written, inside one transaction: nothing half-written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from kyoso.audit.services import audit_record
from kyoso.hubs import audit, messages
from kyoso.hubs.models import (
    HOLDING_STATUSES,
    Booking,
    BookingKind,
    BookingStatus,
    BookingTransition,
    DeskDay,
    PriceUnit,
    Space,
    WhoMayBook,
)
from kyoso.hubs.opening import HubCalendar, hub_calendar, local
from kyoso.hubs.selectors import is_hub_member, is_hub_staff, may_book
from kyoso.hubs.services.common import BookingError, refuse_when_busy


@dataclass(frozen=True)
class Quote:
    """What a booking would cost and how it would go, shown before confirming."""

    owed_yen: int
    free_for_member: bool
    needs_approval: bool
    free_cancel_until: datetime
    minutes: int


def _day_label(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def quote(*, space: Space, user: Any, starts_at: datetime, ends_at: datetime) -> Quote:
    """The price (integer yen, rounded up to the yen), whether staff must approve, and until
    when cancelling is free. Members book free where the space says so."""
    minutes = max(int((ends_at - starts_at).total_seconds() // 60), 0)
    member_free = space.free_for_members and is_hub_member(space.hub, user)
    if member_free or space.price_yen == 0:
        owed = 0
    elif space.price_unit == PriceUnit.DAY:
        owed = space.price_yen
    else:
        owed = math.ceil(space.price_yen * minutes / 60)
    staff = is_hub_staff(space.hub, user)
    approval = not staff and (
        space.needs_approval
        or (space.approval_over_minutes > 0 and minutes > space.approval_over_minutes)
    )
    return Quote(
        owed_yen=owed,
        free_for_member=member_free,
        needs_approval=approval,
        free_cancel_until=starts_at - timedelta(hours=space.hub.free_cancel_hours),
        minutes=minutes,
    )


def _who_label(space: Space) -> str:
    return str(WhoMayBook(space.who_may_book).label)


def check_permission(space: Space, user: Any) -> None:
    if not space.active:
        raise BookingError(messages.SPACE_INACTIVE, code="space_inactive")
    if not may_book(user, space):
        raise BookingError(messages.MAY_NOT_BOOK % {"who": _who_label(space)}, code="may_not_book")


def _check_day(space: Space, cal: HubCalendar, day: date, now: datetime) -> Any:
    """The day is within the window and the hub is open: its hours."""
    last = local(now).date() + timedelta(days=space.hub.booking_window_days)
    if day > last:
        raise BookingError(
            messages.BEYOND_WINDOW
            % {"days": space.hub.booking_window_days, "last": _day_label(last)},
            code="beyond_window",
        )
    hours = cal.on(day)
    if not hours.is_open:
        raise BookingError(
            messages.CLOSED_DAY % {"day": _day_label(day), "reason": hours.closed_reason},
            code="closed_day",
        )
    return hours


def check_slot(
    space: Space, cal: HubCalendar, starts_at: datetime, ends_at: datetime, now: datetime
) -> None:
    """Every rule of a room's time range, in the order a person would fix them."""
    if space.is_desk_pool:
        raise BookingError(messages.WRONG_KIND_DESKS, code="wrong_kind")
    if ends_at <= starts_at:
        raise BookingError(messages.END_BEFORE_START, code="end_before_start")
    start, end = local(starts_at), local(ends_at)
    overnight = end.date() != start.date() and not (
        end.date() == start.date() + timedelta(days=1) and end.time() == end.time().min
    )
    if overnight and not space.across_midnight:
        raise BookingError(messages.ACROSS_MIDNIGHT, code="across_midnight")
    if starts_at < now:
        raise BookingError(messages.IN_THE_PAST, code="in_the_past")
    hours = _check_day(space, cal, start.date(), now)
    # A space taking bookings across midnight bounds the start by the day's hours; the end
    # by the maximum length only.
    late = starts_at >= hours.closes_at if space.across_midnight else ends_at > hours.closes_at
    if starts_at < hours.opens_at or late:
        raise BookingError(
            messages.OUTSIDE_HOURS
            % {"opens": f"{hours.opens:%H:%M}", "closes": f"{hours.closes:%H:%M}"},
            code="outside_hours",
        )
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes < space.min_minutes:
        raise BookingError(messages.TOO_SHORT % {"minutes": space.min_minutes}, code="too_short")
    if minutes > space.max_minutes:
        raise BookingError(messages.TOO_LONG % {"minutes": space.max_minutes}, code="too_long")


def overlaps(space: Space, starts_at: datetime, ends_at: datetime, *, exclude: int | None = None):
    """Holding slots of the space whose range (buffer included) meets ``starts_at``–``ends_at``
    plus the buffer."""
    buffer = timedelta(minutes=space.buffer_minutes)
    found = Booking.objects.filter(
        space_id=space.pk,
        kind=BookingKind.SLOT,
        status__in=HOLDING_STATUSES,
        starts_at__lt=ends_at + buffer,
        blocked_until__gt=starts_at,
        # No slot is longer than a day plus its buffer: bounds the index range.
        starts_at__gte=starts_at - timedelta(days=2),
    )
    return found.exclude(pk=exclude) if exclude else found


def lock_space(space: Space) -> Space:
    """The space row, locked until the end of the transaction (PostgreSQL; on SQLite the
    IMMEDIATE write transaction already serializes writers)."""
    return (
        Space.objects.select_related("hub__organization")
        .select_for_update(of=("self",))
        .get(pk=space.pk)
    )


def transition(booking: Booking, to_status: str, *, actor: Any, reason: str = "") -> None:
    from_status = booking.status
    booking.status = to_status
    BookingTransition.objects.create(
        booking=booking,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )


def _insert(booking: Booking, *, actor: Any) -> Booking:
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        # booking_no_overlap (PostgreSQL): a concurrent writer got there first.
        if "booking_no_overlap" in str(error):
            raise BookingError(messages.OVERLAP, code="overlap") from error
        raise
    BookingTransition.objects.create(
        booking=booking,
        from_status="",
        to_status=booking.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return booking


def new_slot(
    space: Space,
    *,
    user: Any,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str = "",
    attendees: int = 1,
    now: datetime,
    series: Any = None,
    event_id: int | None = None,
) -> Booking:
    """Check and write one slot; the caller holds the space's lock."""
    if attendees > space.capacity:
        raise BookingError(
            messages.TOO_MANY_ATTENDEES % {"capacity": space.capacity}, code="too_many"
        )
    if overlaps(space, starts_at, ends_at).exists():
        raise BookingError(messages.OVERLAP, code="overlap")
    q = quote(space=space, user=user, starts_at=starts_at, ends_at=ends_at)
    return _insert(
        Booking(
            space=space,
            hub_id=space.hub_id,
            user=user if getattr(user, "is_authenticated", False) else None,
            kind=BookingKind.SLOT,
            status=BookingStatus.REQUESTED if q.needs_approval else BookingStatus.CONFIRMED,
            day=local(starts_at).date(),
            starts_at=starts_at,
            ends_at=ends_at,
            blocked_until=ends_at + timedelta(minutes=space.buffer_minutes),
            purpose=purpose,
            attendees=attendees,
            owed_yen=q.owed_yen,
            free_cancel_until=q.free_cancel_until,
            series=series,
            event_id=event_id,
        ),
        actor=user,
    )


@refuse_when_busy
def booking_create(
    *,
    actor: Any,
    space: Space,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str = "",
    attendees: int = 1,
    request: Any = None,
) -> Booking:
    """Book a room (hall, kitchen) for a time range: confirmed at once, or requested when
    staff must approve it (the hall, a long booking)."""
    now = timezone.now()
    with transaction.atomic():
        space = lock_space(space)
        check_permission(space, actor)
        start_day = local(starts_at).date()
        cal = hub_calendar(space.hub, start=start_day, end=start_day)
        check_slot(space, cal, starts_at, ends_at, now)
        booking = new_slot(
            space,
            user=actor,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=purpose,
            attendees=attendees,
            now=now,
        )
        audit_record(actor=actor, action=audit.BOOKED, target=booking, data={}, request=request)
        after_booked(booking)
    return booking


@refuse_when_busy
def day_pass_create(*, actor: Any, space: Space, day: date, request: Any = None) -> Booking:
    """Book a seat of a desk pool for a day (ドロップイン): never more than the seats."""
    now = timezone.now()
    with transaction.atomic():
        space = lock_space(space)
        if not space.is_desk_pool:
            raise BookingError(messages.WRONG_KIND_ROOM, code="wrong_kind")
        check_permission(space, actor)
        cal = hub_calendar(space.hub, start=day, end=day)
        if day < local(now).date():
            raise BookingError(messages.IN_THE_PAST, code="in_the_past")
        hours = _check_day(space, cal, day, now)
        if hours.closes_at <= now:
            raise BookingError(messages.IN_THE_PAST, code="in_the_past")
        if Booking.objects.filter(
            space_id=space.pk, user_id=actor.pk, day=day, status__in=HOLDING_STATUSES
        ).exists():
            raise BookingError(
                messages.ALREADY_HAVE_PASS % {"day": _day_label(day)}, code="already_booked"
            )
        claim_seat(space, day)
        q = quote(space=space, user=actor, starts_at=hours.opens_at, ends_at=hours.closes_at)
        booking = _insert(
            Booking(
                space=space,
                hub_id=space.hub_id,
                user=actor,
                kind=BookingKind.DAY_PASS,
                status=BookingStatus.CONFIRMED,
                day=day,
                starts_at=hours.opens_at,
                ends_at=hours.closes_at,
                blocked_until=hours.closes_at,
                owed_yen=q.owed_yen,
                free_cancel_until=q.free_cancel_until,
            ),
            actor=actor,
        )
        audit_record(actor=actor, action=audit.BOOKED, target=booking, data={}, request=request)
        after_booked(booking)
    return booking


def claim_seat(space: Space, day: date) -> None:
    """Take one seat of the day, or refuse: a conditional UPDATE (``taken < capacity``)."""
    DeskDay.objects.get_or_create(space_id=space.pk, day=day)
    claimed = DeskDay.objects.filter(space_id=space.pk, day=day, taken__lt=space.capacity).update(
        taken=F("taken") + 1
    )
    if claimed != 1:
        raise BookingError(messages.DESKS_FULL % {"day": _day_label(day)}, code="full")


def release_seat(booking: Booking) -> None:
    if booking.kind == BookingKind.DAY_PASS:
        DeskDay.objects.filter(space_id=booking.space_id, day=booking.day, taken__gt=0).update(
            taken=F("taken") - 1
        )


def booking_cancel(
    *, actor: Any, booking: Booking, reason: str = "", request: Any = None
) -> Booking:
    """Cancel one booking (or one occurrence of a series): by its person or hub staff. Free of
    charge until ``free_cancel_until`` (and always while it waits for approval); later, what
    is owed stays owed."""
    from kyoso.hubs.services.common import require

    require("hubs.cancel_booking", actor, booking)
    now = timezone.now()
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update().select_related("space__hub").get(pk=booking.pk)
        )
        if booking.status not in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED) or (
            booking.ends_at <= now
        ):
            raise BookingError(messages.NOT_CANCELLABLE, code="not_cancellable")
        free = booking.status == BookingStatus.REQUESTED or now <= booking.free_cancel_until
        if free:
            booking.owed_yen = 0
        transition(booking, BookingStatus.CANCELLED, actor=actor, reason=reason)
        booking.save(update_fields=["status", "owed_yen", "updated_at"])
        release_seat(booking)
        audit_record(
            actor=actor,
            action=audit.CANCELLED,
            target=booking,
            data={"free": free, "owed_yen": booking.owed_yen},
            request=request,
        )
        after_cancelled(booking, actor=actor)
    return booking


def after_booked(booking: Booking) -> None:
    """Mail the person (with .ics) and tell staff about a request, after commit."""
    from kyoso.hubs import notify

    notify.booked_on_commit(booking)


def after_cancelled(booking: Booking, *, actor: Any) -> None:
    from kyoso.hubs import notify

    notify.cancelled_on_commit(booking, actor=actor)
