"""Render docs/performance.md from the stored benchmark results (benchmarks/results/*.json)."""

from __future__ import annotations

import os
import platform
from typing import Any

from benchmarks import (
    report_apps,
    report_evaluation,
    report_events,
    report_floor,
    report_issues,
    report_projects,
)


def machine() -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{platform.machine()}{' ' + cpu if cpu else ''}, {os.cpu_count()} cores{memory}, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )


def _pages(pages: dict[str, Any] | None) -> list[str]:
    lines = [
        f"## Page latency (Django test client, in-process, {pages['rounds'] if pages else 200} "
        "requests each, demo data)",
        "",
    ]
    if not pages:
        return [*lines, "Not run yet.", ""]
    lines += [
        f"- Date: {pages['date']} (commit {pages['commit']})",
        f"- Database: {pages['database']}",
        "",
        "| page | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in pages["pages"]:
        lines.append(f"| {row['label']} | {row['p50']:.1f} | {row['p95']:.1f} | {row['max']:.1f} |")
    lines += [
        "",
        f"Peak resident memory of the benchmark process: {pages['peak_rss_mb']:.0f} MB",
        "",
    ]
    return lines


METHOD = """\
## How the issue figures are made

`python -m benchmarks.run --sizes 1000,10000,100000 --databases sqlite,postgres` (plain
`make bench` runs the issues at 1 k and 10 k; 1 M as below). For each database a child process
migrates an empty throw-away database (a temporary SQLite file in WAL mode; a PostgreSQL database
`kyoso_bench` created for the run and dropped after it) and grows it size by size with
generated issues (`benchmarks/corpus.py`: Japanese titles and bodies from templates filled
with the seeds' vocabulary — places of Miyagi and Yamagata, the themes, target groups and
walls of `kyoso/issues/vocab.py`, compounds such as 生理用品 and 耕作放棄地, katakana compounds
such as エコツーリズム, variant spellings and synonyms such as 障害 / 障がい and お年寄り / 高齢者,
and a long tail of rarer words), with their facet tags, stage history and a few comments,
inserted in bulk, then indexed for search in bulk through the search layer. The planner
statistics are refreshed (`ANALYZE`) before measuring, as autovacuum or `PRAGMA optimize`
would in production, and the full-text index's pieces are merged, as the nightly
`kyoso manage optimize_search_index` does (docs/operations.md). The corpus has a version
(`benchmarks.corpus.VERSION`), kept with every figure: figures of different versions are not
shown side by side.

- Pages are requested with the Django test client in the same process (no network, no web
  server): the figures include URL routing, the policy check, the queries and template
  rendering, as an anonymous visitor.
- Search is timed at the service (`kyoso.search.services.search`, 20 hits and the count,
  anonymous viewer); the search page row adds the page around it. Each query of the set is a
  query class of issue 12's targets (`benchmarks/issues.py`, `QUERIES`).
- The LIKE column runs the same words as `title LIKE '%word%' OR body LIKE '%word%'` (ANDed,
  `-word` as NOT LIKE), counting the matches and fetching the newest 20 — what a search page
  without an index would have to do. It has none of the search's folding (子ども ≠ 子供),
  readings or synonyms, so its counts differ.
- p95 is the nearest-rank 95th percentile of the timed calls, after one untimed warm-up call:
  100 calls for pages and search (a search query stops after 20 s, with at least 5 calls),
  10 for each LIKE scan (stopping after 60 s, with at least 3). Where a query is slow, its
  p95 therefore rests on few calls.
- Plan check (PostgreSQL, `benchmarks/plans.py`): the statements that the search service
  runs for each query are captured with their parameters and explained
  (`EXPLAIN (FORMAT JSON)`); the check passes when the match uses the GIN index
  `search_text_vector` and no statement reads `search_document` or `search_text` by a
  sequential scan. Every plan is printed during the run and kept in
  `benchmarks/results/issues-postgresql.json`.
- Index size (`benchmarks/storage.py`): SQLite counts the pages of the FTS5 shadow tables
  (`dbstat`), PostgreSQL the GIN index (`pg_relation_size`); "all search tables" adds the
  tables with their indexes and TOAST. The baseline (`benchmarks/results/index-baseline.json`,
  written by `--record-index-baseline`) holds the sizes before issue 12's search changes, on
  the same corpus.
- The search index is written in bulk by `benchmarks/populate.py` with the search layer's own
  document builder and batch upsert, the SudachiPy analysis spread over one worker process per
  core; the "index s" column is the time the main process spent waiting for the analysis and
  writing documents (the analysis overlaps the inserts of the next batch).
- Where other work shared the machine, the benchmark ran at a raised priority (`--nice -15`,
  as root), with its PostgreSQL backend reniced to match, or at a lowered one (`nice -n 10`)
  so as not to starve that work; the load average and the niceness are given with each
  table. Such figures are an upper bound of what a quiet machine gives.

### Measuring 1 M

The 1 M data sets are kept between runs (`--keep-sqlite DIR`, `--keep-postgres`) and grown
from what they hold (`benchmarks/grow.py`); the PostgreSQL one is copied from the SQLite one
(`benchmarks/copy_dataset.py`: the same issues and the same search terms; PostgreSQL computes
its own `tsvector` and GIN index from them), which skips a second, identical SudachiPy
analysis, so its build figures are not shown. A data set built by older search code holds
that code's index terms: after a change to the analysis or the index (issue 12's readings,
katakana index), build it again from empty. The 10 k figures that the 1 M ones are compared
with come from throw-away databases (a kept data set is never measured below its size):

```sh
# 1 k, 10 k and 100 k on throw-away databases, both databases
nice -n 10 python -m benchmarks.run --skip-pages --sizes 1000,10000,100000
# SQLite 1 M, built from empty in a kept directory, then measured
rm -rf /work/benchdata/sqlite
nice -n 10 python -m benchmarks.run --skip-pages --databases sqlite --sizes 1000000 \\
    --keep-sqlite /work/benchdata/sqlite
# PostgreSQL 1 M, copied from it, then measured
PG=postgres://postgres@127.0.0.1:5432/kyoso_bench_1m
nice -n 10 python -m benchmarks.copy_dataset --sqlite /work/benchdata/sqlite/bench.sqlite3 \\
    --postgres-url $PG --fresh
nice -n 10 python -m benchmarks.run --skip-pages --databases postgres --sizes 1000000 \\
    --keep-postgres --postgres-url $PG
```

On a quiet machine, as root, `--nice -15` instead of `nice -n 10` gives steadier figures.
How long each step took at the sizes measured so far, and the 1 M times it suggests, are in
the remarks above (benchmarks/results/notes.md).
"""


def render(
    *,
    pages: dict[str, Any] | None,
    issues: list[dict[str, Any]],
    notes: list[str],
    remarks: str = "",
    events: list[dict[str, Any]] | None = None,
    projects: list[dict[str, Any]] | None = None,
    apps: dict[str, list[dict[str, Any]]] | None = None,
    index_baseline: dict[str, Any] | None = None,
    evaluation: list[dict[str, Any]] | None = None,
    floor: list[dict[str, Any]] | None = None,
) -> str:
    """The whole document. ``remarks``: benchmarks/results/notes.md, written by the person who
    ran the benchmark (what was not met or not run, and why), included as it is;
    ``index_baseline``: benchmarks/results/index-baseline.json (the search index's size before
    issue 12's changes)."""
    lines = [
        "# Kyoso performance figures",
        "",
        "Written by `make bench` (benchmarks/run.py). Wall-clock figures from one machine;",
        "tests never assert them. Re-run after changes that touch hot paths.",
        "",
        f"- Machine: {machine()}",
        "",
    ]
    lines += _pages(pages)
    lines += report_issues.render(issues, index_baseline)
    lines += report_events.render(events or [])
    lines += report_projects.render(projects or [])
    lines += report_apps.render(apps or {})
    lines += report_evaluation.render(evaluation or [])
    lines += report_floor.render(floor or [])
    if remarks.strip():
        lines += [remarks.strip(), ""]
    if notes:
        lines += ["## Notes from the last run", "", *[f"- {n}" for n in notes], ""]
    lines.append(METHOD)
    return "\n".join(lines)
