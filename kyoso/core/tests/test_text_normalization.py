from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kyoso.core.text import (
    is_kana_reading,
    normalize_email,
    normalize_kana_reading,
    normalize_text,
    tidy_text,
)

# Text biased towards the characters that matter here: Japanese, full-width forms,
# every kind of whitespace, controls, zero-width and bidi characters, combining marks.
_TRICKY = (
    "あアｱｶﾞﾞ漢字１２３ＡＢＣａ＠．，ー・\u3000 \t\n\r\x0b\x0c\x00\x1f\x7f\x85\xa0"
    "\u200b\u200c\u200d\u2060\ufeff\u202e\u2028\u2029\u0301\u3099¨㈱①👨👩"
)
texts = st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=40)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("㈱共創", "(株)共創"),
        ("  酒田市\u3000\u3000役所  ", "酒田市 役所"),
        ("a\tb\nc\r\nd", "a b c d"),
        ("ゼロ\u200b幅\ufeff文字\u2060", "ゼロ幅文字"),
        ("制御\x00文字\x07\x7f", "制御文字"),
        ("bidi\u202eevil\u202c", "bidievil"),
        ("\u200d結合子", "結合子"),
        ("家族👨\u200d👩\u200d👧", "家族👨\u200d👩\u200d👧"),
        ("", ""),
        ("\u3000 \n", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一行目\r\n二行目\r三行目", "一行目\n二行目\n三行目"),
        ("末尾の空白   \n次の行\u3000\t", "末尾の空白\n次の行"),
        ("\n\n本文\n\n", "本文"),
        ("段落1\n\n段落2", "段落1\n\n段落2"),
        ("\tタブ\tは残す", "\tタブ\tは残す"),
        ("  字下げ", "  字下げ"),
        ("全角\u3000空白", "全角 空白"),
        ("制御\x00\x0b\x0c文字\u200b", "制御文字"),
        ("ＦＵＬＬ\u2028ｗｉｄｔｈ", "FULL\nwidth"),
    ],
)
def test_normalize_text_multiline(raw: str, expected: str) -> None:
    assert normalize_text(raw, multiline=True) == expected


@given(texts)
@example("\u200d㈱")  # the joiner is dropped: ㈱ becomes "(株)", which is no emoji
@example("e\u200b\u0301")  # dropping the zero-width space lets é compose
def test_normalize_text_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@given(texts)
def test_normalize_text_multiline_is_idempotent(raw: str) -> None:
    once = normalize_text(raw, multiline=True)
    assert normalize_text(once, multiline=True) == once


@given(texts)
def test_single_line_output_shape(raw: str) -> None:
    out = normalize_text(raw)
    assert out == out.strip()
    assert "  " not in out
    assert not any(c in out for c in "\n\r\t\u3000\u200b\ufeff\x00")


@given(texts)
def test_multiline_output_shape(raw: str) -> None:
    out = normalize_text(raw, multiline=True)
    assert "\r" not in out
    assert all(line == line.rstrip(" \t") for line in out.split("\n"))
    assert not out.startswith("\n")
    assert not out.endswith("\n")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("さかたし", "サカタシ"),
        ("サカタシ", "サカタシ"),
        ("ｻｶﾀｼ", "サカタシ"),
        ("ｶﾞｯｺｳ", "ガッコウ"),
        ("がっこう", "ガッコウ"),
        ("ゔぃーなす", "ヴィーナス"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"),
        ("やまだ\u3000たろう", "ヤマダ タロウ"),
        ("  ジョン・スミス ", "ジョン・スミス"),
        ("ｼﾞｮﾝ･ｽﾐｽ", "ジョン・スミス"),
        ("ｺｰﾋｰ", "コーヒー"),
    ],
)
def test_normalize_kana_reading(raw: str, expected: str) -> None:
    assert normalize_kana_reading(raw) == expected
    assert is_kana_reading(normalize_kana_reading(raw))


@pytest.mark.parametrize(
    "reading",
    [
        "サカタシ",
        "ヤマダ タロウ",
        "ヤマダ\u3000タロウ",
        "ジョン・スミス",
        "コーヒー",
        "ヴァ",
        "ヵヶ",
    ],
)
def test_is_kana_reading_accepts(reading: str) -> None:
    assert is_kana_reading(reading)


@pytest.mark.parametrize(
    "reading",
    [
        "",
        " ",
        "ー",
        "・",
        "さかたし",
        "ｻｶﾀｼ",
        "酒田市",
        "Sakata",
        "サカタ1",
        "サカタ-シ",
        "サカタ\n",
    ],
)
def test_is_kana_reading_rejects(reading: str) -> None:
    assert not is_kana_reading(reading)


@given(texts)
def test_normalize_kana_reading_is_idempotent(raw: str) -> None:
    once = normalize_kana_reading(raw)
    assert normalize_kana_reading(once) == once


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x3094), min_size=1))
def test_any_hiragana_becomes_a_kana_reading(raw: str) -> None:
    assert is_kana_reading(normalize_kana_reading(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Taro@Example.COM", "taro@example.com"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
        ("  taro@example.jp\u3000", "taro@example.jp"),
        ("ta\u200bro@example.jp", "taro@example.jp"),
        ("", ""),
    ],
)
def test_normalize_email(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@given(texts)
@example("\u200d㈱")
def test_normalize_email_is_idempotent(raw: str) -> None:
    once = normalize_email(raw)
    assert normalize_email(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("利用規約（改定）", "利用規約（改定）"),
        ("ありがとう！～また明日？", "ありがとう！～また明日？"),
        ("ＩＴ　企業２社", "IT 企業2社"),
        ("ｻｶﾀ市", "サカタ市"),
        ("\u200b酒田\u200b ", "酒田"),
    ],
)
def test_tidy_text_keeps_japanese_punctuation(raw, expected):
    assert tidy_text(raw) == expected


def test_tidy_text_multiline_keeps_paragraphs():
    assert tidy_text("一行目　\r\n\r\n三行目\u200b", multiline=True) == "一行目\n\n三行目"


@given(st.text())
def test_tidy_text_is_idempotent(s):
    once = tidy_text(s)
    assert tidy_text(once) == once
