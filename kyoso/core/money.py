"""Yen amounts: always whole yen held in ``int``, never floats."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EMPTY_AMOUNT = _("金額が入力されていません。")
NOT_AN_AMOUNT = _(
    "「%(text)s」は金額として読み取れません。「1,234円」や「12万円」の形で入力してください。"
)
NEGATIVE_AMOUNT = _("マイナスの金額は入力できません（%(text)s）。")
FRACTIONAL_YEN = _("1円未満の端数が出る金額は入力できません（%(text)s）。")
NOT_WHOLE_THOUSANDS = _("%(amount)s円は千円単位で割り切れません。")

MAX_INPUT_LENGTH = 64
_UNITS = (("兆", 10**12), ("億", 10**8), ("万", 10**4), ("千", 10**3))
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT_PATTERN = re.compile(
    "".join(f"(?:(?P<u{i}>{_NUMBER}){unit})?" for i, (unit, _m) in enumerate(_UNITS))
    + f"(?P<ones>{_NUMBER})?"
)
_LOOSE_SPACE = re.compile(r"\s+(?=[^\d,.\s])|(?<=[^\d,.\s])\s+")
_NEGATIVE_MARKS = ("-", "\u2212", "△", "▲", "マイナス")


class MoneyError(ValueError):
    """An amount that cannot be read or written; ``template`` is a module constant."""

    def __init__(self, template: Promise, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template, params)

    def __str__(self) -> str:
        return str(self.template % self.params if self.params else self.template)


def _require_int(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"yen amounts must be int, not {type(amount).__name__}")
    return amount


def _signed(amount: int, body: str) -> str:
    return f"-{body}" if amount < 0 else body


def format_yen(amount: int) -> str:
    """``¥1,234,567``; negative amounts as ``-¥1,234``."""
    return _signed(amount, f"¥{abs(_require_int(amount)):,}")


def format_yen_ja(amount: int) -> str:
    """``1,234,567円``."""
    return f"{_require_int(amount):,}円"


def format_thousand_yen(amount: int) -> str:
    """``43,458千円`` for 43,458,000; the amount must be a whole number of thousands."""
    if _require_int(amount) % 1000:
        raise MoneyError(NOT_WHOLE_THOUSANDS, amount=f"{amount:,}")
    return f"{amount // 1000:,}千円"


def format_man_yen(amount: int) -> str:
    """``4,345万8千円`` for 43,458,000; ``1億2,000万円``; ``1万2,345円``."""
    rest = abs(_require_int(amount))
    parts: list[str] = []
    for unit, size in _UNITS[:3]:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count:,}{unit}")
    if rest and rest % 1000 == 0 and parts:
        parts.append(f"{rest // 1000}千")
    elif rest or not parts:
        parts.append(f"{rest:,}")
    return _signed(amount, "".join(parts) + "円")


def parse_yen(text: str) -> int:
    """Read a non-negative whole-yen amount: ``1,234円``, ``¥1,234``, ``12万円``, ``1億2000万円``.

    Decimals are allowed before a unit when the result is whole yen (``1.5万円``).
    Raises :class:`MoneyError`.
    """
    raw = text.strip()
    # Spaces may surround symbols and units ("¥ 1,234", "12 万円") but never split a number.
    s = _LOOSE_SPACE.sub("", unicodedata.normalize("NFKC", text).strip())
    if not s:
        raise MoneyError(EMPTY_AMOUNT)
    if len(s) > MAX_INPUT_LENGTH:
        raise MoneyError(NOT_AN_AMOUNT, text=raw[:MAX_INPUT_LENGTH] + "…")
    body = s.removeprefix("¥")
    if body.startswith(_NEGATIVE_MARKS) or s.startswith(_NEGATIVE_MARKS):
        raise MoneyError(NEGATIVE_AMOUNT, text=raw)
    body = body.removesuffix("円")
    match = _AMOUNT_PATTERN.fullmatch(body)
    if not body or match is None:
        raise MoneyError(NOT_AN_AMOUNT, text=raw)

    total = Decimal(0)
    ceiling: int | None = None
    for key, size in [(f"u{i}", m) for i, (_u, m) in enumerate(_UNITS)] + [("ones", 1)]:
        if match[key] is None:
            continue
        value = Decimal(match[key].replace(",", "")) * size
        if ceiling is not None and value >= ceiling:
            # "1億20000万円": a lower unit must stay below the one before it.
            raise MoneyError(NOT_AN_AMOUNT, text=raw)
        total += value
        ceiling = size
    if total != total.to_integral_value():
        raise MoneyError(FRACTIONAL_YEN, text=raw)
    return int(total)
