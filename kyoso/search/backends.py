"""The SQL that differs between SQLite (FTS5, bm25) and PostgreSQL (tsvector, ts_rank).

Everything else (parsing, terms, visibility, ordering, counting, snippets) is shared, so the
same query finds the same documents on both. Each backend gives the FROM clause, the match
condition and the score of one parsed query, with ``search_document`` joined under its own
name; :mod:`kyoso.search.services` builds the rest. Only encoded terms and the operators
written by :mod:`kyoso.search.query` reach the full-text syntax, always as parameters.

With a ``window``, only the newest ``window`` matching documents are taken (decision 0009),
as the common table expression :data:`CANDIDATES`, at a cost that does not grow with the
number of matches:

- SQLite: FTS5 walks the doclist from the highest rowid down and stops;
- PostgreSQL: every vector also holds the lexeme ``0epoch<n>`` of its document's epoch
  (``document_id / EPOCH``, migration 0002). The epochs are visited from the newest down, each
  matched through the GIN index alone (``query && '0epoch<n>'``), until the window is full:
  only the matches of the newest epochs are ever read from the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kyoso.search.query import ParsedQuery

DOCUMENT = "search_document"
TEXT = "search_text"
#: Title matches count five times as much as body matches on both databases.
TITLE_WEIGHT = 5.0
#: Documents per epoch (PostgreSQL): about 3,000 matches of a word found in 4.5 % of them.
EPOCH = 65_536
#: The name under which a windowed match's candidates are read.
CANDIDATES = "candidates"


@dataclass(frozen=True)
class Match:
    from_sql: str
    params: list
    where_sql: str
    #: Higher is better.
    score_sql: str
    #: The folded text column (for phrase checks).
    folded_sql: str
    #: With a window: the SELECT of the newest matches, which ``from_sql`` reads as the common
    #: table expression :data:`CANDIDATES` (so that they can be counted too).
    candidates_sql: str | None = None
    candidates_params: list = field(default_factory=list)


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
        # a query of their own (a subquery, or the candidates' common table expression).
        rank = f", bm25(search_fts, {TITLE_WEIGHT}, 1.0) AS fts_rank" if ranked else ""
        text_join = f" JOIN {TEXT} ON {TEXT}.document_id = {DOCUMENT}.id" if with_text else ""
        select = f"SELECT rowid AS text_id{rank} FROM search_fts WHERE search_fts MATCH %s"  # noqa: S608
        joins = f"JOIN {DOCUMENT} ON {DOCUMENT}.id = fts.text_id{text_join}"
        score = "-fts.fts_rank" if ranked else "0"
        if window is None:
            return Match(
                from_sql=f"({select}) AS fts {joins}",
                params=[parsed.fts5()],
                where_sql="1 = 1",
                score_sql=score,
                folded_sql=f"{TEXT}.folded",
            )
        return Match(
            from_sql=f"{CANDIDATES} AS fts {joins}",
            params=[],
            where_sql="1 = 1",
            score_sql=score,
            folded_sql=f"{TEXT}.folded",
            candidates_sql=f"{select} ORDER BY rowid DESC LIMIT %s",
            candidates_params=[parsed.fts5(), window],
        )

    def contains(self, column: str, negate: bool) -> str:
        return f"instr({column}, %s) {'=' if negate else '>'} 0"


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
        if window is None:
            # Normalization 1 divides by 1 + log(length), as bm25 prefers shorter documents.
            score = f"ts_rank({self.WEIGHTS}, {TEXT}.search_vector, search_query, 1)"
            return Match(
                from_sql=(
                    f"{TEXT} CROSS JOIN to_tsquery('simple', %s) AS search_query "
                    f"JOIN {DOCUMENT} ON {DOCUMENT}.id = {TEXT}.document_id"
                ),
                params=[parsed.tsquery()],
                where_sql=f"{TEXT}.search_vector @@ search_query",
                score_sql=score if ranked else "0",
                folded_sql=f"{TEXT}.folded",
            )
        # The candidates: the epochs from the newest down; in each, the matches newest first
        # ("+ 0" keeps the planner from walking the primary key backwards and testing every
        # vector); the nested loop stops at the LIMIT. The vector and folded text ride along
        # as TOAST pointers, read only for the rows ranked or checked.
        score = f"ts_rank({self.WEIGHTS}, fts.text_vector, search_query, 1)"
        epochs = f"(SELECT COALESCE(max(document_id), 0) FROM {TEXT}) / {EPOCH}"  # noqa: S608
        epoch_lexeme = "('''0epoch' || epoch.n || '''')::tsquery"
        return Match(
            from_sql=(
                f"{CANDIDATES} AS fts CROSS JOIN to_tsquery('simple', %s) AS search_query "  # noqa: S608
                # One primary-key lookup per candidate: OFFSET 0 keeps the planner from turning
                # it into a hash join over every document.
                f"CROSS JOIN LATERAL (SELECT id, type, object_id FROM {DOCUMENT} AS d "
                f"WHERE d.id = fts.text_id OFFSET 0) AS {DOCUMENT}"
            ),
            params=[parsed.tsquery()],
            where_sql="1 = 1",
            score_sql=score if ranked else "0",
            folded_sql="fts.text_folded",
            candidates_sql=(
                "SELECT m.document_id AS text_id, m.search_vector AS text_vector, "  # noqa: S608
                "m.folded AS text_folded "
                f"FROM generate_series({epochs}, 0, -1) AS epoch(n) "
                "CROSS JOIN LATERAL (SELECT document_id, search_vector, folded "
                f"FROM {TEXT} WHERE search_vector @@ (to_tsquery('simple', %s) && {epoch_lexeme}) "
                "ORDER BY document_id + 0 DESC) AS m LIMIT %s"
            ),
            candidates_params=[parsed.tsquery(), window],
        )

    def contains(self, column: str, negate: bool) -> str:
        return f"strpos({column}, %s) {'=' if negate else '>'} 0"


def backend_for(vendor: str) -> SqliteBackend | PostgresBackend:
    if vendor == "sqlite":
        return SqliteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"Search does not support the {vendor!r} database")
