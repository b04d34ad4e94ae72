"""PostgreSQL: ``pg_dump``/``pg_restore`` in custom format, counted inside the same snapshot.

The backup opens a REPEATABLE READ transaction, exports its snapshot, counts every table in it
and runs ``pg_dump --snapshot`` against it: the row counts in the manifest describe exactly the
rows in the dump even while the site keeps writing.

Connection parameters go to the client tools through the environment (``PGHOST``, ``PGPORT``,
``PGUSER``, ``PGPASSWORD``, ``PGDATABASE``, ``PGSSLMODE``…), never on the command line, where
other users of the machine could read the password in the process list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from kyoso.core.backup import messages
from kyoso.core.backup.errors import BackupError
from kyoso.core.backup.snapshot import MIGRATIONS_SQL, Snapshot, latest_migrations

# Django OPTIONS that are libpq connection parameters, and the variable each one maps to.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
_SETTINGS = {
    "NAME": ("dbname", "PGDATABASE"),
    "USER": ("user", "PGUSER"),
    "PASSWORD": ("password", "PGPASSWORD"),
    "HOST": ("host", "PGHOST"),
    "PORT": ("port", "PGPORT"),
}
_TABLES_SQL = """
    SELECT n.nspname, c.relname, n.nspname = current_schema()
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY 1, 2
"""
_OUTPUT_LIMIT = 4000


def _user_tables(conn: psycopg.Connection) -> list[tuple[str, str, str]]:
    """(schema, table, key): the key is the bare name in the current schema, else qualified."""
    rows = conn.execute(_TABLES_SQL).fetchall()
    return [
        (schema, table, table if current else f"{schema}.{table}")
        for schema, table, current in rows
    ]


def table_counts(conn: psycopg.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for schema, table, key in _user_tables(conn):
        query = sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(schema, table))
        row = conn.execute(query).fetchone()
        counts[key] = row[0] if row else 0
    return counts


class PostgresDatabase:
    vendor = "postgresql"
    dump_name = "database.pgdump"

    def __init__(self, database: dict[str, Any]) -> None:
        self.database = database

    @property
    def label(self) -> str:
        return str(self.database.get("NAME") or "")

    def _params(self) -> dict[str, str]:
        """libpq parameter name → value, from a Django database settings dictionary."""
        params: dict[str, str] = {}
        for key, (param, _env) in _SETTINGS.items():
            value = self.database.get(key)
            if value not in (None, ""):
                params[param] = str(value)
        for option, value in (self.database.get("OPTIONS") or {}).items():
            if option in _LIBPQ_OPTIONS and value not in (None, ""):
                params[option] = str(value)
        return params

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        variables = {param: var for param, var in _SETTINGS.values()} | _LIBPQ_OPTIONS
        for param, value in self._params().items():
            env[variables[param]] = value
        return env

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(make_conninfo(**self._params()))
        except psycopg.Error as exc:
            raise BackupError(messages.DATABASE_ERROR.format(detail=_describe(exc))) from exc

    def _run(self, tool: str, arguments: list[str]) -> None:
        executable = _executable(tool)
        # An argument list, no shell: nothing here is interpreted; the password is in env only.
        completed = subprocess.run(  # noqa: S603
            [executable, *arguments],
            env=self._environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            output = (completed.stderr or completed.stdout).strip()[-_OUTPUT_LIMIT:]
            raise BackupError(
                messages.TOOL_FAILED.format(tool=tool, code=completed.returncode, output=output)
            )

    def dump(self, destination: Path, *, connection: Any = None) -> Snapshot:
        _executable("pg_dump")
        conn = self._connect()
        try:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            snapshot_row = conn.execute("SELECT pg_export_snapshot()").fetchone()
            assert snapshot_row is not None
            counts = table_counts(conn)
            has_migrations = "django_migrations" in counts
            migrations = latest_migrations(
                conn.execute(MIGRATIONS_SQL).fetchall() if has_migrations else []
            )
            # The transaction stays open until pg_dump has attached to its snapshot and finished.
            self._run(
                "pg_dump",
                [
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot_row[0]}",
                    f"--file={destination}",
                ],
            )
            conn.rollback()
        except psycopg.Error as exc:
            raise BackupError(messages.DATABASE_ERROR.format(detail=_describe(exc))) from exc
        finally:
            conn.close()
        return Snapshot(row_counts=counts, migrations=migrations)

    def tables_with_rows(self, tables: Iterable[str]) -> list[str]:
        wanted = set(tables)
        with self._connect() as conn:
            try:
                found = []
                for schema, table, key in _user_tables(conn):
                    if key not in wanted:
                        continue
                    query = sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(
                        sql.Identifier(schema, table)
                    )
                    row = conn.execute(query).fetchone()
                    if row and row[0]:
                        found.append(key)
                return found
            except psycopg.Error as exc:
                raise BackupError(messages.DATABASE_ERROR.format(detail=_describe(exc))) from exc

    def _has_tables(self) -> bool:
        with self._connect() as conn:
            try:
                return bool(_user_tables(conn))
            except psycopg.Error as exc:
                raise BackupError(messages.DATABASE_ERROR.format(detail=_describe(exc))) from exc

    def load(self, dump: Path) -> None:
        """Restore ``dump`` in one transaction: all of it, or (on any error) nothing."""
        _executable("pg_restore")
        arguments = ["--no-owner", "--no-privileges", "--single-transaction"]
        if self._has_tables():
            # Replacing an existing Kyoso database: drop each object in the dump before
            # recreating it; --if-exists keeps this quiet for objects the target lacks.
            arguments += ["--clean", "--if-exists"]
        database = self.database.get("NAME") or f"service={self._params().get('service', '')}"
        self._run("pg_restore", [*arguments, f"--dbname={database}", str(dump)])

    def row_counts(self) -> dict[str, int]:
        with self._connect() as conn:
            try:
                return table_counts(conn)
            except psycopg.Error as exc:
                raise BackupError(messages.DATABASE_ERROR.format(detail=_describe(exc))) from exc


def _executable(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(messages.TOOL_MISSING.format(tool=tool))
    return path


def _describe(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
