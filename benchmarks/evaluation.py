"""The annual evaluation report at scale (issue 19): a fiscal year with 1,000 events and
100 k attendances — building the report, its HTML and its PDF: time and peak memory.

Run by ``benchmarks.run --evaluation`` on a throw-away database::

    python -m benchmarks.evaluation --database-url sqlite:///{data_dir}/bench.sqlite3 \
        --json out.json

The data (bulk inserts, no services): 5,000 people in ten circles of 500; 1,000 published
events over FY2021 (定例会, テーマ勉強会, ヒアリング in turn), each with a guest and 100 checked-in
registrations drawn from one circle (so 100 k attendances, and the event co-attendance ties
that the network figures read: about 5 M tie events on about 1.2 M pairs). Everything is a
pure function of ``--seed``.

Figures, each phase timed alone, in the order a request runs them: the activities (the events'
yearly figures and per-event rows), the KPI table, the network before/after (public figures of
FY2020 and FY2021), the charts, the whole ``content.build``, the HTML of the print document, the
PDF (WeasyPrint), and the page through the test client with its query count. Memory: the
process's peak RSS (``resource``) after the data is built and at the end, and the Python
allocations' peak (``tracemalloc``) of one ``content.build``, measured in a separate pass since
tracing slows Python down.
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
import time
import tracemalloc
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup

PEOPLE = 5_000
CIRCLE = 500
FISCAL_YEAR = 2021


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(events: int, attendances: int, seed: int) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.core.wareki import TOKYO
    from kyoso.events.models import Event, Guest, Registration

    rng = random.Random(seed)
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(email=f"bench{i}@bench.example.jp", display_name=f"参加者{i}", password=password)
            for i in range(PEOPLE)
        ],
        batch_size=2_000,
    )
    users = list(
        User.objects.filter(email__startswith="bench").order_by("id").values_list("id", flat=True)
    )
    organizer = users[0]
    first = dt.datetime(FISCAL_YEAR, 4, 1, 19, 0, tzinfo=TOKYO)
    kinds = ["regular", "study", "hearing"]
    Event.objects.bulk_create(
        [
            Event(
                title=f"オンライン情報交換会 第{n + 1}回",
                kind=kinds[n % 3],
                topic="地域の担い手" if n % 3 == 1 else "",
                status="published",
                mode="online",
                created_by_id=organizer,
                starts_at=first + dt.timedelta(minutes=int(n * 364 * 24 * 60 / events)),
                ends_at=first + dt.timedelta(minutes=int(n * 364 * 24 * 60 / events) + 90),
            )
            for n in range(events)
        ],
        batch_size=1_000,
    )
    event_ids = list(Event.objects.order_by("id").values_list("id", flat=True))
    Guest.objects.bulk_create(
        [
            Guest(event_id=e, name=f"ゲスト{e}", affiliation="NPO法人", title="代表")
            for e in event_ids
        ],
        batch_size=1_000,
    )
    per_event = attendances // events
    now = timezone.now()
    batch: list[Registration] = []
    made = 0
    for index, event_id in enumerate(event_ids):
        circle = (index % (PEOPLE // CIRCLE)) * CIRCLE
        for user_index in rng.sample(range(circle, circle + CIRCLE), per_event):
            batch.append(
                Registration(
                    event_id=event_id,
                    user_id=users[user_index],
                    status="confirmed",
                    attendance="online",
                    confirmed_at=now,
                    checked_in_at=now,
                )
            )
        if len(batch) >= 10_000:
            Registration.objects.bulk_create(batch, batch_size=2_000)
            made += len(batch)
            batch = []
    Registration.objects.bulk_create(batch, batch_size=2_000)
    made += len(batch)
    return {"people": PEOPLE, "events": len(event_ids), "attendances": made}


def _pages(data: bytes) -> int | None:
    """The PDF's number of pages (poppler's pdfinfo), None where it is not installed."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        try:
            info = subprocess.run(
                ["pdfinfo", handle.name], capture_output=True, text=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            return None
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def _timed(fn: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def measure() -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kyoso.evaluation import content, kpi, pdf
    from kyoso.evaluation.selectors import year_report
    from kyoso.evaluation.services import report_publish
    from kyoso.events.figures import held_events, participation_figures

    out: dict[str, Any] = {}
    year = year_report(FISCAL_YEAR)
    figures, out["participation_seconds"] = _timed(lambda: participation_figures(FISCAL_YEAR))
    rows, out["held_events_seconds"] = _timed(lambda: held_events(FISCAL_YEAR))
    out["checked"] = {
        "events": figures.events,
        "attendance": figures.attendance,
        "rows_add_up": sum(r.attendance for r in rows) == figures.attendance,
    }
    _table, out["kpi_seconds"] = _timed(lambda: kpi.table(FISCAL_YEAR))
    _network, out["network_seconds"] = _timed(lambda: content.build_table(FISCAL_YEAR, "network"))
    report, out["build_seconds"] = _timed(lambda: content.build(year))
    html, out["html_seconds"] = _timed(lambda: pdf.render_html(report))
    out["html_bytes"] = len(html.encode("utf-8"))
    data, out["pdf_seconds"] = _timed(lambda: pdf.render_pdf(report))
    out["pdf_bytes"] = len(data)
    out["pdf_pages"] = _pages(data)
    out["rss_after_pdf_mb"] = _rss_mb()
    # The page as a visitor gets it once the report is published.
    report_publish(actor=None, fiscal_year=FISCAL_YEAR)
    client = Client()
    url = reverse("evaluation:report", kwargs={"fy": FISCAL_YEAR})
    with CaptureQueriesContext(connection) as captured:
        response, out["page_seconds"] = _timed(lambda: client.get(url))
    out["page_status"] = response.status_code
    out["page_queries"] = len(captured.captured_queries)
    # Python's own allocations during one build (slower: measured apart from the timings).
    tracemalloc.start()
    content.build(year)
    out["build_tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--attendances", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)
    from django.db import connection

    output: dict[str, Any] = {
        "database": vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
    }
    print(
        f"[{vendor}] building {args.events:,} events, {args.attendances:,} attendances", flush=True
    )
    sizes, output["data_build_seconds"] = _timed(
        lambda: build(args.events, args.attendances, args.seed)
    )
    output["sizes"] = sizes
    output["rss_after_data_mb"] = _rss_mb()
    print(f"[{vendor}] measuring", flush=True)
    output["load_before"] = os.getloadavg()[0]
    output.update(measure())
    output["load_after"] = os.getloadavg()[0]
    output["peak_rss_mb"] = _rss_mb()
    args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(output, ensure_ascii=False, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
