"""How an event's time is written: 和暦 with the 西暦 year, as the rest of the site does.

``令和8年（2026年）12月5日（土）14:00〜16:00``; an all-day event says 終日, a multi-day event
names both days."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kyoso.core.wareki import TOKYO, WEEKDAYS, era_of, era_year_label


def _day(value: datetime) -> str:
    era, year = era_of(value.date())
    return (
        f"{era_year_label(era, year)}（{value.year}年）{value.month}月{value.day}日"
        f"（{WEEKDAYS[value.weekday()]}）"
    )


def when_text(event: Any) -> str:
    start = timezone.localtime(event.starts_at, TOKYO)
    end = timezone.localtime(event.ends_at, TOKYO)
    if event.all_day:
        last = end - timedelta(days=1) if end.time() == datetime.min.time() else end
        if last.date() <= start.date():
            return f"{_day(start)} {_('終日')}"
        return f"{_day(start)}〜{_day(last)} {_('終日')}"
    if start.date() == end.date():
        return f"{_day(start)} {start:%H:%M}〜{end:%H:%M}"
    return f"{_day(start)} {start:%H:%M}〜{_day(end)} {end:%H:%M}"
