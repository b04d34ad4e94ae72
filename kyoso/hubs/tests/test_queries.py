"""A constant number of queries on every hub page, whatever the rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.hubs.services.bookings import booking_create, day_pass_create
from kyoso.hubs.tests.factories import at, open_day

pytestmark = pytest.mark.django_db


def _fill(room, desks, count):
    day = open_day()
    for i in range(count):
        person = UserFactory()
        booking_create(
            actor=person, space=room, starts_at=at(day, 9 + i % 10), ends_at=at(day, 9 + i % 10, 30)
        ) if i < 10 else None
        day_pass_create(actor=person, space=desks, day=day) if i < 3 else None
    return day


@pytest.mark.parametrize("count", [1, 8])
def test_space_month_and_day(client, room, desks, count):
    day = _fill(room, desks, count)
    url = reverse("hubs:space", args=["sendai", "room-a"])
    # 1 hub with organization and region, 2 its active spaces, 3 the space, 4 hours,
    # 5 closures, 6 bookings of the displayed weeks
    with assert_num_queries(6, label=f"{count} bookings"):
        client.get(url, {"month": day.strftime("%Y-%m"), "date": day.isoformat()})


@pytest.mark.parametrize("count", [1, 8])
def test_staff_day_board(client, room, desks, hub_staff, count):
    _fill(room, desks, count)
    client.force_login(hub_staff)
    # 1 session, 2 user, 3 roles (navigation), 4 hub, 5 its active spaces, 6 role in the
    # organization (rule), 7 today's bookings with their people
    with assert_num_queries(7, label=f"{count} bookings"):
        client.get(reverse("hubs:board", args=["sendai"]))


@pytest.mark.parametrize("count", [1, 8])
def test_my_bookings(client, room, desks, suzuki, count):
    day = open_day()
    for i in range(count):
        booking_create(
            actor=suzuki, space=room, starts_at=at(day, 9 + i), ends_at=at(day, 9 + i, 30)
        )
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (navigation), 4 bookings with spaces and hubs
    with assert_num_queries(4, label=f"{count} bookings"):
        client.get(reverse("hubs:my_bookings"))


@pytest.mark.parametrize("count", [1, 8])
def test_hub_list_and_detail(client, hub, room, count):
    from kyoso.hubs.tests.factories import HubFactory, SpaceFactory

    for _ in range(count):
        SpaceFactory(hub=HubFactory())
    # 1 hubs with organizations and regions, 2 space counts
    with assert_num_queries(2, label=f"{count} hubs"):
        client.get(reverse("hubs:list"))
    # 1 hub, 2 its active spaces, 3 hours, 4 photos
    with assert_num_queries(4):
        client.get(reverse("hubs:detail", args=["sendai"]))
