"""Reference codes payers type into 振込依頼人名: ``KY-7XK3-92QD``.

The alphabet has no character a payer (or a bank clerk, or OCR) can confuse: no 0/O, 1/I/L,
5/S, 8/B, 2/Z, U/V. Banks only keep upper-case letters, digits, half-width kana and a few signs
in the payer's name, often dropping the hyphens or adding spaces, so :func:`find_reference`
reads a code back from whatever the statement shows (full-width, lower-case, no hyphens)."""

from __future__ import annotations

import re
import secrets
import unicodedata

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
PREFIX = "KY"
GROUP = 4
_FIND = re.compile(rf"{PREFIX}([{ALPHABET}]{{{GROUP}}})([{ALPHABET}]{{{GROUP}}})")


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(GROUP * 2))
    return f"{PREFIX}-{body[:GROUP]}-{body[GROUP:]}"


def normalize(text: str) -> str:
    """Upper-case ASCII letters and digits only (NFKC folds full-width and half-width)."""
    folded = unicodedata.normalize("NFKC", text or "").upper()
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def find_reference(*texts: str) -> str:
    """The first reference code found in ``texts`` (canonical form with hyphens), or ""."""
    for text in texts:
        found = _FIND.search(normalize(text))
        if found:
            return f"{PREFIX}-{found.group(1)}-{found.group(2)}"
    return ""


def kana_key(text: str) -> str:
    """A payer's name reduced for comparison: NFKC (half-width kana → full-width), no spaces,
    small kana made large (banks print ｷﾖｳｿｳ for きょうそう), long marks dropped."""
    folded = unicodedata.normalize("NFKC", text or "")
    small = str.maketrans("ァィゥェォッャュョヮ", "アイウエオツヤユヨワ")
    return "".join(
        ch for ch in folded.translate(small) if not ch.isspace() and ch not in "ー-.()（）"
    )
