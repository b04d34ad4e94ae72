"""Fiscal-year (年度) helpers: Japanese fiscal years run from April 1 to March 31."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import get_language

from kyoso.core.wareki import era_of, era_year_label, to_local_date

FIRST_MONTH = 4


def fiscal_year(value: date | datetime) -> int:
    """The fiscal year a date falls in: 2021-04-01..2022-03-31 is 2021."""
    d = to_local_date(value)
    return d.year if d.month >= FIRST_MONTH else d.year - 1


def fiscal_year_range(fy: int) -> tuple[date, date]:
    """First and last day (both inclusive) of fiscal year ``fy``."""
    return date(fy, FIRST_MONTH, 1), date(fy + 1, FIRST_MONTH - 1, 31)


def fiscal_quarter(value: date | datetime) -> int:
    """Quarter 1-4 within the fiscal year; Q1 is April-June, Q4 is January-March."""
    d = to_local_date(value)
    return (d.month - FIRST_MONTH) % 12 // 3 + 1


def fiscal_year_label(fy: int, *, era: bool = True, language: str | None = None) -> str:
    """``令和3年度`` (or ``2021年度`` with ``era=False``); ``FY2021`` in English.

    ``language`` defaults to the active language. The era is the one in force at the end of
    calendar year ``fy``, so FY2019 is 令和元年度 and FY1988 is 昭和63年度.
    """
    language = language or get_language() or "ja"
    if language.split("-")[0].lower() == "en":
        return f"FY{fy}"
    if not era:
        return f"{fy}年度"
    return f"{era_year_label(*era_of(date(fy, 12, 31)))}度"
