"""Booking a room and a day pass: price shown before, approval, cancellation rule, mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from kyoso.hubs import messages
from kyoso.hubs.models import Booking, BookingStatus, DeskDay, PriceUnit
from kyoso.hubs.services.bookings import booking_cancel, booking_create, day_pass_create, quote
from kyoso.hubs.services.common import BookingError
from kyoso.hubs.tests.factories import at, frozen_clock, open_day
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_price_per_hour_rounds_up_and_members_book_free(room, suzuki, hub_org):
    day = open_day()
    room.price_yen = 1_100
    room.save()
    q = quote(space=room, user=suzuki, starts_at=at(day, 10), ends_at=at(day, 11, 30))
    assert q.owed_yen == 1_650 and not q.needs_approval
    assert q.free_cancel_until == at(day, 10) - timedelta(hours=24)
    room.price_yen = 1_000
    q = quote(space=room, user=suzuki, starts_at=at(day, 10), ends_at=at(day, 10, 50))
    assert q.owed_yen == 834  # 833.3… rounded up to the yen
    room.free_for_members = True
    MembershipFactory(organization=hub_org, user=suzuki, role=MemberRole.MEMBER)
    assert quote(space=room, user=suzuki, starts_at=at(day, 10), ends_at=at(day, 11)).owed_yen == 0


def test_price_per_day(room, suzuki):
    room.price_unit = PriceUnit.DAY
    room.price_yen = 5_000
    day = open_day()
    assert (
        quote(space=room, user=suzuki, starts_at=at(day, 10), ends_at=at(day, 12)).owed_yen == 5_000
    )


def test_booking_is_confirmed_with_mail_and_ics(room, suzuki, django_capture_on_commit_callbacks):
    day = open_day()
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(
            actor=suzuki,
            space=room,
            starts_at=at(day, 10),
            ends_at=at(day, 12),
            purpose="打ち合わせ",
        )
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.owed_yen == 2_000
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["suzuki@example.jp"]
    assert "会議室A" in message.subject and booking.code in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "DTSTART;TZID=Asia/Tokyo" in content


def test_long_booking_and_hall_need_approval_staff_do_not(room, suzuki, hub_staff):
    day = open_day()
    room.approval_over_minutes = 120
    room.save()
    short = booking_create(actor=suzuki, space=room, starts_at=at(day, 9), ends_at=at(day, 11))
    assert short.status == BookingStatus.CONFIRMED
    long = booking_create(actor=suzuki, space=room, starts_at=at(day, 12), ends_at=at(day, 15))
    assert long.status == BookingStatus.REQUESTED
    room.needs_approval = True
    room.save()
    staff = booking_create(actor=hub_staff, space=room, starts_at=at(day, 16), ends_at=at(day, 17))
    assert staff.status == BookingStatus.CONFIRMED


def test_cancel_free_until_the_deadline_then_owed(room, suzuki):
    day = open_day(5)
    early = booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    late = booking_create(actor=suzuki, space=room, starts_at=at(day, 14), ends_at=at(day, 15))
    booking_cancel(actor=suzuki, booking=early)
    early.refresh_from_db()
    assert (early.status, early.owed_yen) == (BookingStatus.CANCELLED, 0)
    with frozen_clock(at(day, 9)):
        booking_cancel(actor=suzuki, booking=late)
    late.refresh_from_db()
    assert (late.status, late.owed_yen) == (BookingStatus.CANCELLED, 1_000)
    with pytest.raises(BookingError) as caught:
        booking_cancel(actor=suzuki, booking=late)
    assert caught.value.message == messages.NOT_CANCELLABLE
    # The freed time can be booked again.
    booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))


def test_others_may_not_cancel(room, suzuki, takahashi, hub_staff):
    from django.core.exceptions import PermissionDenied

    day = open_day()
    booking = booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
    with pytest.raises(PermissionDenied):
        booking_cancel(actor=takahashi, booking=booking)
    booking_cancel(actor=hub_staff, booking=booking, reason="設備故障")
    assert Booking.objects.get().status == BookingStatus.CANCELLED


def test_day_pass_takes_a_seat_and_the_pool_fills(desks, suzuki, takahashi, hub_staff, sato):
    day = open_day()
    passes = [
        day_pass_create(actor=person, space=desks, day=day)
        for person in (suzuki, takahashi, hub_staff)
    ]
    assert passes[0].owed_yen == 500 and passes[0].starts_at == at(day, 9)
    with pytest.raises(BookingError) as caught:
        day_pass_create(actor=sato, space=desks, day=day)
    assert caught.value.code == "full"
    booking_cancel(actor=suzuki, booking=passes[0])
    day_pass_create(actor=sato, space=desks, day=day)
    assert DeskDay.objects.get(day=day).taken == 3
