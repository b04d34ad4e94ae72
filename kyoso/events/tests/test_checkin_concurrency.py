"""Two organizers at two doors at once: every count counts, one check-in is recorded."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.events.models import Event, Registration
from kyoso.events.services.checkin import counted_attendance_change, registration_check_in
from kyoso.events.tests.builders import EventBuilder, RegistrationBuilder

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_counting_loses_nothing(tmp_path):
    door_a, door_b = UserFactory(), UserFactory()
    event = EventBuilder(created_by=door_a, counted_attendance=1)

    def count(actor, delta):
        def job():
            fresh = Event.objects.get(pk=event.pk)
            for _ in range(5):
                counted_attendance_change(actor=actor, event=fresh, delta=delta)

        return job

    with thread_databases(tmp_path) as open_connection:
        in_parallel(open_connection, [count(door_a, 2), count(door_b, 1)])
        total = read(
            open_connection,
            lambda: Event.objects.values_list("counted_attendance", flat=True).get(pk=event.pk),
        )
    assert total == 1 + 5 * 2 + 5 * 1


def test_the_same_code_scanned_at_two_doors_is_one_check_in(tmp_path):
    door_a, door_b = UserFactory(), UserFactory()
    event = EventBuilder(created_by=door_a)
    person = RegistrationBuilder(event=event, code="AB3D5FGH")

    def scan(actor):
        return lambda: (
            registration_check_in(
                actor=actor, event=Event.objects.get(pk=event.pk), code="AB3D5FGH"
            ).already
        )

    with thread_databases(tmp_path) as open_connection:
        already = in_parallel(open_connection, [scan(door_a), scan(door_b)])
        checked_by = read(
            open_connection,
            lambda: Registration.objects.values_list("checked_in_by", flat=True).get(pk=person.pk),
        )
    assert sorted(already) == [False, True]
    assert checked_by in {door_a.pk, door_b.pk}
