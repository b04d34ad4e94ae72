"""What a database dump records about itself: row counts and the migration state."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

# Same SQL on SQLite and PostgreSQL; applied order, so the last row per app is the latest.
MIGRATIONS_SQL = "SELECT app, name FROM django_migrations ORDER BY applied, id"


class Snapshot(NamedTuple):
    row_counts: dict[str, int]
    migrations: dict[str, str]


def latest_migrations(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The most recently applied migration of each app, from ``MIGRATIONS_SQL`` rows."""
    latest: dict[str, str] = {}
    for app, name in rows:
        latest[app] = name
    return dict(sorted(latest.items()))
