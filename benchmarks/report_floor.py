"""The "Pages against the framework floor (issue 20)" section of docs/performance.md, from
``benchmarks/results/floor-<vendor>.json`` (written by ``benchmarks/floor.py``)."""

from __future__ import annotations

from typing import Any

#: Page → (label, target ratio of the floor's requests/s or None).
PAGES = [
    ("floor", "framework floor (bare view)", None),
    ("healthz", "`/healthz`", 0.50),
    ("home", "home, signed out", 0.25),
    ("issue_list", "issue list, signed out (cached body)", 0.25),
    ("issue_list_filtered", "issue list, a filter, signed out (cached body)", None),
    ("issue_1000_comments", "issue with 1,000 comments (20 threads a page)", None),
    ("search", "search 「空き家」", None),
    ("event_list", "event list, signed out (cached body)", 0.25),
    ("event_page", "event page", None),
    ("campaign_page", "campaign page", None),
    ("kpi_dashboard", "KPI dashboard (secretariat)", None),
]
#: Issue 20: the 1,000-comment issue's p95, and page p95 at full size against 1 k.
TARGET_COMMENTS_P95_MS = 300.0
TARGET_GROWTH = 2.0


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def _size(result: dict[str, Any], size: str, small: dict[str, Any] | None) -> list[str]:
    run = result["sizes"][size]
    load = run["load_before"], run["load_after"]
    lines = [
        f"#### {int(size):,} issues ({run['issues']:,} with the demo's)",
        "",
        f"- Load average (1, 5, 15 min) {', '.join(f'{x:.1f}' for x in load[0])} before, "
        f"{', '.join(f'{x:.1f}' for x in load[1])} after; peak RSS per worker "
        f"{', '.join(f'{x:.0f}' for x in run['worker_peak_rss_mb'])} MB",
        "",
        "| page | requests/s | p50 ms | p95 ms | of the floor | target | errors |"
        + (" p95 vs 1 k |" if small else ""),
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |" + (" ---: |" if small else ""),
    ]
    for key, label, target in PAGES:
        row = run["pages"].get(key)
        if row is None:
            continue
        goal = ""
        if target is not None:
            goal = f"≥ {target:.0%} {'✓' if row['ratio'] >= target else '✗'}"
        if key == "issue_1000_comments":
            ok = row["p95_ms"] <= TARGET_COMMENTS_P95_MS
            goal = f"p95 ≤ {TARGET_COMMENTS_P95_MS:.0f} ms {'✓' if ok else '✗'}"
        cells = [
            label,
            f"{row['rps']:,.0f}",
            _ms(row["p50_ms"]),
            _ms(row["p95_ms"]),
            f"{row['ratio']:.1%}",
            goal,
            str(row["errors"]),
        ]
        if small:
            before = small["pages"].get(key)
            growth = row["p95_ms"] / before["p95_ms"] if before and before["p95_ms"] else None
            cells.append(
                "" if growth is None else f"{growth:.2f}× {'✓' if growth <= TARGET_GROWTH else '✗'}"
            )
        lines.append("| " + " | ".join(cells) + " |")
    if "floor" in run["pages"]:
        floor = run["pages"]["floor"]
        lines += [
            "",
            f"The floor: {floor.get('rps_first', 0):,.0f} requests/s measured first, "
            f"{floor.get('rps_last', 0):,.0f} last; the ratios use their mean.",
        ]
    return [*lines, ""]


def render(results: list[dict[str, Any]]) -> list[str]:
    if not results:
        return []
    lines = [
        "## Pages against the framework floor (issue 20)",
        "",
        "Part of a plain `make bench`, or alone with `python -m benchmarks.run --floor` "
        "(benchmarks/floor.py; 1 k and 1 M issues unless `--floor-sizes` says otherwise; "
        "a regression beyond 20 % against the committed figures is printed as a warning): "
        "`kyoso serve` (gunicorn) on a "
        "throw-away database with the demo region, one issue with 1,000 comments and generated "
        "issues; every page under the same load as a bare Django view on the same server (the "
        "floor, `/_bench/floor`, routed only with `KYOSO_BENCH_FLOOR`). Ratios to the floor "
        "measured in the same run are what count: the machine is shared, and the load average "
        "moves every figure together. The client is Python (wrk is not installed): it costs CPU "
        "beside the server, which holds the floor's figure down, so the ratios of the fastest "
        "pages are somewhat flattered.",
        "",
    ]
    for result in results:
        lines += [
            f"### {result['database']}",
            "",
            f"- Measured {result['date']}, commit {result.get('commit', '?')}, on "
            f"{result.get('machine', 'an unrecorded machine')}; "
            f"{result['server']}; {result['load']}",
            "",
        ]
        sizes = sorted(result["sizes"], key=int)
        small = result["sizes"][sizes[0]] if len(sizes) > 1 else None
        for size in sizes:
            lines += _size(result, size, small if size != sizes[0] else None)
    return lines
