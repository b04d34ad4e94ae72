"""The SQL that differs between SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Everything else (parsing, terms, visibility, ranking, ordering, counting, snippets) is shared,
so the same query finds the same documents, in the same order, on both. Each backend gives the
FROM clause and the match condition of one parsed query, with ``search_document`` joined under
its own name, and says whether a document's body has a term (for the ranking of
:func:`kyoso.search.services.score_sql`; the title's terms are looked up alike on both, in the
short ``title_terms`` text); :mod:`kyoso.search.services` builds the rest. Only
encoded terms and the operators written by :mod:`kyoso.search.query` reach the full-text syntax,
always as parameters.

With a ``window``, only the newest ``window`` matching documents are taken (decision 0009),
as the common table expression :data:`CANDIDATES`, at a cost that does not grow with the
number of matches:

- SQLite: FTS5 walks the doclist from the highest rowid down and stops;
- PostgreSQL: every vector also holds the lexeme ``0epoch<n>`` of its document's epoch
  (``document_id / EPOCH``, migration 0002). The newest epoch, the one before, then all older
  ones are matched in turn through the GIN index (``query && '0epoch<n>'``) until the window
  is full: a common word is read only from the newest epochs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kyoso.search.query import ParsedQuery

DOCUMENT = "search_document"
TEXT = "search_text"
#: Documents per epoch (PostgreSQL): about 3,000 matches of a word found in 4.5 % of them.
EPOCH = 65_536
#: The name under which a windowed match's candidates are read.
CANDIDATES = "candidates"


@dataclass(frozen=True)
class Match:
    from_sql: str
    params: list
    where_sql: str
    #: The folded text (for phrase checks).
    folded_sql: str
    #: The title's terms (for ranking).
    title_terms_sql: str
    #: With a window: the SELECT of the newest matches, which ``from_sql`` reads as the common
    #: table expression :data:`CANDIDATES` (so that they can be counted too).
    candidates_sql: str | None = None
    candidates_params: list = field(default_factory=list)


class _Backend:
    def position(self, haystack: str) -> str:
        raise NotImplementedError

    def in_title(self, match: Match, terms: list[tuple[str, bool]]) -> tuple[str, list]:
        """The condition "the title has any of the terms" (each a code and whether it is a
        prefix): the title's term text is short (unlike the body's), so it is read alike on
        both databases."""
        return self._in_text(_spaced(match.title_terms_sql), terms)

    def _in_text(self, spaced_sql: str, terms: list[tuple[str, bool]]) -> tuple[str, list]:
        sql = " OR ".join(f"{self.position(spaced_sql)} > 0" for _term in terms)
        return f"({sql})", [_needle(code, prefix) for code, prefix in terms]


class SqliteBackend(_Backend):
    vendor = "sqlite"
    #: The ranking reads the title's terms from the narrow document row (``search_document.
    #: title_terms``): the wide text row is read only for phrases.
    title_terms_on_document = True

    def match(self, parsed: ParsedQuery, *, window: int | None = None) -> Match:
        select = "SELECT rowid AS text_id FROM search_fts WHERE search_fts MATCH %s"
        # The title's terms are read from the narrow document row; the wide text row only
        # when a phrase must be checked on the folded text.
        joins = f"JOIN {DOCUMENT} ON {DOCUMENT}.id = fts.text_id"
        if parsed.phrases or parsed.excluded_phrases:
            joins += f" JOIN {TEXT} ON {TEXT}.document_id = fts.text_id"
        common = Match(
            from_sql=f"{CANDIDATES} AS fts {joins}",
            params=[],
            where_sql="1 = 1",
            folded_sql=f"{TEXT}.folded",
            title_terms_sql=f"{DOCUMENT}.title_terms",
        )
        if window is None:
            return replace(common, from_sql=f"({select}) AS fts {joins}", params=[parsed.fts5()])
        return replace(
            common,
            candidates_sql=f"{select} ORDER BY rowid DESC LIMIT %s",
            candidates_params=[parsed.fts5(), window],
        )

    def position(self, haystack: str) -> str:
        """1-based position of the parameter in ``haystack``, 0 when absent."""
        return f"instr({haystack}, %s)"

    def body_source(self) -> str:
        """What to join after :data:`TEXT` for :meth:`in_body` (nothing: it reads the row)."""
        return ""

    def in_body(self, terms: list[tuple[str, bool]]) -> tuple[str, list]:
        """The condition "the body has any of the terms" on the row of :data:`TEXT`."""
        return self._in_text(_spaced(f"{TEXT}.body_terms"), terms)


class PostgresBackend(_Backend):
    vendor = "postgresql"
    #: The window's candidates carry the title's terms from the text row, read with the match:
    #: ``search_document.title_terms`` stays empty (the terms are kept once).
    title_terms_on_document = False

    def match(self, parsed: ParsedQuery, *, window: int | None = None) -> Match:
        if window is None:
            return Match(
                from_sql=f"{TEXT} JOIN {DOCUMENT} ON {DOCUMENT}.id = {TEXT}.document_id",
                params=[parsed.tsquery()],  # for the WHERE condition
                where_sql=f"{TEXT}.search_vector @@ to_tsquery('simple', %s)",
                folded_sql=f"{TEXT}.folded",
                title_terms_sql=f"{TEXT}.title_terms",
            )
        # The candidates, in three stages: the matches of the newest epoch, then of the one
        # before, then of all older ones, each newest first ("+ 0" keeps the planner from
        # walking the primary key backwards and testing every vector); the nested loop stops
        # at the LIMIT. A common word fills the window in the first stages; a rarer one has few
        # matches to read in the last. The wide columns ride along as TOAST pointers, read only
        # for the rows ranked or checked.
        newest = f"((SELECT COALESCE(max(document_id), 0) FROM {TEXT}) / {EPOCH})"  # noqa: S608
        last, before = self._epoch(newest), self._epoch(f"{newest} - 1")
        stages = f"(VALUES (1, {last}), (2, {before}), (3, !!({last} || {before})))"
        return Match(
            from_sql=(
                # One primary-key lookup per candidate: OFFSET 0 keeps the planner from turning
                # it into a hash join over every document.
                f"{CANDIDATES} AS fts CROSS JOIN LATERAL (SELECT id, type, object_id "  # noqa: S608
                f"FROM {DOCUMENT} AS d WHERE d.id = fts.text_id OFFSET 0) AS {DOCUMENT}"
            ),
            params=[],
            where_sql="1 = 1",
            folded_sql="fts.text_folded",
            title_terms_sql="fts.text_title_terms",
            candidates_sql=(
                "SELECT m.document_id AS text_id, m.folded AS text_folded, "  # noqa: S608
                f"m.title_terms AS text_title_terms FROM {stages} AS stage(n, only_these) "
                "CROSS JOIN LATERAL (SELECT document_id, folded, title_terms "
                f"FROM {TEXT} WHERE search_vector @@ "
                "(to_tsquery('simple', %s) && stage.only_these) "
                "ORDER BY document_id + 0 DESC) AS m LIMIT %s"
            ),
            candidates_params=[parsed.tsquery(), window],
        )

    @staticmethod
    def _epoch(number_sql: str) -> str:
        """The tsquery of one epoch's lexeme."""
        return "('''0epoch' || (" + number_sql + ") || '''')::tsquery"

    def position(self, haystack: str) -> str:
        return f"strpos({haystack}, %s)"

    def body_source(self) -> str:
        """The body's lexemes (weight D) of the vector of :data:`TEXT`, read out of TOAST once
        for all the terms (each reference to the stored vector would read it again)."""
        return (
            f"CROSS JOIN LATERAL (SELECT ts_filter({TEXT}.search_vector, '{{d}}') AS vector "
            "OFFSET 0) AS body"
        )

    def in_body(self, terms: list[tuple[str, bool]]) -> tuple[str, list]:
        """As SQLite's, read from the vector (more compact than the body's term text),
        through :meth:`body_source`: one tsquery for all the terms."""
        query = " | ".join(f"'{code}'" + (":*" if prefix else "") for code, prefix in terms)
        return "body.vector @@ %s::tsquery", [query]


def _spaced(terms_sql: str) -> str:
    """A term text with a space on each side, so that every term sits between spaces."""
    return f"(' ' || {terms_sql} || ' ')"


def _needle(code: str, prefix: bool) -> str:
    """What a term text holds where it has the term (or, for a prefix, a term beginning so)."""
    return f" {code}" if prefix else f" {code} "


def backend_for(vendor: str) -> SqliteBackend | PostgresBackend:
    if vendor == "sqlite":
        return SqliteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"Search does not support the {vendor!r} database")
