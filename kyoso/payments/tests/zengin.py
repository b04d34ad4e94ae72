"""Build Zengin 入出金取引明細 files byte by byte for the tests, from the layout written out
field by field here (independently of the parser's offsets): 200-byte records, Shift_JIS
half-width kana, numbers right-aligned with zeros, text left-aligned with spaces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def n(value: int, width: int) -> bytes:
    text = str(value).rjust(width, "0")
    assert len(text) == width, (value, width)
    return text.encode("ascii")


def c(text: str, width: int) -> bytes:
    raw = text.encode("cp932")
    assert len(raw) <= width, (text, width)
    return raw.ljust(width, b" ")


def wareki(day: date) -> bytes:
    return n((day.year - 2018) * 10000 + day.month * 100 + day.day, 6)


@dataclass
class Movement:
    amount: int
    payer: str = ""
    day: date = date(2026, 12, 1)
    inquiry: int = 1
    incoming: bool = True
    description: str = ""
    bank: str = "ﾐﾂﾋﾞｼ"


def header(day: date = date(2026, 12, 1), *, kind: int = 3) -> bytes:
    record = b"".join(
        [
            n(1, 1),  # データ区分
            n(kind, 2),  # 種別コード 03
            n(0, 1),  # コード区分 JIS
            wareki(day),  # 作成日
            wareki(day),  # 勘定日(自)
            wareki(day),  # 勘定日(至)
            n(9999, 4),  # 銀行コード
            c("ｷﾖｳｿｳｷﾞﾝｺｳ", 15),  # 銀行名
            n(1, 3),  # 支店コード
            c("ﾎﾝﾃﾝ", 15),  # 支店名
            n(0, 3),  # ダミー
            n(1, 1),  # 預金種目 普通
            n(1234567, 10),  # 口座番号
            c("ｷﾖｳｿｳ ﾁｲｷﾌｱﾝﾄﾞ", 40),  # 口座名
            n(1, 1),  # 貸越区分
            n(1, 1),  # 通帳・証書区分
            n(1_000_000, 14),  # 取引前残高
            c("", 71),  # ダミー
        ]
    )
    assert len(record) == 200
    return record


def data(move: Movement) -> bytes:
    record = b"".join(
        [
            n(2, 1),  # データ区分
            n(move.inquiry, 8),  # 照会番号
            wareki(move.day),  # 勘定日
            wareki(move.day),  # 預入・払出日
            n(1 if move.incoming else 2, 1),  # 入払区分
            n(11, 2),  # 取引区分 振込
            n(move.amount, 12),  # 取引金額
            n(0, 12),  # うち他店券金額
            n(0, 6),  # 交換呈示日
            n(0, 6),  # 不渡返還日
            n(0, 1),  # 手形・小切手区分
            n(0, 7),  # 手形・小切手番号
            n(0, 3),  # 僚店番号
            n(0, 10),  # 振込依頼人コード
            c(move.payer, 48),  # 振込依頼人名又は契約者番号
            c(move.bank, 15),  # 仕向銀行名
            c("ﾎﾝﾃﾝ", 15),  # 仕向店名
            c(move.description, 20),  # 摘要内容
            c("", 20),  # EDI情報
            c("", 1),  # ダミー
        ]
    )
    assert len(record) == 200
    return record


def trailer(moves: list[Movement], *, lie: int = 0) -> bytes:
    ins = [m for m in moves if m.incoming]
    outs = [m for m in moves if not m.incoming]
    record = b"".join(
        [
            n(8, 1),
            n(len(ins), 6),  # 入金件数
            n(sum(m.amount for m in ins) + lie, 13),  # 入金額合計
            n(len(outs), 6),  # 出金件数
            n(sum(m.amount for m in outs), 13),  # 出金額合計
            n(1, 1),  # 貸越区分
            n(1_000_000, 14),  # 取引後残高
            n(len(moves), 7),  # データ・レコード件数
            c("", 139),
        ]
    )
    assert len(record) == 200
    return record


def end() -> bytes:
    return n(9, 1) + c("", 199)


def zengin_file(moves: list[Movement], *, newlines: bool = False, lie: int = 0) -> bytes:
    records = [header(), *[data(m) for m in moves], trailer(moves, lie=lie), end()]
    return (b"\r\n" if newlines else b"").join(records) + (b"\r\n" if newlines else b"")
