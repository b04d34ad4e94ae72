"""Statement files: the Zengin 入出金取引明細 parser against files built byte by byte, CSV in
UTF-8 and Shift_JIS, and every kind of bad file refused with a clear message."""

from __future__ import annotations

from datetime import date

import pytest

from kyoso.payments import messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.statements import parse_statement
from kyoso.payments.tests.zengin import Movement, data, end, header, trailer, zengin_file


def refused(content: bytes) -> PaymentError:
    with pytest.raises(PaymentError) as error:
        parse_statement(content)
    return error.value


def test_zengin_incoming_transfers_are_read_and_withdrawals_skipped():
    moves = [
        Movement(10_000, "KY-7XK3-9MQD ｽｽﾞｷ ｲﾁﾛｳ", inquiry=101),
        Movement(3_300, "ﾃﾞﾝｷﾀﾞｲ", inquiry=102, incoming=False),
        Movement(50_000, "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", day=date(2026, 12, 2), inquiry=103, description="ｷﾌ"),
    ]
    parsed = parse_statement(zengin_file(moves))
    assert parsed.format == "zengin"
    assert [(x.line_number, x.amount, x.payer_kana, x.bank_reference) for x in parsed.lines] == [
        (2, 10_000, "KY-7XK3-9MQD ｽｽﾞｷ ｲﾁﾛｳ", "00000101"),
        (4, 50_000, "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", "00000103"),
    ]
    assert parsed.lines[1].booked_on == date(2026, 12, 2)
    assert parsed.lines[1].description == "ｷﾌ ﾐﾂﾋﾞｼ"
    # The same file with CR LF after each record reads the same.
    with_newlines = parse_statement(zengin_file(moves, newlines=True))
    assert [x.line_hash for x in with_newlines.lines] == [x.line_hash for x in parsed.lines]


def test_a_zengin_file_cut_short_is_refused():
    content = zengin_file([Movement(10_000, "ｽｽﾞｷ")])
    error = refused(content[:-7])
    assert error.code == "statement_zengin_length"
    assert error.message == messages.STATEMENT_ZENGIN_LENGTH % {"length": len(content) - 7}


def test_a_zengin_trailer_that_disagrees_is_refused():
    error = refused(zengin_file([Movement(10_000, "ｽｽﾞｷ")], lie=1))
    assert error.code == "statement_zengin_trailer"
    assert "入金額合計" in str(error.message)


def test_records_out_of_order_are_refused():
    move = Movement(10_000, "ｽｽﾞｷ")
    error = refused(header() + trailer([move]) + data(move) + end())
    assert error.code == "statement_zengin_order"
    assert error.message == messages.STATEMENT_ZENGIN_ORDER % {"line": 2}


def test_an_unknown_record_kind_is_refused():
    move = Movement(10_000, "ｽｽﾞｷ")
    bad = b"7" + data(move)[1:]
    error = refused(header() + bad + trailer([move]) + end())
    assert error.message == messages.STATEMENT_ZENGIN_RECORD % {"line": 2, "kind": "7"}


def test_a_zengin_file_in_utf8_is_refused_as_an_encoding_error():
    move = Movement(10_000, "ｽｽﾞｷ")
    record = data(move)
    # The payer's name written in UTF-8 instead (each half-width kana takes 3 bytes): padded
    # back to 200 bytes so only the encoding is wrong.
    name = "ｽｽﾞｷ".encode()
    bad = record[:81] + name + b" " * (48 - len(name)) + record[129:]
    assert len(bad) == 200
    error = refused(header() + bad + trailer([move]) + end())
    assert error.message == messages.STATEMENT_ENCODING % {"line": 2}


def test_another_zengin_kind_is_refused():
    move = Movement(10_000, "ｽｽﾞｷ")
    error = refused(header(kind=1) + data(move) + trailer([move]) + end())
    assert error.message == messages.STATEMENT_ZENGIN_FIELD % {"line": 1, "field": "種別コード"}


def test_a_bad_amount_in_a_record_names_its_field():
    move = Movement(10_000, "ｽｽﾞｷ")
    record = data(move)
    bad = record[:24] + b"00000001000X" + record[36:]
    error = refused(header() + bad + trailer([move]) + end())
    assert error.message == messages.STATEMENT_ZENGIN_FIELD % {"line": 2, "field": "取引金額"}


def test_duplicated_lines_are_refused():
    moves = [Movement(10_000, "ｽｽﾞｷ", inquiry=5), Movement(10_000, "ｽｽﾞｷ", inquiry=5)]
    error = refused(zengin_file(moves))
    assert error.message == messages.STATEMENT_DUPLICATE_LINE % {"line": 3, "first": 2}


CSV_UTF8 = (
    "日付,摘要,出金金額,入金金額,振込依頼人名,照会番号\r\n"
    '2026/12/01,振込,,"10,000",KY-7XK3-9MQD ｽｽﾞｷ ｲﾁﾛｳ,A1\r\n'
    "2026/12/01,引落,5000,,,A2\r\n"
    "2026-12-02,振込,,￥50000,ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ,A3\r\n"
)


def test_csv_in_utf8_with_a_bom():
    parsed = parse_statement(("\ufeff" + CSV_UTF8).encode("utf-8"))
    assert parsed.format == "csv"
    assert [(x.line_number, x.booked_on, x.amount, x.bank_reference) for x in parsed.lines] == [
        (2, date(2026, 12, 1), 10_000, "A1"),
        (4, date(2026, 12, 2), 50_000, "A3"),
    ]


def test_csv_in_shift_jis_reads_the_same():
    utf8 = parse_statement(CSV_UTF8.encode("utf-8"))
    sjis = parse_statement(CSV_UTF8.encode("cp932"))
    assert [x.line_hash for x in sjis.lines] == [x.line_hash for x in utf8.lines]


def test_csv_without_the_needed_columns_says_which():
    error = refused("日付,摘要\n2026/12/01,振込\n".encode())
    assert error.message == messages.STATEMENT_CSV_HEADER % {"columns": "入金金額」「振込依頼人名"}


def test_csv_with_a_bad_date_or_amount_names_the_line():
    bad_date = "日付,入金金額,振込依頼人名\n2026/13/01,100,ｽｽﾞｷ\n"
    assert refused(bad_date.encode()).message == messages.STATEMENT_CSV_FIELD % {
        "line": 2,
        "field": "日付",
    }
    bad_amount = "日付,入金金額,振込依頼人名\n2026/12/01,100,ｽｽﾞｷ\n2026/12/01,1.5,ｽｽﾞｷ\n"
    assert refused(bad_amount.encode()).message == messages.STATEMENT_CSV_FIELD % {
        "line": 3,
        "field": "金額",
    }


def test_neither_utf8_nor_shift_jis_is_an_encoding_error():
    content = "日付,入金金額,振込依頼人名\n2026/12/01,100,".encode() + b"\x82\xff\x80\n"
    error = refused(content)
    assert error.message == messages.STATEMENT_ENCODING % {"line": 2}


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n...", b"PK\x03\x04zipped", b"just some words\nand more"],
)
def test_files_of_another_format_are_refused(content):
    assert refused(content).message == messages.STATEMENT_FORMAT_UNKNOWN


def test_empty_files_and_files_without_incoming_lines():
    assert refused(b"").message == messages.STATEMENT_EMPTY
    assert refused(b"  \n").message == messages.STATEMENT_EMPTY
    only_out = "日付,出金金額,入金金額,振込依頼人名\n2026/12/01,500,,\n".encode()
    assert refused(only_out).message == messages.STATEMENT_NO_LINES
