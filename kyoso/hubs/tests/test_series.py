"""Recurring bookings: the dates, which collide and why, all or only the free ones."""

from __future__ import annotations

from datetime import date, time

import pytest

from kyoso.hubs import messages
from kyoso.hubs.models import Booking, BookingSeries, BookingStatus, Closure
from kyoso.hubs.services.bookings import booking_cancel, booking_create
from kyoso.hubs.services.common import BookingError
from kyoso.hubs.services.series import MONTHLY, WEEKLY, Rule, series_create, series_plan
from kyoso.hubs.tests.factories import at, open_day, open_weeks

pytestmark = pytest.mark.django_db


def test_second_tuesday_of_each_month():
    rule = Rule(frequency=MONTHLY, first=date(2027, 1, 12), count=4, nth=2)
    assert rule.dates() == [
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
        date(2027, 4, 13),
    ]


def test_every_other_week():
    rule = Rule(frequency=WEEKLY, first=date(2027, 1, 5), count=3, interval=2)
    assert rule.dates() == [date(2027, 1, 5), date(2027, 1, 19), date(2027, 2, 2)]


def test_collisions_are_named_and_nothing_is_booked(room, suzuki, takahashi, hub):
    rule = Rule(frequency=WEEKLY, first=open_weeks(4), count=4)
    dates = rule.dates()
    booking_create(
        actor=takahashi, space=room, starts_at=at(dates[1], 18), ends_at=at(dates[1], 19)
    )
    Closure.objects.create(hub=hub, starts_on=dates[2], ends_on=dates[2], reason="設備点検")
    plan = series_plan(space=room, user=suzuki, rule=rule, start=time(18), end=time(20))
    assert [bool(o.problem) for o in plan] == [False, True, True, False]
    assert plan[1].problem == str(messages.OVERLAP)
    with pytest.raises(BookingError) as caught:
        series_create(
            actor=suzuki, space=room, rule=rule, start=time(18), end=time(20), description="毎週"
        )
    assert caught.value.code == "series_collides"
    assert caught.value.dates == [dates[1], dates[2]]
    assert Booking.objects.count() == 1 and BookingSeries.objects.count() == 0


def test_book_only_the_free_dates_and_cancel_one(room, suzuki, takahashi):
    rule = Rule(frequency=WEEKLY, first=open_weeks(3), count=3)
    dates = rule.dates()
    booking_create(
        actor=takahashi, space=room, starts_at=at(dates[0], 18), ends_at=at(dates[0], 19)
    )
    booked = series_create(
        actor=suzuki,
        space=room,
        rule=rule,
        start=time(18),
        end=time(20),
        description="毎週",
        only_free=True,
    )
    assert [b.day for b in booked] == dates[1:]
    assert {b.series_id for b in booked} == {BookingSeries.objects.get().pk}
    booking_cancel(actor=suzuki, booking=booked[0])
    assert [b.status for b in Booking.objects.filter(series__isnull=False)] == [
        BookingStatus.CANCELLED,
        BookingStatus.CONFIRMED,
    ]


def test_too_many_occurrences(room, suzuki):
    rule = Rule(frequency=WEEKLY, first=open_day(3), count=60)
    with pytest.raises(BookingError) as caught:
        series_create(
            actor=suzuki, space=room, rule=rule, start=time(18), end=time(20), description="毎週"
        )
    assert caught.value.message == messages.SERIES_TOO_MANY % {"count": 52}
