"""Project crowdfunding at scale (issue 17): 1 M ledger entries over 10 k campaigns; the
campaign page and its transparency page, p95 (budget 50 ms); 100 concurrent pledges on the
last reward of a tier (exactly one must succeed).

Run by ``benchmarks.run --campaigns`` in a child process, one per database::

    python -m benchmarks.campaigns --database-url URL --entries 1000000 --json out.json

The database must be empty (a throw-away one). The ledger is built by
:func:`benchmarks.ledger.build` (plain INSERTs of what the services would have written: 4
accounts per campaign, captures, collections and refunds, running balances) with 40 002
accounts, i.e. 10 000 campaigns ``campaign:<c>:escrow`` …; then one ``Campaign`` row per
ledger campaign ``c`` ≥ 1 (so its escrow key is the ledger's), three tiers each and ten
pledges each (100 k) by 1 000 supporters. The pages are requested through Django's test
client (the full request: middleware, rules, selectors, template). The concurrency check opens
one fresh campaign through the services, sets its limited tier to one reward left and has
100 threads, each on its own connection, pledge for it at the same moment through
``pledge_create`` and the real payments app (bank transfers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup, _share_priority_with_backend
from benchmarks.stats import time_calls

SUPPORTERS = 1_000
PLEDGES_PER_CAMPAIGN = 10
THREADS = 100


def populate(campaigns: int) -> dict[str, int]:
    """Campaign rows for ledger campaigns 1 … campaigns-1, with tiers and pledges."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from benchmarks.populate import reset_sequences
    from kyoso.accounts.models import User
    from kyoso.campaigns.models import Campaign, Pledge, StateChange, Tier
    from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project

    now = timezone.now()
    password = make_password(None)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    email=f"supporter{i}@bench.example.jp",
                    display_name=f"支援者{i}",
                    password=password,
                    email_verified_at=now,
                )
                for i in range(SUPPORTERS + THREADS + 1)
            ],
            batch_size=1_000,
        )
        lead = users[-1]
        project = Project.objects.create(
            title="ベンチマークのプロジェクト", goal="資金を集める", created_by=lead, member_count=1
        )
        Membership.objects.create(
            project=project,
            user=lead,
            role=MemberRole.LEAD,
            status=MemberStatus.ACTIVE,
            joined_at=now,
        )
    ids = list(range(1, campaigns))
    for chunk_start in range(0, len(ids), 2_000):
        chunk = ids[chunk_start : chunk_start + 2_000]
        with transaction.atomic():
            Campaign.objects.bulk_create(
                [
                    Campaign(
                        id=c,
                        project=project,
                        title=f"キャンペーン{c}",
                        description="ベンチマーク用のキャンペーンです。",
                        goal=1_000_000,
                        mode="all_or_nothing" if c % 2 else "keep_it_all",
                        state="open",
                        deadline=now + dt.timedelta(days=30),
                        opened_at=now,
                        starts_at=now,
                        pledged_total=PLEDGES_PER_CAMPAIGN * 5_000,
                        pledge_count=PLEDGES_PER_CAMPAIGN,
                        created_by=lead,
                    )
                    for c in chunk
                ]
            )
            StateChange.objects.bulk_create(
                [StateChange(campaign_id=c, from_state="draft", to_state="open") for c in chunk]
            )
            Tier.objects.bulk_create(
                [
                    Tier(
                        campaign_id=c,
                        title=title,
                        min_amount=amount,
                        quantity=quantity,
                        remaining=quantity,
                        position=i,
                    )
                    for c in chunk
                    for i, (title, amount, quantity) in enumerate(
                        [("お礼状", 1_000, None), ("お米5kg", 5_000, 50), ("招待券", 30_000, 5)]
                    )
                ]
            )
            Pledge.objects.bulk_create(
                [
                    Pledge(
                        campaign_id=c,
                        supporter=users[(c * PLEDGES_PER_CAMPAIGN + p) % SUPPORTERS],
                        amount=5_000,
                        show_name=p % 3 != 0,
                        payer_name="ベンチ",
                        method="bank_transfer",
                        status="paid",
                    )
                    for c in chunk
                    for p in range(PLEDGES_PER_CAMPAIGN)
                ],
                batch_size=5_000,
            )
    reset_sequences([Campaign, Tier, Pledge, StateChange])
    return {
        "campaigns": len(ids),
        "supporters": SUPPORTERS,
        "lead": lead.pk,
        "project": project.pk,
    }


def _longer_waits() -> None:
    """Threads wait up to 120 s for SQLite's write lock (production: 5 s): this measures that
    the queued pledges end right, not how long a writer waits."""
    from django.db import connections

    options = connections.settings["default"].setdefault("OPTIONS", {})
    if connections["default"].vendor == "sqlite":
        options["timeout"] = 120
        options["init_command"] = re.sub(
            r"busy_timeout=\d+", "busy_timeout=120000", options.get("init_command", "")
        )


def _last_reward_left(lead_id: int, project_id: int, title: str) -> tuple[Any, Any]:
    """A fresh campaign opened through the services, its limited tier down to one reward."""
    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.campaigns import services
    from kyoso.campaigns.models import Tier
    from kyoso.projects.models import Project

    lead = User.objects.get(pk=lead_id)
    campaign = services.campaign_create(
        actor=lead,
        project=Project.objects.get(pk=project_id),
        data={
            "title": title,
            "goal": 100_000,
            "mode": "all_or_nothing",
            "deadline": timezone.now() + dt.timedelta(days=10),
        },
    )
    tier = services.tier_add(
        actor=lead,
        campaign=campaign,
        data={"title": "限定Tシャツ", "min_amount": 5_000, "quantity": 10},
    )
    services.campaign_open(actor=lead, campaign=campaign)
    Tier.objects.filter(pk=tier.pk).update(remaining=1)
    return campaign, tier


def _supporters(count: int) -> list[Any]:
    from kyoso.accounts.models import User

    people = list(User.objects.filter(email__startswith="supporter").order_by("-id")[1 : count + 1])
    if len(people) < count:
        raise SystemExit(f"{count} supporters asked for, {len(people)} in the data set")
    return people


def _tier_after(tier_id: int) -> dict[str, Any]:
    from kyoso.campaigns.models import Pledge, Tier

    return {
        "remaining_after": Tier.objects.get(pk=tier_id).remaining,
        "pledges_for_the_tier": Pledge.objects.filter(tier_id=tier_id).count(),
    }


def last_reward(lead_id: int, project_id: int, threads: int = THREADS) -> dict[str, Any]:
    """``threads`` threads of this process (each its own database connection, so PostgreSQL's
    ``max_connections`` bounds it) pledge at once for the last reward of a tier."""
    from django.db import connections

    from kyoso.campaigns import services
    from kyoso.campaigns.errors import CampaignError

    campaign, tier = _last_reward_left(lead_id, project_id, "同時支援のベンチマーク")
    people = _supporters(threads)
    _longer_waits()
    barrier = threading.Barrier(threads + 1)
    outcomes: list[str] = []
    lock = threading.Lock()

    def work(person: Any) -> None:
        try:
            barrier.wait(timeout=120)
            try:
                services.pledge_create(
                    actor=person,
                    campaign=campaign,
                    amount=5_000,
                    tier_id=tier.pk,
                    payer_name="シエンシャ",
                    payer_kana="シエンシャ",
                )
                result = "pledged"
            except CampaignError as error:
                result = error.code
            except Exception as error:  # counted and reported, not hidden
                result = f"{type(error).__name__}: {error}"
            with lock:
                outcomes.append(result)
        finally:
            connections["default"].close()

    workers = [threading.Thread(target=work, args=(p,)) for p in people]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    counts: dict[str, int] = {}
    for result in outcomes:
        counts[result] = counts.get(result, 0) + 1
    after = _tier_after(tier.pk)
    return {
        "threads": threads,
        "outcomes": counts,
        "seconds": elapsed,
        **after,
        "ok": counts.get("pledged") == 1
        and counts.get("sold_out") == threads - 1
        and after == {"remaining_after": 0, "pledges_for_the_tier": 1},
    }


def last_reward_http(
    lead_id: int, project_id: int, clients: int, workers: int, threads: int
) -> dict[str, Any]:
    """``clients`` signed-in supporters send the pledge form for the last reward of a tier at
    once, over HTTP, to a real app server (``kyoso serve``: ``workers`` × ``threads``, so at
    most that many database connections): exactly one is pledged (302 to the pledge's page),
    every other one is told it is sold out (400, the campaign page with the message)."""
    from django.urls import reverse
    from django.utils.html import escape

    from benchmarks import http_contention
    from kyoso.campaigns import messages

    campaign, tier = _last_reward_left(lead_id, project_id, "同時支援のベンチマーク（HTTP）")
    people = _supporters(clients)
    keys = http_contention.sessions(people)
    path = reverse("campaigns:pledge_create", args=[campaign.pk])
    pledges = reverse("campaigns:pledge", args=[0]).removesuffix("0/")
    sold_out = escape(str(messages.SOLD_OUT))
    form = {
        "amount": "5000",
        "tier": str(tier.pk),
        "method": "bank_transfer",
        "payer_name": "シエンシャ",
        "payer_kana": "シエンシャ",
        "show_name": "on",
    }

    def classify(status: int, location: str, page: str) -> str:
        if status == 302 and location.startswith(pledges):
            return "pledged (302)"
        if status == 400 and sold_out in page:
            return "sold out (400)"
        return f"HTTP {status} {location}".strip()

    server = http_contention.serve(workers, threads)
    try:
        answers = http_contention.post_at_once(server.port, path, [form] * clients, keys, classify)
    finally:
        http_contention.stop(server)
    counts = answers.counts()
    if any(not o.startswith(("pledged", "sold out")) for o in answers.outcomes):
        print(server.tail(), file=sys.stderr)
    after = _tier_after(tier.pk)
    slowest = answers.slowest()
    return {
        "requests": clients,
        "distinct_people": len({p.pk for p in people}),
        "server": f"kyoso serve (gunicorn), {workers} workers × {threads} threads",
        "outcomes": counts,
        **after,
        "all_answered_s": round(answers.elapsed, 1),
        "slowest_answer_s": round(slowest, 1) if slowest else None,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "ok": counts.get("pledged (302)") == 1
        and counts.get("sold out (400)") == clients - 1
        and after == {"remaining_after": 0, "pledges_for_the_tier": 1},
    }


def ledger_check() -> dict[str, Any]:
    """``check_ledger`` over everything, the pledges just made included."""
    from kyoso.ledger.checks import check_ledger

    started = time.perf_counter()
    problems = check_ledger()
    return {
        "check_ledger_problems": len(problems),
        "check_ledger_seconds": time.perf_counter() - started,
    }


def measure(campaigns: int, rounds: int) -> dict[str, Any]:
    from django.test import Client

    _share_priority_with_backend()
    client = Client()
    results: dict[str, Any] = {}
    spread = max(1, campaigns // 200)
    cycle = iter(range(10**9))

    def page(name: str) -> None:
        c = 1 + (next(cycle) * spread) % (campaigns - 1)
        response = client.get(f"/campaigns/{c}/{name}")
        assert response.status_code == 200, response.status_code

    results["campaign_page"] = time_calls(lambda: page(""), rounds=rounds, budget_s=60)
    results["transparency_page"] = time_calls(
        lambda: page("transparency/"), rounds=rounds, budget_s=60
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--campaigns", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument(
        "--threads", type=int, default=THREADS, help="last reward: threads of this process"
    )
    parser.add_argument(
        "--http-clients", type=int, default=THREADS, help="last reward: HTTP requests at once"
    )
    parser.add_argument("--http-workers", type=int, default=2)
    parser.add_argument("--http-threads", type=int, default=8)
    parser.add_argument(
        "--concurrency-only",
        action="store_true",
        help="only the last-reward parts (no 1 M build, no timings)",
    )
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--data-dir", help="keep the SQLite data set in this directory")
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url, args.data_dir)

    from django.db import connection

    from benchmarks.ledger import PER_CAMPAIGN, build
    from kyoso.ledger.checks import ledger_counts

    output: dict[str, Any] = {
        "database": vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
    }
    if args.concurrency_only:
        output["concurrency_only"] = True
        made = populate(1)  # the supporters and the project, no campaigns
    else:
        started = time.perf_counter()
        accounts = args.campaigns * len(PER_CAMPAIGN) + 2
        print(f"[{vendor}] building {args.entries:,} entries over {args.campaigns:,} campaigns")
        shape = build(accounts, args.entries)
        made = populate(shape["campaigns"])
        output["build_seconds"] = time.perf_counter() - started
        output["sizes"] = {**ledger_counts(), **made}
        print(f"[{vendor}] measuring at {output['sizes']}", flush=True)
        output.update(measure(shape["campaigns"], args.rounds))
    print(f"[{vendor}] {args.threads} threads pledge for the last reward", flush=True)
    output["last_reward"] = last_reward(made["lead"], made["project"], args.threads)
    print(f"[{vendor}] {args.http_clients} HTTP requests for the last reward", flush=True)
    output["last_reward_http"] = last_reward_http(
        made["lead"], made["project"], args.http_clients, args.http_workers, args.http_threads
    )
    output.update(ledger_check())
    output["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(output, ensure_ascii=False, indent=1), flush=True)
    ok = (
        output["last_reward"]["ok"]
        and output["last_reward_http"]["ok"]
        and output["check_ledger_problems"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
