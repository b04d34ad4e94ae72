"""The search layer's interface: keep documents in step, search, suggest similar objects.

Writes (``index_object``, ``unindex_object``) are called by each capability's services after
commit, through ``index_on_commit`` (or by model signals: organizations in the writing
transaction, people after commit and once a transaction through ``index_once_on_commit``);
they are no-ops for an object whose type is not registered. Reads always filter through the
registered ``visible(viewer)`` of each type, in the same SQL statement as the match: one
statement gives the page of hits and the number of matches of every type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, transaction
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils.safestring import SafeString

from kyoso.search import registry
from kyoso.search.backends import CANDIDATES, DOCUMENT, TEXT, Match, backend_for
from kyoso.search.models import SearchDocument, SearchText
from kyoso.search.query import ParsedQuery, parse, parse_similar
from kyoso.search.registry import SearchType
from kyoso.search.snippets import snippet_html
from kyoso.search.text import fold_text, index_text

#: Only the beginning of a very long body is indexed (and kept for snippets).
MAX_BODY_CHARS = 30_000
MAX_TITLE_CHARS = 1_000
#: The most results one call returns.
MAX_LIMIT = 1_000
#: Only the newest this-many matching documents are ranked, counted and paged through
#: (decision 0009). Below it, results and counts are exact; at it, the best of the newest
#: matches are shown and the counts say "at least", so a query costs the same at 1 k and 1 M.
WINDOW = 1_000
REBUILD_BATCH = 500


@dataclass(frozen=True)
class SearchHit:
    type: str
    id: int
    title: str
    url: str
    snippet_html: SafeString
    score: float


@dataclass(frozen=True)
class SearchPage:
    count: int
    items: list[SearchHit]
    #: What ``count`` is: "eq" exact, "gte" at least (see CountedPage).
    relation: str = "eq"


@dataclass(frozen=True)
class CountedPage:
    """A page of hits and how many visible documents of each searched type match.

    ``relation`` says what the counts are (as Elasticsearch's ``total.relation``): ``"eq"``,
    exact; ``"gte"``, at least: the index gave a full window of :data:`WINDOW` candidates, so
    more may match than were counted (and only the window can be paged through).
    """

    items: list[SearchHit]
    counts: dict[str, int] = field(default_factory=dict)
    relation: str = "eq"
    #: The matches include what only the query's expansion found (synonyms, readings, parts);
    #: False when the words as typed filled the window by themselves (see ``_matches``).
    expanded: bool = False

    def count(self, types: Sequence[str] | None = None) -> int:
        keys = self.counts if types is None else types
        return sum(self.counts.get(key, 0) for key in keys)


# --- Keeping documents in step ----------------------------------------------------------------


def _document(search_type: SearchType, obj: Any) -> tuple[SearchDocument, SearchText] | None:
    document = search_type.document(obj)
    if document is None:
        return None
    title = (document.title or "")[:MAX_TITLE_CHARS]
    body = (document.body or "")[:MAX_BODY_CHARS]
    title_terms = index_text(title)
    on_document = backend_for(connection.vendor).title_terms_on_document
    row = SearchDocument(
        type=search_type.key,
        object_id=obj.pk,
        title=title,
        title_terms=title_terms if on_document else "",
        url=search_type.url(obj)[:500],
    )
    text = SearchText(
        body=body,
        title_terms=title_terms,
        body_terms=index_text(body),
        folded=fold_text(title) + "\n" + fold_text(body),
    )
    return row, text


def _documents(search_type: SearchType, object_ids: list[int]):
    return SearchDocument.objects.filter(type=search_type.key, object_id__in=object_ids)


def _delete(search_type: SearchType, object_ids: list[int]) -> None:
    documents = _documents(search_type, object_ids)
    SearchText.objects.filter(document__in=documents.values("id")).delete()
    documents.delete()


def _save(pairs: list[tuple[SearchDocument, SearchText]]) -> None:
    """Upsert the documents, then their texts (two statements for any number of them)."""
    if not pairs:
        return
    documents = SearchDocument.objects.bulk_create(
        [document for document, _text in pairs],
        update_conflicts=True,
        unique_fields=["type", "object_id"],
        update_fields=["title", "title_terms", "url", "updated_at"],
    )
    texts = []
    for document, (_unsaved, text) in zip(documents, pairs, strict=True):
        text.document_id = document.pk
        texts.append(text)
    SearchText.objects.bulk_create(
        texts,
        update_conflicts=True,
        unique_fields=["document"],
        update_fields=["body", "title_terms", "body_terms", "folded"],
    )


def index_object(obj: Any) -> None:
    """Create or refresh the document of ``obj`` (remove it when ``document()`` says None)."""
    search_type = registry.for_object(obj)
    if search_type is None or getattr(obj, "pk", None) is None:
        return
    pair = _document(search_type, obj)
    # Inside a write's transaction this joins it (no savepoint); alone it makes one.
    with transaction.atomic(savepoint=False):
        if pair is None:
            _delete(search_type, [obj.pk])
        else:
            _save([pair])


def index_on_commit(objects: QuerySet) -> None:
    """After the current transaction commits, index ``objects`` as they are then: what the
    write left, read fresh (an object gone by then is simply not indexed)."""

    def reindex() -> None:
        for obj in objects.all():
            index_object(obj)

    transaction.on_commit(reindex)


#: The connection's objects waiting for :func:`index_once_on_commit` (an attribute of the
#: database connection, so one per thread, as transactions are).
_PENDING_ATTR = "_kyoso_search_pending"


class _Pending:
    """Primary keys to index after commit, by model; emptied by the first callback that runs."""

    def __init__(self) -> None:
        self.ids: dict[type[Model], set[Any]] = {}


def index_once_on_commit(model: type[Model], object_id: Any) -> None:
    """After the current transaction commits, index the ``model`` object ``object_id`` as it is
    then, once however many times the transaction asks (a profile edit saves the user row and
    the profile row, each with its signal: one index write, not two). Outside a transaction
    it indexes at once.

    Each call queues its own ``on_commit`` callback, so a savepoint rolled back takes its
    callbacks with it as Django's do; the first callback that runs indexes every object asked
    for on this connection since the last one ran (read fresh: an object gone by then is
    simply not indexed), and the others find nothing left. An object asked for by a
    transaction that was rolled back is indexed, as it is, with the next ones: a write that
    changes nothing.
    """
    conn = transaction.get_connection()
    pending = getattr(conn, _PENDING_ATTR, None)
    if pending is None:
        pending = _Pending()
        setattr(conn, _PENDING_ATTR, pending)
    pending.ids.setdefault(model, set()).add(object_id)
    transaction.on_commit(lambda: _index_pending(conn, pending))


def _index_pending(conn: Any, pending: _Pending) -> None:
    if getattr(conn, _PENDING_ATTR, None) is pending:
        delattr(conn, _PENDING_ATTR)  # what is asked from now on waits for its own commit
    batches, pending.ids = pending.ids, {}
    for model, object_ids in batches.items():
        search_type = registry.for_model(model)
        if search_type is None:
            continue
        for obj in search_type.objects().filter(pk__in=object_ids).order_by("pk"):
            index_object(obj)


def unindex_object(obj: Any) -> None:
    """Remove the document of ``obj`` (call it before ``obj.delete()`` clears the pk)."""
    search_type = registry.for_object(obj)
    if search_type is None or getattr(obj, "pk", None) is None:
        return
    with transaction.atomic(savepoint=False):
        _delete(search_type, [obj.pk])


def rebuild(
    search_type: SearchType,
    *,
    batch_size: int = REBUILD_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Index every object of ``search_type`` again; returns how many documents it holds."""
    objects = search_type.objects()
    total = objects.count()
    done = indexed = 0
    last_pk = None
    while True:
        batch_qs = objects.order_by("pk")
        if last_pk is not None:
            batch_qs = batch_qs.filter(pk__gt=last_pk)
        batch = list(batch_qs[:batch_size])
        if not batch:
            break
        pairs = [pair for obj in batch if (pair := _document(search_type, obj)) is not None]
        with transaction.atomic():
            _delete(search_type, [obj.pk for obj in batch])
            _save(pairs)
        last_pk = batch[-1].pk
        done += len(batch)
        indexed += len(pairs)
        if progress is not None:
            progress(done, max(total, done))
    # Objects deleted without their document being removed.
    stale = SearchDocument.objects.filter(type=search_type.key).exclude(
        object_id__in=search_type.model._default_manager.values("pk")
    )
    with transaction.atomic():
        SearchText.objects.filter(document__in=stale.values("id")).delete()
        stale.delete()
    return indexed


def remove_unregistered() -> int:
    """Delete documents of types no longer registered."""
    stale = SearchDocument.objects.exclude(type__in=registry.type_keys())
    with transaction.atomic():
        SearchText.objects.filter(document__in=stale.values("id")).delete()
        deleted, _ = stale.delete()
    return deleted


#: Pages of the FTS5 index written by one step of :func:`optimize` (one short transaction).
OPTIMIZE_PAGES = 2_000


def optimize(*, pages: int = OPTIMIZE_PAGES, progress: Callable[[int], None] | None = None) -> int:
    """Merge the full-text index's pieces, in short steps; returns the number of steps.

    SQLite: every committed write adds a small segment to the FTS5 index and FTS5 merges them
    only a level at a time, so an index grown by years of writes is read from many segments
    (the benchmark's searches at 1 M documents: p95 8.8–21.3 ms before, 7.2–14.3 after). FTS5's
    ``merge`` command, first with a negative page count (every segment onto one level), then
    repeated until it does no work, merges them into one, ``pages`` at a time, each step its
    own transaction: writers wait for one step (well under the 5 s busy timeout), not for the
    whole merge, and readers never wait (WAL).

    PostgreSQL: moves the GIN index's pending list into the index proper (what autovacuum
    does), so that no search has to read the pending entries one by one; one step.
    """
    pages = max(1, int(pages))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('search_text_vector'::regclass)")
        if progress is not None:
            progress(1)
        return 1
    connection.ensure_connection()
    raw = connection.connection  # the sqlite3 connection, for its total_changes
    steps = 0
    step = -pages  # the first step puts every segment on one level
    while True:
        before = raw.total_changes
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('merge', %s)", [step])
        # Fewer than two changes: the step found nothing left to merge (FTS5's documentation).
        if raw.total_changes - before < 2:
            return steps
        steps += 1
        step = pages
        if progress is not None:
            progress(steps)


# --- SQL assembly ------------------------------------------------------------------------------


def _viewer(viewer: Any) -> Any:
    return AnonymousUser() if viewer is None else viewer


def _types(types: Sequence[str] | None) -> list[SearchType]:
    if types is None:
        return registry.all_types()
    wanted = set(types)
    return [t for t in registry.all_types() if t.key in wanted]


def _visibility(search_types: list[SearchType], viewer: Any) -> tuple[str, list] | None:
    """SQL keeping documents of the given types that ``viewer`` may see.

    Each type adds ``type = key AND EXISTS (visible(viewer) with pk = object_id)``, compiled
    by the ORM against the document table; None when nothing can be visible.
    """
    if not search_types:
        return None
    condition = Q()
    for search_type in search_types:
        visible = search_type.visible(viewer).order_by().filter(pk=OuterRef("object_id"))
        condition |= Q(Exists(visible), type=search_type.key)
    query = SearchDocument.objects.filter(condition).query
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = compiler.compile(query.where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "1 = 1", []
    return sql, list(params)


#: The window's candidates of the words as typed, when the query was expanded.
TYPED = "typed_candidates"
_TYPED_FILL = f"(SELECT count(*) FROM {TYPED})"  # noqa: S608


@dataclass(frozen=True)
class Matches:
    """The SELECT of the matching documents, and the common table expressions it reads (the
    window's candidates) with their parameters, to be put after ``WITH``."""

    sql: str
    params: list
    ctes: str = ""
    cte_params: list = field(default_factory=list)
    #: A condition (SQL, no parameters): the matches include what only the query's expansion
    #: found (see :func:`_matches`).
    expanded_sql: str = "1 = 0"

    def with_ctes(self, *more: str) -> str:
        """``WITH`` and every common table expression: ours, then ``more``."""
        parts = [part for part in (self.ctes, *more) if part]
        return f"WITH {', '.join(parts)} " if parts else ""


#: What a term typed gives where the title has it, and where the body has it: a word in the
#: title counts five times a word in the body.
TITLE_POINTS = 50
BODY_POINTS = 10
#: What the expansion of a word (its reading, katakana part or synonyms, decision 0010) gives,
#: once whichever of its terms matched: less in all than a word as typed found in the body, so
#: a document with the word as typed always ranks above one with only its expansions.
EXPANSION_TITLE_POINTS = 4
EXPANSION_BODY_POINTS = 1
#: At most this many typed terms are scored (a "similar" query may have dozens), and this
#: many terms of each word's expansion.
MAX_SCORED_TERMS = 12
MAX_SCORED_EXPANSION_TERMS = 24


@dataclass(frozen=True)
class Score:
    """The relevance of a matching document, in two parts (see :func:`score_sql`): what the
    title gives, read with the match, and what the body gives, read from :data:`TEXT` joined
    on ``doc_id`` for the documents that still need it."""

    title: str
    title_params: list
    body: str
    body_params: list
    #: The most the body can give (what a document's title score can still gain).
    body_max: int
    #: Every term of the query is scored (none was left out by the bounds above).
    complete: bool = True
    #: What to join after TEXT for ``body`` (the backend's body_source).
    body_from: str = ""

    def body_join(self, matches: str) -> str:
        """The joins that ``body`` reads, for the rows of ``matches`` (with ``doc_id``)."""
        return f"JOIN {TEXT} ON {TEXT}.document_id = {matches}.doc_id {self.body_from}"


def score_sql(
    parsed: ParsedQuery, match: Match, backend: Any, *, expanded: str | None = None
) -> Score:
    """The relevance of a matching document: the same number on both databases.

    For each term typed (a word, each part of a compound, a phrase's words): TITLE_POINTS if
    the title has it, plus BODY_POINTS if the body has it; for each word's expansion, once:
    EXPANSION_TITLE_POINTS if the title has any of its terms, plus EXPANSION_BODY_POINTS if the
    body has. Equal scores go newest first (:data:`ORDER`). A prefix term (1–2 characters)
    also counts where it starts a longer term. It needs nothing but the document itself
    (unlike bm25, whose word statistics cost as much as the rest of a query for a common
    word), so it costs the same whatever the number of matches (decision 0009). The title's
    terms are looked up in its term text, the body's in the body's term text (SQLite) or the
    vector (PostgreSQL, body terms weigh D): the same answer.
    """
    typed, groups = parsed.scored_terms()
    # An expansion is only scored when it was used (``expanded``: a condition computed once a
    # statement, see _matches); both databases skip its look-ups when the condition is false.
    gate = f"{expanded} AND " if expanded else ""
    scored = [([term], TITLE_POINTS, BODY_POINTS, "") for term in typed[:MAX_SCORED_TERMS]]
    scored += [
        (group[:MAX_SCORED_EXPANSION_TERMS], EXPANSION_TITLE_POINTS, EXPANSION_BODY_POINTS, gate)
        for group in groups
    ]
    if not scored:
        return Score("0", [], "0", [], 0)
    title: list[str] = []
    body: list[str] = []
    title_params: list = []
    body_params: list = []
    for terms, title_points, body_points, only_if in scored:
        sql, params = backend.in_title(match, [(t.code, t.prefix) for t in terms])
        title.append(f"CASE WHEN {only_if}{sql} THEN {title_points} ELSE 0 END")
        title_params += params
        sql, params = backend.in_body([(t.code, t.prefix) for t in terms])
        body.append(f"CASE WHEN {only_if}{sql} THEN {body_points} ELSE 0 END")
        body_params += params
    complete = len(typed) <= MAX_SCORED_TERMS and all(
        len(group) <= MAX_SCORED_EXPANSION_TERMS for group in groups
    )
    return Score(
        f"({' + '.join(title)})",
        title_params,
        f"({' + '.join(body)})",
        body_params,
        sum(body_points for _terms, _title_points, body_points, _only_if in scored),
        complete=complete,
        body_from=backend.body_source(),
    )


def _matches(
    parsed: ParsedQuery,
    conditions: list[tuple[str, list]],
    *,
    window: int | None = None,
) -> tuple[Matches, Score]:
    """``SELECT doc_id, type, object_id, title_score`` of the documents matching ``parsed``
    (of the newest ``window`` matches of the index, when given), and their :class:`Score`."""
    backend = backend_for(connection.vendor)
    match = backend.match(parsed, window=window)
    # With a window, an expanded query uses its expansion only when the words as typed do not
    # fill the window by themselves (below); the score then leaves the expansion out too.
    expanded = None
    if window is not None and parsed.has_expansion and match.candidates_sql is not None:
        expanded = f"{_TYPED_FILL} < {int(window)}"
    score = score_sql(parsed, match, backend, expanded=expanded)
    where = [match.where_sql]
    params = list(match.params)
    for phrase in parsed.phrases:
        where.append(f"{backend.position(match.folded_sql)} > 0")
        params.append(phrase)
    for phrase in parsed.excluded_phrases:
        where.append(f"{backend.position(match.folded_sql)} = 0")
        params.append(phrase)
    for sql, sql_params in conditions:
        where.append(f"({sql})")
        params.extend(sql_params)
    sql = (
        f"SELECT {DOCUMENT}.id AS doc_id, {DOCUMENT}.type AS type, "  # noqa: S608
        f"{DOCUMENT}.object_id AS object_id, {score.title} AS title_score "
        f"FROM {match.from_sql} WHERE {' AND '.join(where)}"
    )
    params = [*score.title_params, *params]
    if match.candidates_sql is None:
        return Matches(
            sql, params, expanded_sql="1 = 1" if parsed.has_expansion else "1 = 0"
        ), score
    if expanded is None:
        ctes = f"{CANDIDATES} AS ({match.candidates_sql})"
        return Matches(sql, params, ctes, list(match.candidates_params)), score
    # Expanded: when the words as typed fill the window by themselves, the window is theirs.
    # What only an expansion finds ranks below every document with the words as typed
    # (score_sql), so it could only come after the window's last place; and the newest
    # matches of the expanded query would push older typed matches out of the window. Else
    # the window is the newest matches of the expanded query. Both in the one statement: the
    # expanded match is not run at all when its condition is false.
    typed = backend.match(parsed.as_typed(), window=window)
    ctes = (
        f"{TYPED} AS MATERIALIZED ({typed.candidates_sql}), "  # noqa: S608
        f"{CANDIDATES} AS (SELECT * FROM {TYPED} WHERE {_TYPED_FILL} >= %s "
        f"UNION ALL SELECT * FROM ({match.candidates_sql}) AS expanded "
        f"WHERE {_TYPED_FILL} < %s)"
    )
    cte_params = [*typed.candidates_params, window, *match.candidates_params, window]
    return Matches(sql, params, ctes, cte_params, expanded_sql=expanded), score


#: Best first; equal scores by newest object, then type.
ORDER = "score DESC, object_id DESC, type"


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _bounds(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def counted_page(
    parsed: ParsedQuery,
    *,
    viewer: Any,
    types: Sequence[str] | None = None,
    page_types: Sequence[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    exclude: tuple[str, int] | None = None,
) -> CountedPage:
    """One page of visible hits of ``page_types`` (default: all ``types``), best first, and
    the number of matches of each of ``types`` (default: every registered type).

    One SQL statement: the newest :data:`WINDOW` matches are taken from the index, filtered by
    visibility, counted per type and ranked. No statement at all when the query has nothing to
    search for or nothing can be visible.
    """
    limit, offset = _bounds(limit, offset)
    search_types = _types(types)
    keys = [t.key for t in search_types]
    listed = [key for key in (keys if page_types is None else page_types) if key in keys]
    if not parsed.is_searchable or not listed:
        return CountedPage([], {})
    visibility = _visibility(search_types, _viewer(viewer))
    if visibility is None:
        return CountedPage([], {})
    conditions = [visibility]
    if exclude is not None:
        conditions.append((f"NOT ({DOCUMENT}.type = %s AND {DOCUMENT}.object_id = %s)", [*exclude]))
    matches, score = _matches(parsed, conditions, window=WINDOW)
    sums = ", ".join(
        f"COALESCE(SUM(CASE WHEN type = %s THEN 1 ELSE 0 END), 0) AS n{i}" for i in range(len(keys))
    )
    listed_sql = ", ".join(["%s"] * len(listed))
    # The page's rows are among those whose title score, with the most the body can add, reaches
    # the title score at the page's last place: only their bodies are read. Title scores go in
    # steps larger than the body can give, so with few terms that is the tied best titles.
    cut = limit > 0
    cut_cte = (
        f"cut AS (SELECT title_score FROM matches WHERE type IN ({listed_sql}) "  # noqa: S608
        "ORDER BY title_score DESC LIMIT 1 OFFSET %s)"
    )
    cut_where = " AND title_score + %s >= COALESCE((SELECT title_score FROM cut), 0)" if cut else ""
    ctes = matches.with_ctes(
        f"matches AS ({matches.sql})",
        f"totals AS (SELECT (SELECT count(*) FROM {CANDIDATES}) AS candidates, {sums}, "  # noqa: S608
        f"CASE WHEN {matches.expanded_sql} THEN 1 ELSE 0 END AS expanded FROM matches)",
        cut_cte if cut else "",
        f"page AS (SELECT doc_id, type, object_id, title_score, "  # noqa: S608
        f"title_score + {score.body} AS score "
        f"FROM matches {score.body_join('matches')} "
        f"WHERE type IN ({listed_sql}){cut_where} ORDER BY {ORDER} LIMIT %s OFFSET %s)",
    )
    cut_params = [*listed, offset + limit - 1] if cut else []
    cut_where_params = [score.body_max] if cut else []
    sql = (
        f"{ctes}"  # noqa: S608
        f"SELECT page.type, page.object_id, {DOCUMENT}.title, {DOCUMENT}.url, {TEXT}.body, "
        f"page.score, page.score - page.title_score, totals.* FROM totals "
        "LEFT JOIN page ON 1 = 1 "
        f"LEFT JOIN {DOCUMENT} ON {DOCUMENT}.id = page.doc_id "
        f"LEFT JOIN {TEXT} ON {TEXT}.document_id = page.doc_id "
        f"ORDER BY page.score DESC, page.object_id DESC, page.type"
    )
    rows = _fetch(
        sql,
        [
            *matches.cte_params,
            *matches.params,
            *keys,
            *cut_params,
            *score.body_params,
            *listed,
            *cut_where_params,
            limit,
            offset,
        ],
    )
    candidates = int(rows[0][7] or 0)
    counts = {key: int(n) for key, n in zip(keys, rows[0][8:-1], strict=True) if n}
    expanded = bool(rows[0][-1])
    relation = "gte" if candidates >= WINDOW else "eq"
    # The body's part of the score counts the terms the index found in the body: 0 means the
    # snippet need not look for them (when every term was scored).
    all_scored = score.complete
    hits = [
        SearchHit(
            type=type_key,
            id=object_id,
            title=title,
            url=url,
            snippet_html=snippet_html(
                body, parsed, body_has_words=not (all_scored and body_score == 0)
            ),
            score=float(score_value),
        )
        for type_key, object_id, title, url, body, score_value, body_score, *_counts in rows
        if type_key is not None
    ]
    return CountedPage(hits, counts, relation=relation, expanded=expanded)


def run_search(
    parsed: ParsedQuery,
    *,
    viewer: Any,
    types: Sequence[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """One page of hits for an already parsed query."""
    return counted_page(parsed, viewer=viewer, types=types, limit=limit, offset=offset).items


# --- The contract ---------------------------------------------------------------------------


def search(
    query: str,
    *,
    viewer: Any,
    types: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Visible documents matching ``query``, best first, with the total count (one query)."""
    page = counted_page(parse(query), viewer=viewer, types=types, limit=limit, offset=offset)
    return SearchPage(page.count(), page.items, relation=page.relation)


def matching_ids(query: str, *, type: str, limit: int | None = None) -> list[int]:
    """Ids of the objects of ``type`` matching ``query``, best first (visibility not applied:
    combine with the type's own visible queryset). ``limit`` caps the list: only the newest
    ``limit`` matches of the index are considered (decision 0009), so the cost stays bounded."""
    parsed = parse(query)
    if not parsed.is_searchable or registry.get(type) is None:
        return []
    window = max(0, int(limit)) if limit is not None else None
    matches, score = _matches(parsed, [(f"{DOCUMENT}.type = %s", [type])], window=window)
    sql = (
        f"{matches.with_ctes()}SELECT object_id, title_score + {score.body} AS score "  # noqa: S608
        f"FROM ({matches.sql}) AS matches {score.body_join('matches')} ORDER BY {ORDER}"
    )
    params = [*matches.cte_params, *score.body_params, *matches.params]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(window)
    return [row[0] for row in _fetch(sql, params)]


def similar(
    text: str,
    *,
    viewer: Any,
    type: str,
    limit: int = 5,
    exclude_id: int | None = None,
) -> list[SearchHit]:
    """Visible objects of ``type`` sharing content words with ``text`` (any of them), best
    first: the "similar issues" shown while a title is typed."""
    return counted_page(
        parse_similar(text),
        viewer=viewer,
        types=[type],
        limit=limit,
        exclude=(type, int(exclude_id)) if exclude_id is not None else None,
    ).items
