"""The "Events at scale" section of docs/performance.md (issue 5), from
``benchmarks/results/events-<vendor>.json`` (written by ``benchmarks/events.py``)."""

from __future__ import annotations

from typing import Any

PAGES = [
    ("list_first", "list, first page (upcoming)"),
    ("list_deep", "list, page 90 % deep (upcoming)"),
    ("past_deep", "list, page 90 % deep (past tab)"),
    ("detail", "event page (50 events cycled)"),
]
QUERY_PAGES = [*PAGES[:3], ("detail", "event page"), ("detail_big", "event page, biggest event")]


def _size(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000} M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000} k"
    return f"{n:,}"


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def _database(result: dict[str, Any]) -> list[str]:
    pages = result["pages"]
    small = result["small"]
    lines = [
        f"### {result.get('server_version', result['database'])}",
        "",
        f"- Measured {result['date']}, commit {result['commit']}; niceness {pages['nice']}, "
        f"load average {pages['load_before']:.1f} before / {pages['load_after']:.1f} after",
        f"- Size: {_size(result['events'])} events ({pages['upcoming']:,} upcoming, "
        f"{pages['past']:,} past), {result['registrations_built']:,} registrations from 5,000 "
        f"people; built in {result['build_seconds']:,.0f} s (bulk inserts and `ANALYZE`, "
        "migration included); events whose seat counters differ from their confirmed rows: "
        f"{result['events_with_wrong_counters']}",
        f"- Peak resident memory of the benchmark process: {result['peak_rss_mb']:.0f} MB",
        "",
        "| page | anonymous p50 ms | p95 ms | signed in p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, label in PAGES:
        anonymous, registrant = pages["anonymous"][key], pages["registrant"][key]
        lines.append(
            f"| {label} | {_ms(anonymous['p50'])} | {_ms(anonymous['p95'])} "
            f"| {_ms(registrant['p50'])} | {_ms(registrant['p95'])} |"
        )
    lines += [
        "",
        f"SQL queries per request at {_size(small['events'])} events "
        f"({small['registrations']:,} registrations) and at {_size(result['events'])}:",
        "",
        f"| page | anonymous {_size(small['events'])} | anonymous {_size(result['events'])} "
        f"| signed in {_size(small['events'])} | signed in {_size(result['events'])} |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, label in QUERY_PAGES:
        cells = [
            str(figures[who][key])
            for who in ("anonymous", "registrant")
            for figures in (small["queries"], result["queries"])
        ]
        lines.append(f"| {label} | {' | '.join(cells)} |")
    run = result["concurrency"]
    verdict = "check passed" if run["ok"] else "**CHECK FAILED**"
    lines += [
        "",
        f"Registration under concurrency: {run['threads']} threads (one connection each) "
        f"registered {run['registered']} of {run['people']} people for one event with "
        f"{run['seats']} seats through `registration_create` in {run['seconds']:.1f} s: "
        f"**{run['per_second']:.0f} registrations/s**; {run['confirmed']} confirmed, "
        f"{run['waitlisted']} waitlisted, seat counter {run['seat_counter']}, "
        f"oversold: {run['oversold']}, errors: {run['errors']} ({verdict}).",
        "",
    ]
    return lines


METHOD = """\
How the event figures are made (`python -m benchmarks.run --events`, benchmarks/events.py):
events are bulk-inserted (no per-row ORM saves, no search indexing) on a throw-away
database, spread over five years (four past, one to come), all kinds, themes, modes and
municipalities, capacities from 10 to 200 or none; 20 events have thousands of registrations
(1,000 seats, the rest waitlisted), the others about ten; one in ten registrations is
cancelled. Latency is the Django test client in-process (p50/p95 of up to 100 requests,
30 s budget per figure), anonymous and signed in as a person registered for the biggest
events. The list pages by keyset cursor (no count, no `OFFSET`); a deep page is the page
after the event at 90 % of its tab, its cursor found once before the timing. The upcoming
tab seeks from the earliest start among events not yet over (read from the `event_upcoming`
index), the past tab from now. The query counts are taken at the first 1,000 events
and again at full size. Registration mail goes through the immediate task backend into
Django's in-memory mail outbox (in production it is queued for the task worker)."""


def render(events: list[dict[str, Any]]) -> list[str]:
    lines = ["## Events at scale", ""]
    if not events:
        return [*lines, "Not run yet.", ""]
    for result in events:
        lines += _database(result)
    return [*lines, METHOD, ""]
