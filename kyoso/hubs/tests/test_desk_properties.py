"""Property test: any sequence of day passes, cancellations and no-shows keeps a desk pool
within its seats, and the day's counter equal to the passes that hold a seat."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.accounts.tests.factories import UserFactory
from kyoso.hubs.models import HOLDING_STATUSES, Booking, DeskDay
from kyoso.hubs.services.bookings import booking_cancel, day_pass_create
from kyoso.hubs.services.common import BookingError
from kyoso.hubs.tests.factories import open_day

PEOPLE = 6
SEATS = 3

operations = st.lists(
    st.tuples(st.sampled_from(["book", "cancel"]), st.integers(0, PEOPLE - 1), st.integers(0, 1)),
    max_size=25,
)


@pytest.fixture
def people(db):
    return UserFactory.create_batch(PEOPLE)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=operations)
def test_a_desk_pool_never_exceeds_its_seats(people, desks, steps):
    days = [open_day(3), open_day(10)]
    with transaction.atomic():
        desks.capacity = SEATS
        desks.save()
        for action, who, which in steps:
            day = days[which]
            if action == "book":
                try:
                    day_pass_create(actor=people[who], space=desks, day=day)
                except BookingError as error:
                    assert error.code in {"full", "already_booked"}
            else:
                mine = Booking.objects.filter(
                    user=people[who], day=day, status__in=HOLDING_STATUSES
                ).first()
                if mine is not None:
                    booking_cancel(actor=people[who], booking=mine)
            for d in days:
                holding = Booking.objects.filter(space=desks, day=d, status__in=HOLDING_STATUSES)
                taken = DeskDay.objects.filter(space=desks, day=d).values_list("taken", flat=True)
                assert holding.count() <= SEATS
                assert (taken.first() or 0) == holding.count()
        transaction.set_rollback(True)
