"""全国地方公共団体コード: check digits and normalisation of what people type.

A municipality is identified by the five-digit JIS X 0402 code (``"04100"`` 仙台市). 総務省's
全国地方公共団体コード appends a check digit to it (``"041009"``). The check digit is computed
from the five digits d1..d5 as::

    s  = 6*d1 + 5*d2 + 4*d3 + 3*d4 + 2*d5
    cd = (11 - s % 11) % 10

i.e. "11 minus the remainder of s divided by 11, keeping the last digit": a remainder of 1 gives
10 → 0 and a remainder of 0 gives 11 → 1. Verified against every code of the 総務省 list
(see docs/decisions/0002-region-codes.md), e.g. 仙台市 041009, 山形市 062014, 酒田市 062049.

Nothing here touches the database; :mod:`kyoso.regions.selectors` looks codes up.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

#: Shown when the text is not five or six digits, or the sixth digit is not the check digit.
INVALID_MUNICIPALITY_CODE = _(
    "市区町村コード「{code}」の形式が正しくありません。5桁または6桁の数字で入力してください。"
)
#: Shown when the six-digit form's check digit does not match the first five digits.
CHECK_DIGIT_MISMATCH = _("市区町村コード「{code}」の検査数字が一致しません。")
#: Shown when the code is well formed but names no municipality we know.
UNKNOWN_MUNICIPALITY_CODE = _("市区町村コード「{code}」は見つかりません。")

WEIGHTS = (6, 5, 4, 3, 2)
PREFECTURE_CODES = frozenset(f"{n:02d}" for n in range(1, 48))

_FIVE = re.compile(r"[0-9]{5}")
_SIX = re.compile(r"[0-9]{6}")
# Characters people paste around a code: ASCII and full-width spaces, tabs, newlines.
_STRIP = " \t\r\n\u3000"


class MunicipalityCodeError(ValueError):
    """Base class: ``code`` is what was given, ``message`` the (lazy) Japanese message."""

    template: _StrPromise = INVALID_MUNICIPALITY_CODE

    def __init__(self, code: object, template: _StrPromise | None = None) -> None:
        self.code = code if isinstance(code, str) else repr(code)
        if template is not None:
            self.template = template
        self.message = format_lazy(self.template, code=self.code)
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)


class InvalidMunicipalityCode(MunicipalityCodeError):
    """The text is not a well-formed municipality code (or its check digit is wrong)."""

    template = INVALID_MUNICIPALITY_CODE


class UnknownMunicipalityCode(MunicipalityCodeError):
    """The code is well formed but there is no such municipality."""

    template = UNKNOWN_MUNICIPALITY_CODE


def check_digit(code5: str) -> str:
    """The 全国地方公共団体コード check digit for a five-digit code, as one character."""
    if not isinstance(code5, str) or not _FIVE.fullmatch(code5):
        raise InvalidMunicipalityCode(code5)
    total = sum(int(digit) * weight for digit, weight in zip(code5, WEIGHTS, strict=True))
    return str((11 - total % 11) % 10)


def with_check_digit(code5: str) -> str:
    """``"04100"`` → ``"041009"``. Raises :class:`InvalidMunicipalityCode` unless 5 ASCII digits."""
    return code5 + check_digit(code5)


def is_valid_lg_code(code6: object) -> bool:
    """True for exactly six ASCII digits whose last digit is the check digit of the first five."""
    if not isinstance(code6, str) or not _SIX.fullmatch(code6):
        return False
    return check_digit(code6[:5]) == code6[5]


def _clean(text: str) -> str:
    # NFKC turns full-width digits (０４１００) into ASCII ones; format characters (zero-width
    # spaces, BOM, bidi marks) come along with copy and paste and are dropped.
    visible = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return unicodedata.normalize("NFKC", visible).strip(_STRIP)


def normalize_municipality_code(text: object) -> str:
    """Return the five-digit code for a code as typed by a person.

    Accepts five digits (``"04100"``) or the six-digit form with check digit (``"041009"``),
    in ASCII or full-width digits, with surrounding spaces. Raises
    :class:`InvalidMunicipalityCode` for anything else (including a wrong check digit) and
    :class:`UnknownMunicipalityCode` when the code cannot name a municipality at all (the
    prefecture part is not 01–47, or the municipality part is 000, the prefecture itself).
    Whether the municipality exists is for :func:`kyoso.regions.selectors.municipality_by_code`.
    """
    if not isinstance(text, str):
        raise InvalidMunicipalityCode(text)
    cleaned = _clean(text)
    shown = cleaned or text
    if _SIX.fullmatch(cleaned):
        if not is_valid_lg_code(cleaned):
            raise InvalidMunicipalityCode(shown, CHECK_DIGIT_MISMATCH)
        code = cleaned[:5]
    elif _FIVE.fullmatch(cleaned):
        code = cleaned
    else:
        raise InvalidMunicipalityCode(shown)
    if code[:2] not in PREFECTURE_CODES or code[2:] == "000":
        raise UnknownMunicipalityCode(shown)
    return code
