"""The "Issues and search at scale" sections of docs/performance.md and their targets (issues 4
and 12), from ``benchmarks/results/issues-<vendor>.json`` (written by ``benchmarks/issues.py``)
and the index size baseline ``benchmarks/results/index-baseline.json``."""

from __future__ import annotations

from typing import Any

TARGET_SEARCH_P95_MS = 50
TARGET_LIKE_FACTOR = 100
TARGET_SCALE_FACTOR = 2
#: Issue 12: every query class's search p95 at 1 M within this factor of its p95 at 10 k.
TARGET_SEARCH_SCALE_FACTOR = 3
#: Issue 12: the search index at most this factor of its size before the issue's changes.
TARGET_INDEX_GROWTH = 1.5
BIG = 1_000_000
REFERENCE = 10_000


def size_label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000} M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000} k"
    return f"{n:,}"


def ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def factor(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 10 else f"{value:,.0f}"


def mb(size: int | None) -> str:
    return "–" if size is None else f"{size / 2**20:,.1f}"


def _name(result: dict[str, Any]) -> str:
    return result.get("server_version", result["database"])


def corpus_version(figures: dict[str, Any]) -> int:
    """The corpus a size was measured on (figures from before versions were kept: 1)."""
    return int(figures.get("corpus", 1))


def current_sizes(result: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sizes measured on the newest corpus, smallest first, and the others (older corpora:
    figures from different texts are not shown side by side)."""
    sizes = sorted(result["sizes"].values(), key=lambda f: f["size"])
    if not sizes:
        return [], []
    newest = max(corpus_version(f) for f in sizes)
    return (
        [f for f in sizes if corpus_version(f) == newest],
        [f for f in sizes if corpus_version(f) != newest],
    )


def _queries(sizes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every query of the measured sizes, in the order of the largest size's set."""
    seen: dict[str, str] = {}
    for figures in reversed(sizes):
        for q in figures["queries"]:
            seen.setdefault(q["query"], q["note"])
    return list(seen.items())


def _query(figures: dict[str, Any], query: str) -> dict[str, Any] | None:
    return next((q for q in figures["queries"] if q["query"] == query), None)


def _reference(sizes: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((f for f in sizes if f["size"] == REFERENCE), None)


def scale_ratios(sizes: list[dict[str, Any]], at: dict[str, Any]) -> list[tuple[float, str]] | None:
    """Search p95 at ``at`` ÷ search p95 at 10 k, per query (None without a 10 k figure)."""
    reference = _reference(sizes)
    if reference is None:
        return None
    ratios = []
    for q in at["queries"]:
        base = _query(reference, q["query"])
        if base is not None and base["search"]["p95"] > 0:
            ratios.append((q["search"]["p95"] / base["search"]["p95"], q["query"]))
    return ratios


def _escape(query: str) -> str:
    return query.replace("|", "\\|")


def _header(result: dict[str, Any], sizes: list[dict[str, Any]], older: list) -> list[str]:
    lines = [f"### {_name(result)}", ""]
    stamps = {(f["date"], f["commit"]) for f in sizes}
    for date, commit in sorted(stamps):
        at = ", ".join(
            size_label(f["size"]) for f in sizes if (f["date"], f["commit"]) == (date, commit)
        )
        lines.append(f"- {at}: measured {date}, commit {commit}")
    if sizes:
        lines.append(f"- Corpus version {corpus_version(sizes[0])} (benchmarks/corpus.py)")
    if older:
        lines.append(
            "- Not shown (measured on an older corpus, so not comparable): "
            + ", ".join(
                f"{size_label(f['size'])} of {f['date']} (corpus {corpus_version(f)})"
                for f in older
            )
        )
    loads = ", ".join(
        f"{size_label(f['size'])} {f['load_before']:.1f}→{f['load_after']:.1f}"
        for f in sizes
        if "load_before" in f
    )
    if loads:
        lines.append(f"- Load average (1 min) before → after measuring: {loads}")
    raised = ", ".join(
        f"{size_label(f['size'])} at nice {f['nice']}" for f in sizes if f.get("nice", 0) < 0
    )
    if raised:
        lines.append(
            "- Measured beside other work, at a raised priority (benchmark process and its "
            f"database backend): {raised}"
        )
    lowered = ", ".join(
        f"{size_label(f['size'])} at nice {f['nice']}" for f in sizes if f.get("nice", 0) > 0
    )
    if lowered:
        lines.append(
            "- Measured beside other work, at a lowered priority (so as not to starve it): "
            f"{lowered}; these figures are an upper bound of what a quiet machine gives"
        )
    lines.append(f"- Machine: {sizes[-1]['machine']}")
    if result.get("settings"):
        shown = ", ".join(
            f"{k} {v}" for k, v in result["settings"].items() if k != "server_version"
        )
        lines.append(f"- Server settings (stock): {shown}")
    lines.append("")
    return lines


def _build(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "Building the data set (bulk inserts; search terms by SudachiPy, written in bulk; "
        "`ANALYZE` and the index merge of `optimize_search_index`), and measuring it:",
        "",
        "| issues | added | total s | generate s | insert s | index s | analyze + merge s | "
        "indexed issues/s | measuring s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in sizes:
        p = f["populate"]
        phases = p["phases"]
        index_s = phases.get("index", 0.0)
        rate = p["added"] / index_s if index_s else 0
        measuring = f.get("measure_seconds")
        lines.append(
            f"| {size_label(f['size'])} | {p['added']:,} | {p['seconds']:,.0f} | "
            f"{phases.get('generate', 0):,.1f} | {phases.get('insert', 0):,.1f} | "
            f"{index_s:,.1f} | {phases.get('analyze', 0):,.1f} | {rate:,.0f} | "
            f"{'–' if measuring is None else f'{measuring:,.0f}'} |"
        )
    return [*lines, ""]


def _latency(sizes: list[dict[str, Any]]) -> list[str]:
    header = "| ms | " + " | ".join(
        f"{size_label(f['size'])} p50 | {size_label(f['size'])} p95" for f in sizes
    )
    lines = [
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
                "p95": slowest(f, "search"),
            },
        ),
        (
            "`LIKE '%…%'` scan, slowest query of the set",
            lambda f: {
                "p50": max(q["like"]["p50"] for q in f["queries"]),
                "p95": slowest(f, "like"),
            },
        ),
    ]
    for label, pick in rows:
        cells = []
        for f in sizes:
            figures = pick(f)
            cells.append(f"{ms(figures and figures['p50'])} | {ms(figures and figures['p95'])}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _search_table(sizes: list[dict[str, Any]]) -> list[str]:
    scaled = [f for f in sizes if f["size"] > REFERENCE] if _reference(sizes) else []
    lines = [
        "Search per query class (p95 ms; search = the search service with snippets and counts; "
        "ranked = `matching_ids` over the same window of 1,000, the index match and ranking "
        f"alone; ÷ {size_label(REFERENCE)} = search p95 at that size ÷ search p95 at "
        f"{size_label(REFERENCE)}, issue 12's scale target on PostgreSQL):",
        "",
        "| query | what | "
        + " | ".join(f"{size_label(f['size'])} search | ranked" for f in sizes)
        + "".join(f" | {size_label(f['size'])} ÷ {size_label(REFERENCE)}" for f in scaled)
        + " |",
        "| --- | --- |" + " ---: | ---: |" * len(sizes) + " ---: |" * len(scaled),
    ]
    reference = _reference(sizes)
    for query, note in _queries(sizes):
        cells = []
        for f in sizes:
            q = _query(f, query)
            cells.append(
                "– | –"
                if q is None
                else f"{ms(q['search']['p95'])} | {ms(q.get('ids', {}).get('p95'))}"
            )
        for f in scaled:
            q, base = _query(f, query), reference and _query(reference, query)
            ratio = q["search"]["p95"] / base["search"]["p95"] if q and base else None
            cells.append(factor(ratio) if ratio is None else f"{ratio:.2f}")
        lines.append(f"| `{_escape(query)}` | {note} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _like_table(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "Hits and the LIKE scan per query class (hits = search count / LIKE count, where a "
        'search count of 1,000 means "1,000 or more": only the newest 1,000 matches are '
        "ranked, decision 0009; LIKE = p95 ms of the scan; × = LIKE p95 ÷ search p95):",
        "",
        "| query | " + " | ".join(f"{size_label(f['size'])} hits | LIKE | ×" for f in sizes) + " |",
        "| --- |" + " ---: | ---: | ---: |" * len(sizes),
    ]
    for query, _note in _queries(sizes):
        cells = []
        for f in sizes:
            q = _query(f, query)
            if q is None:
                cells.append("– | – | –")
                continue
            cells.append(
                f"{q['search_count']:,} / {q['like_count']:,} | {ms(q['like']['p95'])} | "
                f"{factor(q['like']['p95'] / q['search']['p95'])}"
            )
        lines.append(f"| `{_escape(query)}` | " + " | ".join(cells) + " |")
    return [*lines, ""]


def plan_failures(figures: dict[str, Any]) -> list[str]:
    """One "query: problems" per query whose plan check failed at this size."""
    return [
        f"`{q['query']}`: {'; '.join(q['plan']['problems'])}"
        for q in figures["queries"]
        if "plan" in q and not q["plan"]["ok"]
    ]


def _plans(sizes: list[dict[str, Any]]) -> list[str]:
    checked = [f for f in sizes if any("plan" in q for q in f["queries"])]
    if not checked:
        return []
    lines = [
        "Plan check (issue 12): the statements the search ran for each query, explained with "
        "their parameters (`EXPLAIN (FORMAT JSON)`, benchmarks/plans.py); **ok** = the match "
        "is served by the GIN index `search_text_vector` and no statement reads "
        "`search_document` or `search_text` by a sequential scan:",
        "",
        "| query | " + " | ".join(size_label(f["size"]) for f in checked) + " |",
        "| --- |" + " --- |" * len(checked),
    ]
    for query, _note in _queries(checked):
        cells = []
        for f in checked:
            q = _query(f, query)
            plan = q and q.get("plan")
            if not plan:
                cells.append("–")
            elif plan["ok"]:
                cells.append("ok")
            else:
                cells.append("**FAILED**: " + "; ".join(plan["problems"]))
        lines.append(f"| `{_escape(query)}` | " + " | ".join(cells) + " |")
    largest = checked[-1]
    first = next((q for q in largest["queries"] if q.get("plan", {}).get("outlines")), None)
    if first is not None:
        lines += [
            "",
            f"The plan of the search for `{first['query']}` at {size_label(largest['size'])} "
            "(the planner's row estimates; every plan is kept in "
            "benchmarks/results/issues-postgresql.json and printed by the run):",
            "",
            "```",
            *[line for outline in first["plan"]["outlines"] for line in outline],
            "```",
        ]
    return [*lines, ""]


def _index_sizes(
    database: str, sizes: list[dict[str, Any]], baseline: dict[str, Any] | None
) -> list[str]:
    measured = [f for f in sizes if "fulltext" in f.get("index_size", {})]
    if not measured:
        return []
    base = (baseline or {}).get(database, {})
    lines = [
        "Size of the search index (MB; full-text index = "
        + (
            "the FTS5 tables' shadow tables, `search_fts_*`, through `dbstat`"
            if database == "sqlite"
            else "the GIN index `search_text_vector`, `pg_relation_size`"
        )
        + "; all search tables = every `search_` table with its indexes"
        + (" and TOAST, `pg_total_relation_size`" if database == "postgresql" else "")
        + "; baseline = benchmarks/results/index-baseline.json, before issue 12's search "
        "changes; growth = now ÷ baseline):",
        "",
        "| issues | full-text index | all search tables | baseline full-text | growth | "
        "baseline all | growth |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in measured:
        now = f["index_size"]
        then = base.get(str(f["size"]))
        if then and corpus_version(then) != corpus_version(f):
            then = None
        growth = growth_all = "–"
        if then:
            growth = f"{now['fulltext'] / then['fulltext']:.2f}"
            growth_all = f"{now['total'] / then['total']:.2f}"
        lines.append(
            f"| {size_label(f['size'])} | {mb(now['fulltext'])} | {mb(now['total'])} | "
            f"{mb(then and then['fulltext'])} | {growth} | {mb(then and then['total'])} | "
            f"{growth_all} |"
        )
    stamps = sorted(
        {(v["date"], v["commit"]) for k, v in base.items() if isinstance(v, dict) and "date" in v}
    )
    if stamps:
        lines += [
            "",
            "Baseline measured "
            + "; ".join(f"{date}, commit {commit}" for date, commit in stamps)
            + f" ({next(iter(base.values()))['machine']}).",
        ]
    return [*lines, ""]


def database_section(result: dict[str, Any], baseline: dict[str, Any] | None) -> list[str]:
    sizes, older = current_sizes(result)
    if not sizes:
        return [f"### {_name(result)}", "", "Not run yet.", ""]
    return [
        *_header(result, sizes, older),
        *_build(sizes),
        *_latency(sizes),
        *_search_table(sizes),
        *_like_table(sizes),
        *_plans(sizes),
        *_index_sizes(result["database"], sizes, baseline),
    ]


def slowest(figures: dict[str, Any], kind: str, stat: str = "p95") -> float:
    return max(q[kind][stat] for q in figures["queries"])


def like_factors(figures: dict[str, Any]) -> list[tuple[float, str]]:
    """LIKE p95 ÷ search p95 per query."""
    return sorted((q["like"]["p95"] / q["search"]["p95"], q["query"]) for q in figures["queries"])


def _not_yet(large: dict[str, Any]) -> str:
    return f"1 M not measured yet; at {size_label(large['size'])}"


def _targets_12(result: dict[str, Any], baseline: dict[str, Any] | None) -> list[str]:
    sizes, _older = current_sizes(result)
    if not sizes:
        return []
    name = _name(result)
    postgres = result["database"] == "postgresql"
    large = sizes[-1]
    at_big = large["size"] >= BIG
    at = size_label(large["size"])
    lines = []

    slow = slowest(large, "search")
    worst = max((q["search"]["p95"], q["query"]) for q in large["queries"])[1]
    verdict = ("met" if slow <= TARGET_SEARCH_P95_MS else "NOT met") if at_big else "not measured"
    where = f"at {at}" if at_big else _not_yet(large)
    lines.append(
        f"- {name}: every query class p95 ≤ {TARGET_SEARCH_P95_MS} ms at 1 M — {where} the "
        f"slowest is {ms(slow)} ms (`{worst}`): **{verdict}**."
    )

    ratios = scale_ratios(sizes, large) if large["size"] > REFERENCE else None
    kind = "target" if postgres else "information"
    if ratios:
        worst_ratio, worst_query = max(ratios)
        tail = "."
        if postgres:
            verdict = (
                ("met" if worst_ratio <= TARGET_SEARCH_SCALE_FACTOR else "NOT met")
                if at_big
                else "not measured"
            )
            tail = f": **{verdict}**."
        lines.append(
            f"- {name}: search p95 at 1 M within {TARGET_SEARCH_SCALE_FACTOR}× of 10 k, per "
            f"query class ({kind}) — {where} the largest ratio is {worst_ratio:.2f}× "
            f"(`{worst_query}`){tail}"
        )
    else:
        lines.append(
            f"- {name}: search p95 at 1 M within {TARGET_SEARCH_SCALE_FACTOR}× of 10 k ({kind}): "
            "**not measured** (needs 10 k and a larger size)."
        )

    factors = like_factors(large)
    low, low_query = factors[0]
    high = factors[-1][0]
    if postgres:
        lines.append(
            f"- {name}: search vs `LIKE` (information; the 100× target holds for SQLite only) "
            f"— at {at} {factor(low)}–{factor(high)}× (smallest: `{low_query}`)."
        )
        failed = [(f, plan_failures(f)) for f in sizes if any("plan" in q for q in f["queries"])]
        if failed:
            bad = [(f, problems) for f, problems in failed if problems]
            checked = ", ".join(size_label(f["size"]) for f, _p in failed)
            if bad:
                detail = "; ".join(
                    f"at {size_label(f['size'])}: " + ", ".join(problems) for f, problems in bad
                )
                verdict = f"**NOT met** ({detail})"
            elif failed[-1][0]["size"] >= BIG:
                verdict = f"**met** (checked at {checked})"
            else:
                verdict = f"passed at {checked}; **1 M not measured yet**"
            lines.append(
                f"- {name}: the match served by the GIN index, no sequential scan of "
                f"`search_document` or `search_text` (plan check, every query class): {verdict}."
            )
        else:
            lines.append(f"- {name}: plan check: **not run**.")
    else:
        verdict = ("met" if low >= TARGET_LIKE_FACTOR else "NOT met") if at_big else "not measured"
        lines.append(
            f"- {name}: search ≥ {TARGET_LIKE_FACTOR}× faster than `LIKE` at 1 M — {where} the "
            f"smallest ratio is {factor(low)}× (`{low_query}`): **{verdict}**."
        )

    base = (baseline or {}).get(result["database"], {})
    growths = []
    for f in sizes:
        then = base.get(str(f["size"]))
        now = f.get("index_size", {})
        if then and "fulltext" in now and corpus_version(then) == corpus_version(f):
            growths.append((now["fulltext"] / then["fulltext"], now["total"] / then["total"], f))
    if growths:
        worst_growth = max(g for g, _t, _f in growths)
        detail = ", ".join(
            f"{size_label(f['size'])} {g:.2f}× (all search tables {t:.2f}×)" for g, t, f in growths
        )
        outcome = "**met**" if worst_growth <= TARGET_INDEX_GROWTH else "**NOT met**"
        if all(base[str(f["size"])]["date"] == f["date"] for _g, _t, f in growths):
            outcome = "**baseline** (the sizes shown are the baseline itself)"
        lines.append(
            f"- {name}: full-text index ≤ {TARGET_INDEX_GROWTH}× its size before issue 12 — "
            f"{detail}: {outcome}."
        )
    else:
        lines.append(
            f"- {name}: full-text index ≤ {TARGET_INDEX_GROWTH}× its size before issue 12: "
            "**not measured** (no size in common with the baseline)."
        )
    return lines


def _targets_4(result: dict[str, Any]) -> list[str]:
    sizes, _older = current_sizes(result)
    if not sizes:
        return []
    name = _name(result)
    small, large = sizes[0], sizes[-1]
    at = size_label(large["size"])
    big_note = "" if large["size"] >= BIG else f" (1 M not run; largest measured: {at})"
    lines = []
    slow = slowest(large, "search")
    ok = "met" if slow <= TARGET_SEARCH_P95_MS else "NOT met"
    lines.append(
        f"- {name}{big_note}: search p95 ≤ {TARGET_SEARCH_P95_MS} ms — slowest query "
        f"{ms(slow)} ms at {at}: **{ok}**."
    )
    low, low_query = like_factors(large)[0]
    ok = "met" if low >= TARGET_LIKE_FACTOR else "NOT met"
    restated = " (restated by issue 12 for PostgreSQL)" if result["database"] != "sqlite" else ""
    lines.append(
        f"- {name}: search ≥ {TARGET_LIKE_FACTOR}× faster than LIKE at {at} — smallest "
        f"ratio {factor(low)}× (`{low_query}`): **{ok}**{restated}."
    )
    if len(sizes) < 2:
        lines.append(f"- {name}: list and issue page scaling: only one size measured.")
        return lines
    for label, key in (
        ("issue list first page", "list_first"),
        ("deep list page", "list_deep"),
        ("issue page", "detail"),
    ):
        ratio = large[key]["p95"] / small[key]["p95"]
        ok = "met" if ratio <= TARGET_SCALE_FACTOR else "NOT met"
        lines.append(
            f"- {name}: {label} p95 at {at} within {TARGET_SCALE_FACTOR}× of "
            f"{size_label(small['size'])} — {ms(large[key]['p95'])} ms vs "
            f"{ms(small[key]['p95'])} ms ({ratio:.2f}×): **{ok}**."
        )
    return lines


def render(issues: list[dict[str, Any]], baseline: dict[str, Any] | None) -> list[str]:
    lines = ["## Issues and search at scale", ""]
    if not issues:
        return [*lines, "Not run yet.", ""]
    for result in issues:
        lines += database_section(result, baseline)
    lines += [
        "## Targets (issue 12)",
        "",
        "PostgreSQL (restated): every query class p95 ≤ 50 ms at 1 M issues, the match served "
        "by the GIN index, p95 at 1 M within 3× of p95 at 10 k; SQLite: p95 ≤ 50 ms and "
        "≥ 100× `LIKE` at 1 M; both: the search index at most 1.5× its size before the "
        "issue's changes.",
        "",
    ]
    for result in issues:
        lines += _targets_12(result, baseline)
    lines += ["", "## Targets (issue 4)", ""]
    for result in issues:
        lines += _targets_4(result)
    return [*lines, ""]
