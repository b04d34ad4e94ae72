"""Keyset cursors: what is encoded is decoded back (the same moment, in UTC), and nothing a
visitor can type raises anything but CursorInvalid."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kyoso.core.keyset import MAX_ID, CursorInvalid, decode_cursor, encode_cursor

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 31), timezones=offsets
)


@given(moment=moments, pk=st.integers(min_value=1, max_value=MAX_ID))
def test_a_cursor_gives_back_its_moment_and_id(moment, pk):
    decoded, decoded_pk = decode_cursor("upcoming", encode_cursor("upcoming", moment, pk))

    assert decoded == moment and decoded.tzinfo == UTC
    assert decoded_pk == pk


def _b64(payload: str) -> str:
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    st.datetimes(timezones=offsets).map(lambda moment: moment.isoformat()),
)
typed = st.one_of(
    st.text(max_size=200),
    st.lists(values, max_size=4).map(lambda items: _b64(json.dumps(["upcoming", *items]))),
    st.tuples(st.just("upcoming"), values, values).map(lambda items: _b64(json.dumps(items))),
)


@given(text=typed)
@example(text=_b64('["upcoming", "0001-01-01T00:00:00+09:00", 1]'))  # before year 1 in UTC
@example(text=_b64('["upcoming", "9999-12-31T23:00:00-09:00", 1]'))  # after year 9999
@example(text=_b64('["upcoming", "2026-01-01T00:00:00+00:00", 9223372036854775808]'))
def test_anything_typed_is_a_cursor_or_cursor_invalid(text):
    try:
        moment, pk = decode_cursor("upcoming", text)
    except CursorInvalid:
        return
    assert moment.tzinfo == UTC and 0 < pk <= MAX_ID


def test_a_cursor_belongs_to_its_list():
    cursor = encode_cursor("past", datetime(2026, 6, 4, tzinfo=UTC), 7)

    with pytest.raises(CursorInvalid):
        decode_cursor("upcoming", cursor)
