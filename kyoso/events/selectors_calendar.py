"""Reads of the month calendar and the iCal feeds."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils.dates import WEEKDAYS_ABBR

from kyoso.core.holidays import holiday_name, month_holidays
from kyoso.core.wareki import TOKYO
from kyoso.events.models import Event, EventMode, EventStatus

#: Japanese wall calendars start the week on Sunday.
FIRST_WEEKDAY = pycalendar.SUNDAY
#: The column headings, Sunday first, from Django's locale data (日 月 … 土, Sun Mon … Sat);
#: lazy, so each page gets its own language.
WEEKDAY_NAMES = tuple(WEEKDAYS_ABBR[(FIRST_WEEKDAY + i) % 7] for i in range(7))

ONLINE = "online"
VENUE = "venue"


def listed_events() -> QuerySet[Event]:
    """Events anyone may see in calendars and feeds: published and cancelled (struck out)."""
    return Event.objects.exclude(status=EventStatus.DRAFT)


@dataclass(frozen=True)
class CalendarFilters:
    kind: str = ""
    theme: str = ""
    municipality: str = ""  # JIS code
    community: str = ""  # slug
    where: str = ""  # "online" (online or hybrid) or "venue" (venue or hybrid)

    def apply(self, queryset: QuerySet[Event]) -> QuerySet[Event]:
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.theme:
            queryset = queryset.filter(theme=self.theme)
        if self.municipality:
            queryset = queryset.filter(municipality_id=self.municipality)
        if self.community:
            queryset = queryset.filter(community__slug=self.community)
        if self.where == ONLINE:
            queryset = queryset.filter(mode__in=(EventMode.ONLINE, EventMode.HYBRID))
        elif self.where == VENUE:
            queryset = queryset.filter(mode__in=(EventMode.VENUE, EventMode.HYBRID))
        return queryset


@dataclass
class Day:
    date: date
    in_month: bool
    #: The holiday's name as jpholiday gives it, in Japanese ("" on other days).
    holiday: str = ""
    events: list[Event] = field(default_factory=list)

    @property
    def holiday_name(self) -> str:
        """The holiday's name in the language of the page."""
        return holiday_name(self.holiday) if self.holiday else ""

    @property
    def weekday_index(self) -> int:
        """0 for Sunday … 6 for Saturday."""
        return (self.date.weekday() + 1) % 7


@dataclass(frozen=True)
class Month:
    first: date
    weeks: list[list[Day]]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)

    @property
    def days_with_events(self) -> list[Day]:
        return [d for week in self.weeks for d in week if d.in_month and d.events]


def _aware(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=TOKYO)


def month_calendar(first: date, filters: CalendarFilters) -> Month:
    """The weeks (Sunday first) around month ``first`` with each day's events and holidays.

    One query: events overlapping the displayed weeks. A multi-day event shows on each day.
    """
    weeks_dates = pycalendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(first.year, first.month)
    start, end = weeks_dates[0][0], weeks_dates[-1][-1] + timedelta(days=1)
    holidays: dict[date, str] = {}
    for d in {start.replace(day=1), first, end.replace(day=1)}:
        holidays.update(month_holidays(d.year, d.month))
    weeks = [
        [Day(date=d, in_month=d.month == first.month, holiday=holidays.get(d, "")) for d in week]
        for week in weeks_dates
    ]
    by_date = {day.date: day for week in weeks for day in week}
    events = filters.apply(
        listed_events().filter(starts_at__lt=_aware(end), ends_at__gte=_aware(start))
    ).order_by("starts_at", "id")
    for event in events:
        day = event.starts_at.astimezone(TOKYO).date()
        last = event.ends_at.astimezone(TOKYO).date()
        if event.all_day and last > day and event.ends_at.astimezone(TOKYO).time() == time.min:
            last -= timedelta(days=1)
        while day <= last:
            if day in by_date:
                by_date[day].events.append(event)
            day += timedelta(days=1)
    return Month(first=first, weeks=weeks)


def feed_events(**filters: Any) -> QuerySet[Event]:
    """Every listed event for a feed, optionally of one community (``community=<Community>``)."""
    queryset = listed_events()
    if "community" in filters:
        queryset = queryset.filter(community=filters["community"])
    return queryset.order_by("starts_at", "id")


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The municipalities and communities that have listed events (two queries)."""
    from kyoso.communities.models import Community
    from kyoso.regions.models import Municipality

    listed = listed_events()
    municipalities = (
        Municipality.objects.filter(
            pk__in=listed.filter(municipality__isnull=False).values("municipality_id")
        )
        .select_related("prefecture", "parent")
        .order_by("pk")
    )
    communities = Community.objects.filter(
        pk__in=listed.filter(community__isnull=False).values("community_id")
    ).order_by("name", "pk")
    return {
        "municipalities": [(m.pk, str(m)) for m in municipalities],
        "communities": [(c.slug, c.name) for c in communities],
    }
