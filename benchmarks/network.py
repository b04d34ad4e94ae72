"""The collaboration network's figures at scale (issue 16): 100 k people and 1 M ties.

Run by ``benchmarks.run --network`` in a child process, one per size and design::

    python -m benchmarks.network --people 100000 --ties 1000000 --design full --json out.json

No database: generating a million tie rows through the five tie sources (events, communities,
projects, missions, introductions) would measure the inserts, not the figures. The ties are
generated here and streamed straight into :func:`kyoso.network.figures.compute`, the function
``network.selectors.network_figures`` calls with the registry's ties, so what is measured is
the figures code itself (graph building, density, components, sectors, new ties per fiscal
year, betweenness) and the memory it holds.

The ties: people in groups of 100 (a community, a project); four ties in five are inside the
group, one in five with anyone; dates spread evenly over FY2020–FY2022, so about a third fall
before the measured period (FY2021–FY2022), which only tells which pairs are new. Sectors:
eight, by person. Everything is a pure function of ``--seed``.

Designs (``--design``):

- ``full``: ``compute`` as the secretariat's page calls it (bridges by betweenness, sampled
  with ``figures.samples_for``);
- ``no-betweenness``: ``compute(..., bridges=0)``, as the public page calls it;
- ``samples-N``: betweenness with N samples instead of ``samples_for``'s.

Figures: wall time of generating the ties alone (one pass, counted), wall time of ``compute``
(generation included, as the selector streams its ties) and its CPU time (the machine is
shared: wall time includes waiting for a core), and the child's peak memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

GROUP = 100
INSIDE_SHARE = 0.8
FIRST_DAY = dt.date(2020, 4, 1)
DAYS = 365 * 3  # FY2020, FY2021 and FY2022
START = dt.date(2021, 4, 1)
END = dt.date(2023, 3, 31)
SECTORS = ["citizen", "npo", "company", "university", "finance", "government", "student", "other"]
KINDS = ["event", "community", "project", "mission", "introduction"]


def _setup() -> None:
    os.environ.setdefault("KYOSO_DATA_DIR", tempfile.mkdtemp(prefix="kyoso-bench-network-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kyoso.settings"
    os.environ.setdefault("KYOSO_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def generate(people: int, ties: int, seed: int) -> Iterator[Any]:
    """``ties`` ties (:class:`kyoso.network.ties.Tie`, smaller id first) among ``people``."""
    from kyoso.network.ties import Tie

    rng = random.Random(seed)
    days = [FIRST_DAY + dt.timedelta(days=d) for d in range(DAYS)]
    randrange, rand = rng.randrange, rng.random
    for n in range(ties):
        a = randrange(people)
        if rand() < INSIDE_SHARE:
            base = a - a % GROUP
            b = base + randrange(min(GROUP, people - base))
        else:
            b = randrange(people)
        if a == b:
            b = (a + 1) % people
        if a > b:
            a, b = b, a
        yield Tie(a, b, days[randrange(DAYS)], KINDS[n % len(KINDS)])


def sectors_for(people: int) -> dict[int, str]:
    """Eight sectors by person; one person in nine states none (``unknown``)."""
    return {u: SECTORS[u % len(SECTORS)] for u in range(people) if u % 9}


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(people: int, ties: int, design: str, seed: int) -> dict[str, Any]:
    from kyoso.network import figures as fig

    rss_start = _maxrss_mib()
    began = time.perf_counter()
    counted = sum(1 for _tie in generate(people, ties, seed))
    generate_s = time.perf_counter() - began
    assert counted == ties

    bridges = 10
    if design == "no-betweenness":
        bridges = 0
    elif design.startswith("samples-"):
        samples = int(design.removeprefix("samples-"))
        fig.samples_for = lambda _people, _ties: samples  # type: ignore[assignment]
    elif design != "full":
        raise SystemExit(f"Unknown design {design!r}")
    sectors = sectors_for(people)
    began, cpu_began = time.perf_counter(), time.process_time()
    figures, graph = fig.compute(START, END, generate(people, ties, seed), sectors, bridges=bridges)
    compute_s = time.perf_counter() - began
    compute_cpu_s = time.process_time() - cpu_began
    # Betweenness alone, on the graph just built, with the same samples.
    betweenness_s = None
    if bridges:
        import networkx as nx

        began = time.perf_counter()
        nx.betweenness_centrality(graph, k=figures.betweenness_samples, seed=2021)
        betweenness_s = time.perf_counter() - began
    return {
        "people_generated": people,
        "ties_generated": ties,
        "design": design,
        "generate_seconds": round(generate_s, 2),
        "compute_seconds": round(compute_s, 2),
        "compute_cpu_seconds": round(compute_cpu_s, 2),
        "compute_minus_generate_seconds": round(compute_s - generate_s, 2),
        "betweenness_seconds": round(betweenness_s, 2) if betweenness_s is not None else None,
        "peak_rss_mib_before": round(rss_start, 1),
        "peak_rss_mib": round(_maxrss_mib(), 1),
        "figures": {
            key: value
            for key, value in figures.as_dict().items()
            if key not in ("sector_pairs", "bridges")
        },
        "targets": {"seconds": 60, "peak_rss_mib": 2048},
        "met": compute_s <= 60 and _maxrss_mib() <= 2048,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=1_000_000)
    parser.add_argument("--design", default="full", help="full, no-betweenness or samples-N")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    _setup()
    result = measure(args.people, args.ties, args.design, args.seed)
    import networkx

    result.update(
        {
            "python": platform.python_version(),
            "networkx": networkx.__version__,
            "load_average": [round(x, 1) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
            "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
    )
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
