"""Fill a benchmark database with generated issues, fast: bulk inserts and bulk indexing.

``grow_to(size)`` adds issues ``current .. size-1`` of :class:`benchmarks.corpus.Corpus`, with
their facet tags, stage history and a few comments (plain ``INSERT``s by ``executemany``, one
transaction per batch of 5,000 issues), and has the search layer index them in bulk;
``created_at`` grows with the issue number (one issue every 90 seconds from 2023-01-01), so
"newest first" shows the last generated issues.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from benchmarks.corpus import Corpus, GeneratedIssue

START = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
STEP = dt.timedelta(seconds=90)
BATCH = 5_000
AUTHORS = 500

COMMENT_TEXTS = [
    "同じことで困っています。何か手伝えることがあれば声をかけてください。",
    "私たちの地区でも似た取り組みをしました。資料を共有できます。",
    "次の情報交換会でこの話題を取り上げてもらえませんか。",
    "行政の担当課にも伝えてみます。",
    "とても大事な課題だと思います。応援しています。",
]
STAGE_REASON = "情報交換会で共有し、次の段階に進めることにしました。"


@dataclass
class Timings:
    """Seconds spent per phase, and how many issues each covered."""

    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - started


def ensure_people() -> tuple[list[int], int]:
    """Authors of generated issues (plain members) and one secretariat member; their ids."""
    from kyoso.accounts.models import User
    from kyoso.roles.models import PlatformRole, RoleAssignment

    existing = list(
        User.objects.filter(email__endswith="@bench.kyoso.invalid")
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not existing:
        now = dt.datetime.now(dt.UTC)
        User.objects.bulk_create(
            User(
                email=f"member{n:04d}@bench.kyoso.invalid",
                display_name=f"ベンチ会員{n}",
                email_verified_at=now,
                password="!",  # unusable
            )
            for n in range(AUTHORS + 1)
        )
        existing = list(
            User.objects.filter(email__endswith="@bench.kyoso.invalid")
            .order_by("id")
            .values_list("id", flat=True)
        )
        RoleAssignment.objects.create(role=PlatformRole.SECRETARIAT, user_id=existing[-1])
    return existing[:-1], existing[-1]


def issue_count() -> int:
    from kyoso.issues.models import Issue

    return Issue.objects.count()


class FastInsert:
    """``INSERT … VALUES`` by ``executemany`` for one model, ids given by the caller.

    Django's ``bulk_create`` spends most of its time preparing every value of every field;
    here only date-times, decimals and JSON are prepared, every other value goes as it is, and
    fields the caller leaves out get their model default. On PostgreSQL the id sequences are
    moved past the inserted ids afterwards (:func:`reset_sequences`).
    """

    PREPARED = ("DateTimeField", "DecimalField", "JSONField")

    def __init__(self, model: Any) -> None:
        quote = connection.ops.quote_name
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table),
            ", ".join(quote(f.column) for f in self.fields),
            ", ".join(["%s"] * len(self.fields)),
        )
        self.defaults = {f.attname: None if f.primary_key else f.get_default() for f in self.fields}
        self.prepare = {f.attname: f for f in self.fields if f.get_internal_type() in self.PREPARED}

    def next_id(self) -> int:
        from django.db.models import Max

        return (self.model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def insert(self, rows: list[dict[str, Any]]) -> None:
        values = []
        for row in rows:
            record = []
            for name, default in self.defaults.items():
                value = row.get(name, default)
                prepared = self.prepare.get(name)
                if prepared is not None and value is not None:
                    value = prepared.get_db_prep_save(value, connection)
                record.append(value)
            values.append(record)
        with connection.cursor() as cursor:
            for start in range(0, len(values), 2000):
                cursor.executemany(self.sql, values[start : start + 2000])


def reset_sequences(models: list[Any]) -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@dataclass
class Inserters:
    issue: FastInsert
    tag: FastInsert
    history: FastInsert
    comment: FastInsert
    ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def create(cls) -> Inserters:
        from kyoso.issues.models import Comment, Issue, IssueTag, StageChange

        made = cls(
            FastInsert(Issue), FastInsert(IssueTag), FastInsert(StageChange), FastInsert(Comment)
        )
        for name in ("issue", "tag", "history", "comment"):
            made.ids[name] = getattr(made, name).next_id()
        return made

    def take(self, name: str) -> int:
        self.ids[name] += 1
        return self.ids[name] - 1


def insert_batch(
    generated: list[tuple[int, GeneratedIssue]],
    inserters: Inserters,
    authors: list[int],
    secretariat: int,
) -> tuple[int, int]:
    """Insert the generated issues with their tags, history and comments; (first, last) id."""
    from kyoso.issues.models import IssueTag, Stage

    ladder = [s.value for s in (Stage.SEED, Stage.SURFACED, Stage.IN_ACTION, Stage.SOLVED)]
    ladder.append(Stage.SPREAD.value)
    issues, tags, history, comments = [], [], [], []
    first = inserters.ids["issue"]
    for number, item in generated:
        issue_id = inserters.take("issue")
        created = START + STEP * number
        lat, lon = item.point if item.point else (None, None)
        comment_count = (number % 3 == 0) + (number % 7 == 0)
        issues.append(
            {
                "id": issue_id,
                "title": item.title,
                "body": item.body,
                "author_id": authors[number % len(authors)],
                "municipality_id": item.municipality,
                "latitude": Decimal(str(lat)) if lat is not None else None,
                "longitude": Decimal(str(lon)) if lon is not None else None,
                "stage": item.stage,
                "empathy_count": item.empathy,
                "comment_count": comment_count,
                "follower_count": 1,
                "created_at": created,
                "updated_at": created,
                "last_activity_at": created + dt.timedelta(hours=number % 48),
            }
        )
        for kind, values in (
            (IssueTag.Kind.THEME, item.themes),
            (IssueTag.Kind.SDG, item.sdgs),
            (IssueTag.Kind.TARGET, item.targets),
            (IssueTag.Kind.WALL, item.walls),
        ):
            tags.extend(
                {"id": inserters.take("tag"), "issue_id": issue_id, "kind": kind, "value": v}
                for v in values
            )
        path = (
            ladder[: ladder.index(item.stage) + 1]
            if item.stage in ladder
            else [Stage.SEED.value, Stage.SURFACED.value, item.stage]
        )
        for step, (before, after) in enumerate(itertools.pairwise(path), start=1):
            history.append(
                {
                    "id": inserters.take("history"),
                    "issue_id": issue_id,
                    "from_stage": before,
                    "to_stage": after,
                    "actor_id": secretariat,
                    "reason": STAGE_REASON,
                    "at": created + dt.timedelta(days=step),
                }
            )
        for k in range(comment_count):
            comments.append(
                {
                    "id": inserters.take("comment"),
                    "issue_id": issue_id,
                    "author_id": authors[(number + 1 + k) % len(authors)],
                    "body": COMMENT_TEXTS[(number + k) % len(COMMENT_TEXTS)],
                    "created_at": created + dt.timedelta(hours=1 + k),
                }
            )
    with transaction.atomic():
        inserters.issue.insert(issues)
        inserters.tag.insert(tags)
        inserters.history.insert(history)
        inserters.comment.insert(comments)
    return first, inserters.ids["issue"] - 1


def grow_to(
    size: int,
    corpus: Corpus,
    *,
    indexer: BulkIndexer,
    timings: Timings,
    progress: Callable[[str], None] = print,
) -> None:
    """Add generated issues until the database holds ``size`` of them, indexed for search.

    A pipeline: while the worker processes analyse batch *n* for the search index, the main
    process generates and inserts batch *n + 1*, then writes batch *n*'s documents.
    """
    from kyoso.issues.models import Comment, Issue, IssueTag, StageChange

    authors, secretariat = ensure_people()
    inserters = Inserters.create()
    catch_up(indexer, timings)
    current = issue_count()
    started = time.perf_counter()
    pending = None
    for start in range(current, size, BATCH):
        count = min(BATCH, size - start)
        with timings.phase("generate"):
            generated = list(enumerate(corpus.issues(start, count), start=start))
        with timings.phase("insert"):
            first, last = insert_batch(generated, inserters, authors, secretariat)
            saved = list(Issue.objects.filter(pk__range=(first, last)).order_by("pk"))
        with timings.phase("index"):
            submitted = indexer.submit(saved)
            if pending is not None:
                indexer.write(pending)
            pending = submitted
        done = start + count
        if done % 50_000 == 0 and done < size:
            elapsed = time.perf_counter() - started
            progress(f"  {done:,} issues ({(done - current) / elapsed:,.0f}/s)")
    if pending is not None:
        with timings.phase("index"):
            indexer.write(pending)
    reset_sequences([Issue, IssueTag, StageChange, Comment])
    elapsed = time.perf_counter() - started
    progress(f"  {size:,} issues ({(size - current) / elapsed:,.0f}/s)")
    with timings.phase("analyze"):
        analyze()


def catch_up(indexer: BulkIndexer, timings: Timings) -> None:
    """Index the issues a stopped run inserted but did not index yet (a kept data set)."""
    from django.db.models import Exists, OuterRef

    from benchmarks.issues import issue_type
    from kyoso.issues.models import Issue
    from kyoso.search.models import SearchDocument

    # An anti-join (NOT EXISTS): PostgreSQL runs NOT IN (subquery) row by row at 1 M.
    indexed = SearchDocument.objects.filter(type=issue_type(), object_id=OuterRef("pk"))
    missing = list(
        Issue.objects.filter(~Exists(indexed)).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(missing), BATCH):
        ids = missing[start : start + BATCH]
        with timings.phase("index"):
            issues = list(Issue.objects.filter(pk__in=ids).order_by("pk"))
            indexer.write(indexer.submit(issues))


class BulkIndexer:
    """Index issues through the search layer, the analysis spread over worker processes.

    Each issue's search document is built by the search layer itself (its per-object builder:
    the issue's registered ``document()``, SudachiPy terms, folding) in worker processes, and
    written by its own batch upsert, one batch per round. Both are private helpers of
    ``kyoso.search.services`` (``_document`` and ``_save``): the public API indexes one object
    per call, which would make 1 M issues take hours. The workers are forked after Django's
    setup with the database connections closed first, so that no connection is shared with a
    child; they never touch the database (the issues arrive with their tags and municipality).
    """

    def __init__(self, processes: int | None = None) -> None:
        import multiprocessing

        from django.db import connections

        from kyoso.regions.models import Municipality

        _search_helpers()  # fail early, with a clear message, if the helpers moved
        self.municipalities = {
            m.code: m for m in Municipality.objects.select_related("prefecture", "parent")
        }
        self.processes = processes or os.cpu_count() or 1
        #: Seconds the main process waited for the workers (the rest of "index" is writing).
        self.waiting = 0.0
        connections.close_all()
        self.pool = multiprocessing.get_context("fork").Pool(self.processes)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def submit(self, issues: list) -> Any:
        """Start analysing ``issues`` (just inserted) in the workers."""
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(issues, "tags")
        for issue in issues:
            if issue.municipality_id:
                issue.municipality = self.municipalities[issue.municipality_id]
        chunk = max(1, len(issues) // (self.processes * 4))
        chunks = [issues[i : i + chunk] for i in range(0, len(issues), chunk)]
        return self.pool.map_async(_documents, chunks)

    def write(self, submitted: Any) -> None:
        """Wait for a submitted batch and store its search documents."""
        _build, save = _search_helpers()
        waited = time.perf_counter()
        pairs = [pair for chunk in submitted.get() for pair in chunk if pair is not None]
        self.waiting += time.perf_counter() - waited
        with transaction.atomic():
            for start in range(0, len(pairs), 1000):
                save(pairs[start : start + 1000])

    def rate(self, issues: list) -> float:
        """Documents per second of one process building documents (no database writes)."""
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(issues, "tags")
        _documents(issues[:20])  # warm-up: dictionary, URL resolver, imports
        started = time.perf_counter()
        _documents(issues)
        return len(issues) / (time.perf_counter() - started)


def _search_helpers() -> tuple[Callable, Callable]:
    from kyoso.search import services

    try:
        return services._document, services._save
    except AttributeError as exc:
        raise SystemExit(
            "benchmarks/populate.py uses kyoso.search.services._document and _save to index "
            f"in bulk; they are gone ({exc}). Adapt BulkIndexer to the search layer."
        ) from exc


def _documents(issues: list) -> list[Any]:
    from benchmarks.issues import issue_type
    from kyoso.search import registry

    build, _save = _search_helpers()
    search_type = registry.get(issue_type())
    return [build(search_type, issue) for issue in issues]


def analyze() -> None:
    """Refresh the planner's statistics, as autovacuum / ``PRAGMA optimize`` would in production,
    and merge the full-text index's pieces, as the nightly ``optimize_search_index`` does
    (docs/operations.md)."""
    from kyoso.search.services import optimize

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    optimize()
