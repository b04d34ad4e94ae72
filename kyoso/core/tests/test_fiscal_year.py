from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kyoso.core.fiscal import fiscal_quarter, fiscal_year, fiscal_year_label, fiscal_year_range

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
years = st.integers(min_value=1900, max_value=2200)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 4, 1), 2021),
        (date(2021, 12, 31), 2021),
        (date(2022, 1, 1), 2021),
        (date(2022, 3, 31), 2021),
        (date(2022, 4, 1), 2022),
        (date(2021, 3, 31), 2020),
    ],
)
def test_fiscal_year(day: date, expected: int) -> None:
    assert fiscal_year(day) == expected


def test_fy2021_is_reiwa_3_and_runs_april_to_march() -> None:
    assert fiscal_year_range(2021) == (date(2021, 4, 1), date(2022, 3, 31))
    assert fiscal_year_label(2021) == "令和3年度"
    assert fiscal_year_label(2021, era=False) == "2021年度"


@pytest.mark.parametrize(
    ("fy", "expected"),
    [
        (2018, "平成30年度"),
        (2019, "令和元年度"),  # began in 平成31年 but is written 令和元年度
        (2020, "令和2年度"),
        (2024, "令和6年度"),
        (1988, "昭和63年度"),  # ended in 平成元年 but is written 昭和63年度
        (1989, "平成元年度"),
    ],
)
def test_era_labels(fy: int, expected: str) -> None:
    assert fiscal_year_label(fy) == expected


def test_english_label() -> None:
    assert fiscal_year_label(2021, language="en") == "FY2021"
    assert fiscal_year_label(2021, language="en-us") == "FY2021"
    assert fiscal_year_label(2021, era=False, language="en") == "FY2021"
    assert fiscal_year_label(2021, language="ja") == "令和3年度"


def test_label_follows_the_active_language() -> None:
    with translation.override("en"):
        assert fiscal_year_label(2021) == "FY2021"
    with translation.override("ja"):
        assert fiscal_year_label(2021) == "令和3年度"


@pytest.mark.parametrize(
    ("month", "quarter"),
    [
        *[(4, 1), (5, 1), (6, 1)],
        *[(7, 2), (8, 2), (9, 2)],
        *[(10, 3), (11, 3), (12, 3)],
        *[(1, 4), (2, 4), (3, 4)],
    ],
)
def test_fiscal_quarter(month: int, quarter: int) -> None:
    assert fiscal_quarter(date(2021, month, 15)) == quarter


def test_aware_datetime_is_read_in_tokyo() -> None:
    # 2022-03-31 15:00 UTC is 2022-04-01 00:00 in Tokyo: the first moment of FY2022.
    moment = datetime(2022, 3, 31, 15, 0, tzinfo=UTC)
    assert fiscal_year(moment) == 2022
    assert fiscal_quarter(moment) == 1
    assert fiscal_year(moment - timedelta(microseconds=1)) == 2021
    assert fiscal_quarter(moment - timedelta(microseconds=1)) == 4


def test_aware_datetime_in_another_zone() -> None:
    new_york = timezone(timedelta(hours=-4))
    # 2022-03-31 11:00 in New York is 2022-04-01 00:00 in Tokyo.
    assert fiscal_year(datetime(2022, 3, 31, 11, 0, tzinfo=new_york)) == 2022
    assert fiscal_year(datetime(2022, 3, 31, 10, 59, tzinfo=new_york)) == 2021


def test_naive_datetime_uses_its_own_date() -> None:
    assert fiscal_year(datetime(2022, 3, 31, 23, 59)) == 2021


@given(days)
def test_fiscal_year_agrees_with_its_range(day: date) -> None:
    start, end = fiscal_year_range(fiscal_year(day))
    assert start <= day <= end


@given(years)
def test_ranges_tile_the_calendar(fy: int) -> None:
    start, end = fiscal_year_range(fy)
    assert (start.month, start.day, end.month, end.day) == (4, 1, 3, 31)
    assert fiscal_year(start) == fiscal_year(end) == fy
    assert fiscal_year(start - timedelta(days=1)) == fy - 1
    assert fiscal_year(end + timedelta(days=1)) == fy + 1
    assert fiscal_year_range(fy + 1)[0] == end + timedelta(days=1)
    assert (end - start).days + 1 in (365, 366)


@given(days)
def test_quarter_is_consistent_with_the_year(day: date) -> None:
    quarter = fiscal_quarter(day)
    start, _end = fiscal_year_range(fiscal_year(day))
    months_in = (day.year - start.year) * 12 + day.month - start.month
    assert 0 <= months_in < 12
    assert quarter == months_in // 3 + 1


@given(st.integers(min_value=1868, max_value=2200))
def test_label_shapes(fy: int) -> None:
    assert fiscal_year_label(fy, era=False) == f"{fy}年度"
    label = fiscal_year_label(fy)
    assert label.endswith("年度")
    if fy >= 2019:
        assert label == ("令和元年度" if fy == 2019 else f"令和{fy - 2018}年度")
