"""An event holds its venue: booked when created, moved when moved, freed when cancelled."""

from __future__ import annotations

import pytest

from kyoso.hubs import messages
from kyoso.hubs.models import Booking, BookingStatus
from kyoso.hubs.services.bookings import booking_create
from kyoso.hubs.services.common import BookingError
from kyoso.hubs.services.events import (
    booking_hold_for_event,
    booking_move_for_event,
    booking_release_for_event,
)
from kyoso.hubs.tests.factories import at, open_day

pytestmark = pytest.mark.django_db


def test_hold_move_and_release(room, suzuki, takahashi):
    day = open_day()
    held = booking_hold_for_event(
        actor=suzuki,
        space=room,
        event_id=42,
        starts_at=at(day, 13),
        ends_at=at(day, 15),
        title="まちづくり勉強会",
    )
    assert (held.event_id, held.status) == (42, BookingStatus.CONFIRMED)
    booking_create(actor=takahashi, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    with pytest.raises(BookingError) as caught:
        booking_move_for_event(
            actor=suzuki, event_id=42, starts_at=at(day, 10, 30), ends_at=at(day, 12)
        )
    assert caught.value.message == messages.OVERLAP
    moved = booking_move_for_event(
        actor=suzuki, event_id=42, starts_at=at(day, 14), ends_at=at(day, 16)
    )
    assert moved is not None and moved.starts_at == at(day, 14)
    assert booking_release_for_event(actor=suzuki, event_id=42, reason="中止")
    assert Booking.objects.get(event_id=42).status == BookingStatus.CANCELLED
    assert not booking_release_for_event(actor=suzuki, event_id=42)
    assert (
        booking_move_for_event(
            actor=suzuki, event_id=42, starts_at=at(day, 14), ends_at=at(day, 16)
        )
        is None
    )


def test_an_event_cannot_take_a_booked_room(room, suzuki, takahashi):
    day = open_day()
    booking_create(actor=takahashi, space=room, starts_at=at(day, 13), ends_at=at(day, 14))
    with pytest.raises(BookingError):
        booking_hold_for_event(
            actor=suzuki, space=room, event_id=7, starts_at=at(day, 13), ends_at=at(day, 15)
        )
    assert not Booking.objects.filter(event_id=7).exists()
