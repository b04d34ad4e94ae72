"""Test helpers shared by every app (imported by tests only)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def assert_num_queries(expected: int, *, label: str = "") -> Iterator[CaptureQueriesContext]:
    """Fail with every SQL statement listed when the number of queries is not ``expected``.

    Name each expected query in a comment next to the call, e.g.::

        # 1 session, 2 user, 3 roles, 4 organizations page, 5 count
        with assert_num_queries(5):
            client.get(url)
    """
    with CaptureQueriesContext(connection) as captured:
        yield captured
    executed = len(captured.captured_queries)
    if executed != expected:
        listing = "\n".join(
            f"{i}. {q['sql']}" for i, q in enumerate(captured.captured_queries, start=1)
        )
        where = f" ({label})" if label else ""
        raise AssertionError(
            f"Expected {expected} queries{where}, {executed} were executed:\n{listing}"
        )
