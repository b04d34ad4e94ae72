"""Events at scale (issue 5): the event list and an event's page with 100 k events and 1 M
registrations, and registration throughput under concurrency.

Run by ``benchmarks.run --events`` in a child process, one per database::

    python -m benchmarks.events --database-url URL --events 100000 --registrations 1000000 \
        --json out.json

The database must be empty (a throw-away one). It is migrated and filled in two steps, with
plain ``INSERT``s (:class:`benchmarks.populate.FastInsert`, no per-row ORM saves, no search
indexing): first the first 1,000 events (with their share of the registrations), where the
queries per page are counted, then the rest, where everything is measured:

- the list (``/events/``, Django test client, anonymous and signed in as a registrant): the
  first page of upcoming events, and the page 90 % deep of the upcoming tab and of the past
  tab (keyset pages: the ``after`` cursor of the event at 90 % of the tab, found once, not
  timed);
- an event's page, cycling over 50 events spread over the table, 10 of them (at full size)
  with thousands of registrations;
- the SQL queries of each of these requests (``CaptureQueriesContext``), at 1 k events and at
  full size, to show they do not grow with the data;
- registration throughput: a fresh event with 50 seats, ``--threads`` threads (each with its
  own database connection) registering 400 distinct people through
  ``registration_create`` as fast as they can; the benchmark checks that exactly 50 are
  confirmed, 350 waitlisted and that the event's seat counter equals the confirmed rows.

Events are spread over five years (four past, one to come), kinds, themes, modes,
municipalities and capacities; every event's number maps to a start time by a permutation, so
the first 1,000 events are spread over the same five years. Registrations come from a pool of
5,000 generated people; about one in ten is cancelled, the rest are confirmed while seats
remain, then waitlisted, and the seat counters on the event equal the confirmed rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup, _share_priority_with_backend
from benchmarks.stats import time_calls

PEOPLE = 5_000
SMALL = 1_000
#: Every BIG_EVERY-th event (of 100 k: 20 events) has thousands of registrations.
BIG_SHARE = 0.06
BIG_EVENTS = 20
BATCH = 2_000
SPAN_DAYS = 5 * 365
PAST_DAYS = 4 * 365
#: Start-time permutation: event number n starts at slot (n * STRIDE) % events.
STRIDE = 7_919
SEATS = 50
PEOPLE_REGISTERING = 400

KIND_TITLES = {
    "regular": "定例会",
    "study": "テーマ勉強会",
    "idea": "アイデアソン",
    "hearing": "ヒアリング",
    "other": "交流会",
}


# --- Building the data set -------------------------------------------------------------------


class Plan:
    """What event number ``n`` looks like: a pure function of ``n`` and the sizes, so the
    data set can be built in steps (the first 1,000 events, then the rest)."""

    def __init__(self, events: int, registrations: int, start: dt.datetime) -> None:
        from kyoso.events.models import EventKind, EventMode
        from kyoso.issues.vocab import Theme
        from kyoso.regions.models import Municipality

        self.events = events
        self.start = start
        self.slot = dt.timedelta(days=SPAN_DAYS) / events
        self.big_every = max(1, events // BIG_EVENTS)
        big_count = len(range(0, events, self.big_every))
        self.big_size = min(PEOPLE - 1, int(registrations * BIG_SHARE) // max(1, big_count))
        rest = max(0, registrations - self.big_size * big_count)
        small_events = events - big_count
        self.base, self.extra = divmod(rest, max(1, small_events))
        self.kinds = [k.value for k in EventKind]
        self.modes = [EventMode.VENUE.value] * 6 + [EventMode.ONLINE.value] * 2
        self.modes += [EventMode.HYBRID.value] * 2
        self.themes = ["", *[t.value for t in Theme]]
        self.places = list(Municipality.objects.order_by("pk").values_list("pk", "name"))

    def is_big(self, n: int) -> bool:
        return n % self.big_every == 0

    def registration_count(self, n: int) -> int:
        if self.is_big(n):
            return self.big_size
        # Spread the remainder over the small events (number n, not counting big ones).
        small_index = n - (n // self.big_every) - 1
        return min(PEOPLE - 1, self.base + (1 if small_index % self.events < self.extra else 0))

    def event(self, n: int, event_id: int, organizers: list[int]) -> dict[str, Any]:
        kind = self.kinds[n % len(self.kinds)]
        mode = self.modes[(n // 5) % len(self.modes)]
        place, place_name = self.places[(n * 31) % len(self.places)]
        starts = self.start + self.slot * ((n * STRIDE) % self.events)
        starts = starts.replace(minute=0, second=0, microsecond=0)
        if self.is_big(n):
            capacity: int | None = 1_000
        else:
            capacity = (None, 10, 20, 30, 50, 100, 200)[n % 7]
        venue = capacity if mode != "online" else None
        online = capacity if mode != "venue" else None
        return {
            "id": event_id,
            "title": f"{place_name}の{KIND_TITLES[kind]} 第{n + 1}回",
            "kind": kind,
            "theme": self.themes[(n * 7) % len(self.themes)],
            "topic": "地域の課題を持ち寄って話し合います",
            "description": "地域で活動する人が集まり、課題と取り組みを共有します。" * 3,
            "status": "published",
            "created_by_id": organizers[n % len(organizers)],
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=2),
            "mode": mode,
            "venue_name": f"{place_name}市民活動センター" if mode != "online" else "",
            "municipality_id": place,
            "online_url": "https://meet.example.invalid/kyoso" if mode != "venue" else "",
            "capacity_venue": venue,
            "capacity_online": online,
            "created_at": starts - dt.timedelta(days=30),
            "updated_at": starts - dt.timedelta(days=30),
        }


def ensure_pool() -> list[int]:
    """The 5,000 generated people (verified email, unusable password); their ids."""
    from kyoso.accounts.models import User

    domain = "@events.bench.kyoso.invalid"
    if not User.objects.filter(email__endswith=domain).exists():
        now = dt.datetime.now(dt.UTC)
        User.objects.bulk_create(
            (
                User(
                    email=f"person{n:05d}{domain}",
                    display_name=f"参加者{n}",
                    email_verified_at=now,
                    password="!",
                )
                for n in range(PEOPLE + PEOPLE_REGISTERING)
            ),
            batch_size=1000,
        )
    return list(
        User.objects.filter(email__endswith=domain).order_by("id").values_list("id", flat=True)
    )


def build(plan: Plan, numbers: range, people: list[int]) -> int:
    """Insert events ``numbers`` with their registrations; the number of registrations."""
    from django.db import transaction

    from benchmarks.populate import FastInsert
    from kyoso.events.models import Event, Registration

    events, registrations = FastInsert(Event), FastInsert(Registration)
    event_id, registration_id = events.next_id(), registrations.next_id()
    pool = people[:PEOPLE]
    organizers = pool[-50:]
    added = 0
    for first in range(numbers.start, numbers.stop, BATCH):
        event_rows, registration_rows = [], []
        for n in range(first, min(first + BATCH, numbers.stop)):
            row = plan.event(n, event_id, organizers)
            event_id += 1
            count = plan.registration_count(n)
            offset = 0 if plan.is_big(n) else (n * 97) % PEOPLE
            confirmed = {"venue": 0, "online": 0}
            capacity = {"venue": row["capacity_venue"], "online": row["capacity_online"]}
            opened = row["starts_at"] - dt.timedelta(days=20)
            for k in range(count):
                if row["mode"] == "hybrid":
                    attendance = "online" if k % 2 else "venue"
                else:
                    attendance = "online" if row["mode"] == "online" else "venue"
                at = opened + dt.timedelta(minutes=k)
                record: dict[str, Any] = {
                    "id": registration_id,
                    "event_id": row["id"],
                    "user_id": pool[(offset + k) % PEOPLE],
                    "attendance": attendance,
                    "code": f"B{registration_id:010d}",
                    "created_at": at,
                }
                registration_id += 1
                limit = capacity[attendance]
                if k % 10 == 9:
                    record.update(status="cancelled", cancelled_at=at + dt.timedelta(days=1))
                elif limit is None or confirmed[attendance] < limit:
                    confirmed[attendance] += 1
                    record.update(status="confirmed", confirmed_at=at)
                else:
                    record.update(status="waitlisted", waitlisted_at=at)
                registration_rows.append(record)
            row["confirmed_venue"] = confirmed["venue"]
            row["confirmed_online"] = confirmed["online"]
            event_rows.append(row)
        with transaction.atomic():
            events.insert(event_rows)
            registrations.insert(registration_rows)
        added += len(registration_rows)
    return added


def finish_build() -> None:
    from benchmarks.populate import analyze, reset_sequences
    from kyoso.events.models import Event, Registration

    reset_sequences([Event, Registration])
    analyze()


def check_counters() -> dict[str, int]:
    """Events whose seat counters differ from their confirmed rows (0 expected)."""
    from django.db.models import Count, F, Q

    from kyoso.events.models import Event

    wrong = (
        Event.objects.annotate(
            rows=Count("registrations", filter=Q(registrations__status="confirmed"))
        )
        .exclude(rows=F("confirmed_venue") + F("confirmed_online"))
        .count()
    )
    return {"events_with_wrong_counters": wrong}


# --- Measuring the pages ---------------------------------------------------------------------


def _urls(events: int) -> dict[str, Any]:
    from django.urls import reverse
    from django.utils import timezone

    from kyoso.core.keyset import encode_cursor
    from kyoso.events.models import Event
    from kyoso.events.selectors import EventFilters, filtered_events

    now = timezone.now()
    list_url = reverse("events:list")

    def deep(filters: EventFilters) -> tuple[int, str]:
        """The tab's size, and the query of its page after the event at 90 % (untimed)."""
        query = "when=past&" if filters.past else ""
        keys = filtered_events(filters, now=now).values_list("starts_at", "pk")
        size = keys.count()
        if not size:
            return size, query
        starts_at, pk = keys[max(0, int(size * 0.9) - 1)]
        return size, f"{query}after={encode_cursor(filters.tab, starts_at, pk)}"

    upcoming, upcoming_query = deep(EventFilters())
    past, past_query = deep(EventFilters(past=True))
    ids = list(Event.objects.order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // 50)
    detail_ids = ids[::step][:50]
    return {
        "list": list_url,
        "deep": f"{list_url}?{upcoming_query}",
        "past_deep": f"{list_url}?{past_query}",
        "details": [reverse("events:detail", args=[pk]) for pk in detail_ids],
        "upcoming": upcoming,
        "past": past,
    }


def count_queries(registrant_id: int, events: int) -> dict[str, dict[str, int]]:
    """SQL queries per request for each page, anonymous and signed in."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kyoso.accounts.models import User

    urls = _urls(events)
    counts: dict[str, dict[str, int]] = {}
    for who, client in _clients(User.objects.get(pk=registrant_id)).items():
        figures: dict[str, int] = {}
        targets = {"list_first": urls["list"], "list_deep": urls["deep"]}
        targets["past_deep"] = urls["past_deep"]
        targets["detail"] = urls["details"][1]
        targets["detail_big"] = urls["details"][0]  # event number 0: the most registrations
        for name, url in targets.items():
            client.get(url)  # warm caches (session, site settings) as a visitor would have
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            figures[name] = len(captured.captured_queries)
        counts[who] = figures
    return counts


def _clients(registrant: Any) -> dict[str, Any]:
    from django.test import Client

    signed_in = Client()
    signed_in.force_login(registrant)
    return {"anonymous": Client(), "registrant": signed_in}


def measure(registrant_id: int, events: int, rounds: int) -> dict[str, Any]:
    from kyoso.accounts.models import User

    _share_priority_with_backend()
    urls = _urls(events)
    results: dict[str, Any] = {
        "upcoming": urls["upcoming"],
        "past": urls["past"],
        "deep_url": urls["deep"],
        "past_deep_url": urls["past_deep"],
        "load_before": os.getloadavg()[0],
        "nice": os.getpriority(os.PRIO_PROCESS, 0),
    }
    for who, client in _clients(User.objects.get(pk=registrant_id)).items():

        def get(url: str, client: Any = client) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        cycle = iter(range(10**9))

        def detail(cycle: Any = cycle, details: list[str] = urls["details"]) -> None:
            get(details[next(cycle) % len(details)])

        results[who] = {
            "list_first": time_calls(lambda: get(urls["list"]), rounds=rounds, budget_s=30),
            "list_deep": time_calls(lambda: get(urls["deep"]), rounds=rounds, budget_s=30),
            "past_deep": time_calls(lambda: get(urls["past_deep"]), rounds=rounds, budget_s=30),
            "detail": time_calls(detail, rounds=rounds, budget_s=30),
        }
    results["load_after"] = os.getloadavg()[0]
    return results


# --- Registration under concurrency ----------------------------------------------------------


def registration_throughput(people: list[int], threads: int) -> dict[str, Any]:
    """``threads`` threads, each on its own connection, register 400 people for one fresh event
    with 50 seats through ``registration_create``; registrations per second and the outcome."""
    from django.db import connections
    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.events.models import Event, Registration
    from kyoso.events.services.registration import registration_create

    starts = timezone.now() + dt.timedelta(days=30)
    event = Event.objects.create(
        title="ベンチマーク：同時申込",
        kind="regular",
        created_by_id=people[0],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        mode="venue",
        capacity_venue=SEATS,
    )
    users = list(User.objects.filter(pk__in=people[PEOPLE:]).order_by("id"))
    assert len(users) == PEOPLE_REGISTERING, len(users)
    queue = iter(users)
    lock = threading.Lock()
    barrier = threading.Barrier(threads + 1)
    errors: list[str] = []
    done = [0]

    def work() -> None:
        try:
            mine = Event.objects.get(pk=event.pk)
            barrier.wait(timeout=60)
            while True:
                with lock:
                    user = next(queue, None)
                if user is None:
                    return
                try:
                    registration_create(actor=user, event=mine)
                    with lock:
                        done[0] += 1
                except Exception as error:  # counted and reported, not hidden
                    errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections["default"].close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=60)
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    rows = Registration.objects.filter(event_id=event.pk)
    confirmed = rows.filter(status="confirmed").count()
    waitlisted = rows.filter(status="waitlisted").count()
    event.refresh_from_db()
    outcome = {
        "threads": threads,
        "people": PEOPLE_REGISTERING,
        "seats": SEATS,
        "registered": done[0],
        "seconds": elapsed,
        "per_second": done[0] / elapsed if elapsed else 0.0,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "seat_counter": event.confirmed_venue,
        "oversold": max(0, confirmed - SEATS),
        "errors": len(errors),
        "first_errors": errors[:5],
    }
    outcome["ok"] = (
        confirmed == SEATS
        and waitlisted == PEOPLE_REGISTERING - SEATS
        and event.confirmed_venue == confirmed
        and not errors
    )
    return outcome


# --- Main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--registrations", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)

    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    # Registration mail goes through the immediate task backend (not production's queue):
    # keep it in memory rather than trying an SMTP server.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    output: dict[str, Any] = {
        "database": vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
        "events": args.events,
        "registrations": args.registrations,
    }

    def save() -> None:
        output["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")

    started = time.perf_counter()
    people = ensure_pool()
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    plan = Plan(args.events, args.registrations, today - dt.timedelta(days=PAST_DAYS))
    small = min(SMALL, args.events)
    print(f"[{vendor}] building the first {small:,} events", flush=True)
    added = build(plan, range(small), people)
    finish_build()
    registrant = people[0]
    output["small"] = {
        "events": small,
        "registrations": added,
        "queries": count_queries(registrant, small),
    }
    print(f"[{vendor}] building up to {args.events:,} events", flush=True)
    build_started = time.perf_counter()
    added += build(plan, range(small, args.events), people)
    finish_build()
    output["build_seconds"] = time.perf_counter() - started
    output["build_rest_seconds"] = time.perf_counter() - build_started
    output["registrations_built"] = added
    output.update(check_counters())
    save()
    print(f"[{vendor}] measuring at {args.events:,} events, {added:,} registrations", flush=True)
    output["queries"] = count_queries(registrant, args.events)
    output["pages"] = measure(registrant, args.events, args.rounds)
    save()
    print(f"[{vendor}] registering {PEOPLE_REGISTERING} people with {args.threads} threads")
    output["concurrency"] = registration_throughput(people, args.threads)
    save()
    outcome = output["concurrency"]
    print(f"[{vendor}] {json.dumps(outcome, ensure_ascii=False)}", flush=True)
    if not outcome["ok"]:
        # Saved with the figures (run.py stops on it after saving, the report shows it).
        print(f"[{vendor}] REGISTRATION CHECK FAILED (see above)", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
