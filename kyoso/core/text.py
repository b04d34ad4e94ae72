"""Text normalization for Japanese input: NFKC, whitespace, invisible characters and kana."""

from __future__ import annotations

import re
import unicodedata

import jaconv

# Invisible format characters that only ever cause trouble in stored text: zero-width space,
# non-joiner, word joiner, BOM, soft hyphen, Mongolian vowel separator and bidi controls.
_INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)
_ZWJ = "\u200d"
_KEPT_CONTROLS = frozenset("\t\n\r\v\f")
_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_WHITESPACE_RUN = re.compile(r"\s+")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n\t]")

_KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x30FB))  # ァ..ヺ
_READING_MARKS = frozenset("ー・ \u3000")


def _keep(text: str, index: int, multiline: bool) -> bool:
    char = text[index]
    if char in _INVISIBLE:
        return False
    if char == _ZWJ:
        # Keep the joiner inside emoji sequences (👨‍👩‍👧), drop it everywhere else.
        following = text[index + 1 : index + 2]
        return bool(following) and unicodedata.category(following) == "So"
    if unicodedata.category(char) == "Cc":
        if multiline:
            return char in "\t\n"
        return char in _KEPT_CONTROLS
    return True


def _strip_invisible(text: str, multiline: bool) -> str:
    return "".join(c for i, c in enumerate(text) if _keep(text, i, multiline))


def _tidy_whitespace(s: str, multiline: bool) -> str:
    if not multiline:
        return _WHITESPACE_RUN.sub(" ", s).strip()
    s = _HORIZONTAL_SPACE.sub(" ", s)
    lines = [line.rstrip(" \t") for line in s.split("\n")]
    return "\n".join(lines).strip("\n")


def normalize_text(s: str, *, multiline: bool = False) -> str:
    """NFKC-normalize, drop invisible characters and tidy whitespace.

    For comparing and searching (emails, codes, queries). Single-line mode collapses every run
    of whitespace (newlines included) to one space. Multi-line mode keeps line breaks (CRLF and
    CR become LF) and tabs, turns other whitespace into spaces, strips trailing spaces per line
    and blank lines at both ends.
    """
    if multiline:
        s = _NEWLINES.sub("\n", s)
    # NFKC first so that compatibility forms are seen as what they become, then once more
    # because dropping an invisible character can leave marks that now compose.
    s = unicodedata.normalize("NFKC", s)
    s = unicodedata.normalize("NFKC", _strip_invisible(s, multiline))
    return _tidy_whitespace(s, multiline)


_FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")


def tidy_text(s: str, *, multiline: bool = False) -> str:
    """Clean text that people read, keeping Japanese punctuation as written.

    Unlike :func:`normalize_text` it leaves 全角 punctuation （）！？～「」 alone; it only turns
    full-width letters and digits into half-width, half-width katakana into full-width, drops
    invisible characters and tidies whitespace the same way.
    """
    if multiline:
        s = _NEWLINES.sub("\n", s)
    s = _FULL_WIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), s)
    s = jaconv.h2z(s, kana=True, ascii=False, digit=False)
    s = unicodedata.normalize("NFC", _strip_invisible(s, multiline))
    return _tidy_whitespace(s, multiline)


def normalize_kana_reading(s: str) -> str:
    """Return a reading in full-width katakana (hiragana and half-width kana converted)."""
    s = jaconv.h2z(s, kana=True, ascii=False, digit=False)
    return jaconv.hira2kata(normalize_text(s))


def is_kana_reading(s: str) -> bool:
    """True when ``s`` holds katakana, ー, ・ and spaces only (and at least one katakana)."""
    return any(c in _KATAKANA for c in s) and all(c in _KATAKANA or c in _READING_MARKS for c in s)


def normalize_email(s: str) -> str:
    """Lower-case and NFKC-normalize an email address (full-width ＠ and letters included)."""
    return normalize_text(s).lower()
