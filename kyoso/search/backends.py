"""The SQL that differs between SQLite (FTS5, bm25) and PostgreSQL (tsvector, ts_rank).

Everything else (parsing, terms, visibility, ordering, counting, snippets) is shared, so the
same query finds the same documents on both. Each backend gives the FROM clause, the match
condition and the score of one parsed query, with ``search_document`` (and ``search_text``
when asked) joined under their own names; :mod:`kyoso.search.services` builds the rest. Only
encoded terms and the operators written by :mod:`kyoso.search.query` reach the full-text
syntax, always as parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyoso.search.query import ParsedQuery

DOCUMENT = "search_document"
TEXT = "search_text"
#: Title matches count five times as much as body matches on both databases.
TITLE_WEIGHT = 5.0


@dataclass(frozen=True)
class Match:
    from_sql: str
    params: list
    where_sql: str
    #: Higher is better.
    score_sql: str


class SqliteBackend:
    vendor = "sqlite"

    def match(
        self,
        parsed: ParsedQuery,
        *,
        ranked: bool = True,
        with_text: bool = False,
        window: int | None = None,
    ) -> Match:
        # bm25() only works while FTS5 drives the scan, so the match and its rank are taken in
        # a subquery of their own (the outer queries count and page with window functions and
        # common table expressions). With a window, FTS5 walks the doclist from the newest
        # document down and stops after ``window`` rows: the cost no longer grows with the
        # number of matches.
        rank = f", bm25(search_fts, {TITLE_WEIGHT}, 1.0) AS fts_rank" if ranked else ""
        text_join = f" JOIN {TEXT} ON {TEXT}.document_id = {DOCUMENT}.id" if with_text else ""
        limit = " ORDER BY rowid DESC LIMIT %s" if window is not None else ""
        params: list = [parsed.fts5()]
        if window is not None:
            params.append(window)
        return Match(
            from_sql=(
                f"(SELECT rowid AS text_id{rank} FROM search_fts "  # noqa: S608
                f"WHERE search_fts MATCH %s{limit}) AS fts "
                f"JOIN {DOCUMENT} ON {DOCUMENT}.id = fts.text_id{text_join}"
            ),
            params=params,
            where_sql="1 = 1",
            score_sql="-fts.fts_rank" if ranked else "0",
        )

    def count(self, parsed: ParsedQuery) -> tuple[str, list]:
        """Every document the index matches (no visibility, type or phrase check)."""
        return "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [parsed.fts5()]

    def contains(self, negate: bool) -> str:
        return f"instr({TEXT}.folded, %s) {'=' if negate else '>'} 0"


class PostgresBackend:
    vendor = "postgresql"

    #: ts_rank's weights {D, C, B, A}: the body is D, the title A.
    WEIGHTS = f"'{{{1.0 / TITLE_WEIGHT}, 0.2, 0.2, 1.0}}'"

    def match(
        self,
        parsed: ParsedQuery,
        *,
        ranked: bool = True,
        with_text: bool = False,
        window: int | None = None,
    ) -> Match:
        # Normalization 1 divides by 1 + log(length), as bm25 prefers shorter documents.
        score = f"ts_rank({self.WEIGHTS}, {TEXT}.search_vector, search_query, 1)"
        if window is None:
            return Match(
                from_sql=(
                    f"{TEXT} CROSS JOIN to_tsquery('simple', %s) AS search_query "
                    f"JOIN {DOCUMENT} ON {DOCUMENT}.id = {TEXT}.document_id"
                ),
                params=[parsed.tsquery()],
                where_sql=f"{TEXT}.search_vector @@ search_query",
                score_sql=score if ranked else "0",
            )
        # The GIN index gives the matching rows (a bitmap: no ranking, no detoasting); only
        # the newest ``window`` of them are ranked, which is what costs (ts_rank reads each
        # vector). The CTE is materialized so that the planner keeps the bitmap scan instead of
        # walking the primary key backwards and testing every vector.
        return Match(
            from_sql=(
                f"(SELECT document_id AS text_id FROM {TEXT} "  # noqa: S608
                f"WHERE search_vector @@ to_tsquery('simple', %s) "
                f"ORDER BY document_id DESC LIMIT %s) AS fts "
                f"JOIN {TEXT} ON {TEXT}.document_id = fts.text_id "
                f"CROSS JOIN to_tsquery('simple', %s) AS search_query "
                f"JOIN {DOCUMENT} ON {DOCUMENT}.id = fts.text_id"
            ),
            params=[parsed.tsquery(), window, parsed.tsquery()],
            where_sql="1 = 1",
            score_sql=score if ranked else "0",
        )

    def count(self, parsed: ParsedQuery) -> tuple[str, list]:
        """Every document the index matches (no visibility, type or phrase check)."""
        return (
            f"SELECT count(*) FROM {TEXT} "  # noqa: S608
            f"WHERE search_vector @@ to_tsquery('simple', %s)",
            [parsed.tsquery()],
        )

    def contains(self, negate: bool) -> str:
        return f"strpos({TEXT}.folded, %s) {'=' if negate else '>'} 0"


def backend_for(vendor: str) -> SqliteBackend | PostgresBackend:
    if vendor == "sqlite":
        return SqliteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"Search does not support the {vendor!r} database")
