from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyoso.core.wareki import (
    DATE_AFTER_ERA,
    DATE_BEFORE_ERA,
    EMPTY_DATE,
    ERAS,
    INVALID_DATE,
    OUT_OF_WAREKI_RANGE,
    UNKNOWN_ERA,
    UNRECOGNIZED_DATE,
    WEEKDAY_MISMATCH,
    WEEKDAYS,
    WarekiError,
    era_of,
    format_wareki,
    format_wareki_short,
    parse_wareki,
)

HEISEI_START = date(1989, 1, 8)
LAST_TESTED = date(2100, 12, 31)
FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")

heisei_onwards = st.dates(min_value=HEISEI_START, max_value=LAST_TESTED)
all_eras = st.dates(min_value=date(1868, 10, 23), max_value=LAST_TESTED)


def error_of(text: str) -> WarekiError:
    with pytest.raises(WarekiError) as caught:
        parse_wareki(text)
    return caught.value


# --- formatting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 4, 1), "令和3年4月1日（木）"),
        (date(2019, 5, 1), "令和元年5月1日（水）"),
        (date(2019, 4, 30), "平成31年4月30日（火）"),
        (date(1989, 1, 8), "平成元年1月8日（日）"),
        (date(1989, 1, 7), "昭和64年1月7日（土）"),
        (date(1926, 12, 25), "昭和元年12月25日（土）"),
        (date(1926, 12, 24), "大正15年12月24日（金）"),
        (date(1912, 7, 30), "大正元年7月30日（火）"),
        (date(1912, 7, 29), "明治45年7月29日（月）"),
        (date(1868, 10, 23), "明治元年10月23日（金）"),
        (date(2022, 3, 31), "令和4年3月31日（木）"),
    ],
)
def test_format_wareki(day: date, expected: str) -> None:
    assert format_wareki(day) == expected
    assert format_wareki(day, weekday=False) == expected[: expected.index("（")]


def test_2021_04_01_was_a_thursday() -> None:
    assert date(2021, 4, 1).weekday() == WEEKDAYS.index("木")


def test_format_short() -> None:
    assert format_wareki_short(date(2021, 4, 1)) == "R3.4.1"
    assert format_wareki_short(date(2019, 4, 30)) == "H31.4.30"
    assert format_wareki_short(date(2019, 5, 1)) == "R1.5.1"
    assert format_wareki_short(date(1989, 1, 7)) == "S64.1.7"


def test_aware_datetime_is_read_in_tokyo() -> None:
    # 15:00 UTC on March 31 is already April 1 in Tokyo.
    moment = datetime(2021, 3, 31, 15, 0, tzinfo=UTC)
    assert format_wareki(moment) == "令和3年4月1日（木）"
    assert format_wareki(moment - timedelta(seconds=1)) == "令和3年3月31日（水）"


def test_naive_datetime_uses_its_own_date() -> None:
    assert format_wareki(datetime(2019, 4, 30, 23, 59)) == "平成31年4月30日（火）"


def test_before_meiji_cannot_be_written() -> None:
    with pytest.raises(WarekiError) as caught:
        format_wareki(date(1868, 10, 22))
    assert caught.value.template is OUT_OF_WAREKI_RANGE


def test_era_boundaries_are_contiguous() -> None:
    assert [era.name for era in ERAS] == ["明治", "大正", "昭和", "平成", "令和"]
    for older, newer in pairwise(ERAS):
        assert older.end == newer.start - timedelta(days=1)
        assert era_of(older.end) == (older, older.end.year - older.start.year + 1)
        assert era_of(newer.start) == (newer, 1)
    assert ERAS[-1].end is None


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和3年4月1日", date(2021, 4, 1)),
        ("令和3年4月1日（木）", date(2021, 4, 1)),
        ("令和3年4月1日(木)", date(2021, 4, 1)),
        ("令和3年4月1日（木曜日）", date(2021, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("令和３年４月１日", date(2021, 4, 1)),
        ("令和　3年 4月 1日", date(2021, 4, 1)),
        ("  令和3年4月1日\n", date(2021, 4, 1)),
        ("㋿3年4月1日", date(2021, 4, 1)),
        ("R3.4.1", date(2021, 4, 1)),
        ("R03.04.01", date(2021, 4, 1)),
        ("r3/4/1", date(2021, 4, 1)),
        ("R3-4-1", date(2021, 4, 1)),
        ("Ｒ３．４．１", date(2021, 4, 1)),
        ("R3.4.1(木)", date(2021, 4, 1)),
        ("H31.4.30", date(2019, 4, 30)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("S64.1.7", date(1989, 1, 7)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("T15.12.24", date(1926, 12, 24)),
        ("M45.7.29", date(1912, 7, 29)),
        ("2021年4月1日", date(2021, 4, 1)),
        ("2021年4月1日（木）", date(2021, 4, 1)),
        ("2021-04-01", date(2021, 4, 1)),
        ("2021/4/1", date(2021, 4, 1)),
        ("２０２１／４／１", date(2021, 4, 1)),
    ],
)
def test_parse_accepts(text: str, expected: date) -> None:
    assert parse_wareki(text) == expected


def test_wrong_weekday_is_rejected_with_a_clear_message() -> None:
    error = error_of("令和3年4月1日（金）")
    assert error.template is WEEKDAY_MISMATCH
    assert error.params == {"written": "令和3年4月1日", "actual": "木", "given": "金"}
    assert str(error) == "令和3年4月1日は木曜日です（（金）と書かれています）。"


def test_wrong_weekday_in_western_form() -> None:
    error = error_of("2021/4/1(金)")
    assert error.template is WEEKDAY_MISMATCH
    assert str(error) == "2021年4月1日は木曜日です（（金）と書かれています）。"


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("平成32年1月1日", DATE_AFTER_ERA),
        ("H31.5.1", DATE_AFTER_ERA),
        ("昭和64年1月8日", DATE_AFTER_ERA),
        ("令和元年4月30日", DATE_BEFORE_ERA),
        ("R1.4.30", DATE_BEFORE_ERA),
        ("平成元年1月7日", DATE_BEFORE_ERA),
        ("令和0年5月1日", DATE_BEFORE_ERA),
        ("令和3年2月30日", INVALID_DATE),
        ("2021-02-29", INVALID_DATE),
        ("R3.13.1", INVALID_DATE),
        ("令和3年4月0日", INVALID_DATE),
        ("天保3年4月1日", UNKNOWN_ERA),
        ("X3.4.1", UNKNOWN_ERA),
        ("", EMPTY_DATE),
        ("　 ", EMPTY_DATE),
        ("hello", UNRECOGNIZED_DATE),
        ("21/4/1", UNRECOGNIZED_DATE),
        ("2021-04/01", UNRECOGNIZED_DATE),
        ("令和三年四月一日", UNRECOGNIZED_DATE),
        ("令和3年4月1日（x）", UNRECOGNIZED_DATE),
        ("令和2021年4月1日", UNRECOGNIZED_DATE),
        ("2021年4月", UNRECOGNIZED_DATE),
    ],
)
def test_parse_rejects(text: str, template: object) -> None:
    assert error_of(text).template is template


def test_out_of_era_messages_name_the_boundary() -> None:
    assert str(error_of("平成32年1月1日")) == (
        "平成32年1月1日は平成の終わり（2019年4月30日）より後の日付です。"
    )
    assert str(error_of("令和元年4月30日")) == (
        "令和元年4月30日は令和の始まり（2019年5月1日）より前の日付です。"
    )
    assert str(error_of("令和3年2月30日")) == "令和3年2月30日という日付はありません。"


def test_error_is_a_value_error() -> None:
    assert isinstance(error_of("hello"), ValueError)


# --- invariants -----------------------------------------------------------------------------


def test_every_date_from_heisei_to_2100_round_trips() -> None:
    day = HEISEI_START
    while day <= LAST_TESTED:
        assert parse_wareki(format_wareki(day)) == day
        assert parse_wareki(format_wareki(day, weekday=False)) == day
        assert parse_wareki(format_wareki_short(day)) == day
        day += timedelta(days=1)


@given(all_eras)
def test_round_trip_in_every_era(day: date) -> None:
    assert parse_wareki(format_wareki(day)) == day
    assert parse_wareki(format_wareki_short(day)) == day


@given(heisei_onwards)
def test_full_width_digits_round_trip(day: date) -> None:
    assert parse_wareki(format_wareki(day).translate(FULL_WIDTH)) == day
    assert parse_wareki(format_wareki_short(day).translate(FULL_WIDTH)) == day


@given(heisei_onwards, st.integers(min_value=1, max_value=6))
def test_any_wrong_weekday_is_rejected(day: date, shift: int) -> None:
    wrong = WEEKDAYS[(day.weekday() + shift) % 7]
    text = f"{format_wareki(day, weekday=False)}（{wrong}）"
    assert error_of(text).template is WEEKDAY_MISMATCH


@given(heisei_onwards)
def test_western_forms_parse(day: date) -> None:
    assert parse_wareki(day.isoformat()) == day
    assert parse_wareki(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_wareki(f"{day.year}/{day.month}/{day.day}") == day
