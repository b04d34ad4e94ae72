"""和暦 (Japanese era) formatting and parsing for the five modern eras.

Dates are proleptic Gregorian: 明治 dates before 1873 (when Japan adopted the Gregorian
calendar) are not converted from the old lunisolar calendar.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TOKYO = ZoneInfo("Asia/Tokyo")
WEEKDAYS = "月火水木金土日"  # date.weekday() order

EMPTY_DATE = _("日付が入力されていません。")
UNRECOGNIZED_DATE = _(
    "「%(text)s」は日付として読み取れません。「令和3年4月1日」や「2021-04-01」の形で入力してください。"
)
UNKNOWN_ERA = _("「%(era)s」は対応していない元号です。明治・大正・昭和・平成・令和が使えます。")
INVALID_DATE = _("%(written)sという日付はありません。")
DATE_BEFORE_ERA = _("%(written)sは%(era)sの始まり（%(start)s）より前の日付です。")
DATE_AFTER_ERA = _("%(written)sは%(era)sの終わり（%(end)s）より後の日付です。")
WEEKDAY_MISMATCH = _("%(written)sは%(actual)s曜日です（（%(given)s）と書かれています）。")
OUT_OF_WAREKI_RANGE = _("%(date)sは和暦で表せません（明治より前です）。")


class WarekiError(ValueError):
    """A date that cannot be read or written in 和暦; ``template`` is a module constant."""

    def __init__(self, template: Promise, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template, params)

    def __str__(self) -> str:
        return str(self.template % self.params if self.params else self.template)


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: date
    end: date | None  # last day, None for the current era

    def contains(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def _eras() -> tuple[Era, ...]:
    table = [
        ("明治", "M", date(1868, 10, 23)),
        ("大正", "T", date(1912, 7, 30)),
        ("昭和", "S", date(1926, 12, 25)),
        ("平成", "H", date(1989, 1, 8)),
        ("令和", "R", date(2019, 5, 1)),
    ]
    ends: list[date | None] = [start - timedelta(days=1) for _n, _l, start in table[1:]]
    ends.append(None)
    return tuple(Era(n, le, s, e) for (n, le, s), e in zip(table, ends, strict=True))


ERAS: tuple[Era, ...] = _eras()
_BY_NAME = {era.name: era for era in ERAS} | {era.letter: era for era in ERAS}


def to_local_date(value: date | datetime) -> date:
    """Return the date of ``value``; aware datetimes are read in Asia/Tokyo first."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, TOKYO)
        return value.date()
    return value


def era_of(value: date | datetime) -> tuple[Era, int]:
    """Return the era and era year of a date, e.g. ``(令和, 3)`` for 2021-04-01."""
    d = to_local_date(value)
    for era in reversed(ERAS):
        if era.start <= d:
            return era, d.year - era.start.year + 1
    raise WarekiError(OUT_OF_WAREKI_RANGE, date=d.isoformat())


def era_year_label(era: Era, year: int) -> str:
    """``令和元年`` for year 1, ``令和3年`` otherwise."""
    return f"{era.name}{'元' if year == 1 else year}年"


def _western(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def format_wareki(value: date | datetime, *, weekday: bool = True) -> str:
    """``令和3年4月1日（木）``; the first year of an era is written 元年."""
    d = to_local_date(value)
    text = f"{era_year_label(*era_of(d))}{d.month}月{d.day}日"
    return f"{text}（{WEEKDAYS[d.weekday()]}）" if weekday else text


def format_wareki_short(value: date | datetime) -> str:
    """The abbreviated form ``R3.4.1``."""
    d = to_local_date(value)
    era, year = era_of(d)
    return f"{era.letter}{year}.{d.month}.{d.day}"


_DATE_PATTERN = re.compile(
    r"""
    (?P<era>[^\W\d_]+)?\s*
    (?P<year>元|\d{1,4})\s*
    (?:
        年\s*(?P<kmonth>\d{1,2})\s*月\s*(?P<kday>\d{1,2})\s*日
      | (?P<sep>[./-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<day>\d{1,2})
    )
    \s*(?:\(\s*(?P<weekday>[月火水木金土日])(?:曜日?)?\s*\))?
    """,
    re.VERBOSE,
)


def parse_wareki(text: str) -> date:
    """Read a 和暦 or 西暦 date such as ``令和3年4月1日（木）``, ``R3.4.1`` or ``2021-04-01``.

    A weekday in parentheses must match the date. Raises :class:`WarekiError`.
    """
    normalized = unicodedata.normalize("NFKC", text).strip()
    if not normalized:
        raise WarekiError(EMPTY_DATE)
    match = _DATE_PATTERN.fullmatch(normalized)
    if match is None:
        raise WarekiError(UNRECOGNIZED_DATE, text=text.strip())
    month = int(match["kmonth"] or match["month"])
    day = int(match["kday"] or match["day"])
    era_text, year_text = match["era"], match["year"]

    era: Era | None = None
    if era_text is None:
        if len(year_text) != 4:
            raise WarekiError(UNRECOGNIZED_DATE, text=text.strip())
        year = int(year_text)
        written = f"{year}年{month}月{day}日"
    else:
        era = _BY_NAME.get(era_text.upper())
        if era is None:
            raise WarekiError(UNKNOWN_ERA, era=era_text)
        if len(year_text) > 3:
            raise WarekiError(UNRECOGNIZED_DATE, text=text.strip())
        era_year = 1 if year_text == "元" else int(year_text)
        year = era.start.year + era_year - 1
        written = f"{era_year_label(era, era_year)}{month}月{day}日"

    try:
        result = date(year, month, day)
    except ValueError:
        raise WarekiError(INVALID_DATE, written=written) from None
    if era is not None and result < era.start:
        raise WarekiError(DATE_BEFORE_ERA, written=written, era=era.name, start=_western(era.start))
    if era is not None and era.end is not None and result > era.end:
        raise WarekiError(DATE_AFTER_ERA, written=written, era=era.name, end=_western(era.end))

    given = match["weekday"]
    actual = WEEKDAYS[result.weekday()]
    if given is not None and given != actual:
        raise WarekiError(WEEKDAY_MISMATCH, written=written, actual=actual, given=given)
    return result
