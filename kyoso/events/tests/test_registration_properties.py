"""Property test: any sequence of registrations, cancellations and capacity changes keeps the
invariants — never more confirmed than seats, nobody waiting while a seat of their attendance
is free, the seat counters equal to the confirmed rows, and the waitlist first come, first
served (checked against a plain Python model of the queue)."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.accounts.tests.factories import UserFactory
from kyoso.events.models import Event, EventMode, Registration
from kyoso.events.services import events as event_services
from kyoso.events.services import registration as services
from kyoso.events.tests.factories import EventFactory

PEOPLE = 6
ATTENDANCES = ("venue", "online")

operations = st.lists(
    st.one_of(
        st.tuples(st.just("register"), st.integers(0, PEOPLE - 1), st.sampled_from(ATTENDANCES)),
        st.tuples(st.just("cancel"), st.integers(0, PEOPLE - 1)),
        st.tuples(
            st.just("capacity"),
            st.one_of(st.none(), st.integers(0, 4)),
            st.one_of(st.none(), st.integers(0, 4)),
        ),
    ),
    max_size=25,
)


class Model:
    """What the registrations should be, as lists in order."""

    def __init__(self, capacity: dict[str, int | None]) -> None:
        self.capacity = dict(capacity)
        self.confirmed: dict[str, list[int]] = {a: [] for a in ATTENDANCES}
        self.waiting: dict[str, list[int]] = {a: [] for a in ATTENDANCES}

    def free(self, attendance: str) -> bool:
        limit = self.capacity[attendance]
        return limit is None or len(self.confirmed[attendance]) < limit

    def fill(self) -> None:
        for attendance in ATTENDANCES:
            while self.waiting[attendance] and self.free(attendance):
                self.confirmed[attendance].append(self.waiting[attendance].pop(0))

    def live(self, person: int) -> str | None:
        for attendance in ATTENDANCES:
            if person in self.confirmed[attendance] or person in self.waiting[attendance]:
                return attendance
        return None


@pytest.fixture
def people(db):
    return UserFactory.create_batch(PEOPLE)


def _check(event: Event, model: Model, people: list) -> None:
    fresh = Event.objects.get(pk=event.pk)
    index = {p.pk: i for i, p in enumerate(people)}
    for attendance, counter, capacity in (
        ("venue", fresh.confirmed_venue, fresh.capacity_venue),
        ("online", fresh.confirmed_online, fresh.capacity_online),
    ):
        rows = Registration.objects.filter(event=event, attendance=attendance)
        confirmed = sorted(
            index[u] for u in rows.filter(status="confirmed").values_list("user_id", flat=True)
        )
        waiting = [
            index[u]
            for u in rows.filter(status="waitlisted")
            .order_by("waitlisted_at", "id")
            .values_list("user_id", flat=True)
        ]
        assert counter == len(confirmed)
        assert capacity is None or counter <= capacity
        if waiting:
            assert capacity is not None and counter == capacity
        assert confirmed == sorted(model.confirmed[attendance])
        assert waiting == model.waiting[attendance]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=operations)
def test_any_sequence_keeps_the_invariants(people, steps):
    organizer = people[0]
    with transaction.atomic():
        event = EventFactory(
            created_by=organizer,
            mode=EventMode.HYBRID,
            capacity_venue=2,
            capacity_online=1,
            online_url="https://meet.example.jp/p",
        )
        model = Model({"venue": 2, "online": 1})
        for step in steps:
            if step[0] == "register":
                _, who, attendance = step
                if model.live(who) is not None:
                    with pytest.raises(services.AlreadyRegistered):
                        services.registration_create(
                            actor=people[who], event=event, attendance=attendance
                        )
                else:
                    services.registration_create(
                        actor=people[who], event=event, attendance=attendance
                    )
                    target = model.confirmed if model.free(attendance) else model.waiting
                    target[attendance].append(who)
            elif step[0] == "cancel":
                who = step[1]
                attendance = model.live(who)
                mine = services.live_registration_of(people[who], event)
                assert (mine is None) == (attendance is None)
                if mine is not None:
                    mine.event = Event.objects.get(pk=event.pk)
                    services.registration_cancel(actor=people[who], registration=mine)
                    for queue in (model.confirmed, model.waiting):
                        if who in queue[attendance]:
                            queue[attendance].remove(who)
                    model.fill()
            else:
                _, venue, online = step
                too_low = any(
                    limit is not None and limit < len(model.confirmed[a])
                    for a, limit in (("venue", venue), ("online", online))
                )
                if too_low:
                    with pytest.raises(event_services.EventError):
                        event_services.event_set_capacity(
                            actor=organizer,
                            event=event,
                            capacity_venue=venue,
                            capacity_online=online,
                        )
                else:
                    event_services.event_set_capacity(
                        actor=organizer, event=event, capacity_venue=venue, capacity_online=online
                    )
                    model.capacity = {"venue": venue, "online": online}
                    model.fill()
            _check(event, model, people)
        transaction.set_rollback(True)
