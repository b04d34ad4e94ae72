"""Never double-booked under real concurrency: threads, each on its own database connection
(kyoso.core.concurrency_testing), on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.hubs.models import Booking, BookingKind, DeskDay, Space
from kyoso.hubs.services.bookings import booking_create, day_pass_create
from kyoso.hubs.services.common import BookingError
from kyoso.hubs.tests.factories import (
    DeskPoolFactory,
    HubFactory,
    SpaceFactory,
    at,
    open_day,
    open_every_day,
)

THREADS = 6


def _attempt(job):
    def run():
        try:
            job()
        except BookingError as error:
            return error.code
        return "done"

    return run


@pytest.mark.django_db(transaction=True)
def test_people_booking_overlapping_slots_at_once_get_one(tmp_path):
    hub = HubFactory()
    open_every_day(hub)
    room = SpaceFactory(hub=hub, buffer_minutes=10)
    people = UserFactory.create_batch(THREADS)
    day = open_day()
    # Every range meets the others (10:00–12:00 shifted by up to 50 minutes).
    ranges = [(at(day, 10, 10 * i), at(day, 12, 10 * i)) for i in range(THREADS)]

    def book(person, start, end):
        def job():
            space = Space.objects.select_related("hub__organization").get(pk=room.pk)
            booking_create(actor=person, space=space, starts_at=start, ends_at=end)

        return job

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(
            open_connection,
            [_attempt(book(p, s, e)) for p, (s, e) in zip(people, ranges, strict=True)],
        )
        count = read(open_connection, lambda: Booking.objects.filter(space_id=room.pk).count())

    assert sorted(answers) == ["done"] + ["overlap"] * (THREADS - 1)
    assert count == 1


@pytest.mark.django_db(transaction=True)
def test_a_desk_pool_never_gives_more_passes_than_seats(tmp_path):
    hub = HubFactory()
    open_every_day(hub)
    desks = DeskPoolFactory(hub=hub, capacity=2)
    people = UserFactory.create_batch(THREADS)
    day = open_day()

    def take(person):
        def job():
            space = Space.objects.select_related("hub__organization").get(pk=desks.pk)
            day_pass_create(actor=person, space=space, day=day)

        return job

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(take(p)) for p in people])
        state = read(
            open_connection,
            lambda: (
                DeskDay.objects.get(space_id=desks.pk, day=day).taken,
                Booking.objects.filter(space_id=desks.pk, kind=BookingKind.DAY_PASS).count(),
            ),
        )

    assert sorted(answers) == ["done"] * 2 + ["full"] * (THREADS - 2)
    assert state == (2, 2)


@pytest.mark.django_db
def test_the_database_itself_refuses_an_overlap_or_serializes_writers(room, suzuki):
    """PostgreSQL: the exclusion constraint refuses an overlapping row written past the
    services. SQLite: every write transaction is IMMEDIATE, so check-then-insert is atomic."""
    day = open_day()
    booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 12))
    first = Booking.objects.get()
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
            Booking.objects.create(
                space=room,
                hub=room.hub,
                kind="slot",
                status="confirmed",
                day=day,
                starts_at=at(day, 11),
                ends_at=at(day, 13),
                blocked_until=at(day, 13),
                free_cancel_until=first.free_cancel_until,
            )
    else:
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert Booking.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("service", ["slot", "day_pass"])
def test_a_lock_timeout_is_a_clean_busy_refusal(room, desks, suzuki, service):
    """SQLite under 200 writers: BEGIN IMMEDIATE gives up waiting ("database is locked").
    The person is told to try again; nothing is written and no 500 escapes."""
    from unittest import mock

    from django.db import OperationalError

    from kyoso.hubs import messages
    from kyoso.hubs.services.bookings import day_pass_create
    from kyoso.hubs.services.common import BookingError

    day = open_day()
    locked = OperationalError("database is locked")
    with (
        mock.patch("kyoso.hubs.services.bookings.lock_space", side_effect=locked),
        pytest.raises(BookingError) as refused,
    ):
        if service == "slot":
            booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
        else:
            day_pass_create(actor=suzuki, space=desks, day=day)
    assert refused.value.code == "busy"
    assert str(refused.value) == str(messages.BUSY)
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_other_operational_errors_are_not_hidden(room, suzuki):
    from unittest import mock

    from django.db import OperationalError

    day = open_day()
    broken = OperationalError("no such table: hubs_space")
    with (
        mock.patch("kyoso.hubs.services.bookings.lock_space", side_effect=broken),
        pytest.raises(OperationalError),
    ):
        booking_create(actor=suzuki, space=room, starts_at=at(day, 10), ends_at=at(day, 11))
