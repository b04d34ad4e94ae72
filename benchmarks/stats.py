"""Timing helpers shared by the benchmarks: wall-clock samples and their percentiles."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(sorted_samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted samples (p95 of 20 samples is the 19th)."""
    if not sorted_samples:
        return math.nan
    rank = max(1, math.ceil(fraction * len(sorted_samples)))
    return sorted_samples[rank - 1]


def summarize(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p95": percentile(ordered, 0.95),
        "max": ordered[-1],
    }


def time_calls(
    call: Callable[[], Any],
    *,
    rounds: int,
    budget_s: float | None = None,
    min_rounds: int = 5,
    warmup: int = 1,
) -> dict[str, float]:
    """Call ``call`` ``rounds`` times (fewer when ``budget_s`` runs out, never fewer than
    ``min_rounds``) after ``warmup`` untimed calls; return p50/p95/max in milliseconds."""
    for _ in range(warmup):
        call()
    samples: list[float] = []
    cpu: list[float] = []
    started = time.perf_counter()
    for done in range(rounds):
        if budget_s is not None and done >= min_rounds and time.perf_counter() - started > budget_s:
            break
        start = time.perf_counter()
        start_cpu = time.thread_time()
        call()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    result = summarize(samples)
    # This thread's CPU time (the database server's own is not in it): on a shared machine,
    # what the call costs apart from waiting for a core.
    ordered_cpu = sorted(cpu)
    result["cpu_p50"] = statistics.median(ordered_cpu)
    result["cpu_p95"] = percentile(ordered_cpu, 0.95)
    return result
