"""Registration never oversells — with real threads, each on its own database connection,
started together by a barrier (SQLite through a file copy, PostgreSQL directly; see
:mod:`kyoso.core.concurrency_testing`).

PostgreSQL allows 100 connections here, so 200 registrations run on 20 threads of 10 each;
every registration is its own transaction, and the threads' transactions interleave.
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.events.models import Event, Registration
from kyoso.events.services import registration as services
from kyoso.events.tests.factories import EventFactory

THREADS = 20
PEOPLE = 200
SEATS = 50


def _register_all(event, people):
    def job():
        return [services.registration_create(actor=person, event=event).pk for person in people]

    return job


def _state(event):
    fresh = Event.objects.get(pk=event.pk)
    rows = list(
        Registration.objects.filter(event=event).values(
            "id", "user_id", "status", "confirmed_at", "waitlisted_at"
        )
    )
    return fresh.confirmed_venue, rows


@pytest.mark.django_db(transaction=True)
def test_two_hundred_at_once_for_fifty_seats(tmp_path):
    event = EventFactory(capacity_venue=SEATS)
    people = UserFactory.create_batch(PEOPLE)
    batches = [people[i::THREADS] for i in range(THREADS)]

    with thread_databases(tmp_path) as open_connection:
        per_thread = in_parallel(open_connection, [_register_all(event, b) for b in batches])
        counter, rows = read(open_connection, lambda: _state(event))

    confirmed = [r for r in rows if r["status"] == "confirmed"]
    waitlist = sorted(
        (r for r in rows if r["status"] == "waitlisted"),
        key=lambda r: (r["waitlisted_at"], r["id"]),
    )
    assert (len(confirmed), len(waitlist), counter) == (SEATS, PEOPLE - SEATS, SEATS)
    assert len({r["user_id"] for r in rows}) == PEOPLE
    # Nobody was put on the waitlist before the last seat was taken.
    assert max(r["confirmed_at"] for r in confirmed) <= waitlist[0]["waitlisted_at"]
    # First come, first served: each thread's people, registered one after another, keep
    # their order in the waitlist.
    position = {r["id"]: i for i, r in enumerate(waitlist)}
    for ids in per_thread:
        waiting = [position[pk] for pk in ids if pk in position]
        assert waiting == sorted(waiting)


@pytest.mark.django_db(transaction=True)
def test_parallel_double_submits_by_one_person_give_one_registration(tmp_path):
    event = EventFactory(capacity_venue=5)
    person = UserFactory()

    def job():
        try:
            return services.registration_create(actor=person, event=event).pk
        except services.AlreadyRegistered as already:
            return ("already", already.registration.pk)

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [job for _ in range(10)])
        counter, rows = read(open_connection, lambda: _state(event))

    created = [a for a in answers if not isinstance(a, tuple)]
    assert len(created) == 1
    assert all(a == ("already", created[0]) for a in answers if isinstance(a, tuple))
    assert [r["id"] for r in rows] == created
    assert counter == 1


@pytest.mark.django_db(transaction=True)
def test_cancellations_and_registrations_at_once_keep_seats_and_queue_consistent(tmp_path):
    capacity = 10
    event = EventFactory(capacity_venue=capacity)
    holders = UserFactory.create_batch(14)
    registrations = [services.registration_create(actor=p, event=event) for p in holders]
    leaving = [(r.user, r) for r in registrations[:6]]  # confirmed ones
    newcomers = UserFactory.create_batch(8)

    jobs = [
        (lambda person=person, r=r: services.registration_cancel(actor=person, registration=r))
        for person, r in leaving
    ] + [
        (lambda person=person: services.registration_create(actor=person, event=event))
        for person in newcomers
    ]

    with thread_databases(tmp_path) as open_connection:
        in_parallel(open_connection, jobs)
        counter, rows = read(open_connection, lambda: _state(event))

    live = [r for r in rows if r["status"] != "cancelled"]
    confirmed = [r for r in rows if r["status"] == "confirmed"]
    assert len(live) == 14 - 6 + 8
    assert len(confirmed) == counter == min(capacity, len(live))
    assert len(live) - len(confirmed) == len([r for r in rows if r["status"] == "waitlisted"])
