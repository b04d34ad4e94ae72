"""Space usage per fiscal year (年度): hours booked, occupancy, day passes, unique users —
computed by hand on a hub open only on Mondays."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.hubs.models import Booking, Closure, OpeningHours
from kyoso.hubs.selectors import booking_figures, open_hours_in
from kyoso.hubs.tests.factories import DeskPoolFactory, HubFactory, SpaceFactory, at

pytestmark = pytest.mark.django_db


def book(space, user, day, start, end, *, status="confirmed", kind="slot"):
    return Booking.objects.create(
        space=space,
        hub_id=space.hub_id,
        user=user,
        kind=kind,
        status=status,
        day=day,
        starts_at=at(day, *start),
        ends_at=at(day, *end),
        blocked_until=at(day, *end),
        free_cancel_until=at(day, *start),
        checked_in_at=timezone.now() if status == "checked_in" else None,
    )


@pytest.fixture
def monday_hub(db):
    """Open Mondays 9:00–21:00 (12 h), holidays open, 年末年始 closed, closed 2025-05-12.

    FY2025 (2025-04-01 – 2026-03-31) has 52 Mondays; 2025-12-29 is 年末年始 and 2025-05-12
    a closure, so 50 open Mondays × 12 h = 600 open hours."""
    hub = HubFactory(closed_on_holidays=False, closed_year_end=True)
    OpeningHours.objects.create(hub=hub, weekday=0, opens=time(9), closes=time(21))
    Closure.objects.create(
        hub=hub, starts_on=date(2025, 5, 12), ends_on=date(2025, 5, 12), reason="点検"
    )
    return hub


def test_open_hours_follow_the_hours_and_the_closed_days(monday_hub):
    with assert_num_queries(2):
        assert open_hours_in(monday_hub, date(2025, 4, 1), date(2026, 3, 31)) == 600
    # The week of 2025-05-12 (closed) has none; the next has 12.
    assert open_hours_in(monday_hub, date(2025, 5, 11), date(2025, 5, 17)) == 0
    assert open_hours_in(monday_hub, date(2025, 5, 18), date(2025, 5, 24)) == 12


@pytest.fixture
def year_2025(monday_hub):
    suzuki, takahashi, sato = UserFactory(), UserFactory(), UserFactory()
    room = SpaceFactory(hub=monday_hub, name="会議室A", position=0)
    desks = DeskPoolFactory(hub=monday_hub, name="コワーキング", capacity=3, position=1)
    SpaceFactory(hub=monday_hub, name="閉鎖した部屋", active=False, position=2)
    old = SpaceFactory(hub=monday_hub, name="旧工房", active=False, position=3)
    # Room: 3 h + 1.5 h + 3 h = 7.5 h counted.
    book(room, suzuki, date(2025, 4, 7), (10,), (13,))
    book(room, suzuki, date(2025, 6, 2), (9,), (10, 30), status="checked_in")
    book(room, takahashi, date(2026, 3, 30), (18,), (21,), status="no_show")
    # Not counted: cancelled, waiting for approval, refused, the fiscal years around.
    book(room, sato, date(2025, 4, 14), (10,), (12,), status="cancelled")
    book(room, sato, date(2025, 4, 21), (10,), (12,), status="requested")
    book(room, sato, date(2025, 4, 28), (10,), (12,), status="refused")
    book(room, sato, date(2025, 3, 31), (10,), (12,))
    book(room, sato, date(2026, 4, 6), (10,), (12,))
    # An event's hold has no person: its hours count, nobody is added.
    book(room, None, date(2025, 9, 1), (13,), (15,))  # 2 h → room 9.5 h
    # Desks: three passes of 12 h (36 seat-hours), one cancelled.
    for person, day in ((suzuki, 7), (takahashi, 7), (suzuki, 14)):
        book(desks, person, date(2025, 4, day), (9,), (21,), kind="day_pass")
    book(desks, sato, date(2025, 4, 21), (9,), (21,), kind="day_pass", status="cancelled")
    # An inactive space still shows when it was used that year: 1 h.
    book(old, suzuki, date(2025, 10, 6), (9,), (10,))
    # Another hub's bookings are not this hub's.
    book(SpaceFactory(), sato, date(2025, 4, 7), (10,), (12,))


def test_figures_of_the_fiscal_year_by_hand(monday_hub, year_2025):

    # 1 bookings per space, 2 distinct people, 3 spaces, 4 hours, 5 closures
    with assert_num_queries(5):
        figures = booking_figures(monday_hub, 2025)
    rows = {row.name: row for row in figures.spaces}
    assert list(rows) == ["会議室A", "コワーキング", "旧工房"]  # the unused closed room is left out
    assert rows["会議室A"].hours == 9.5
    assert rows["会議室A"].occupancy == pytest.approx(9.5 / 600)
    assert rows["コワーキング"].hours == 36
    assert rows["コワーキング"].open_hours == 1800  # 600 h × 3 seats
    assert rows["コワーキング"].occupancy == pytest.approx(0.02)
    assert rows["旧工房"].hours == 1
    assert figures.day_passes == 3
    assert figures.unique_users == 2  # suzuki and takahashi; sato's bookings do not count


def test_the_query_count_does_not_grow_with_spaces_and_bookings(monday_hub, year_2025):

    for i in range(5):
        space = SpaceFactory(hub=monday_hub)
        book(space, UserFactory(), date(2025, 7, 7), (9 + i,), (10 + i,))
    with assert_num_queries(5):
        figures = booking_figures(monday_hub, 2025)
    assert len(figures.spaces) == 8
    assert figures.unique_users == 7


def test_an_empty_year_and_a_hub_never_open(monday_hub):
    SpaceFactory(hub=monday_hub, name="会議室A")
    figures = booking_figures(monday_hub, 2030)
    assert [(r.name, r.hours, r.occupancy) for r in figures.spaces] == [("会議室A", 0, 0)]
    assert figures.day_passes == 0 and figures.unique_users == 0
    never_open = HubFactory()
    SpaceFactory(hub=never_open)
    assert booking_figures(never_open, 2025).spaces[0].occupancy is None
