"""When a hub is open: hours per weekday, national holidays (jpholiday), 年末年始 and one-off
closures. :func:`hub_calendar` loads a hub's hours and closures once (2 queries) so that a
month of availability asks nothing more."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import jpholiday
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kyoso.hubs.models import Closure, Hub, OpeningHours

TOKYO = ZoneInfo(settings.TIME_ZONE)
YEAR_END = _("年末年始")
NO_HOURS = _("定休日")


def is_year_end(day: date) -> bool:
    """29 December – 3 January, the closing of most public facilities in Japan."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


@dataclass(frozen=True)
class DayHours:
    day: date
    opens: time | None = None
    closes: time | None = None
    closed_reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.opens is not None and not self.closed_reason

    @property
    def opens_at(self) -> datetime:
        assert self.opens is not None
        return datetime.combine(self.day, self.opens, tzinfo=TOKYO)

    @property
    def closes_at(self) -> datetime:
        assert self.closes is not None
        return datetime.combine(self.day, self.closes, tzinfo=TOKYO)


@dataclass
class HubCalendar:
    hub: Hub
    hours: dict[int, tuple[time, time]] = field(default_factory=dict)
    closures: list[Closure] = field(default_factory=list)

    def on(self, day: date) -> DayHours:
        hours = self.hours.get(day.weekday())
        opens, closes = hours if hours else (None, None)
        reason = ""
        if self.hub.closed_year_end and is_year_end(day):
            reason = str(YEAR_END)
        elif self.hub.closed_on_holidays and (name := jpholiday.is_holiday_name(day)):
            reason = name
        elif closure := next((c for c in self.closures if c.starts_on <= day <= c.ends_on), None):
            reason = closure.reason
        elif hours is None:
            reason = str(NO_HOURS)
        return DayHours(day=day, opens=opens, closes=closes, closed_reason=reason)


def hub_calendar(hub: Hub, *, start: date, end: date) -> HubCalendar:
    """Hours and the closures touching ``start``–``end`` (inclusive): 2 queries."""
    hours = {h.weekday: (h.opens, h.closes) for h in OpeningHours.objects.filter(hub_id=hub.pk)}
    closures = list(Closure.objects.filter(hub_id=hub.pk, starts_on__lte=end, ends_on__gte=start))
    return HubCalendar(hub=hub, hours=hours, closures=closures)


def local(value: datetime) -> datetime:
    return value.astimezone(TOKYO)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=TOKYO)
    return start, start + timedelta(days=1)
