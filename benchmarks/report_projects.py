"""The "Projects and missions at scale" section of docs/performance.md (issue 13), from
``benchmarks/results/projects-<vendor>.json`` (written by ``benchmarks/projects.py``)."""

from __future__ import annotations

from typing import Any

PAGES = [
    ("project_list", "project list, first page"),
    ("project_list_filtered", "project list: needs help + one theme"),
    ("mission_list_filtered", "mission list: one kind + remote"),
    ("project_page", "project page (50 projects cycled)"),
]
#: Issue 13's targets: p95 at full size, and the ratio to the same page at 1 % of it.
TARGET_P95_MS = 50.0
TARGET_RATIO = 2.0


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def _sizes(sizes: dict[str, int]) -> str:
    return (
        f"{sizes['projects']:,} projects, {sizes['needs']:,} needs, "
        f"{sizes['missions']:,} missions, {sizes['applications']:,} applications"
    )


def _database(result: dict[str, Any]) -> list[str]:
    pages, small = result["pages"], result["small"]
    lines = [
        f"### {result.get('server_version', result['database'])}",
        "",
        f"- Measured {result['date']}, commit {result['commit']}; niceness {pages['nice']}, "
        f"load average {pages['load_before']:.1f} before / {pages['load_after']:.1f} after",
        f"- Full size: {_sizes(result['sizes'])}; built in {result['build_seconds']:,.0f} s "
        "(bulk inserts and `ANALYZE`, migration included)",
        f"- Small size: {_sizes(small['sizes'])}",
        f"- Peak resident memory of the benchmark process: {result['peak_rss_mb']:.0f} MB",
        "",
        "| page | who | p50 ms | p95 ms | p95 at small size | ratio | queries small / full "
        f"| p95 ≤ {TARGET_P95_MS:.0f} ms and ratio ≤ {TARGET_RATIO:.0f} |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, label in PAGES:
        for who in ("anonymous", "signed_in"):
            full, little = pages[who][key], small["pages"][who][key]
            ratio = full["p95"] / little["p95"] if little["p95"] else float("inf")
            met = full["p95"] <= TARGET_P95_MS and ratio <= TARGET_RATIO
            queries = f"{small['queries'][who][key]} / {result['queries'][who][key]}"
            verdict = "met" if met else "NOT met"
            lines.append(
                f"| {label} | {who.replace('_', ' ')} | {_ms(full['p50'])} | {_ms(full['p95'])} "
                f"| {_ms(little['p95'])} | {ratio:.2f}× | {queries} | {verdict} |"
            )
    lines.append("")
    return lines


def render(results: list[dict[str, Any]]) -> list[str]:
    if not results:
        return []
    lines = [
        "## Projects and missions at scale (issue 13)",
        "",
        "`python -m benchmarks.run --projects` (benchmarks/projects.py): the data set is built",
        "by bulk inserts, 1 % first (measured as the small size), then the rest. Each figure is",
        "the Django test client's full request (middleware, view, template), timed per request.",
        "",
    ]
    for result in results:
        lines += _database(result)
    return lines
