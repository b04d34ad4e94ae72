"""Measure the search against the labelled set (``data/dataset.json``, docs/search-quality.md).

:func:`measure` posts the set's documents as published issues through the issues services,
loads the demo region as noise, adds the set's local synonym groups when the search has them,
lets the search index catch up (the on-commit work of every write), runs each query through
the search page's own call (:func:`kyoso.core.search.site_search`, anonymous viewer, the
issues tab) and through a LIKE baseline, scores both, and rolls everything back.

Metrics, per query (``TOP`` = 10):

- recall@10: the share of the query's ``must`` documents in the first 10 results;
- precision@10: the share of the first ``min(10, results)`` results that are relevant (``must``
  or ``relevant``); 0 when nothing is found. Dividing by what is shown, not by 10, because most
  queries have one to five relevant documents: the standard ``/10`` would cap a perfect answer
  at 0.1–0.5 and say more about the set than about the search;
- reciprocal rank: 1 / the rank of the first ``must`` document in the first 10, else 0 (its mean
  is the MRR);
- must_not violations: ``must_not`` documents anywhere in the results (every page).

A category's figures are the means over its queries (violations: the sum); "overall" is the
mean over all queries.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import Q, QuerySet

#: In data/ so that it ships with the package (package-data "data/**/*").
DATASET = Path(__file__).with_name("data") / "dataset.json"
#: Results that count: the first page of a search shows 20, a reader looks at about 10.
TOP = 10
#: The account that posts the set's documents.
AUTHOR_EMAIL = "search-quality@example.invalid"


class DatasetError(ValueError):
    """The labelled set is inconsistent, or refers to a demo issue the demo does not have."""


# --- The labelled set -------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    body: str
    #: JIS code of the municipality the issue is posted for (its name is indexed with it).
    municipality: str | None = None


@dataclass(frozen=True)
class Query:
    id: str
    category: str
    q: str
    must: tuple[str, ...]
    relevant: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    note: str = ""

    @property
    def judged_relevant(self) -> frozenset[str]:
        return frozenset(self.must) | frozenset(self.relevant)


@dataclass(frozen=True)
class Dataset:
    #: category key → label, in the order of the tables.
    categories: dict[str, str]
    #: key → exact title of a demo issue (kyoso/demo/data/issues) that queries refer to.
    demo_issues: dict[str, str]
    local_synonyms: tuple[tuple[str, ...], ...]
    documents: tuple[Document, ...]
    queries: tuple[Query, ...]
    committed: dict[str, Any]

    @property
    def keys(self) -> set[str]:
        return {d.key for d in self.documents} | set(self.demo_issues)


def load_dataset(path: Path | str = DATASET) -> Dataset:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    dataset = Dataset(
        categories=dict(raw["categories"]),
        demo_issues=dict(raw.get("demo_issues", {})),
        local_synonyms=tuple(tuple(group) for group in raw.get("local_synonyms", [])),
        documents=tuple(Document(**entry) for entry in raw["documents"]),
        queries=tuple(
            Query(
                id=entry["id"],
                category=entry["category"],
                q=entry["q"],
                must=tuple(entry["must"]),
                relevant=tuple(entry.get("relevant", ())),
                must_not=tuple(entry.get("must_not", ())),
                note=entry.get("note", ""),
            )
            for entry in raw["queries"]
        ),
        committed=dict(raw.get("committed", {})),
    )
    _check(dataset)
    return dataset


def _check(dataset: Dataset) -> None:
    problems: list[str] = []
    document_keys = [d.key for d in dataset.documents]
    if len(set(document_keys)) != len(document_keys):
        problems.append("document keys repeat")
    if set(document_keys) & set(dataset.demo_issues):
        problems.append("a demo issue key is also a document key")
    known = dataset.keys
    ids = [q.id for q in dataset.queries]
    if len(set(ids)) != len(ids):
        problems.append("query ids repeat")
    for query in dataset.queries:
        if query.category not in dataset.categories:
            problems.append(f"{query.id}: unknown category {query.category!r}")
        if not query.must:
            problems.append(f"{query.id}: no must document")
        unknown = (set(query.must) | set(query.relevant) | set(query.must_not)) - known
        if unknown:
            problems.append(f"{query.id}: unknown keys {sorted(unknown)}")
        if query.judged_relevant & set(query.must_not):
            problems.append(f"{query.id}: a document is both relevant and must_not")
    for group in dataset.local_synonyms:
        if len(group) < 2 or any(not word.strip() for word in group):
            problems.append(f"local synonym group {list(group)}: two or more words needed")
    if problems:
        raise DatasetError("; ".join(problems))


# --- Loading the set into the database ---------------------------------------------------------


@dataclass
class Corpus:
    #: dataset key → issue id
    ids: dict[str, int]
    #: issue id → title, of every issue (to name the unlabelled ones in the details)
    titles: dict[int, str]
    local_synonyms_loaded: bool
    _keys: dict[int, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._keys = {issue_id: key for key, issue_id in self.ids.items()}

    def key(self, issue_id: int) -> str:
        return self._keys.get(issue_id) or f"#{issue_id}"


def days_ago(position: int) -> int:
    """When the set's document at ``position`` was posted: spread over the demo's two years,
    so that "newest first" (the LIKE baseline) neither favours nor hides the set."""
    return 2 + (position * 131) % 698


def _post_documents(documents: Sequence[Document]) -> dict[str, int]:
    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.issues.models import Issue
    from kyoso.issues.services.posting import issue_create
    from kyoso.regions.models import Municipality

    now = timezone.now()
    author = User.objects.create_user(
        AUTHOR_EMAIL, None, display_name="検索品質の評価", email_verified_at=now
    )
    codes = {d.municipality for d in documents if d.municipality}
    municipalities = Municipality.objects.in_bulk(codes)
    if len(municipalities) != len(codes):
        missing = sorted(codes - set(municipalities))
        raise DatasetError(f"municipalities not in the database: {missing}")
    ids: dict[str, int] = {}
    for position, document in enumerate(documents):
        issue = issue_create(
            actor=author,
            data={
                "title": document.title,
                "body": document.body,
                "municipality": municipalities.get(document.municipality or ""),
                "latitude": None,
                "longitude": None,
            },
        )
        # Posted in the past (as the demo's issues): the posting limit counts the last hour.
        posted = now - timedelta(days=days_ago(position))
        Issue.objects.filter(pk=issue.pk).update(created_at=posted, last_activity_at=posted)
        ids[document.key] = issue.pk
    return ids


def _load_demo() -> None:
    from django.test import override_settings

    from kyoso.demo.services import demo_load

    with tempfile.TemporaryDirectory() as data_dir, override_settings(DATA_DIR=data_dir):
        demo_load()


@contextmanager
def _quiet_tasks() -> Iterator[None]:
    """The demo's notification mail runs as tasks when its writes' on-commit work runs here,
    after the demo's own quieting: keep their log lines out of the report."""
    task_log = logging.getLogger("django_tasks")
    level = task_log.level
    task_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        task_log.setLevel(level)


def load_local_synonyms(groups: Iterable[Sequence[str]]) -> bool:
    """Add the set's local synonym groups through the secretariat's service, as the staff page
    does (the expander sees them at the next search)."""
    from django.test import TestCase

    from kyoso.search.synonyms_services import local_synonym_group_create

    with TestCase.captureOnCommitCallbacks(execute=True):
        for group in groups:
            local_synonym_group_create(actor=None, words=list(group), note="evaluate_search")
    return True


def load_corpus(dataset: Dataset, *, demo: bool = True) -> Corpus:
    """Post the set's documents, load the demo region, add the local synonyms and run the
    writes' on-commit work (the search index) now. Call it inside a transaction."""
    from django.test import TestCase, override_settings

    from kyoso.issues.models import Issue

    # The set measures published issues: no first post waits for review.
    with override_settings(KYOSO_REVIEW_FIRST_POST=False), _quiet_tasks():
        with TestCase.captureOnCommitCallbacks(execute=True):
            ids = _post_documents(dataset.documents)
        if demo:
            with TestCase.captureOnCommitCallbacks(execute=True):
                _load_demo()
        loaded = load_local_synonyms(dataset.local_synonyms)
    if dataset.demo_issues:
        found = dict(
            Issue.objects.filter(title__in=dataset.demo_issues.values()).values_list("title", "pk")
        )
        for key, title in dataset.demo_issues.items():
            if title not in found:
                if demo:
                    raise DatasetError(f"{key}: the demo has no issue titled {title!r}")
                continue
            ids[key] = found[title]
    titles = dict(Issue.objects.values_list("pk", "title"))
    return Corpus(ids=ids, titles=titles, local_synonyms_loaded=loaded)


# --- Running a query ---------------------------------------------------------------------------


def issues_type_key() -> str:
    """The search type key of issues, from the registry (not written here)."""
    from kyoso.issues.models import Issue
    from kyoso.search import registry

    for search_type in registry.all_types():
        if search_type.model is Issue:
            return search_type.key
    raise LookupError("Issues are not a registered search type")


def search_ids(q: str, *, type_key: str) -> list[int]:
    """Every result of the search page's issues tab for an anonymous visitor, in order."""
    from kyoso.core.search import site_search

    viewer = AnonymousUser()
    found: list[int] = []
    number = 1
    while True:
        result = site_search(q, viewer, type_key=type_key, page_number=number)
        if result.page is None:
            return found
        found += [shown.hit.id for shown in result.page.object_list]
        if not result.page.has_next():
            return found
        number += 1


def like_queryset(q: str, visible: QuerySet) -> QuerySet | None:
    """What a site without full-text search does: each word (the query normalized as the
    search page does: NFKC, spaces) a case-insensitive substring of the title or the body,
    each "quoted phrase" a substring, each -word absent; newest first. None when nothing is
    asked for (only exclusions), as the search."""
    from kyoso.search.query import split_items

    items = split_items(q)
    if not any(not item.excluded for item in items):
        return None
    queryset = visible
    for item in items:
        condition = Q(title__icontains=item.text) | Q(body__icontains=item.text)
        queryset = queryset.exclude(condition) if item.excluded else queryset.filter(condition)
    return queryset.order_by("-created_at", "-pk")


def like_ids(q: str, *, visible: QuerySet) -> list[int]:
    queryset = like_queryset(q, visible)
    return [] if queryset is None else list(queryset.values_list("pk", flat=True))


# --- Scores ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    recall: float
    precision: float
    reciprocal_rank: float
    #: must_not documents found (keys)
    violations: tuple[str, ...]
    #: keys of the first TOP results (``#id`` for an issue the set does not name)
    top: tuple[str, ...]
    #: must documents not in the first TOP
    missed: tuple[str, ...]
    count: int


def score(query: Query, ranked: Sequence[str]) -> Scores:
    top = tuple(ranked[:TOP])
    must = set(query.must)
    hits = must & set(top)
    relevant = query.judged_relevant
    shown = min(TOP, len(ranked))
    first = next((rank for rank, key in enumerate(top, 1) if key in must), None)
    return Scores(
        recall=len(hits) / len(must),
        precision=sum(1 for key in top if key in relevant) / shown if shown else 0.0,
        reciprocal_rank=1 / first if first else 0.0,
        violations=tuple(key for key in ranked if key in set(query.must_not)),
        top=top,
        missed=tuple(key for key in query.must if key not in hits),
        count=len(ranked),
    )


@dataclass(frozen=True)
class Outcome:
    query: Query
    search: Scores
    like: Scores


@dataclass(frozen=True)
class Summary:
    queries: int
    recall: float
    precision: float
    mrr: float
    violations: int

    @classmethod
    def of(cls, scores: Sequence[Scores]) -> Summary:
        n = len(scores)
        if not n:
            return cls(0, 0.0, 0.0, 0.0, 0)
        return cls(
            queries=n,
            recall=sum(s.recall for s in scores) / n,
            precision=sum(s.precision for s in scores) / n,
            mrr=sum(s.reciprocal_rank for s in scores) / n,
            violations=sum(len(s.violations) for s in scores),
        )

    def rounded(self) -> dict[str, float | int]:
        return {
            "queries": self.queries,
            "recall_at_10": round(self.recall, 3),
            "precision_at_10": round(self.precision, 3),
            "mrr": round(self.mrr, 3),
            "must_not_violations": self.violations,
        }


@dataclass
class Report:
    vendor: str
    categories: dict[str, str]
    outcomes: list[Outcome]
    local_synonyms_loaded: bool
    titles: dict[str, str] = field(default_factory=dict)

    def _of(self, category: str | None) -> list[Outcome]:
        return [o for o in self.outcomes if category is None or o.query.category == category]

    def search(self, category: str | None = None) -> Summary:
        return Summary.of([o.search for o in self._of(category)])

    def like(self, category: str | None = None) -> Summary:
        return Summary.of([o.like for o in self._of(category)])

    def as_dict(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "local_synonyms_loaded": self.local_synonyms_loaded,
            "overall": {"search": self.search().rounded(), "like": self.like().rounded()},
            "per_category": {
                category: {
                    "search": self.search(category).rounded(),
                    "like": self.like(category).rounded(),
                }
                for category in self.categories
            },
            "queries": [
                {
                    "id": o.query.id,
                    "category": o.query.category,
                    "q": o.query.q,
                    **{
                        name: {
                            "recall_at_10": round(s.recall, 3),
                            "precision_at_10": round(s.precision, 3),
                            "reciprocal_rank": round(s.reciprocal_rank, 3),
                            "count": s.count,
                            "missed": list(s.missed),
                            "must_not_found": list(s.violations),
                            "top": list(s.top),
                        }
                        for name, s in (("search", o.search), ("like", o.like))
                    },
                }
                for o in self.outcomes
            ],
            "titles": self.titles,
        }

    def markdown(self) -> str:
        """The per-category table (search and LIKE), then the queries the search gets wrong."""
        lines = [
            "| category | queries | recall@10 search | recall@10 LIKE | precision@10 search "
            "| precision@10 LIKE | MRR search | MRR LIKE | must_not found search "
            "| must_not found LIKE |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        rows = [(label, self.search(key), self.like(key)) for key, label in self.categories.items()]
        rows.append(("**overall**", self.search(), self.like()))
        for label, s, like in rows:
            lines.append(
                f"| {label} | {s.queries} | {s.recall:.3f} | {like.recall:.3f} | "
                f"{s.precision:.3f} | {like.precision:.3f} | {s.mrr:.3f} | {like.mrr:.3f} | "
                f"{s.violations} | {like.violations} |"
            )
        wrong = [o for o in self.outcomes if o.search.missed or o.search.violations]
        if wrong:
            lines += ["", "Queries the search gets wrong (missed `must`, found `must_not`):", ""]
            for o in wrong:
                parts = []
                if o.search.missed:
                    parts.append("missed " + ", ".join(o.search.missed))
                if o.search.violations:
                    parts.append("found " + ", ".join(o.search.violations))
                lines.append(f"- `{o.query.id}` `{o.query.q}`: {'; '.join(parts)}")
        return "\n".join(lines) + "\n"


def evaluate(dataset: Dataset, corpus: Corpus) -> Report:
    """Run every query of the set through the search and the LIKE baseline and score them."""
    from kyoso.search import registry

    type_key = issues_type_key()
    search_type = registry.get(type_key)
    assert search_type is not None
    visible = search_type.visible(AnonymousUser())
    outcomes = []
    for query in dataset.queries:
        searched = [corpus.key(i) for i in search_ids(query.q, type_key=type_key)]
        liked = [corpus.key(i) for i in like_ids(query.q, visible=visible)]
        outcomes.append(Outcome(query, score(query, searched), score(query, liked)))
    named = {key for o in outcomes for s in (o.search, o.like) for key in s.top}
    titles = {}
    for key in sorted(named):
        issue_id = corpus.ids.get(key) or int(key.lstrip("#"))
        titles[key] = corpus.titles.get(issue_id, "")
    return Report(
        vendor=connection.vendor,
        categories=dataset.categories,
        outcomes=outcomes,
        local_synonyms_loaded=corpus.local_synonyms_loaded,
        titles=titles,
    )


def measure(dataset: Dataset | None = None, *, demo: bool = True) -> Report:
    """Load the set into the current database, evaluate, and roll every write back."""
    dataset = dataset or load_dataset()
    with transaction.atomic():
        corpus = load_corpus(dataset, demo=demo)
        report = evaluate(dataset, corpus)
        transaction.set_rollback(True)
    return report
