"""Factories for hubs. They write rows directly (no services), so a test sets up any state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from unittest import mock

import factory
import jpholiday
from django.utils import timezone

from kyoso.hubs.models import Hub, OpeningHours, Space, SpaceKind
from kyoso.hubs.opening import TOKYO, is_year_end
from kyoso.orgs.tests.factories import OrganizationFactory


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"ソーシャルハブ{n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    address = "宮城県仙台市青葉区一番町1-1"
    closed_on_holidays = True
    closed_year_end = True


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"会議室{n}")
    slug = factory.Sequence(lambda n: f"room-{n}")
    kind = SpaceKind.ROOM
    capacity = 8
    price_yen = 1_000
    min_minutes = 30
    max_minutes = 240


class DeskPoolFactory(SpaceFactory):
    name = "コワーキング"
    slug = factory.Sequence(lambda n: f"desks-{n}")
    kind = SpaceKind.DESKS
    capacity = 3
    price_unit = "day"
    price_yen = 500


def open_every_day(hub: Hub, opens: time = time(9), closes: time = time(21)) -> None:
    """Hours on all seven weekdays."""
    for weekday in range(7):
        OpeningHours.objects.update_or_create(
            hub=hub, weekday=weekday, defaults={"opens": opens, "closes": closes}
        )


def open_day(after: int = 3, *, weekday: int | None = None) -> date:
    """The first day ``after`` days from today or later that is no holiday nor 年末年始 (and
    falls on ``weekday`` if given)."""
    day = timezone.localdate() + timedelta(days=after)
    while (
        jpholiday.is_holiday(day)
        or is_year_end(day)
        or (weekday is not None and day.weekday() != weekday)
    ):
        day += timedelta(days=1)
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TOKYO)


@contextmanager
def frozen_clock(moment: datetime) -> Iterator[None]:
    """Stop the clock at ``moment``: every ``timezone.now()`` reads it."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def open_weeks(count: int, after: int = 3) -> date:
    """A first day from which ``count`` weekly dates are all open (no holiday, no 年末年始)."""
    day = open_day(after)
    while not all(
        not jpholiday.is_holiday(d) and not is_year_end(d)
        for d in (day + timedelta(weeks=i) for i in range(count))
    ):
        day = open_day((day - timezone.localdate()).days + 1)
    return day
