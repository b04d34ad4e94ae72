"""Hubs at scale (issue 18): one hub with 20 spaces and 100 k past bookings — a space's
availability for a month and the staff's day board (p95, and their query counts at 1 k and at
full size) — and 200 concurrent requests for the same slot (exactly one booking).

Run on a throw-away database, one per run::

    python -m benchmarks.hubs --database-url sqlite:///{data_dir}/bench.sqlite3 --json out.json
    python -m benchmarks.hubs --database-url postgres://postgres@127.0.0.1/kyoso_bench_hubs \
        --json out.json

Bookings are written in bulk (``bulk_create``, no services): 100 k past slots spread over the
20 spaces, one a day per space and hour, never overlapping. Timings call the selectors the
pages call (``availability`` over the month's weeks, ``day_board``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from benchmarks.issues import _setup
from benchmarks.stats import time_calls

SPACES = 20


def build(bookings: int) -> dict[str, Any]:
    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.hubs.models import Booking, Hub, OpeningHours, Space
    from kyoso.hubs.opening import TOKYO
    from kyoso.orgs.models import Organization

    org = Organization.objects.create(slug="bench-hub", name="ベンチ拠点", org_type="hub")
    hub = Hub.objects.create(
        organization=org,
        slug="bench",
        name="ベンチ拠点",
        closed_on_holidays=False,
        closed_year_end=False,
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(hub=hub, weekday=w, opens=dt.time(0), closes=dt.time(23, 59)) for w in range(7)
    )
    spaces = [
        Space.objects.create(
            hub=hub, name=f"会議室{i}", slug=f"room-{i}", kind="room", capacity=10, max_minutes=240
        )
        for i in range(SPACES)
    ]
    people = User.objects.bulk_create(
        User(email=f"bench{i}@example.jp", display_name=f"利用者{i}") for i in range(200)
    )
    today = timezone.localdate()
    rows = []
    for n in range(bookings):
        space = spaces[n % SPACES]
        slot = n // SPACES
        day = today - dt.timedelta(days=1 + slot // 12)
        hour = 8 + slot % 12
        start = dt.datetime.combine(day, dt.time(hour), tzinfo=TOKYO)
        end = start + dt.timedelta(minutes=50)
        rows.append(
            Booking(
                space=space,
                hub=hub,
                user=people[n % len(people)],
                kind="slot",
                status="checked_in",
                day=day,
                starts_at=start,
                ends_at=end,
                blocked_until=end,
                free_cancel_until=start,
                checked_in_at=start,
                code=f"B{n:09d}",
            )
        )
        if len(rows) == 5000:
            Booking.objects.bulk_create(rows)
            rows = []
    Booking.objects.bulk_create(rows)
    return {"hub": hub, "space": spaces[0], "people": people}


def queries(call: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def measure(made: dict[str, Any], rounds: int) -> dict[str, Any]:
    from django.utils import timezone

    from kyoso.hubs.selectors import hub_get_by_slug
    from kyoso.hubs.selectors_bookings import day_board, month_weeks

    space = made["space"]
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    def month() -> Any:
        return month_weeks(space, last_month)

    def board() -> Any:
        return day_board(hub_get_by_slug("bench"))

    return {
        "month_availability": {**time_calls(month, rounds=rounds), "queries": queries(month)},
        "day_board": {**time_calls(board, rounds=rounds), "queries": queries(board)},
    }


def contention(made: dict[str, Any], threads: int) -> dict[str, Any]:
    from django.db import connections
    from django.utils import timezone

    from kyoso.hubs.models import Booking, Space
    from kyoso.hubs.opening import TOKYO
    from kyoso.hubs.services.bookings import booking_create
    from kyoso.hubs.services.common import BookingError

    day = timezone.localdate() + dt.timedelta(days=2)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=TOKYO)
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []
    lock = threading.Lock()

    def work(i: int) -> None:
        person = made["people"][i % len(made["people"])]
        space = Space.objects.select_related("hub__organization").get(pk=made["space"].pk)
        barrier.wait(timeout=120)
        try:
            booking_create(
                actor=person, space=space, starts_at=start, ends_at=start + dt.timedelta(hours=1)
            )
            outcome = "booked"
        except BookingError as error:
            outcome = error.code
        except Exception as error:
            outcome = type(error).__name__
        finally:
            connections["default"].close()
        with lock:
            outcomes.append(outcome)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return {
        "requests": threads,
        "outcomes": {o: outcomes.count(o) for o in sorted(set(outcomes))},
        "bookings_of_the_slot": Booking.objects.filter(space=made["space"], day=day).count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)
    made = build(1_000)
    small = {k: v["queries"] for k, v in measure(made, 3).items()}
    from kyoso.hubs.models import Booking, Hub

    Booking.objects.all().delete()
    Hub.objects.all().delete()
    from kyoso.orgs.models import Organization

    Organization.objects.filter(slug="bench-hub").delete()
    from kyoso.accounts.models import User

    User.objects.filter(email__startswith="bench").delete()
    made = build(args.bookings)
    load_before = os.getloadavg()[0]
    measured = measure(made, args.rounds)
    load_after = os.getloadavg()[0]
    result = {
        "database": vendor,
        "spaces": SPACES,
        "bookings": args.bookings,
        "queries_at_1000": small,
        "load_before": load_before,
        **measured,
        "load_after": load_after,
        "same_slot": contention(made, args.threads),
    }
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
