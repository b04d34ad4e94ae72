"""Bank statements: parse a CSV export or a Zengin (全銀協規定形式) 入出金取引明細 file into
incoming transfers, validating the whole file before anything is written.

Zengin 入出金取引明細 (種別コード 03), JIS X 0201 in Shift_JIS (half-width kana, upper-case
letters, digits), fixed 200-byte records, optionally each followed by CR LF:

- header ``1`` (one): 種別コード, 作成日, 勘定日(自)/(至) (和暦 YYMMDD), bank and branch
  codes and names, 預金種目, 口座番号 (10), 口座名, 貸越区分, 取引前残高 (14);
- data ``2`` (one per movement): 照会番号 (8), 勘定日 (6), 預入・払出日 (6), 入払区分
  (1 入金, 2 出金), 取引区分 (2), 取引金額 (12), うち他店券金額 (12), 交換呈示日 (6),
  不渡返還日 (6), 手形・小切手区分 (1), 手形・小切手番号 (7), 僚店番号 (3),
  振込依頼人コード (10), 振込依頼人名又は契約者番号 (48), 仕向銀行名 (15), 仕向店名 (15),
  摘要内容 (20), EDI情報 (20), ダミー (1);
- trailer ``8`` (one): 入金件数 (6), 入金額合計 (13), 出金件数 (6), 出金額合計 (13), 貸越区分,
  取引後残高 (14), データ・レコード件数 (7) — checked against the data records, so a file
  cut short is refused;
- end ``9`` (one).

(120-byte records are the *request* formats — 総合振込, 給与振込; the statements banks send
back, 入出金取引明細 and 振込入金通知, are 200 bytes. docs/payments.md.)

Dates are 和暦 two-digit years of the 令和 era (2019–): 080501 is 2026-05-01.

CSV (UTF-8 with or without BOM, or Shift_JIS): a header row naming at least a date, an amount
and the payer; see :data:`CSV_COLUMNS` for the names understood. Rows without an incoming
amount (withdrawals) are skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date

from kyoso.core.money import format_yen
from kyoso.payments import messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import StatementFormat

RECORD = 200
#: The largest statement accepted (a year of a busy account is far below this).
MAX_BYTES = 20 * 1024 * 1024
REIWA_OFFSET = 2018


@dataclass(frozen=True)
class ParsedLine:
    line_number: int
    booked_on: date
    amount: int
    payer_kana: str
    description: str
    bank_reference: str
    account: str

    @property
    def line_hash(self) -> str:
        """The transfer's identity: the same movement in an overlapping statement hashes the
        same (the account, the bank's own number, the date, the amount, the payer)."""
        key = "|".join(
            [
                self.account,
                self.bank_reference,
                self.booked_on.isoformat(),
                str(self.amount),
                self.payer_kana,
                self.description if not self.bank_reference else "",
            ]
        )
        return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class ParsedStatement:
    format: str
    lines: list[ParsedLine]


def _error(message: object, code: str) -> PaymentError:
    return PaymentError(message, code)


def parse_statement(content: bytes) -> ParsedStatement:
    """Every incoming transfer of ``content``, or :class:`PaymentError` with a message naming
    the line (wrong format or encoding, a damaged record, duplicated lines, no incoming line)."""
    if not content or not content.strip():
        raise _error(messages.STATEMENT_EMPTY, "statement_empty")
    if len(content) > MAX_BYTES:
        raise _error(
            messages.STATEMENT_TOO_LARGE % {"limit": f"{MAX_BYTES // 1024 // 1024} MB"},
            "statement_too_large",
        )
    if content[:1] == b"1" and content[1:3].isdigit() and b"," not in content[:RECORD]:
        lines = parse_zengin(content)
        fmt = StatementFormat.ZENGIN
    elif b"\x00" in content[:4096] or content[:4] in (b"PK\x03\x04", b"%PDF"):
        raise _error(messages.STATEMENT_FORMAT_UNKNOWN, "statement_format_unknown")
    else:
        lines = parse_csv(content)
        fmt = StatementFormat.CSV
    seen: dict[str, int] = {}
    for line in lines:
        first = seen.setdefault(line.line_hash, line.line_number)
        if first != line.line_number:
            raise _error(
                messages.STATEMENT_DUPLICATE_LINE % {"line": line.line_number, "first": first},
                "statement_duplicate_line",
            )
    if not lines:
        raise _error(messages.STATEMENT_NO_LINES, "statement_no_lines")
    return ParsedStatement(format=fmt, lines=lines)


# --- Zengin ----------------------------------------------------------------------------------


def _records(content: bytes) -> list[bytes]:
    body = content
    if b"\r\n" in body[: RECORD + 2] or b"\n" in body[: RECORD + 1]:
        rows = body.splitlines()
        if rows and rows[-1] == b"":
            rows.pop()
        # An end-of-file mark (0x1A) some PC software appends.
        if rows and rows[-1] == b"\x1a":
            rows.pop()
        for number, row in enumerate(rows, start=1):
            if len(row) != RECORD:
                raise _error(
                    messages.STATEMENT_ZENGIN_LENGTH % {"length": f"{number}: {len(row)}"},
                    "statement_zengin_length",
                )
        return rows
    if body.endswith(b"\x1a"):
        body = body[:-1]
    if len(body) % RECORD:
        raise _error(
            messages.STATEMENT_ZENGIN_LENGTH % {"length": len(body)}, "statement_zengin_length"
        )
    return [body[i : i + RECORD] for i in range(0, len(body), RECORD)]


_HALF_WIDTH = re.compile(rb"^[\x20-\x7e\xa1-\xdf]*$")


def _text(record: bytes, start: int, width: int, number: int) -> str:
    raw = record[start : start + width]
    if not _HALF_WIDTH.match(raw):
        raise _error(messages.STATEMENT_ENCODING % {"line": number}, "statement_encoding")
    return raw.decode("cp932").strip()


def _digits(record: bytes, start: int, width: int, number: int, field: str) -> int:
    raw = record[start : start + width]
    if not raw.isdigit():
        raise _error(
            messages.STATEMENT_ZENGIN_FIELD % {"line": number, "field": field},
            "statement_zengin_field",
        )
    return int(raw)


def _wareki(record: bytes, start: int, number: int, field: str) -> date:
    value = _digits(record, start, 6, number, field)
    yy, mm, dd = value // 10000, value // 100 % 100, value % 100
    try:
        return date(REIWA_OFFSET + yy, mm, dd)
    except ValueError:
        raise _error(
            messages.STATEMENT_ZENGIN_FIELD % {"line": number, "field": field},
            "statement_zengin_field",
        ) from None


def parse_zengin(content: bytes) -> list[ParsedLine]:
    records = _records(content)
    kinds = [record[:1] for record in records]
    for number, kind in enumerate(kinds, start=1):
        if kind not in (b"1", b"2", b"8", b"9"):
            raise _error(
                messages.STATEMENT_ZENGIN_RECORD % {"line": number, "kind": kind.decode("latin-1")},
                "statement_zengin_record",
            )
    expected = [b"1"] + [b"2"] * (len(records) - 3) + [b"8", b"9"]
    if len(records) < 3 or kinds != expected:
        wrong = next(
            (n for n, (a, b) in enumerate(zip(kinds, expected, strict=False), 1) if a != b),
            len(records),
        )
        raise _error(messages.STATEMENT_ZENGIN_ORDER % {"line": wrong}, "statement_zengin_order")
    header = records[0]
    if _digits(header, 1, 2, 1, "種別コード") != 3:  # 03: 入出金取引明細
        raise _error(
            messages.STATEMENT_ZENGIN_FIELD % {"line": 1, "field": "種別コード"},
            "statement_zengin_field",
        )
    _text(header, 73, 40, 1)  # 口座名: checked for the encoding
    bank = _digits(header, 22, 4, 1, "銀行コード")
    branch = _digits(header, 41, 3, 1, "支店コード")
    account_number = _digits(header, 63, 10, 1, "口座番号")
    account = f"{bank:04d}-{branch:03d}-{account_number:010d}"
    lines: list[ParsedLine] = []
    counts = {1: [0, 0], 2: [0, 0]}
    for number, record in enumerate(records[1:-2], start=2):
        inquiry = _digits(record, 1, 8, number, "照会番号")
        booked = _wareki(record, 9, number, "勘定日")
        direction = _digits(record, 21, 1, number, "入払区分")
        if direction not in (1, 2):
            raise _error(
                messages.STATEMENT_ZENGIN_FIELD % {"line": number, "field": "入払区分"},
                "statement_zengin_field",
            )
        amount = _digits(record, 24, 12, number, "取引金額")
        payer = _text(record, 81, 48, number)
        bank_name = _text(record, 129, 15, number)
        _text(record, 144, 15, number)  # 仕向店名
        description = _text(record, 159, 20, number)
        _text(record, 179, 20, number)  # EDI情報: checked for the encoding, not used
        counts[direction][0] += 1
        counts[direction][1] += amount
        if direction == 1 and amount > 0:
            lines.append(
                ParsedLine(
                    line_number=number,
                    booked_on=booked,
                    amount=amount,
                    payer_kana=payer,
                    description=" ".join(part for part in (description, bank_name) if part),
                    bank_reference=f"{inquiry:08d}",
                    account=account,
                )
            )
    trailer, trailer_number = records[-2], len(records) - 1
    checks = [
        ("入金件数", _digits(trailer, 1, 6, trailer_number, "入金件数"), counts[1][0]),
        ("入金額合計", _digits(trailer, 7, 13, trailer_number, "入金額合計"), counts[1][1]),
        ("出金件数", _digits(trailer, 20, 6, trailer_number, "出金件数"), counts[2][0]),
        ("出金額合計", _digits(trailer, 26, 13, trailer_number, "出金額合計"), counts[2][1]),
        ("データ・レコード件数", _digits(trailer, 54, 7, trailer_number, "件数"), len(records) - 3),
    ]
    for field, stated, actual in checks:
        if stated != actual:
            shown = format_yen(stated) if "金額" in field else stated
            raise _error(
                messages.STATEMENT_ZENGIN_TRAILER % {"field": f"{field} {shown} ≠ {actual}"},
                "statement_zengin_trailer",
            )
    return lines


# --- CSV -------------------------------------------------------------------------------------

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("日付", "勘定日", "取引日", "年月日", "date"),
    "amount": ("入金金額", "入金額", "お預り金額", "預入金額", "金額", "amount"),
    "payer": ("振込依頼人名", "依頼人名", "振込依頼人", "お取引内容", "取引内容", "payer"),
    "description": ("摘要", "摘要内容", "メモ", "description"),
    "reference": ("照会番号", "取引番号", "受付番号", "reference"),
}
REQUIRED = ("date", "amount", "payer")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def _decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Shift_JIS; the error names the line of the first
    byte neither reads (for a file that is UTF-8 up to a broken byte, the UTF-8 position)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        return content.decode("cp932")
    except UnicodeDecodeError as error:
        prefix = content[: utf8_error.start]
        start = utf8_error.start if not prefix.isascii() else error.start
        line = content[:start].count(b"\n") + 1
        raise _error(messages.STATEMENT_ENCODING % {"line": line}, "statement_encoding") from None


def _csv_date(text: str) -> date | None:
    for pattern in _DATE_PATTERNS:
        found = pattern.match(text.strip())
        if found:
            try:
                return date(*(int(part) for part in found.groups()))
            except ValueError:
                return None
    return None


def _csv_amount(text: str) -> int | None:
    """Yen from "10,000", "¥10,000", "10000円"; ``None`` for an empty cell; -1 for junk."""
    cleaned = re.sub(r"[,\s¥￥円]", "", text or "")
    if not cleaned:
        return None
    return int(cleaned) if cleaned.isdigit() and len(cleaned) <= 13 else -1


def parse_csv(content: bytes) -> list[ParsedLine]:
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    rows = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        raise _error(messages.STATEMENT_FORMAT_UNKNOWN, "statement_format_unknown") from None
    names = [cell.strip().strip('"') for cell in header]
    where: dict[str, int] = {}
    for field, aliases in CSV_COLUMNS.items():
        for alias in aliases:
            if alias in names:
                where[field] = names.index(alias)
                break
    missing = [CSV_COLUMNS[field][0] for field in REQUIRED if field not in where]
    if missing:
        if len(names) < 2:
            raise _error(messages.STATEMENT_FORMAT_UNKNOWN, "statement_format_unknown")
        raise _error(
            messages.STATEMENT_CSV_HEADER % {"columns": "」「".join(missing)},
            "statement_csv_header",
        )
    lines: list[ParsedLine] = []
    try:
        for number, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue

            def cell(field: str, row: list[str] = row) -> str:
                index = where.get(field)
                return row[index].strip() if index is not None and index < len(row) else ""

            amount = _csv_amount(cell("amount"))
            if amount is None or amount == 0:
                continue  # a withdrawal row (the amount is in another column) or nothing in
            if amount < 0:
                raise _error(
                    messages.STATEMENT_CSV_FIELD % {"line": number, "field": "金額"},
                    "statement_csv_field",
                )
            booked = _csv_date(cell("date"))
            if booked is None:
                raise _error(
                    messages.STATEMENT_CSV_FIELD % {"line": number, "field": "日付"},
                    "statement_csv_field",
                )
            lines.append(
                ParsedLine(
                    line_number=number,
                    booked_on=booked,
                    amount=amount,
                    payer_kana=cell("payer")[:100],
                    description=cell("description")[:200],
                    bank_reference=cell("reference")[:40],
                    account="csv",
                )
            )
    except csv.Error:
        raise _error(messages.STATEMENT_FORMAT_UNKNOWN, "statement_format_unknown") from None
    return lines
