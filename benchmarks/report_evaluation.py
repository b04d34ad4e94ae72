"""The "Annual evaluation report at scale" section of docs/performance.md (issue 19), from
``benchmarks/results/evaluation-<vendor>.json`` (written by ``benchmarks/evaluation.py``)."""

from __future__ import annotations

from typing import Any

PHASES = [
    ("participation_seconds", "the events' yearly figures (`participation_figures`)"),
    ("held_events_seconds", "the per-event rows (`held_events`, with guests)"),
    ("kpi_seconds", "the KPI table"),
    ("network_seconds", "the network before/after (public figures of two years)"),
    ("build_seconds", "the whole report (`content.build`: every section and chart)"),
    ("html_seconds", "the print HTML"),
    ("pdf_seconds", "the PDF (WeasyPrint)"),
    ("page_seconds", "the page `/evaluation/2021/` (test client)"),
]


def _database(result: dict[str, Any]) -> list[str]:
    sizes = result["sizes"]
    lines = [
        f"### {result.get('server_version', result['database'])}",
        "",
        f"- Measured {result.get('date', '?')}, commit {result.get('commit', '?')}"
        + (
            f"; load average {result['load_before']:.1f} before / {result['load_after']:.1f} after"
            if "load_before" in result
            else ""
        ),
        f"- Data: {sizes['events']:,} events, {sizes['attendances']:,} attendances, "
        f"{sizes['people']:,} people; built in {result['data_build_seconds']:,.0f} s; the "
        f"report counts {result['checked']['events']:,} events and のべ"
        f"{result['checked']['attendance']:,} (rows add up: {result['checked']['rows_add_up']})",
        "",
        "| phase | wall time |",
        "| --- | --- |",
    ]
    for key, label in PHASES:
        if key in result:
            lines.append(f"| {label} | {result[key]:,.2f} s |")
    lines += [
        "",
        f"- PDF: {result.get('pdf_pages') or '?'} pages, {result['pdf_bytes'] / 1024:,.0f} KiB; "
        f"HTML {result['html_bytes'] / 1024:,.0f} KiB; page: {result['page_queries']} queries",
        f"- Peak resident memory of the process: {result['rss_after_data_mb']:,.0f} MB after "
        f"building the data, {result['rss_after_pdf_mb']:,.0f} MB after the PDF, "
        f"{result['peak_rss_mb']:,.0f} MB at the end; Python allocations' peak during one "
        f"`content.build` (tracemalloc): {result['build_tracemalloc_peak_mb']:,.0f} MB",
        "",
    ]
    return lines


def render(results: list[dict[str, Any]]) -> list[str]:
    if not results:
        return []
    lines = [
        "## Annual evaluation report at scale (issue 19)",
        "",
        "`python -m benchmarks.run --evaluation` (benchmarks/evaluation.py): a fiscal year of",
        "1,000 events with 100 k checked-in attendances drawn from ten circles of 500 people,",
        "each phase timed alone on a throw-away database.",
        "",
    ]
    for result in results:
        lines += _database(result)
    return lines
