"""How an event's time is written, in the language of the page (or of the mail).

Japanese: 和暦 with the 西暦 year, as the rest of the site does —
``令和8年（2026年）12月5日（土） 14:00〜16:00``; an all-day event says 終日, a multi-day event
names both days.

Other languages (English): Gregorian, the site's one style of dates (``WEEKDAY_DATE_FORMAT``
of kyoso/formats) — ``Sat, 5 Dec 2026, 14:00–16:00``,
``Sat, 9 Jan 2027 – Sun, 10 Jan 2027, all day``.
How a day and its times are joined is part of the catalog, so each language has its own
punctuation."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kyoso.core.wareki import TOKYO, WEEKDAYS, era_of, era_year_label, format_wareki

#: A day outside Japanese, named in kyoso/formats (English: ``Thu, 29 Jul 2021``).
GREGORIAN_DAY = "WEEKDAY_DATE_FORMAT"


def writes_wareki(language: str | None = None) -> bool:
    """Whether dates are written in 和暦: in Japanese (the active language by default)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0].lower() == "ja"


def _day(value: datetime) -> str:
    if not writes_wareki():
        return formats.date_format(value, GREGORIAN_DAY)
    era, year = era_of(value.date())
    return (
        f"{era_year_label(era, year)}（{value.year}年）{value.month}月{value.day}日"
        f"（{WEEKDAYS[value.weekday()]}）"
    )


def when_text(event: Any) -> str:
    """When ``event`` takes place, for its pages, the list, the API and the mail."""
    start = timezone.localtime(event.starts_at, TOKYO)
    end = timezone.localtime(event.ends_at, TOKYO)
    if event.all_day:
        last = end - timedelta(days=1) if end.time() == datetime.min.time() else end
        if last.date() <= start.date():
            return _("%(day)s 終日") % {"day": _day(start)}
        return _("%(first)s〜%(last)s 終日") % {"first": _day(start), "last": _day(last)}
    if start.date() == end.date():
        return _("%(day)s %(start)s〜%(end)s") % {
            "day": _day(start),
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }
    return _("%(start_day)s %(start)s〜%(end_day)s %(end)s") % {
        "start_day": _day(start),
        "start": f"{start:%H:%M}",
        "end_day": _day(end),
        "end": f"{end:%H:%M}",
    }


def moment_text(value: datetime) -> str:
    """One moment (e.g. when registration opens): ``令和3年4月1日（木） 10:00`` in Japanese,
    ``Thu, 1 Apr 2021, 10:00`` in English."""
    local = timezone.localtime(value, TOKYO)
    day = format_wareki(local) if writes_wareki() else formats.date_format(local, GREGORIAN_DAY)
    return pgettext("a day and a time", "%(day)s %(time)s") % {"day": day, "time": f"{local:%H:%M}"}
