"""How much disk the search index takes (issue 12: "index size growth ≤ 1.5× of today's").

Two figures per data set, in bytes:

- ``fulltext``: the full-text index alone. SQLite: the shadow tables of every FTS5 table of
  the search app (``search_fts_data``, ``_idx``, ``_docsize``, ``_config``; a later FTS5 table
  named ``search…`` is counted too), page by page through the ``dbstat`` virtual table.
  PostgreSQL: every GIN index on a ``search_`` table (``search_text_vector``), by
  ``pg_relation_size``.
- ``total``: everything the search app stores: every ``search_`` table with its indexes (and,
  on PostgreSQL, its TOAST), so that terms moved out of the index into a column, or a second
  index, are counted as well.

``relations`` gives each piece (SQLite: every b-tree; PostgreSQL: each table with its indexes
and TOAST, ``pg_total_relation_size``, and each GIN index), so a growth can be traced.
"""

from __future__ import annotations

from typing import Any

PREFIX = "search_"


def measure(connection: Any) -> dict[str, Any]:
    """The search index's size on the database of ``connection`` (a Django connection)."""
    if connection.vendor == "postgresql":
        return _postgres(connection)
    return _sqlite(connection)


def _sqlite(connection: Any) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') "
            "AND substr(tbl_name, 1, %s) = %s",
            [len(PREFIX), PREFIX],
        )
        rows = cursor.fetchall()
        virtual = [
            name
            for name, _table, sql in rows
            if sql and sql.upper().startswith("CREATE VIRTUAL TABLE") and "FTS5" in sql.upper()
        ]
        relations: dict[str, int] = {}
        try:
            for name, _table, _sql in rows:
                if name in virtual:
                    continue  # no b-tree of its own: its shadow tables hold it
                cursor.execute(
                    "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = %s", [name]
                )
                relations[name] = int(cursor.fetchone()[0])
        except Exception as exc:  # SQLite built without SQLITE_ENABLE_DBSTAT_VTAB
            return {"error": f"dbstat not available: {exc}"}
    fulltext = sum(
        size
        for name, size in relations.items()
        if any(name.startswith(f"{table}_") for table in virtual)
    )
    return {"fulltext": fulltext, "total": sum(relations.values()), "relations": relations}


def _postgres(connection: Any) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r' "
            "AND left(c.relname, %s) = %s ORDER BY c.relname",
            [len(PREFIX), PREFIX],
        )
        tables = {name: int(size) for name, size in cursor.fetchall()}
        cursor.execute(
            "SELECT i.relname, pg_relation_size(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam "
            "WHERE n.nspname = current_schema() AND am.amname = 'gin' "
            "AND left(t.relname, %s) = %s ORDER BY i.relname",
            [len(PREFIX), PREFIX],
        )
        gin = {name: int(size) for name, size in cursor.fetchall()}
    return {
        "fulltext": sum(gin.values()),
        "total": sum(tables.values()),
        "relations": {**tables, **{f"{name} (GIN index)": size for name, size in gin.items()}},
    }
