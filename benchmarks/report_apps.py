"""The "Challenges, screening and hubs at scale" section of docs/performance.md (issues 15 and
18), from ``benchmarks/results/{challenges,screening,hubs}-<vendor>.json`` (written by
``benchmarks/challenges.py``, ``benchmarks/screening.py`` and ``benchmarks/hubs.py`` through
``python -m benchmarks.run --challenges --screening --hubs``)."""

from __future__ import annotations

from typing import Any

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

#: (results name, key in the result, what, target p95 ms or None)
ROWS: list[tuple[str, str, str, float | None]] = [
    ("challenges", "list_page", "15: challenge list, 10 k challenges, first page", 50),
    ("challenges", "list_filtered", "15: the list, direction + kind of proposer", 50),
    ("challenges", "list_page_2", "15: the list, second page (keyset cursor)", 50),
    ("challenges", "api_list", "15: `/api/v1/challenges?limit=20`", 50),
    ("screening", "summary_page", "15: round summary page, 500 items × 10 reviewers", 200),
    ("screening", "summary_selector", "15: the same, selector only", None),
    ("hubs", "month_availability", "18: a space's month of availability, 100 k bookings", 50),
    ("hubs", "day_board", "18: the staff's day board", 50),
]


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def _cpu(figures: dict[str, Any]) -> str:
    if "cpu_p50" not in figures:
        return "—"
    return f"{_ms(figures['cpu_p50'])} / {_ms(figures['cpu_p95'])}"


def _load(result: dict[str, Any]) -> str:
    before = result.get("load_before")
    after = result.get("load_after")
    if isinstance(before, list):
        before = before[0]
    if isinstance(after, list):
        after = after[0]
    if before is None:
        return "—"
    return f"{before:.1f}" + (f"–{after:.1f}" if after is not None else "")


def _queries(name: str, key: str, result: dict[str, Any]) -> str:
    if name == "challenges":
        counts = result.get("queries", {})
        small, big = counts.get("challenges_100", {}), counts.get("challenges_10000", {})
        if key in small and key in big:
            return f"{small[key]} / {big[key]}"
    if name == "screening" and key == "summary_page":
        counts = result.get("queries", {})
        return " / ".join(str(v) for v in counts.values())
    if name == "hubs":
        small = result.get("queries_at_1000", {}).get(key)
        big = result.get(key, {}).get("queries")
        if small is not None and big is not None:
            return f"{small} / {big}"
    return ""


def render(apps: dict[str, list[dict[str, Any]]]) -> list[str]:
    if not any(apps.values()):
        return []
    lines = [
        "## Challenges, screening and hubs at scale (issues 15 and 18)",
        "",
        "`python -m benchmarks.run --challenges --screening --hubs` on throw-away databases.",
        "Challenges: the Django test client's full request as an anonymous visitor (query",
        "counts at 100 and 10 k challenges). Screening: the poster's admin, page and selector",
        "(query counts at 5 and 500 items). Hubs: the selectors the pages call (query counts",
        "at 1 k and 100 k bookings). `load` is the 1-minute load average before–after: the",
        "machine is shared, and a figure taken at a load above 2 on 2 cores measures the other",
        "work too. `CPU` is the benchmark thread's own CPU time per call (PostgreSQL's server",
        "process not included): what the call costs apart from waiting for a core.",
        "",
        "| what | database | measured | load | p50 ms | p95 ms | CPU p50 / p95 ms | target "
        "| queries small / full |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for name, key, label, target in ROWS:
        for result in apps.get(name, []):
            figures = result.get(key)
            if not isinstance(figures, dict):
                continue
            verdict = "—"
            if target is not None:
                met = figures["p95"] <= target
                verdict = f"≤ {target:.0f} ms: {'met' if met else 'NOT met'}"
            lines.append(
                f"| {label} | {VENDORS.get(result['database'], result['database'])} "
                f"| {result.get('date', result.get('at', ''))} "
                f"{('(' + result['commit'] + ')') if result.get('commit') else ''} "
                f"| {_load(result)} | {_ms(figures['p50'])} | {_ms(figures['p95'])} "
                f"| {_cpu(figures)} | {verdict} | {_queries(name, key, result)} |"
            )
    slots = [r for r in apps.get("hubs", []) if isinstance(r.get("same_slot"), dict)]
    if slots:
        lines += ["", "One slot asked for at once (issue 18: exactly one booking):", ""]
        for result in slots:
            same = result["same_slot"]
            outcomes = ", ".join(f"{k} {v}" for k, v in same["outcomes"].items())
            lines.append(
                f"- {VENDORS.get(result['database'], result['database'])}: "
                f"{same['requests']} threads → {same['bookings_of_the_slot']} booking "
                f"({outcomes})"
            )
            http = result.get("same_slot_http")
            if isinstance(http, dict):
                outcomes = ", ".join(f"{k} {v}" for k, v in http["outcomes"].items())
                lines.append(
                    f"- {VENDORS.get(result['database'], result['database'])}: "
                    f"{http['requests']} HTTP requests from {http['distinct_people']} signed-in "
                    f"people to {http['server']} → {http['bookings_of_the_slot']} booking "
                    f"({outcomes}; all answered in {http['all_answered_s']} s; "
                    f"{http.get('date', '')})"
                )
    lines.append("")
    return lines
