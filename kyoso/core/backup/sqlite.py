"""SQLite: copy with the online backup API, which gives a consistent snapshot while the site runs.

``sqlite3.Connection.backup`` copies every page in one step under a read transaction, so a
backup taken from the live (WAL) database is a consistent point in time, and a restore written
through it is seen by other processes like any other write (no file is swapped underneath them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from kyoso.core.backup import messages
from kyoso.core.backup.errors import BackupError
from kyoso.core.backup.snapshot import MIGRATIONS_SQL, Snapshot, latest_migrations

_TIMEOUT_SECONDS = 30
_TABLES_SQL = (
    "SELECT name FROM sqlite_master WHERE type = 'table' "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [row[0] for row in conn.execute(_TABLES_SQL)]
    return {
        table: conn.execute(f"SELECT COUNT(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608
        for table in tables
    }


def _migrations(conn: sqlite3.Connection) -> dict[str, str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
    ).fetchone()
    return latest_migrations(conn.execute(MIGRATIONS_SQL).fetchall() if exists else [])


def is_in_memory(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in name


class SqliteDatabase:
    vendor = "sqlite"
    dump_name = "database.sqlite3"

    def __init__(self, database: dict[str, Any]) -> None:
        self.name = str(database["NAME"])

    @property
    def label(self) -> str:
        return self.name

    def dump(self, destination: Path, *, connection: BaseDatabaseWrapper) -> Snapshot:
        """Copy the live database behind Django's ``connection`` into ``destination``."""
        try:
            connection.ensure_connection()
            target = sqlite3.connect(destination)
            try:
                connection.connection.backup(target)
                # One self-contained file: no -wal/-shm companions inside the archive.
                target.execute("PRAGMA journal_mode=DELETE")
                return Snapshot(row_counts=table_counts(target), migrations=_migrations(target))
            finally:
                target.close()
        except sqlite3.Error as exc:
            raise BackupError(messages.DATABASE_ERROR.format(detail=exc)) from exc

    @contextmanager
    def _target(self) -> Iterator[sqlite3.Connection]:
        """A connection to the target database.

        A shared in-memory database (the test database) lives only as long as a connection to
        it, so Django's own connection is used for it; files get a connection of their own.
        """
        try:
            if is_in_memory(self.name):
                django_connection = next(
                    (c for c in connections.all() if str(c.settings_dict["NAME"]) == self.name),
                    None,
                )
                if django_connection is None:
                    raise BackupError(
                        messages.DATABASE_ERROR.format(detail=f"{self.name}: not a file")
                    )
                django_connection.ensure_connection()
                yield django_connection.connection
                return
            Path(self.name).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.name, timeout=_TIMEOUT_SECONDS, uri=self.name.startswith("file:")
            )
            try:
                yield conn
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise BackupError(messages.DATABASE_ERROR.format(detail=exc)) from exc

    def _exists(self) -> bool:
        return is_in_memory(self.name) or self.name.startswith("file:") or Path(self.name).exists()

    def tables_with_rows(self, tables: Iterable[str]) -> list[str]:
        if not self._exists():
            return []
        wanted = set(tables)
        with self._target() as conn:
            present = [row[0] for row in conn.execute(_TABLES_SQL) if row[0] in wanted]
            return [
                table
                for table in present
                if conn.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1").fetchone()  # noqa: S608
            ]

    def load(self, dump: Path) -> None:
        """Replace the whole target database with ``dump`` (page by page, in one step)."""
        try:
            source = sqlite3.connect(dump)
        except sqlite3.Error as exc:
            raise BackupError(messages.DATABASE_ERROR.format(detail=exc)) from exc
        try:
            with self._target() as target:
                source.backup(target)
        finally:
            source.close()

    def row_counts(self) -> dict[str, int]:
        with self._target() as conn:
            return table_counts(conn)
