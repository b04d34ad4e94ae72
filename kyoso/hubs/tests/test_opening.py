"""When a hub is open: weekday hours, national holidays, 年末年始, one-off closures."""

from __future__ import annotations

from datetime import date, time

import pytest

from kyoso.hubs.models import Closure, OpeningHours
from kyoso.hubs.opening import hub_calendar

pytestmark = pytest.mark.django_db


def test_weekday_hours_holidays_year_end_and_closures(hub):
    OpeningHours.objects.filter(hub=hub, weekday=6).delete()  # closed on Sundays
    Closure.objects.create(
        hub=hub, starts_on=date(2027, 3, 10), ends_on=date(2027, 3, 11), reason="設備点検"
    )
    cal = hub_calendar(hub, start=date(2026, 12, 1), end=date(2027, 3, 31))
    monday = cal.on(date(2027, 3, 8))
    assert monday.is_open and (monday.opens, monday.closes) == (time(9), time(21))
    assert cal.on(date(2027, 3, 7)).closed_reason == "定休日"  # a Sunday
    assert cal.on(date(2027, 2, 11)).closed_reason == "建国記念の日"
    assert cal.on(date(2026, 12, 30)).closed_reason == "年末年始"
    assert cal.on(date(2027, 1, 3)).closed_reason == "年末年始"
    assert cal.on(date(2027, 1, 4)).is_open
    assert cal.on(date(2027, 3, 10)).closed_reason == "設備点検"
    assert cal.on(date(2027, 3, 11)).closed_reason == "設備点検"
    assert cal.on(date(2027, 3, 12)).is_open


def test_a_hub_may_open_on_holidays_and_at_year_end(hub):
    hub.closed_on_holidays = False
    hub.closed_year_end = False
    cal = hub_calendar(hub, start=date(2026, 12, 1), end=date(2027, 3, 31))
    assert cal.on(date(2027, 2, 11)).is_open
    assert cal.on(date(2026, 12, 31)).is_open
