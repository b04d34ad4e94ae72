"""Render docs/performance.md from the stored benchmark results (benchmarks/results/*.json)."""

from __future__ import annotations

import os
import platform
from typing import Any

from benchmarks import report_events

TARGET_SEARCH_P95_MS = 50
TARGET_LIKE_FACTOR = 100
TARGET_SCALE_FACTOR = 2
BIG = 1_000_000


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


def _size(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000} M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000} k"
    return f"{n:,}"


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


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


def _factor(value: float) -> str:
    return f"{value:.1f}" if value < 10 else f"{value:,.0f}"


def _slowest(figures: dict[str, Any], kind: str, stat: str = "p95") -> float:
    return max(q[kind][stat] for q in figures["queries"])


def _min_factor(figures: dict[str, Any]) -> tuple[float, str]:
    """The smallest LIKE/search ratio of p95 over the query set, and its query."""
    ratios = [(q["like"]["p95"] / q["search"]["p95"], q["query"]) for q in figures["queries"]]
    return min(ratios)


def _database(result: dict[str, Any]) -> list[str]:
    sizes = sorted(result["sizes"].values(), key=lambda f: f["size"])
    title = result.get("server_version", result["database"])
    lines = [f"### {title}", ""]
    stamps = {(f["date"], f["commit"]) for f in sizes}
    for date, commit in sorted(stamps):
        at = ", ".join(
            _size(f["size"]) for f in sizes if (f["date"], f["commit"]) == (date, commit)
        )
        lines.append(f"- {at}: measured {date}, commit {commit}")
    loads = ", ".join(
        f"{_size(f['size'])} {f['load_before']:.1f}→{f['load_after']:.1f}"
        for f in sizes
        if "load_before" in f
    )
    if loads:
        lines.append(f"- Load average (1 min) before → after measuring: {loads}")
    nices = ", ".join(
        f"{_size(f['size'])} at nice {f['nice']}" for f in sizes if f.get("nice", 0) != 0
    )
    if nices:
        lines.append(
            f"- Measured beside other work, at a raised priority (benchmark process and its "
            f"database backend): {nices}"
        )
    lines.append(f"- Machine: {sizes[-1]['machine']}")
    if result.get("settings"):
        shown = ", ".join(
            f"{k} {v}" for k, v in result["settings"].items() if k != "server_version"
        )
        lines.append(f"- Server settings (stock): {shown}")
    lines.append("")

    lines += [
        "Building the data set (bulk inserts; search terms by SudachiPy, written in bulk):",
        "",
        "| issues | added | total s | generate s | insert s | index s | indexed issues/s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in sizes:
        p = f["populate"]
        phases = p["phases"]
        index_s = phases.get("index", 0.0)
        rate = p["added"] / index_s if index_s else 0
        lines.append(
            f"| {_size(f['size'])} | {p['added']:,} | {p['seconds']:,.0f} | "
            f"{phases.get('generate', 0):,.1f} | {phases.get('insert', 0):,.1f} | "
            f"{index_s:,.1f} | {rate:,.0f} |"
        )
    lines.append("")

    header = "| ms | " + " | ".join(
        f"{_size(f['size'])} p50 | {_size(f['size'])} p95" for f in sizes
    )
    lines += [
        "Latency (anonymous; p50 / p95 in milliseconds):",
        "",
        header + " |",
        "| --- |" + " ---: | ---: |" * len(sizes),
    ]
    rows = [
        ("issue list, first page (`/issues/`)", lambda f: f["list_first"]),
        ("issue list, deep keyset page (`?after=`, 90 % down)", lambda f: f["list_deep"]),
        ("issue page (`/issues/<id>/`)", lambda f: f["detail"]),
        ("search page (`/search/?q=防災`)", lambda f: f.get("search_page")),
        (
            "search service, slowest query of the set",
            lambda f: {
                "p50": max(q["search"]["p50"] for q in f["queries"]),
                "p95": _slowest(f, "search"),
            },
        ),
        (
            "`LIKE '%…%'` scan, slowest query of the set",
            lambda f: {
                "p50": max(q["like"]["p50"] for q in f["queries"]),
                "p95": _slowest(f, "like"),
            },
        ),
    ]
    for label, pick in rows:
        cells = []
        for f in sizes:
            figures = pick(f)
            cells.append(f"{_ms(figures and figures['p50'])} | {_ms(figures and figures['p95'])}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")

    lines += [
        "Search and LIKE per query (p95 ms; hits = search count / LIKE count, where a search "
        'count of 1,000 means "1,000 or more": only the newest 1,000 matches are ranked, '
        "decision 0009; search = the search service with snippets and counts; ranked = "
        "`matching_ids` over the same 1,000, the index match and ranking alone; "
        "× = LIKE p95 ÷ search p95):",
        "",
        "| query | what | "
        + " | ".join(f"{_size(f['size'])} hits | search | ranked | LIKE | ×" for f in sizes)
        + " |",
        "| --- | --- |" + " ---: | ---: | ---: | ---: | ---: |" * len(sizes),
    ]
    for i, (query, note) in enumerate((q["query"], q["note"]) for q in sizes[0]["queries"]):
        cells = []
        for f in sizes:
            q = f["queries"][i]
            factor = q["like"]["p95"] / q["search"]["p95"]
            ranked = q.get("ids", {}).get("p95")
            cells.append(
                f"{q['search_count']:,} / {q['like_count']:,} | {_ms(q['search']['p95'])} | "
                f"{_ms(ranked)} | {_ms(q['like']['p95'])} | {_factor(factor)}"
            )
        shown = query.replace("|", "\\|")
        lines.append(f"| `{shown}` | {note} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def _targets(issues: list[dict[str, Any]]) -> list[str]:
    lines = ["## Targets (issue 4)", ""]
    for result in issues:
        sizes = sorted(result["sizes"].values(), key=lambda f: f["size"])
        name = result.get("server_version", result["database"])
        small, large = sizes[0], sizes[-1]
        at = _size(large["size"])
        big_note = "" if large["size"] >= BIG else f" (1 M not run; largest measured: {at})"
        slow = _slowest(large, "search")
        factor, worst = _min_factor(large)
        ok = "met" if slow <= TARGET_SEARCH_P95_MS else "NOT met"
        lines.append(
            f"- {name}{big_note}: search p95 ≤ {TARGET_SEARCH_P95_MS} ms — slowest query "
            f"{_ms(slow)} ms at {at}: **{ok}**."
        )
        ok = "met" if factor >= TARGET_LIKE_FACTOR else "NOT met"
        lines.append(
            f"- {name}: search ≥ {TARGET_LIKE_FACTOR}× faster than LIKE at {at} — smallest "
            f"ratio {_factor(factor)}× (`{worst}`): **{ok}**."
        )
        if len(sizes) < 2:
            lines.append(f"- {name}: list and issue page scaling: only one size measured.")
            continue
        for label, key in (
            ("issue list first page", "list_first"),
            ("deep list page", "list_deep"),
            ("issue page", "detail"),
        ):
            ratio = large[key]["p95"] / small[key]["p95"]
            ok = "met" if ratio <= TARGET_SCALE_FACTOR else "NOT met"
            lines.append(
                f"- {name}: {label} p95 at {at} within {TARGET_SCALE_FACTOR}× of "
                f"{_size(small['size'])} — {_ms(large[key]['p95'])} ms vs "
                f"{_ms(small[key]['p95'])} ms ({ratio:.2f}×): **{ok}**."
            )
    lines.append("")
    return lines


METHOD = """\
## How the issue figures are made

`python -m benchmarks.run --sizes 1000,100000,1000000 --databases sqlite,postgres` (plain
`make bench` runs 1 k and 10 k). For each database a child process migrates an empty
throw-away database (a temporary SQLite file in WAL mode; a PostgreSQL database
`kyoso_bench` created for the run and dropped after it) and grows it size by size with
generated issues (`benchmarks/corpus.py`: Japanese titles and bodies from templates filled
with the seeds' vocabulary — places of Miyagi and Yamagata, the themes, target groups and
walls of `kyoso/issues/vocab.py`, compounds such as 生理用品 and 耕作放棄地 and a long tail of
rarer words), with their facet tags, stage history and a few comments, inserted in bulk, then
indexed for search in bulk through the search layer. The planner statistics are refreshed
(`ANALYZE`) before measuring, as autovacuum or `PRAGMA optimize` would in production, and the
full-text index's pieces are merged, as the nightly `kyoso manage optimize_search_index` does
(docs/operations.md).

- Pages are requested with the Django test client in the same process (no network, no web
  server): the figures include URL routing, the policy check, the queries and template
  rendering, as an anonymous visitor.
- Search is timed at the service (`kyoso.search.services.search`, 20 hits and the count,
  anonymous viewer); the search page row adds the page around it.
- The LIKE column runs the same words as `title LIKE '%word%' OR body LIKE '%word%'` (ANDed,
  `-word` as NOT LIKE), counting the matches and fetching the newest 20 — what a search page
  without an index would have to do. It has none of the search's folding (子ども ≠ 子供), so
  its counts differ.
- p95 is the nearest-rank 95th percentile of the timed calls, after one untimed warm-up call:
  100 calls for pages and search (a search query stops after 20 s, with at least 5 calls),
  10 for each LIKE scan (stopping after 60 s, with at least 3). Where a query is slow, its
  p95 therefore rests on few calls.
- The search index is written in bulk by `benchmarks/populate.py` with the search layer's own
  document builder and batch upsert, the SudachiPy analysis spread over one worker process per
  core; the "index s" column is the time the main process spent waiting for the analysis and
  writing documents (the analysis overlaps the inserts of the next batch).
- The 1 M data sets are kept between runs (`--keep-sqlite DIR`, `--keep-postgres`) and grown
  from what they hold (`benchmarks/grow.py`), so the 1 M figures can be measured again after a
  change without building a million issues again. The PostgreSQL 1 M data set is copied from
  the SQLite one (`benchmarks/copy_dataset.py`: the same issues and the same search terms;
  PostgreSQL computes its own `tsvector` and GIN index from them), which skips a second,
  identical SudachiPy analysis; its build figures are therefore not shown.
- Where other work shared the machine, the benchmark ran at a raised priority (`--nice`),
  with its PostgreSQL backend reniced to match; the load average and the niceness are given
  with each table. Such figures are an upper bound of what a quiet machine gives.
"""


def render(
    *,
    pages: dict[str, Any] | None,
    issues: list[dict[str, Any]],
    notes: list[str],
    remarks: str = "",
    events: list[dict[str, Any]] | None = None,
) -> str:
    """The whole document. ``remarks``: benchmarks/results/notes.md, written by the person who
    ran the benchmark (what was not met or not run, and why), included as it is."""
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
    lines += ["## Issues and search at scale", ""]
    if not issues:
        lines += ["Not run yet.", ""]
    for result in issues:
        lines += _database(result)
    if issues:
        lines += _targets(issues)
    lines += report_events.render(events or [])
    if remarks.strip():
        lines += [remarks.strip(), ""]
    if notes:
        lines += ["## Notes from the last run", "", *[f"- {n}" for n in notes], ""]
    lines.append(METHOD)
    return "\n".join(lines)
