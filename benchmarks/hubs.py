"""Hubs at scale (issue 18): one hub with 20 spaces and 100 k past bookings — a space's
availability for a month and the staff's day board (p95, and their query counts at 1 k and at
full size) — and 200 concurrent requests for the same slot (exactly one booking), twice:

- ``same_slot``: ``--threads`` threads of this process call ``booking_create`` at once (each
  its own database connection, so PostgreSQL's ``max_connections`` of 100 bounds it there);
- ``same_slot_http``: ``--http-clients`` (200) client threads each hold an open HTTP
  connection to a real app server (``kyoso serve``: gunicorn on a loopback port,
  ``--http-workers`` × ``--http-threads``) as a different signed-in person, and at a barrier
  all POST the booking form's confirmation for the same hour. That is "200 concurrent
  requests" as users make them: the server takes them all and queues what its threads cannot
  run yet, and its own connections to the database stay under the limit. Counted: the HTTP
  statuses (302 to "my bookings" = booked, 409 = refused) and the slot's rows afterwards.

``--concurrency-only`` skips the 100 k build and the timings (a hub with 20 spaces and no
past bookings): the same-slot parts alone, in a few seconds.

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
import time
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


def contention_http(made: dict[str, Any], clients: int, workers: int, threads: int) -> dict:
    """``clients`` people at once confirm the same hour through the booking form, over HTTP,
    against a real app server (benchmarks/http_contention.py)."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.html import escape

    from benchmarks import http_contention
    from kyoso.hubs import messages
    from kyoso.hubs.models import HOLDING_STATUSES, Booking

    taken, busy = escape(str(messages.OVERLAP)), escape(str(messages.BUSY))
    space = made["space"]
    day = timezone.localdate() + dt.timedelta(days=3)  # not the threads' day
    people = [made["people"][i % len(made["people"])] for i in range(clients)]
    keys = http_contention.sessions(people)
    path = reverse("hubs:book", args=[space.hub.slug, space.slug])
    my_bookings = reverse("hubs:my_bookings")
    forms = [
        {
            "day": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "purpose": f"同じ枠 {i}",
            "attendees": "1",
            "confirm": "1",
        }
        for i in range(clients)
    ]

    def classify(status: int, location: str, page: str) -> str:
        if status == 302 and location == my_bookings:
            return "booked (302)"
        if status == 409 and taken in page:
            return "refused (409, taken)"
        if status == 409 and busy in page:
            return "refused (409, busy)"
        return f"HTTP {status} {location}".strip()

    server = http_contention.serve(workers, threads)
    try:
        answers = http_contention.post_at_once(server.port, path, forms, keys, classify)
    finally:
        http_contention.stop(server)
    if any(not o.startswith(("booked", "refused")) for o in answers.outcomes):
        print(server.tail(), file=sys.stderr)
    slowest = answers.slowest()
    return {
        "requests": clients,
        "distinct_people": len({p.pk for p in people}),
        "server": f"kyoso serve (gunicorn), {workers} workers × {threads} threads",
        "outcomes": answers.counts(),
        "bookings_of_the_slot": Booking.objects.filter(
            space=space, day=day, status__in=HOLDING_STATUSES
        ).count(),
        "all_answered_s": round(answers.elapsed, 1),
        "slowest_answer_s": round(slowest, 1) if slowest else None,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--http-clients", type=int, default=200)
    parser.add_argument("--http-workers", type=int, default=2)
    parser.add_argument("--http-threads", type=int, default=8)
    parser.add_argument(
        "--concurrency-only", action="store_true", help="only the same-slot parts (no 100 k)"
    )
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)
    result: dict = {"database": vendor}
    if args.concurrency_only:
        made = build(0)
        result["concurrency_only"] = True
    else:
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
        result |= {
            "spaces": SPACES,
            "bookings": args.bookings,
            "queries_at_1000": small,
            "load_before": load_before,
            **measured,
            "load_after": load_after,
        }
    result["same_slot"] = contention(made, args.threads)
    result["same_slot_http"] = contention_http(
        made, args.http_clients, args.http_workers, args.http_threads
    )
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
