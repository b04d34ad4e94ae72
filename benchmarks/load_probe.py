"""A background task for the load test (benchmarks/load.py): it runs long enough for the worker
to be killed in the middle, and notes each run in ``KYOSO_DATA_DIR/probes.log`` so that a task
lost (never run) or run twice can be counted."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def probe(number: int, seconds: float) -> int:
    started = time.monotonic()
    while time.monotonic() - started < seconds:  # the work a killed worker leaves unfinished
        time.sleep(0.1)
    with open(Path(os.environ["KYOSO_DATA_DIR"]) / "probes.log", "a", encoding="utf-8") as log:
        log.write(f"{number}\n")
    return number
