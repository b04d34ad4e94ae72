"""The public services the events app may call so that an event holds its venue: creating the
event books the room (:func:`booking_hold_for_event`), moving it moves the booking
(:func:`booking_move_for_event`), cancelling it frees the room
(:func:`booking_release_for_event`). The same checks and locks as any booking; a refusal is a
:class:`~kyoso.hubs.services.common.BookingError` the event form can show."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.hubs import audit, messages
from kyoso.hubs.models import HOLDING_STATUSES, Booking, BookingStatus, Space
from kyoso.hubs.opening import hub_calendar, local
from kyoso.hubs.services.bookings import (
    after_booked,
    check_permission,
    check_slot,
    lock_space,
    new_slot,
    overlaps,
    transition,
)
from kyoso.hubs.services.common import BookingError


def event_booking(event_id: int) -> Booking | None:
    """The booking that holds a room for the event, if any."""
    return (
        Booking.objects.select_related("space__hub")
        .filter(event_id=event_id, status__in=HOLDING_STATUSES)
        .first()
    )


def booking_hold_for_event(
    *,
    actor: Any,
    space: Space,
    event_id: int,
    starts_at: datetime,
    ends_at: datetime,
    title: str = "",
    attendees: int = 1,
) -> Booking:
    """Book ``space`` for the event (by its organizer, who must be allowed to book it)."""
    now = timezone.now()
    with transaction.atomic():
        space = lock_space(space)
        check_permission(space, actor)
        day = local(starts_at).date()
        check_slot(space, hub_calendar(space.hub, start=day, end=day), starts_at, ends_at, now)
        booking = new_slot(
            space,
            user=actor,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=title[:200],
            attendees=min(attendees, space.capacity),
            now=now,
            event_id=event_id,
        )
        audit_record(actor=actor, action=audit.BOOKED, target=booking, data={"event": event_id})
        after_booked(booking)
    return booking


def booking_move_for_event(
    *, actor: Any, event_id: int, starts_at: datetime, ends_at: datetime
) -> Booking | None:
    """Move the event's booking to the new time (refused like a new booking if the room is
    taken then); ``None`` when the event holds no room."""
    now = timezone.now()
    with transaction.atomic():
        held = event_booking(event_id)
        if held is None:
            return None
        space = lock_space(held.space)
        booking = Booking.objects.select_for_update(of=("self",)).get(pk=held.pk)
        day = local(starts_at).date()
        check_slot(space, hub_calendar(space.hub, start=day, end=day), starts_at, ends_at, now)
        if overlaps(space, starts_at, ends_at, exclude=booking.pk).exists():
            raise BookingError(messages.OVERLAP, code="overlap")
        booking.starts_at, booking.ends_at, booking.day = starts_at, ends_at, day
        booking.blocked_until = ends_at + timedelta(minutes=space.buffer_minutes)
        booking.free_cancel_until = starts_at - timedelta(hours=space.hub.free_cancel_hours)
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as error:
            if "booking_no_overlap" in str(error):
                raise BookingError(messages.OVERLAP, code="overlap") from error
            raise
        audit_record(
            actor=actor,
            action=audit.BOOKED,
            target=booking,
            data={"event": event_id, "moved": True},
        )
    return booking


def booking_release_for_event(*, actor: Any, event_id: int, reason: str = "") -> bool:
    """Free the event's room (the event was cancelled); False when it held none."""
    with transaction.atomic():
        held = event_booking(event_id)
        if held is None:
            return False
        booking = Booking.objects.select_for_update(of=("self",)).get(pk=held.pk)
        booking.owed_yen = 0
        transition(booking, BookingStatus.CANCELLED, actor=actor, reason=reason)
        booking.save(update_fields=["status", "owed_yen", "updated_at"])
        audit_record(actor=actor, action=audit.CANCELLED, target=booking, data={"event": event_id})
    return True


# --- Following the event (kyoso.events.venues) -----------------------------------------------


def _moved(*, actor: Any, event_id: int, starts_at: datetime, ends_at: datetime) -> None:
    from kyoso.events.venues import VenueRefused

    try:
        booking_move_for_event(actor=actor, event_id=event_id, starts_at=starts_at, ends_at=ends_at)
    except BookingError as error:
        raise VenueRefused(messages.EVENT_ROOM_REFUSED % {"reason": error.message}) from error


def _cancelled(*, actor: Any, event_id: int, reason: str = "") -> None:
    booking_release_for_event(actor=actor, event_id=event_id, reason=reason)


def register_holder() -> None:
    """Tell the events app that a room held here follows its event."""
    from kyoso.events.venues import register_holder as register

    register("hubs", moved=_moved, cancelled=_cancelled)


def events_holding(event_ids: list[int]) -> set[int]:
    """Which of the events already hold a room (one query)."""
    if not event_ids:
        return set()
    rows = Booking.objects.filter(event_id__in=event_ids, status__in=HOLDING_STATUSES)
    return {event_id for event_id in rows.values_list("event_id", flat=True) if event_id}
