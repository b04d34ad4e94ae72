"""Copy a kept SQLite benchmark data set into a PostgreSQL one (only the rows it lacks).

Building 1 M issues spends most of its time in SudachiPy, analysing the text for the search
index; the analysis is the same on both databases (the encoded terms are plain text). So the
PostgreSQL data set can be copied from the SQLite one — issues, tags, timelines, comments and
the search documents with their terms — instead of analysing everything a second time. The
PostgreSQL side computes its own ``tsvector`` (a generated column) and GIN index from the
copied terms, exactly as when the search layer writes them::

    python -m benchmarks.copy_dataset --sqlite /work/benchdata/sqlite/bench.sqlite3 \\
        --postgres-url postgres://postgres@127.0.0.1:5432/kyoso_bench --fresh

Run it again after the SQLite data set has grown: it copies only rows past the ids already
there, table by table (users, roles, issues, tags, stage changes, comments, documents, texts).
A ``search_`` table that a later search migration adds (a second index's own rows, say) is
copied too when both databases have it as a plain table with a one-column primary key; tables
that PostgreSQL fills itself (generated columns, GIN indexes) or that only SQLite has (FTS5's
shadow tables) are not. Both data sets must have been migrated by the same code.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time

#: (table, primary key), parents before children.
TABLES: list[tuple[str, str]] = [
    ("accounts_user", "id"),
    ("roles_roleassignment", "id"),
    ("issues_issue", "id"),
    ("issues_issuetag", "id"),
    ("issues_stagechange", "id"),
    ("issues_comment", "id"),
    ("search_document", "id"),
    ("search_text", "document_id"),
]
CHUNK = 50_000


def _columns(pg, table: str) -> list[str]:
    rows = pg.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [name for (name,) in rows]


def copy_table(lite: sqlite3.Connection, pg, table: str, key: str) -> int:
    columns = _columns(pg, table)
    start = pg.execute(f"SELECT COALESCE(max({key}), 0) FROM {table}").fetchone()[0]
    names = ", ".join(f'"{c}"' for c in columns)
    copied = 0
    while True:
        rows = lite.execute(
            f'SELECT {names} FROM "{table}" WHERE "{key}" > ? ORDER BY "{key}" LIMIT ?',
            [start, CHUNK],
        ).fetchall()
        if not rows:
            break
        with pg.transaction(), pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        start = rows[-1][columns.index(key)]
        copied += len(rows)
        print(f"  {table}: {copied:,}", flush=True)
    if key == "id":
        pg.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(max(id), 1) FROM {table}))"
        )
    return copied


def _primary_key(pg, table: str) -> str | None:
    rows = pg.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
        "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary",
        [table],
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def later_search_tables(lite: sqlite3.Connection, pg) -> list[tuple[str, str]]:
    """``search_`` tables both databases have that :data:`TABLES` does not name."""
    known = {table for table, _key in TABLES}
    on_postgres = {
        name
        for (name,) in pg.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND left(tablename, 7) = 'search_'"
        ).fetchall()
    }
    on_sqlite = {
        name
        for name, sql in lite.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND substr(name, 1, 7) = 'search_'"
        ).fetchall()
        if not (sql or "").upper().startswith("CREATE VIRTUAL TABLE")
    }
    found = []
    for table in sorted((on_postgres & on_sqlite) - known):
        key = _primary_key(pg, table)
        if key is None:
            print(f"  {table}: not copied (no one-column primary key)", flush=True)
            continue
        found.append((table, key))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", required=True, help="the kept SQLite data set (a file)")
    parser.add_argument("--postgres-url", required=True, help="its name must contain 'bench'")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="drop the PostgreSQL data set first (when it was built by older search code)",
    )
    args = parser.parse_args(argv)

    import psycopg

    from benchmarks.issues import _setup
    from benchmarks.run import postgres_create, postgres_ensure

    if args.fresh:
        postgres_create(args.postgres_url)
    else:
        postgres_ensure(args.postgres_url)
    _setup(args.postgres_url)  # migrate
    lite = sqlite3.connect(f"file:{args.sqlite}?mode=ro", uri=True, isolation_level=None)
    # One read transaction: every table is read from the same snapshot (WAL), even while a
    # build is still growing the data set.
    lite.execute("BEGIN")
    started = time.perf_counter()
    with psycopg.connect(args.postgres_url, autocommit=True) as pg:
        pg.execute("SET TIME ZONE 'UTC'")
        for table, key in TABLES + later_search_tables(lite, pg):
            began = time.perf_counter()
            copied = copy_table(lite, pg, table, key)
            print(f"  {table}: {copied:,} rows in {time.perf_counter() - began:.0f} s", flush=True)
        pg.execute("ANALYZE")
    print(f"copied in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
