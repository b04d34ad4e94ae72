"""Every bad booking is refused with its message, and nothing is written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kyoso.hubs import messages
from kyoso.hubs.models import Booking, BookingTransition, Closure, DeskDay, WhoMayBook
from kyoso.hubs.services.bookings import booking_create, day_pass_create
from kyoso.hubs.services.common import BookingError
from kyoso.hubs.tests.factories import at, open_day

pytestmark = pytest.mark.django_db


def refused(code: str, **kwargs) -> BookingError:
    with pytest.raises(BookingError) as caught:
        booking_create(**kwargs)
    assert caught.value.code == code
    assert Booking.objects.count() == 0 or code == "overlap"
    return caught.value


def test_end_before_start(room, suzuki):
    day = open_day()
    error = refused(
        "end_before_start", actor=suzuki, space=room, starts_at=at(day, 12), ends_at=at(day, 11)
    )
    assert error.message == messages.END_BEFORE_START
    refused(
        "end_before_start", actor=suzuki, space=room, starts_at=at(day, 12), ends_at=at(day, 12)
    )


def test_across_midnight(room, suzuki):
    day = open_day()
    error = refused(
        "across_midnight",
        actor=suzuki,
        space=room,
        starts_at=at(day, 20),
        ends_at=at(day + timedelta(days=1), 1),
    )
    assert error.message == messages.ACROSS_MIDNIGHT


def test_across_midnight_where_the_space_allows_it(room, suzuki, takahashi):
    """The space's setting: the booking starts within the day's hours and may run into the
    next day (up to the maximum length); the next morning shows as taken."""
    from kyoso.hubs.selectors_bookings import availability, day_board

    room.across_midnight = True
    room.max_minutes = 900
    room.save()
    day = open_day()
    next_day = day + timedelta(days=1)
    booking = booking_create(
        actor=suzuki, space=room, starts_at=at(day, 20), ends_at=at(next_day, 10)
    )
    assert booking.day == day
    # The night is the room's: the next morning is taken, and refused to another.
    refused(
        "overlap", actor=takahashi, space=room, starts_at=at(next_day, 9), ends_at=at(next_day, 11)
    )
    morning = availability(room, next_day, next_day)[0]
    assert morning.free[0].starts_at == at(next_day, 10)
    # The staff's board of the next day shows who is still in the room that morning.
    board = {row.space.pk: row for row in day_board(room.hub, next_day)}
    assert board[room.pk].bookings == [booking]
    after = {row.space.pk: row for row in day_board(room.hub, next_day + timedelta(days=1))}
    assert after[room.pk].bookings == []
    # Still refused: starting after closing, and longer than the maximum.
    for code, starts_at, ends_at in (
        ("outside_hours", at(next_day, 21, 30), at(next_day + timedelta(days=1), 1)),
        ("too_long", at(next_day, 12), at(next_day + timedelta(days=1), 8)),
    ):
        with pytest.raises(BookingError) as caught:
            booking_create(actor=suzuki, space=room, starts_at=starts_at, ends_at=ends_at)
        assert caught.value.code == code
    assert Booking.objects.count() == 1


def test_in_the_past(room, suzuki):
    yesterday = timezone.localdate() - timedelta(days=1)
    error = refused(
        "in_the_past",
        actor=suzuki,
        space=room,
        starts_at=at(yesterday, 10),
        ends_at=at(yesterday, 11),
    )
    assert error.message == messages.IN_THE_PAST


def test_beyond_the_booking_window(room, suzuki, hub):
    day = open_day(hub.booking_window_days + 1)
    error = refused(
        "beyond_window", actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11)
    )
    assert "90日先まで" in str(error.message)


def test_closed_day_says_why(room, suzuki, hub):
    day = open_day()
    Closure.objects.create(hub=hub, starts_on=day, ends_on=day, reason="設備点検")
    error = refused(
        "closed_day", actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11)
    )
    assert "設備点検" in str(error.message)


def test_year_end_is_closed(room, suzuki, hub):
    hub.booking_window_days = 400
    hub.save()
    year = timezone.localdate().year
    day = (
        date(year, 12, 30) if date(year, 12, 30) > timezone.localdate() else date(year + 1, 12, 30)
    )
    error = refused(
        "closed_day", actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11)
    )
    assert "年末年始" in str(error.message)


def test_outside_opening_hours(room, suzuki):
    day = open_day()
    error = refused(
        "outside_hours", actor=suzuki, space=room, starts_at=at(day, 8), ends_at=at(day, 10)
    )
    assert error.message == messages.OUTSIDE_HOURS % {"opens": "09:00", "closes": "21:00"}
    refused("outside_hours", actor=suzuki, space=room, starts_at=at(day, 20), ends_at=at(day, 22))


def test_too_short_and_too_long(room, suzuki):
    day = open_day()
    error = refused(
        "too_short", actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 10, 15)
    )
    assert error.message == messages.TOO_SHORT % {"minutes": 30}
    error = refused("too_long", actor=suzuki, space=room, starts_at=at(day, 9), ends_at=at(day, 14))
    assert error.message == messages.TOO_LONG % {"minutes": 240}


def test_may_not_book_a_members_or_staff_only_space(room, suzuki, hub_staff):
    day = open_day()
    room.who_may_book = WhoMayBook.MEMBERS
    room.save()
    error = refused(
        "may_not_book", actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11)
    )
    assert "運営団体・連携コミュニティのメンバー" in str(error.message)
    room.who_may_book = WhoMayBook.STAFF
    room.save()
    refused("may_not_book", actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    booking_create(actor=hub_staff, space=room, starts_at=at(day, 10), ends_at=at(day, 11))


def test_overlap_including_the_buffer(room, suzuki, takahashi):
    day = open_day()
    room.buffer_minutes = 15
    room.save()
    booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 12))
    for start, end in [(11, 13), (9, 10.5), (10, 12), (12, 13)]:
        with pytest.raises(BookingError) as caught:
            booking_create(
                actor=takahashi,
                space=room,
                starts_at=at(day, int(start), int(start % 1 * 60)),
                ends_at=at(day, int(end), int(end % 1 * 60)),
            )
        assert caught.value.message == messages.OVERLAP
    # After the buffer (12:15), the room is free again; the other room too.
    booking_create(actor=takahashi, space=room, starts_at=at(day, 12, 15), ends_at=at(day, 13))
    assert Booking.objects.count() == 2
    assert BookingTransition.objects.count() == 2


def test_desk_pass_bad_input(desks, room, suzuki):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(BookingError) as caught:
        day_pass_create(actor=suzuki, space=desks, day=yesterday)
    assert caught.value.message == messages.IN_THE_PAST
    with pytest.raises(BookingError) as caught:
        day_pass_create(actor=suzuki, space=room, day=open_day())
    assert caught.value.message == messages.WRONG_KIND_ROOM
    with pytest.raises(BookingError) as caught:
        booking_create(
            actor=suzuki, space=desks, starts_at=at(open_day(), 10), ends_at=at(open_day(), 11)
        )
    assert caught.value.message == messages.WRONG_KIND_DESKS
    day_pass_create(actor=suzuki, space=desks, day=open_day())
    with pytest.raises(BookingError) as caught:
        day_pass_create(actor=suzuki, space=desks, day=open_day())
    assert caught.value.code == "already_booked"
    assert DeskDay.objects.get().taken == 1
