"""Check digits and normalisation of municipality codes (no database)."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kyoso.regions.codes import (
    CHECK_DIGIT_MISMATCH,
    INVALID_MUNICIPALITY_CODE,
    UNKNOWN_MUNICIPALITY_CODE,
    InvalidMunicipalityCode,
    MunicipalityCodeError,
    UnknownMunicipalityCode,
    check_digit,
    is_valid_lg_code,
    normalize_municipality_code,
    with_check_digit,
)
from kyoso.regions.tests.official_codes import MIYAGI_AND_YAMAGATA, PREFECTURES

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

five_digits = st.from_regex(r"[0-9]{5}", fullmatch=True)
municipality_codes = st.builds(
    lambda pref, rest: f"{pref:02d}{rest:03d}",
    st.integers(min_value=1, max_value=47),
    st.integers(min_value=1, max_value=999),
)


@pytest.mark.parametrize(
    ("code5", "code6"),
    [
        ("04100", "041009"),  # 仙台市
        ("06204", "062049"),  # 酒田市
        ("06201", "062014"),  # 山形市
        ("04202", "042021"),  # 石巻市
        ("04208", "042081"),  # 角田市: remainder 0, 11 - 0 = 11 → 1
        ("04203", "042030"),  # 塩竈市: remainder 1, 11 - 1 = 10 → 0
        ("04105", "041050"),  # 泉区: remainder 1 as well
        ("01100", "011002"),  # 札幌市
        ("13101", "131016"),  # 千代田区
    ],
)
def test_known_check_digits(code5, code6):
    assert with_check_digit(code5) == code6
    assert is_valid_lg_code(code6)


@pytest.mark.parametrize("code6", MIYAGI_AND_YAMAGATA + PREFECTURES)
def test_every_published_code_verifies(code6):
    assert is_valid_lg_code(code6)
    assert with_check_digit(code6[:5]) == code6


@pytest.mark.parametrize(
    "bad", ["", "0410", "041000", "04100a", "０４１００", " 04100", 4100, None]
)
def test_with_check_digit_wants_five_ascii_digits(bad):
    with pytest.raises(InvalidMunicipalityCode):
        with_check_digit(bad)


@pytest.mark.parametrize(
    "value", ["041008", "04100", "0410090", "04100９", "０４１００９", "", None, 41009, "04100-9"]
)
def test_is_valid_lg_code_rejects(value):
    assert not is_valid_lg_code(value)


@given(five_digits)
def test_check_digit_round_trip(code5):
    code6 = with_check_digit(code5)
    assert len(code6) == 6
    assert code6[:5] == code5
    assert code6[5] == check_digit(code5)
    assert is_valid_lg_code(code6)


@given(five_digits, st.sampled_from("0123456789"))
def test_any_other_last_digit_is_rejected(code5, digit):
    code6 = code5 + digit
    assert is_valid_lg_code(code6) == (digit == check_digit(code5))


@given(five_digits)
def test_check_digit_matches_the_documented_formula(code5):
    s = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    expected = 11 - s % 11
    assert check_digit(code5) == str(expected)[-1]


@given(municipality_codes)
def test_normalize_round_trip(code5):
    code6 = with_check_digit(code5)
    assert normalize_municipality_code(code5) == code5
    assert normalize_municipality_code(code6) == code5
    assert normalize_municipality_code(code6.translate(FULL_WIDTH)) == code5
    assert normalize_municipality_code(code5.translate(FULL_WIDTH)) == code5
    assert normalize_municipality_code(f" \u3000{code5}\n") == code5
    assert normalize_municipality_code(f"\u200b{code6}\ufeff") == code5


@given(municipality_codes, st.sampled_from("0123456789"))
def test_normalize_rejects_a_wrong_check_digit(code5, digit):
    if digit == check_digit(code5):
        return
    with pytest.raises(InvalidMunicipalityCode) as caught:
        normalize_municipality_code(code5 + digit)
    assert caught.value.template == CHECK_DIGIT_MISMATCH


@given(st.text(st.characters(exclude_categories=("Nd", "No")), max_size=12))
def test_text_without_digits_is_invalid(text):
    with pytest.raises(InvalidMunicipalityCode):
        normalize_municipality_code(text)


@given(st.text(max_size=12))
def test_normalize_raises_only_its_own_errors(text):
    try:
        code = normalize_municipality_code(text)
    except MunicipalityCodeError:
        return
    assert len(code) == 5 and code.isascii() and code.isdigit()


@pytest.mark.parametrize("text", ["", "  ", "4100", "0410", "0410099", "04-100", "abcde", "04100x"])
def test_malformed_is_invalid(text):
    with pytest.raises(InvalidMunicipalityCode):
        normalize_municipality_code(text)


@pytest.mark.parametrize("value", [None, 4100, 4.1, b"04100"])
def test_non_strings_are_invalid(value):
    with pytest.raises(InvalidMunicipalityCode):
        normalize_municipality_code(value)


@pytest.mark.parametrize("text", ["00100", "48100", "99999", "04000", with_check_digit("04000")])
def test_codes_that_cannot_name_a_municipality_are_unknown(text):
    with pytest.raises(UnknownMunicipalityCode):
        normalize_municipality_code(text)


def test_errors_are_value_errors():
    assert issubclass(InvalidMunicipalityCode, ValueError)
    assert issubclass(UnknownMunicipalityCode, ValueError)


def test_messages_are_japanese_and_name_the_code():
    with translation.override("ja"):
        assert str(UnknownMunicipalityCode("99999")) == "市区町村コード「99999」は見つかりません。"
        assert str(InvalidMunicipalityCode("abc")) == (
            "市区町村コード「abc」の形式が正しくありません。5桁または6桁の数字で入力してください。"
        )
        with pytest.raises(InvalidMunicipalityCode) as caught:
            normalize_municipality_code("041008")
        assert str(caught.value) == "市区町村コード「041008」の検査数字が一致しません。"


def test_message_constants_are_lazy_with_japanese_msgids():
    for constant in (INVALID_MUNICIPALITY_CODE, UNKNOWN_MUNICIPALITY_CODE, CHECK_DIGIT_MISMATCH):
        assert type(constant).__name__ == "__proxy__"
        with translation.override("ja"):
            assert "市区町村コード「{code}」" in str(constant)
