"""Run Kyoso's benchmarks and write the figures to docs/performance.md.

Usage::

    make bench                                   # page latency, issues at 1 k and 10 k, and
                                                 # the pages against the floor at 1 k and 1 M
    python -m benchmarks.run --skip-floor         # the quick part only (a few minutes)
    python -m benchmarks.run --sizes 1000,10000,100000 --databases sqlite,postgres
    python -m benchmarks.run --events --nice -15  # issue 5: 100 k events, 1 M registrations
    python -m benchmarks.run --network            # issue 16: network figures, 100 k / 1 M
    python -m benchmarks.run --evaluation         # issue 19: a year's report, 1 k events
    python -m benchmarks.run --load               # issue 20: load with faults, PostgreSQL
    python -m benchmarks.run --floor              # issue 20: pages against a bare view

Each benchmark runs in its own child process on its own throw-away database: a temporary
SQLite file, or a PostgreSQL database created for the run and dropped afterwards
(``--postgres-url``, default ``postgres://postgres@127.0.0.1:5432/kyoso_bench``; its name must
contain "bench" so that no real database can be dropped by mistake). Figures are wall-clock on
this machine; tests never assert them.

Results are kept per database and size in ``benchmarks/results/*.json`` and the report is
rendered from all of them, so a quick ``make bench`` refreshes the small sizes without losing
the last 1 M figures (every table says when and on which commit its figures were taken).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks import report

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "performance.md"
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench"
DEFAULT_EVENTS_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_events"
DEFAULT_PROJECTS_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_projects"
DEFAULT_SCREENING_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_screening"
DEFAULT_CHALLENGES_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_challenges"
DEFAULT_HUBS_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_hubs"
DEFAULT_LEDGER_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_ledger"
DEFAULT_EVALUATION_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_evaluation"
DEFAULT_FUNDS_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_funds"
DEFAULT_CAMPAIGNS_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_campaigns"
DEFAULT_LOAD_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_load"
DEFAULT_FLOOR_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kyoso_bench_floor"
QUICK_SIZES = "1000,10000"
#: The search index's size before issue 12's changes (``--record-index-baseline``).
BASELINE = "index-baseline.json"


def _child(module: str, *args: str, env: dict[str, str] | None = None) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        subprocess.run(
            [sys.executable, "-m", module, *args, "--json", str(out)],
            cwd=ROOT,
            env=env or os.environ.copy(),
            check=True,
        )
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def _stamp() -> dict[str, str]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    # The figures and the report written by an earlier run are outputs, not changes.
    dirty = subprocess.run(
        [
            "git",
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            ".",
            ":!benchmarks/results",
            ":!docs/performance.md",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": (commit or "unknown") + ("+changes" if dirty else ""),
        "machine": report.machine(),
    }


# --- PostgreSQL: a database of our own -------------------------------------------------------


def _maintenance_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Refusing to use database {name!r}: its name must contain 'bench'.")
    return urlunsplit(parts._replace(path="/postgres")), name


def _postgres(url: str, sql: str) -> None:
    import psycopg

    maintenance, _name = _maintenance_url(url)
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def postgres_create(url: str) -> None:
    _maintenance, name = _maintenance_url(url)
    _postgres(url, f'DROP DATABASE IF EXISTS "{name}"')
    _postgres(url, f'CREATE DATABASE "{name}"')


def postgres_ensure(url: str) -> None:
    """Create the database unless it exists (a kept data set is grown, not rebuilt)."""
    import psycopg

    _maintenance, name = _maintenance_url(url)
    with contextlib.suppress(psycopg.errors.DuplicateDatabase):
        _postgres(url, f'CREATE DATABASE "{name}"')


def postgres_drop(url: str) -> None:
    _maintenance, name = _maintenance_url(url)
    _postgres(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_settings(url: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as conn:
        return {
            name: conn.execute(f"SHOW {name}").fetchone()[0]
            for name in ("server_version", "shared_buffers", "work_mem", "effective_cache_size")
        }


# --- Runs ------------------------------------------------------------------------------------


def run_pages(rounds: int) -> None:
    env = os.environ.copy()
    result = _child("benchmarks.pages", "--rounds", str(rounds), env=env)
    result.update(_stamp())
    _save("pages.json", result)


def run_issues(database: str, sizes: str, args: argparse.Namespace) -> None:
    env = os.environ.copy()
    env.pop("DATABASE_URL", None)
    extra: dict[str, object] = {}
    if database == "postgres":
        url = args.postgres_url
        if args.keep_postgres:
            postgres_ensure(url)
        else:
            postgres_create(url)
        extra["settings"] = postgres_settings(url)
    else:
        url = "sqlite:///{data_dir}/bench.sqlite3"
    keep: list[str] = []
    if database == "sqlite" and args.keep_sqlite:
        keep = ["--data-dir", args.keep_sqlite]
    try:
        result = _child(
            "benchmarks.issues",
            *keep,
            "--database-url",
            url,
            "--sizes",
            sizes,
            "--rounds",
            str(args.rounds),
            "--like-rounds",
            str(args.like_rounds),
            env=env,
        )
    finally:
        if database == "postgres" and not args.keep_postgres:
            postgres_drop(url)
    stamp = _stamp()
    name = f"issues-{result['database']}.json"
    stored = _load(name) or {"database": result["database"], "sizes": {}}
    stored["server_version"] = result["server_version"]
    stored.update(extra)
    for figures in result["results"]:
        figures.update(stamp)
        figures["peak_rss_mb"] = result.get("peak_rss_mb")
        stored["sizes"][str(figures["size"])] = figures
    _save(name, stored)
    if args.record_index_baseline:
        record_index_baseline(result["database"], result["server_version"], result["results"])


def record_index_baseline(database: str, server_version: str, sizes: list[dict]) -> None:
    """Keep the search index's size at each measured size as the baseline of issue 12's
    "index size growth ≤ 1.5×" target (``results/index-baseline.json``)."""
    baseline = _load(BASELINE) or {}
    kept = baseline.setdefault(database, {})
    for figures in sizes:
        size = figures.get("index_size", {})
        if "fulltext" not in size:
            continue
        kept[str(figures["size"])] = {
            **size,
            "corpus": figures.get("corpus", 1),
            "server_version": server_version,
            **{k: figures[k] for k in ("date", "commit", "machine")},
        }
    _save(BASELINE, baseline)


def _run_on_throwaway_database(
    name: str, database: str, postgres_url: str, options: list[str], *, save: bool = True
) -> dict[str, object]:
    """Run ``benchmarks.<name>`` on a throw-away database (a new PostgreSQL database at
    ``postgres_url``, dropped afterwards, or a SQLite file in the child's data directory) and
    save its result as ``results/<name>-<vendor>.json`` (one result per database: the last)."""
    env = os.environ.copy()
    env.pop("DATABASE_URL", None)
    extra: dict[str, object] = {}
    if database == "postgres":
        url = postgres_url
        postgres_create(url)
        extra["settings"] = postgres_settings(url)
    else:
        url = "sqlite:///{data_dir}/bench.sqlite3"
    try:
        result = _child(f"benchmarks.{name}", "--database-url", url, *options, env=env)
    finally:
        if database == "postgres":
            postgres_drop(url)
    result.update(extra)
    result.update(_stamp())
    if save:
        _save(f"{name}-{result['database']}.json", result)
    return result


def run_events(database: str, args: argparse.Namespace) -> None:
    """Events at scale (benchmarks/events.py)."""
    options = ["--events", str(args.events_count), "--registrations", str(args.registrations)]
    options += ["--rounds", str(args.rounds), "--threads", str(args.threads)]
    result = _run_on_throwaway_database("events", database, args.events_postgres_url, options)
    outcome = result.get("concurrency", {})
    if not isinstance(outcome, dict) or not outcome.get("ok"):
        raise SystemExit(f"Events on {database}: the registration check failed: {outcome}")


def run_projects(database: str, args: argparse.Namespace) -> None:
    """Projects and missions at scale (benchmarks/projects.py)."""
    options = ["--projects", str(args.projects_count), "--rounds", str(args.rounds)]
    _run_on_throwaway_database("projects", database, args.projects_postgres_url, options)


def run_screening(database: str, args: argparse.Namespace) -> None:
    """A screening round's summary, 500 items × 10 reviewers × 5 criteria
    (benchmarks/screening.py)."""
    options = ["--rounds", str(args.rounds)]
    _run_on_throwaway_database("screening", database, args.screening_postgres_url, options)


def run_challenges(database: str, args: argparse.Namespace) -> None:
    """The challenge list at 10 k challenges (benchmarks/challenges.py)."""
    options = ["--rounds", str(args.rounds)]
    _run_on_throwaway_database("challenges", database, args.challenges_postgres_url, options)


def run_load(args: argparse.Namespace) -> None:
    """Load and faults (issue 20, benchmarks/load.py): on its own PostgreSQL database only (the
    faults restart PostgreSQL; SQLite has no server to restart)."""
    options = ["--seconds", str(args.load_seconds), "--clients", str(args.load_clients)]
    if args.load_no_faults:
        options.append("--no-faults")
    if args.load_no_pg_restart:
        options.append("--no-pg-restart")
    result = _run_on_throwaway_database("load", "postgres", args.load_postgres_url, options)
    problems = [
        name
        for name, ok in (
            ("consistency", result["consistency"]["ok"]),  # type: ignore[index]
            ("tasks", result["tasks"]["ok"]),  # type: ignore[index]
            ("error pages", not result["error_pages_not_clean_count"]),
            ("5xx outside the fault windows", not result["steady"]["server_errors"]),  # type: ignore[index]
        )
        if not ok
    ]
    if problems:
        raise SystemExit(f"Load and faults: failed checks: {', '.join(problems)}")


def run_hubs(database: str, args: argparse.Namespace) -> None:
    """A hub with 20 spaces and 100 k past bookings, and one slot asked for by many at once
    (benchmarks/hubs.py): by threads calling the service (PostgreSQL's stock
    ``max_connections`` of 100 refuses 200 threads: ``--hubs-postgres-threads`` (80) there)
    and by ``--hubs-http-clients`` (200) HTTP requests to a real app server on both databases.
    ``--hubs-concurrency-only`` runs the same-slot parts alone and puts them into the last
    full result (its timings keep their own date)."""
    threads = args.hubs_threads if database == "sqlite" else args.hubs_postgres_threads
    options = ["--rounds", str(args.rounds), "--threads", str(threads)]
    options += ["--bookings", str(args.hubs_bookings)]
    options += ["--http-clients", str(args.hubs_http_clients)]
    options += ["--http-workers", str(args.hubs_http_workers)]
    options += ["--http-threads", str(args.hubs_http_threads)]
    if args.hubs_concurrency_only:
        options.append("--concurrency-only")
    result = _run_on_throwaway_database(
        "hubs", database, args.hubs_postgres_url, options, save=not args.hubs_concurrency_only
    )
    if args.hubs_concurrency_only:
        name = f"hubs-{result['database']}.json"
        merged = _load(name) or {"database": result["database"]}
        merged["same_slot"] = result["same_slot"]
        http = result["same_slot_http"]
        assert isinstance(http, dict)
        merged["same_slot_http"] = {**http, "commit": result.get("commit")}
        _save(name, merged)
    for key in ("same_slot", "same_slot_http"):
        same_slot = result.get(key, {})
        if not isinstance(same_slot, dict) or same_slot.get("bookings_of_the_slot") != 1:
            raise SystemExit(
                f"Hubs on {database}: the slot was not booked exactly once ({key}): {same_slot}"
            )


def run_network(args: argparse.Namespace) -> None:
    """The network figures at scale (benchmarks/network.py; no database): each size and design
    in its own child process, so each peak memory is its own; saved to
    ``results/network.json`` (the last run). docs/performance.md is not rewritten."""
    runs = []
    for size in [s.strip() for s in args.network_sizes.split(",") if s.strip()]:
        people, _sep, ties = size.partition(":")
        for design in [d.strip() for d in args.network_designs.split(",") if d.strip()]:
            print(f"network: {people} people, {ties} ties, {design}", flush=True)
            runs.append(
                _child(
                    "benchmarks.network",
                    "--people",
                    people,
                    "--ties",
                    ties,
                    "--design",
                    design,
                )
            )
    result: dict[str, object] = {"runs": runs}
    result.update(_stamp())
    _save("network.json", result)


def run_evaluation(database: str, args: argparse.Namespace) -> None:
    """The annual evaluation report for a year of 1,000 events and 100 k attendances
    (benchmarks/evaluation.py)."""
    options = ["--events", str(args.evaluation_events)]
    options += ["--attendances", str(args.evaluation_attendances)]
    result = _run_on_throwaway_database(
        "evaluation", database, args.evaluation_postgres_url, options
    )
    checked = result.get("checked", {})
    if not isinstance(checked, dict) or not checked.get("rows_add_up"):
        raise SystemExit(f"Evaluation on {database}: the rows do not add up: {checked}")


def run_ledger(database: str, args: argparse.Namespace) -> None:
    """The ledger at scale (benchmarks/ledger.py)."""
    options = ["--entries", str(args.ledger_entries)]
    _run_on_throwaway_database("ledger", database, args.ledger_postgres_url, options)


def run_funds(database: str, args: argparse.Namespace) -> None:
    """A fund's transparency page over 1 M ledger entries (benchmarks/funds.py)."""
    options = ["--entries", str(args.funds_entries)]
    _run_on_throwaway_database("funds", database, args.funds_postgres_url, options)


def run_campaigns(database: str, args: argparse.Namespace) -> None:
    """Crowdfunding at scale (benchmarks/campaigns.py): 1 M entries over 10 k campaigns, the
    campaign pages' p95, and the last reward of a tier asked for by many at once: by threads
    calling the service (PostgreSQL's stock ``max_connections`` of 100 refuses 100 threads:
    ``--campaigns-postgres-threads`` (60) there) and by ``--campaigns-http-clients`` (100) HTTP
    requests to a real app server on both databases. ``--campaigns-concurrency-only`` runs the
    last-reward parts alone and puts them into the last full result (its timings keep their
    own date)."""
    threads = args.campaigns_threads if database == "sqlite" else args.campaigns_postgres_threads
    options = ["--entries", str(args.ledger_entries), "--rounds", str(args.rounds)]
    options += ["--threads", str(threads)]
    options += ["--http-clients", str(args.campaigns_http_clients)]
    options += ["--http-workers", str(args.campaigns_http_workers)]
    options += ["--http-threads", str(args.campaigns_http_threads)]
    if args.campaigns_concurrency_only:
        options.append("--concurrency-only")
    result = _run_on_throwaway_database(
        "campaigns",
        database,
        args.campaigns_postgres_url,
        options,
        save=not args.campaigns_concurrency_only,
    )
    if args.campaigns_concurrency_only:
        name = f"campaigns-{result['database']}.json"
        merged = _load(name) or {"database": result["database"]}
        for key in ("last_reward", "last_reward_http"):
            figures = result[key]
            assert isinstance(figures, dict)
            merged[key] = {**figures, "commit": result.get("commit")}
        _save(name, merged)
    for key in ("last_reward", "last_reward_http"):
        outcome = result.get(key, {})
        if not isinstance(outcome, dict) or not outcome.get("ok"):
            raise SystemExit(
                f"Campaigns on {database}: the last-reward check failed ({key}): {outcome}"
            )
    if result.get("check_ledger_problems") != 0:
        raise SystemExit(f"Campaigns on {database}: check_ledger found problems")


def run_floor(database: str, args: argparse.Namespace) -> None:
    """Pages against the framework floor (issue 20, benchmarks/floor.py): requests/s and p95
    of the main pages as ratios to a bare view on the same gunicorn, compared with the
    committed ``results/floor-*.json`` (a warning line for any regression beyond 20 %)."""
    from benchmarks.floor import regressions

    options = ["--sizes", args.floor_sizes, "--seconds", str(args.floor_seconds)]
    result = _run_on_throwaway_database(
        "floor", database, args.floor_postgres_url, options, save=False
    )
    name = f"floor-{result['database']}.json"
    for line in regressions(_load(name), result):
        print(line, file=sys.stderr)
    _save(name, result)


def _databases(args: argparse.Namespace) -> list[str]:
    """The databases of ``--databases``, refusing an unknown one before anything runs."""
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    for database in databases:
        if database not in ("sqlite", "postgres"):
            raise SystemExit(f"Unknown database {database!r} (sqlite, postgres).")
    return databases


def wait_quiet(minutes: float, threshold: float) -> None:
    """Wait (up to ``minutes``) until the 1-minute load average drops below ``threshold``:
    figures taken while other work competes for the CPUs measure that work too."""
    deadline = time.monotonic() + minutes * 60
    while (load := os.getloadavg()[0]) >= threshold and time.monotonic() < deadline:
        print(f"waiting for a quiet machine: load {load:.1f} (≥ {threshold})", flush=True)
        time.sleep(30)


def _save(name: str, data: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _load(name: str) -> dict | None:
    path = RESULTS / name
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def _remarks() -> str:
    path = RESULTS / "notes.md"
    return path.read_text("utf-8") if path.exists() else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=QUICK_SIZES, help="issue counts, e.g. 1000,100000")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite and/or postgres")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--rounds", type=int, default=100, help="timed requests per figure")
    parser.add_argument("--like-rounds", type=int, default=10, help="timed LIKE scans per query")
    parser.add_argument("--page-rounds", type=int, default=200)
    parser.add_argument(
        "--keep-sqlite",
        metavar="DIR",
        help="keep the SQLite data set in DIR and grow it from what it holds on the next run",
    )
    parser.add_argument(
        "--keep-postgres",
        action="store_true",
        help="keep the PostgreSQL data set (not dropped; grown from what it holds next time)",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run at this niceness (e.g. -15, as root) when other work shares the machine; "
        "recorded with the figures",
    )
    parser.add_argument(
        "--record-index-baseline",
        action="store_true",
        help="keep this run's search index sizes as the baseline of issue 12's index size "
        "target (results/index-baseline.json; only before the search changes)",
    )
    parser.add_argument("--skip-pages", action="store_true", help="keep the last page figures")
    parser.add_argument("--skip-issues", action="store_true")
    parser.add_argument(
        "--skip-floor",
        action="store_true",
        help="leave out the pages against the framework floor (results/floor-*.json kept)",
    )
    parser.add_argument(
        "--events",
        action="store_true",
        help="run the events benchmark (issue 5) on --databases instead of pages and issues",
    )
    parser.add_argument("--events-count", type=int, default=100_000, help="events to generate")
    parser.add_argument("--registrations", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=20, help="concurrent registering threads")
    parser.add_argument("--events-postgres-url", default=DEFAULT_EVENTS_POSTGRES_URL)
    parser.add_argument(
        "--projects",
        action="store_true",
        help="run the projects and missions benchmark (issue 13) on --databases instead",
    )
    parser.add_argument("--projects-count", type=int, default=100_000)
    parser.add_argument("--projects-postgres-url", default=DEFAULT_PROJECTS_POSTGRES_URL)
    parser.add_argument(
        "--screening",
        action="store_true",
        help="run the screening summary benchmark (issue 15) on --databases; writes only "
        "results/screening-*.json (the report is not rewritten)",
    )
    parser.add_argument("--screening-postgres-url", default=DEFAULT_SCREENING_POSTGRES_URL)
    parser.add_argument(
        "--challenges",
        action="store_true",
        help="run the challenge list benchmark (issue 15) on --databases instead",
    )
    parser.add_argument("--challenges-postgres-url", default=DEFAULT_CHALLENGES_POSTGRES_URL)
    parser.add_argument(
        "--hubs",
        action="store_true",
        help="run the hubs benchmark (issue 18) on --databases instead",
    )
    parser.add_argument("--hubs-postgres-url", default=DEFAULT_HUBS_POSTGRES_URL)
    parser.add_argument("--hubs-bookings", type=int, default=100_000)
    parser.add_argument("--hubs-threads", type=int, default=200, help="same-slot threads, SQLite")
    parser.add_argument("--hubs-postgres-threads", type=int, default=80)
    parser.add_argument(
        "--hubs-http-clients",
        type=int,
        default=200,
        help="same-slot HTTP requests at once to a real app server (both databases)",
    )
    parser.add_argument("--hubs-http-workers", type=int, default=2)
    parser.add_argument("--hubs-http-threads", type=int, default=8)
    parser.add_argument(
        "--hubs-concurrency-only",
        action="store_true",
        help="with --hubs: only the same-slot parts (no 100 k build, no timings)",
    )
    parser.add_argument(
        "--ledger",
        action="store_true",
        help="run the ledger benchmark (issue 17) on --databases instead; writes only "
        "results/ledger-*.json",
    )
    parser.add_argument("--ledger-entries", type=int, default=1_000_000)
    parser.add_argument(
        "--campaigns",
        action="store_true",
        help="run the crowdfunding benchmark (issue 17) on --databases instead; writes only "
        "results/campaigns-*.json",
    )
    parser.add_argument("--campaigns-postgres-url", default=DEFAULT_CAMPAIGNS_POSTGRES_URL)
    parser.add_argument(
        "--campaigns-threads", type=int, default=100, help="last-reward threads, SQLite"
    )
    parser.add_argument("--campaigns-postgres-threads", type=int, default=60)
    parser.add_argument(
        "--campaigns-http-clients",
        type=int,
        default=100,
        help="last-reward HTTP requests at once to a real app server (both databases)",
    )
    parser.add_argument("--campaigns-http-workers", type=int, default=2)
    parser.add_argument("--campaigns-http-threads", type=int, default=8)
    parser.add_argument(
        "--campaigns-concurrency-only",
        action="store_true",
        help="with --campaigns: only the last-reward parts (no 1 M build, no timings)",
    )
    parser.add_argument("--ledger-postgres-url", default=DEFAULT_LEDGER_POSTGRES_URL)
    parser.add_argument(
        "--funds",
        action="store_true",
        help="run the fund transparency page benchmark (issue 17) on --databases instead; "
        "writes only results/funds-*.json",
    )
    parser.add_argument("--funds-entries", type=int, default=1_000_000)
    parser.add_argument("--funds-postgres-url", default=DEFAULT_FUNDS_POSTGRES_URL)
    parser.add_argument(
        "--network",
        action="store_true",
        help="run the network figures benchmark (issue 16; no database) instead; writes "
        "results/network.json only",
    )
    parser.add_argument(
        "--network-sizes",
        default="10000:100000,100000:1000000",
        help="people:ties pairs, comma-separated",
    )
    parser.add_argument(
        "--network-designs",
        default="full,no-betweenness",
        help="full, no-betweenness, samples-N (comma-separated)",
    )
    parser.add_argument(
        "--evaluation",
        action="store_true",
        help="run the evaluation report benchmark (issue 19) instead, then rewrite the report",
    )
    parser.add_argument("--evaluation-events", type=int, default=1_000)
    parser.add_argument("--evaluation-attendances", type=int, default=100_000)
    parser.add_argument("--evaluation-postgres-url", default=DEFAULT_EVALUATION_POSTGRES_URL)
    parser.add_argument(
        "--scaleout",
        action="store_true",
        help="requests/s through one and two app processes on PostgreSQL + Redis "
        "(benchmarks/scaleout.py); writes results/scaleout.json only",
    )
    parser.add_argument(
        "--scaleout-postgres-url",
        default="postgres://postgres@127.0.0.1:5432/kyoso_bench_scaleout",
    )
    parser.add_argument(
        "--load",
        action="store_true",
        help="issue 20: a scripted crowd against kyoso serve on PostgreSQL with faults (a "
        "gunicorn worker, the task worker and PostgreSQL itself restarted) (benchmarks/load.py); "
        "writes results/load-postgresql.json only",
    )
    parser.add_argument("--load-postgres-url", default=DEFAULT_LOAD_POSTGRES_URL)
    parser.add_argument("--load-seconds", type=float, default=60, help="steady load, seconds")
    parser.add_argument("--load-clients", type=int, default=8)
    parser.add_argument("--load-no-faults", action="store_true")
    parser.add_argument(
        "--load-no-pg-restart",
        action="store_true",
        help="leave PostgreSQL alone (it is shared): kill the two workers only",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="run the pages against the framework floor (issue 20) on --databases instead; "
        "writes results/floor-*.json and warns of regressions beyond 20 %%",
    )
    parser.add_argument(
        "--floor-sizes",
        default="1000,1000000",
        help="issue counts for the floor run; each run replaces results/floor-<database>.json",
    )
    parser.add_argument("--floor-seconds", type=float, default=5.0, help="load per page")
    parser.add_argument("--floor-postgres-url", default=DEFAULT_FLOOR_POSTGRES_URL)
    parser.add_argument("--render-only", action="store_true", help="rewrite the report only")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="MINUTES",
        help="before each run, wait up to MINUTES for the load average to drop below 1",
    )
    args = parser.parse_args(argv)
    if args.nice:
        # Inherited by the child processes; benchmarks/issues.py passes it on to its
        # PostgreSQL backend. Negative values need root.
        os.setpriority(os.PRIO_PROCESS, 0, args.nice)

    notes: list[str] = []
    apps = [
        (flag, runner)
        for flag, runner in (
            (args.screening, run_screening),
            (args.challenges, run_challenges),
            (args.hubs, run_hubs),
        )
        if flag
    ]
    if apps and not args.render_only:
        # Issues 15 and 18: only their results are measured; the report is rewritten from
        # every stored result.
        for _flag, runner in apps:
            for database in _databases(args):
                wait_quiet(args.wait_quiet, 1.0)
                runner(database, args)
    if args.ledger and not args.render_only:
        for database in _databases(args):
            wait_quiet(args.wait_quiet, 1.0)
            run_ledger(database, args)
        return 0
    if args.funds and not args.render_only:
        for database in _databases(args):
            wait_quiet(args.wait_quiet, 1.0)
            run_funds(database, args)
        return 0
    if args.campaigns and not args.render_only:
        for database in _databases(args):
            wait_quiet(args.wait_quiet, 1.0)
            run_campaigns(database, args)
        return 0
    if args.floor and not args.render_only:
        for database in _databases(args):
            run_floor(database, args)
        return 0
    if args.scaleout:
        wait_quiet(args.wait_quiet, 1.0)
        # a throw-away database, as every other benchmark has (the child migrates it)
        postgres_create(args.scaleout_postgres_url)
        try:
            figures = _child("benchmarks.scaleout", "--postgres-url", args.scaleout_postgres_url)
        finally:
            postgres_drop(args.scaleout_postgres_url)
        _save("scaleout.json", {**figures, **_stamp()})  # the stamp names the CPU
        return 0
    if args.network:
        wait_quiet(args.wait_quiet, 1.0)
        run_network(args)
        return 0
    if args.load:
        wait_quiet(args.wait_quiet, 1.0)
        run_load(args)
        return 0
    if args.evaluation and not args.render_only:
        for database in _databases(args):
            wait_quiet(args.wait_quiet, 1.0)
            run_evaluation(database, args)
    elif args.events and not args.render_only:
        for database in _databases(args):
            wait_quiet(args.wait_quiet, 1.0)
            run_events(database, args)
    elif apps or args.render_only:
        pass
    elif args.projects and not args.render_only:
        for database in _databases(args):
            wait_quiet(args.wait_quiet, 1.0)
            run_projects(database, args)
    elif not args.render_only:
        if not args.skip_pages:
            wait_quiet(args.wait_quiet, 1.0)
            run_pages(args.page_rounds)
        if not args.skip_issues:
            for database in _databases(args):
                if database == "postgres":
                    try:
                        if args.keep_postgres:
                            postgres_ensure(args.postgres_url)
                        else:
                            postgres_create(args.postgres_url)
                    except Exception as exc:  # reported in the figures, not hidden
                        message = f"PostgreSQL skipped: {args.postgres_url} not usable ({exc})."
                        print(message, file=sys.stderr)
                        notes.append(message)
                        continue
                wait_quiet(args.wait_quiet, 1.0)
                run_issues(database, args.sizes, args)
        if not args.skip_floor:
            # The pages against the floor (issue 20) on each database, at 1 k and 1 M issues
            # by default: the longest part of a plain `make bench` (about an hour on 2 cores).
            for database in _databases(args):
                run_floor(database, args)
    text = report.render(
        pages=_load("pages.json"),
        issues=[r for r in (_load("issues-sqlite.json"), _load("issues-postgresql.json")) if r],
        events=[r for r in (_load("events-sqlite.json"), _load("events-postgresql.json")) if r],
        projects=[
            r for r in (_load("projects-sqlite.json"), _load("projects-postgresql.json")) if r
        ],
        apps={
            name: [r for r in (_load(f"{name}-sqlite.json"), _load(f"{name}-postgresql.json")) if r]
            for name in ("challenges", "screening", "hubs")
        },
        evaluation=[
            r for r in (_load("evaluation-sqlite.json"), _load("evaluation-postgresql.json")) if r
        ],
        floor=[r for r in (_load("floor-sqlite.json"), _load("floor-postgresql.json")) if r],
        notes=notes,
        remarks=_remarks(),
        index_baseline=_load(BASELINE),
    )
    OUTPUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
