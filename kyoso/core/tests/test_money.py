from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyoso.core.money import (
    EMPTY_AMOUNT,
    FRACTIONAL_YEN,
    NEGATIVE_AMOUNT,
    NOT_AN_AMOUNT,
    NOT_WHOLE_THOUSANDS,
    MoneyError,
    format_man_yen,
    format_thousand_yen,
    format_yen,
    format_yen_ja,
    parse_yen,
)

amounts = st.integers(min_value=0, max_value=10**15)
FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def error_of(text: str) -> MoneyError:
    with pytest.raises(MoneyError) as caught:
        parse_yen(text)
    return caught.value


def test_sakata_kpi_baseline_in_thousand_yen() -> None:
    # Sakata's KPI baseline is reported as 43,458 thousand yen.
    assert format_thousand_yen(43_458_000) == "43,458千円"
    assert parse_yen("43,458千円") == 43_458_000
    assert format_man_yen(43_458_000) == "4,345万8千円"


@pytest.mark.parametrize(
    ("amount", "yen", "yen_ja"),
    [
        (0, "¥0", "0円"),
        (5, "¥5", "5円"),
        (1234, "¥1,234", "1,234円"),
        (1_234_567, "¥1,234,567", "1,234,567円"),
        (-1234, "-¥1,234", "-1,234円"),
    ],
)
def test_format_yen(amount: int, yen: str, yen_ja: str) -> None:
    assert format_yen(amount) == yen
    assert format_yen_ja(amount) == yen_ja


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0円"),
        (999, "999円"),
        (8_000, "8,000円"),
        (12_345, "1万2,345円"),
        (120_000, "12万円"),
        (15_000, "1万5千円"),
        (43_458_000, "4,345万8千円"),
        (120_000_000, "1億2,000万円"),
        (100_000_005, "1億5円"),
        (3 * 10**12 + 10**4, "3兆1万円"),
        (-10_000, "-1万円"),
    ],
)
def test_format_man_yen(amount: int, expected: str) -> None:
    assert format_man_yen(amount) == expected


def test_format_thousand_yen_must_be_exact() -> None:
    assert format_thousand_yen(0) == "0千円"
    assert format_thousand_yen(1_000) == "1千円"
    with pytest.raises(MoneyError) as caught:
        format_thousand_yen(43_458_500)
    assert caught.value.template is NOT_WHOLE_THOUSANDS
    assert str(caught.value) == "43,458,500円は千円単位で割り切れません。"


@pytest.mark.parametrize("bad", [1.5, 1.0, Decimal("1"), "1", True, None])
@pytest.mark.parametrize("formatter", [format_yen, format_yen_ja, format_man_yen])
def test_formatters_take_int_only(formatter: object, bad: object) -> None:
    with pytest.raises(TypeError):
        formatter(bad)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234円", 1234),
        ("¥1,234", 1234),
        ("￥1,234", 1234),
        ("¥ 1,234", 1234),
        ("１，２３４円", 1234),
        ("1234", 1234),
        ("0", 0),
        ("0円", 0),
        (" 1,234,567円 ", 1_234_567),
        ("12万円", 120_000),
        ("12 万円", 120_000),
        ("１２万円", 120_000),
        ("1.5万円", 15_000),
        ("1.2345万円", 12_345),
        ("3千円", 3_000),
        ("1億2000万円", 120_000_000),
        ("1億2,000万円", 120_000_000),
        ("4,345万8千円", 43_458_000),
        ("1万2,345円", 12_345),
        ("1億5円", 100_000_005),
        ("2兆円", 2 * 10**12),
        ("43,458千円", 43_458_000),
        ("1.0円", 1),
    ],
)
def test_parse_yen(text: str, expected: int) -> None:
    assert parse_yen(text) == expected
    assert type(parse_yen(text)) is int


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("", EMPTY_AMOUNT),
        ("　", EMPTY_AMOUNT),
        ("-1", NEGATIVE_AMOUNT),
        ("-1,234円", NEGATIVE_AMOUNT),
        ("－１，２３４円", NEGATIVE_AMOUNT),
        ("−500円", NEGATIVE_AMOUNT),
        ("¥-1,234", NEGATIVE_AMOUNT),
        ("△1,000", NEGATIVE_AMOUNT),
        ("▲1,000", NEGATIVE_AMOUNT),
        ("マイナス100円", NEGATIVE_AMOUNT),
        ("1.5円", FRACTIONAL_YEN),
        ("0.5", FRACTIONAL_YEN),
        ("1.00005万円", FRACTIONAL_YEN),
        ("abc", NOT_AN_AMOUNT),
        ("円", NOT_AN_AMOUNT),
        ("¥", NOT_AN_AMOUNT),
        ("千円", NOT_AN_AMOUNT),
        ("1 234", NOT_AN_AMOUNT),
        ("1,23", NOT_AN_AMOUNT),
        ("1,2345", NOT_AN_AMOUNT),
        ("1e3", NOT_AN_AMOUNT),
        ("1万2億円", NOT_AN_AMOUNT),
        ("1億20000万円", NOT_AN_AMOUNT),
        ("1万10千円", NOT_AN_AMOUNT),
        ("十二万円", NOT_AN_AMOUNT),
        ("1,234ドル", NOT_AN_AMOUNT),
        ("1" * 100, NOT_AN_AMOUNT),
    ],
)
def test_parse_yen_rejects(text: str, template: object) -> None:
    assert error_of(text).template is template


def test_error_messages_are_japanese_and_quote_the_input() -> None:
    assert str(error_of("-1,234円")) == "マイナスの金額は入力できません（-1,234円）。"
    assert str(error_of("1.5円")) == "1円未満の端数が出る金額は入力できません（1.5円）。"
    assert str(error_of("")) == "金額が入力されていません。"
    assert str(error_of("abc")).startswith("「abc」は金額として読み取れません。")
    assert isinstance(error_of("abc"), ValueError)


@given(amounts)
def test_format_yen_round_trips(amount: int) -> None:
    assert parse_yen(format_yen(amount)) == amount
    assert parse_yen(format_yen_ja(amount)) == amount
    assert parse_yen(format_yen_ja(amount).translate(FULL_WIDTH)) == amount
    assert parse_yen(str(amount)) == amount


@given(amounts)
def test_format_man_yen_round_trips(amount: int) -> None:
    assert parse_yen(format_man_yen(amount)) == amount


@given(st.integers(min_value=0, max_value=10**12))
def test_format_thousand_yen_round_trips(thousands: int) -> None:
    assert parse_yen(format_thousand_yen(thousands * 1000)) == thousands * 1000


@given(st.integers(min_value=1, max_value=10**12))
def test_negative_amounts_are_always_rejected(amount: int) -> None:
    assert error_of(format_yen(-amount)).template is NEGATIVE_AMOUNT
    assert error_of(format_yen_ja(-amount)).template is NEGATIVE_AMOUNT
