"""Keyset pagination on (a moment, id): the row-value comparisons that seek an index, and the
opaque cursor a "next page" link carries.

A cursor is the key of the last row of a page, tagged with the list it was made for, in
URL-safe base64 JSON: ``["upcoming", "2026-06-04T10:00:00+00:00", 42]`` (the events) or
``["empathy", 12, 42]`` (the issues by empathy). It is not secret
and not signed: anyone may write one, and it can only point at a place in the list the viewer
may read anyway, so :func:`decode_cursor` only checks that it is well formed and in range.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Any

from django.db.models.fields.tuple_lookups import TupleGreaterThan, TupleLessThan
from django.db.models.lookups import GreaterThan, LessThan
from django.utils.dateparse import parse_datetime

#: Ids above this do not fit a 64-bit integer column: the databases would refuse them.
MAX_ID = 2**63 - 1


class CursorInvalid(ValueError):
    """The cursor could not be read, or was made for another list."""


class RowGreaterThan(TupleGreaterThan):
    """``(a, b) > (x, y)`` as a SQL row-value comparison on every backend.

    Django writes it as ``a > x OR (a = x AND b > y)`` where the backend does not declare
    tuple support (SQLite), which SQLite cannot answer with one index range seek; SQLite
    (3.15+) and PostgreSQL both seek an ``(a, b)`` index with the row value.
    """

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]
        return GreaterThan.as_sql(self, compiler, connection)


class RowLessThan(TupleLessThan):
    """``(a, b) < (x, y)`` as a SQL row-value comparison on every backend (see above)."""

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]
        return LessThan.as_sql(self, compiler, connection)


def encode_cursor(tag: str, key: datetime | int, pk: int) -> str:
    """The cursor pointing just after the row (``key``, ``pk``) of the list ``tag``; ``key`` is
    a moment or a count (say, of empathy)."""
    value = key.astimezone(UTC).isoformat() if isinstance(key, datetime) else key
    raw = json.dumps([tag, value, pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(tag: str, cursor: str, *, count: bool = False) -> tuple[Any, int]:
    """The (key, id) a cursor of the list ``tag`` points after: a moment in UTC, or with
    ``count`` a count.

    Raises CursorInvalid for anything else: not base64 JSON, another list's cursor, a moment
    without a time zone or out of range, a count that is not a non-negative 64-bit integer,
    an id that is not a positive 64-bit integer.
    """
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error, RecursionError) as exc:
        raise CursorInvalid(cursor) from exc
    if not (isinstance(decoded, list) and len(decoded) == 3 and decoded[0] == tag):
        raise CursorInvalid(cursor)
    _tag, key, pk = decoded
    if not _is_int(pk) or not 0 < pk <= MAX_ID:
        raise CursorInvalid(cursor)
    if count:
        if not _is_int(key) or not 0 <= key <= MAX_ID:
            raise CursorInvalid(cursor)
        return key, pk
    try:
        moment = parse_datetime(key) if isinstance(key, str) else None
        # In UTC, as the databases compare it; a moment that cannot be (year 1 at +09:00) is
        # refused here rather than by the database adapter.
        in_utc = moment.astimezone(UTC) if moment and moment.tzinfo else None
    except (ValueError, OverflowError) as exc:  # well formed but no such moment
        raise CursorInvalid(cursor) from exc
    if in_utc is None:
        raise CursorInvalid(cursor)
    return in_utc, pk


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
