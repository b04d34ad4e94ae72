"""Issues at scale: list, detail and search latency at 1 k, 100 k and 1 M generated issues.

Run by ``benchmarks.run`` in a child process, one per database::

    python -m benchmarks.issues --database-url URL --sizes 1000,100000 --json out.json

The database must be empty (a throw-away one); it is migrated, grown size by size (the 1 k
issues are the first 1 k of the 100 k), indexed for search in bulk, analysed, and measured:

- the issue list (``/issues/``, anonymous): the first page, and a deep keyset page (the page
  after the issue at 90 % of the list, through the ``after`` cursor);
- an issue's page (``/issues/<id>/``, anonymous), cycling through 50 issues spread over the
  table;
- search through ``kyoso.search.services.search`` for a fixed query set (20 hits with their
  snippets and the count), the ranked match alone through ``matching_ids`` (the ids of the
  ranking window, best first: the index lookup and ranking of the newest 1,000 matches without
  snippets or visibility, decision 0009), and the same queries as
  ``LIKE '%…%'`` scans over title and body (a count and the newest 20, as the search page
  shows a count and 20 hits);
- on PostgreSQL, the plan of each query's search statement (benchmarks/plans.py): the statements
  the search runs are captured and explained with their parameters, and the match must be served
  by the GIN index with no sequential scan of the search tables (issue 12);
- the size of the search index (benchmarks/storage.py).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.stats import time_calls

#: (query, what it exercises). The LIKE column splits words on spaces, treats "…" as one
#: string and -word as NOT LIKE: the closest a substring scan comes to the same query.
QUERIES: list[tuple[str, str]] = [
    ("防災", "2-character word"),
    ("空き家", "3-character word (空家 / 空き家 folded)"),
    ("用品", "word inside the compound 生理用品"),
    ("生理用品", "compound"),
    ("子ども食堂", "compound with kana (子供 normalized)"),
    ("後継者 不足", "two words, AND"),
    ('"移動販売車"', "quoted phrase"),
    ("除雪 -高齢者", "word with an exclusion"),
    ("酒田市", "place name"),
    ("ゼブラ企業", "rare long-tail term"),
    ("逆プロポ", "no hit"),
    # Issue 12's recall features. Before they land, the search finds fewer (or none) of what
    # these look for; the hits column shows it.
    ("ツーリズム", "katakana part (エコ・グリーン・インバウンドツーリズム)"),
    ("シェア", "katakana part at the start (シェアオフィス, シェアハウス)"),
    ("あきや", "kana reading (空き家)"),
    ("こそだて", "kana reading (子育て)"),
    ("お年寄り", "synonym (高齢者)"),
    ("障がい者", "variant spelling (障害者, 障碍者)"),
    ('"お年寄り"', "quoted phrase (never expanded)"),
    ("ツーリズム -インバウンド", "katakana part with an exclusion"),
]


def _setup(database_url: str, data_dir: str | None = None) -> str:
    if data_dir is None:
        data_dir = tempfile.mkdtemp(prefix="kyoso-bench-issues-")
        # A throw-away data set (a SQLite 100 k one takes 600 MB): removed when the run ends.
        # Forked workers leave through os._exit, so only this process removes it.
        atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    else:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
    os.environ["KYOSO_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = database_url.replace("{data_dir}", data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kyoso.settings"
    os.environ.setdefault("KYOSO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    return connection.vendor


def issue_type() -> str:
    """The search type key of issues, from the registry (``issue`` before issue 12, ``issues``
    after it)."""
    from kyoso.issues.models import Issue
    from kyoso.search import registry

    for search_type in registry.all_types():
        if search_type.model is Issue:
            return search_type.key
    raise SystemExit("Issues are not registered with the search (kyoso.search.registry).")


def like_queryset(query: str):
    """The query as substring scans: every word LIKE, every -word NOT LIKE, on title/body."""
    from django.db.models import Q

    from kyoso.issues.models import Issue

    queryset = Issue.objects.filter(hidden_at__isnull=True, awaiting_review=False)
    words: list[str] = []
    rest = query
    while '"' in rest:
        before, _quote, after = rest.partition('"')
        phrase, _quote, rest = after.partition('"')
        words.append(before)
        queryset = queryset.filter(Q(title__contains=phrase) | Q(body__contains=phrase))
    words.append(rest)
    for word in " ".join(words).split():
        if word.startswith("-") and len(word) > 1:
            queryset = queryset.exclude(Q(title__contains=word[1:]) | Q(body__contains=word[1:]))
        else:
            queryset = queryset.filter(Q(title__contains=word) | Q(body__contains=word))
    return queryset


def like_search(query: str) -> int:
    queryset = like_queryset(query)
    count = queryset.count()
    list(queryset.order_by("-created_at", "-id")[:20])
    return count


def measure(size: int, *, rounds: int, like_rounds: int) -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from benchmarks import plans, storage
    from benchmarks.corpus import VERSION
    from kyoso.issues.models import Issue
    from kyoso.issues.selectors import encode_cursor
    from kyoso.search.services import WINDOW, matching_ids, search

    _share_priority_with_backend()
    client = Client()
    list_url = reverse("issues:list")
    deep = Issue.objects.order_by("-created_at", "-id")[int(size * 0.9)]
    deep_url = f"{list_url}?after={encode_cursor('new', deep)}"
    ids = list(Issue.objects.order_by("id").values_list("id", flat=True)[:: max(1, size // 50)])
    detail_urls = [reverse("issues:detail", args=[pk]) for pk in ids[:50]]

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    cycle = iter(range(10**9))
    results: dict[str, Any] = {
        "size": size,
        "corpus": VERSION,
        "load_before": os.getloadavg()[0],
        "nice": os.getpriority(os.PRIO_PROCESS, 0),
    }
    started = time.perf_counter()
    results["index_size"] = storage.measure(connection)
    results["index_size_seconds"] = time.perf_counter() - started
    results["list_first"] = time_calls(lambda: get(list_url), rounds=rounds)
    results["list_deep"] = time_calls(lambda: get(deep_url), rounds=rounds)
    results["detail"] = time_calls(
        lambda: get(detail_urls[next(cycle) % len(detail_urls)]), rounds=rounds
    )
    viewer = AnonymousUser()
    key = issue_type()
    per_query = []
    for query, note in QUERIES:
        page = search(query, viewer=viewer, types=[key], limit=20)
        hits = like_search(query)
        figures: dict[str, Any] = {
            "query": query,
            "note": note,
            "search_count": page.count,
            "like_count": hits,
        }
        if connection.vendor == "postgresql":
            check, outlines = plans.explain_search(
                connection, lambda q=query: search(q, viewer=viewer, types=[key], limit=20)
            )
            figures["plan"] = check.as_dict()
            if not check.ok or query == QUERIES[0][0]:
                # Kept for the report (the first query's, as an example) and for failures;
                # every plan is printed below.
                figures["plan"]["outlines"] = outlines
            verdict = "ok" if check.ok else "FAILED: " + "; ".join(check.problems)
            print(f"  plan of the search for {query}: {verdict}", flush=True)
            for lines in outlines:
                print("\n".join(f"    {line}" for line in lines), flush=True)
        figures["search"] = time_calls(
            lambda q=query: search(q, viewer=viewer, types=[key], limit=20),
            rounds=rounds,
            budget_s=20,
        )
        figures["ids"] = time_calls(
            lambda q=query: matching_ids(q, type=key, limit=WINDOW),
            rounds=rounds,
            budget_s=20,
        )
        figures["like"] = time_calls(
            lambda q=query: like_search(q), rounds=like_rounds, budget_s=60, min_rounds=3
        )
        per_query.append(figures)
    results["queries"] = per_query
    results["load_after"] = os.getloadavg()[0]
    results["search_page"] = time_calls(lambda: get(_search_url("防災", key)), rounds=rounds)
    results["measure_seconds"] = time.perf_counter() - started
    return results


def _share_priority_with_backend() -> None:
    """Give this connection's PostgreSQL backend process the niceness of this process (when
    the benchmark runs at a raised priority beside other work: ``run.py --nice``)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        os.setpriority(os.PRIO_PROCESS, backend, os.getpriority(os.PRIO_PROCESS, 0))
    except OSError as exc:  # another user's process, or no permission to raise it
        print(f"could not renice the PostgreSQL backend {backend}: {exc}", flush=True)


def _search_url(query: str, key: str) -> str:
    from urllib.parse import quote

    from django.urls import NoReverseMatch, reverse

    for name in ("search:page", "search:search", "core:search"):
        try:
            return f"{reverse(name)}?q={quote(query)}&type={key}"
        except NoReverseMatch:
            continue
    raise RuntimeError("No search page URL found.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--like-rounds", type=int, default=20)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument(
        "--data-dir",
        help="keep the SQLite database here and grow it from what it holds (default: a new "
        "temporary directory)",
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    vendor = _setup(args.database_url, args.data_dir)

    from django.db import connection

    from benchmarks.corpus import Corpus
    from benchmarks.populate import BulkIndexer, Timings, grow_to, issue_count
    from kyoso.issues.models import Issue

    corpus = Corpus()
    output: dict[str, Any] = {
        "database": vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
        "results": [],
    }
    for size in sizes:
        timings = Timings()
        before = issue_count()
        if before > size:
            raise SystemExit(
                f"[{vendor}] the data set holds {before:,} issues, more than {size:,}: measure "
                "smaller sizes on a throw-away database (run without --keep-sqlite / "
                "--keep-postgres, or with another --postgres-url)."
            )
        print(f"[{vendor}] growing to {size:,} issues", flush=True)
        started = time.perf_counter()
        indexer = BulkIndexer()
        try:
            grow_to(size, corpus, indexer=indexer, timings=timings)
            sample = list(
                Issue.objects.select_related(
                    "municipality__prefecture", "municipality__parent", "organization"
                ).order_by("id")[:1000]
            )
            rate = indexer.rate(sample)
        finally:
            indexer.close()
        elapsed = time.perf_counter() - started
        print(f"[{vendor}] measuring at {size:,}", flush=True)
        figures = measure(size, rounds=args.rounds, like_rounds=args.like_rounds)
        figures["populate"] = {
            "added": size - before,
            "seconds": elapsed,
            "phases": timings.phases,
            "documents_per_second_one_process": rate,
        }
        output["results"].append(figures)
        output["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _server_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return "PostgreSQL " + cursor.fetchone()[0]
        cursor.execute("select sqlite_version()")
        return "SQLite " + cursor.fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
