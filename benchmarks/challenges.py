"""The challenge list at the size issue 15 names: 10 k listed challenges (and 500 drafts that
must stay out), p95 ≤ 50 ms on both databases, constant query count.

Run once per database (a throw-away one; it is migrated and filled with bulk inserts)::

    python -m benchmarks.challenges --database-url URL --json results/challenges-<db>.json

Measured, as an anonymous visitor:

- ``list_page``: ``/challenges/`` (the first page, newest first);
- ``list_filtered``: ``/challenges/?direction=municipality_posts&proposer=company`` ;
- ``list_page_2``: the second page (the keyset cursor of the first);
- ``api_list``: ``/api/v1/challenges?limit=20``;

and each one's query count with 100 challenges and with 10 k (they must be equal). The load
average is recorded before and after: the machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup, _share_priority_with_backend
from benchmarks.stats import time_calls

CHALLENGES = 10_000
DRAFTS = 500
POSTERS = 200
START = dt.datetime(2023, 4, 1, tzinfo=dt.UTC)
STEP = dt.timedelta(minutes=30)
DIRECTIONS = ["municipality_posts"]


def build(first: int, count: int, drafts: int) -> None:
    """Challenges number ``first`` … ``first + count - 1`` (plus ``drafts`` drafts)."""
    from django.db import transaction

    from kyoso.challenges.models import Challenge, ChallengeStatus, Direction, OfferKind
    from kyoso.orgs.models import Organization

    directions = [d for d in DIRECTIONS if d in Direction.values] or [Direction.values[0]]
    today = dt.date.today()
    with transaction.atomic():
        posters = list(Organization.objects.filter(slug__startswith="bench-poster-"))
        if not posters:
            posters = Organization.objects.bulk_create(
                Organization(
                    slug=f"bench-poster-{n}",
                    name=f"ベンチ市{n}",
                    org_type="local_government",
                    verified_at=START,
                )
                for n in range(POSTERS)
            )

        def row(n: int, status: str) -> Challenge:
            published = START + STEP * n
            return Challenge(
                organization=posters[n % len(posters)],
                direction=directions[n % len(directions)],
                title=f"下書き {n}" if status == ChallengeStatus.DRAFT else f"除雪の効率化 その{n}",
                problem="除雪の出動判断を経験に頼っています。",
                background="担い手が高齢化しています。",
                offer_kind=OfferKind.BUDGET,
                budget_yen=1_000_000 + (n % 50) * 100_000,
                questions_until=today + dt.timedelta(days=10 + n % 30),
                proposals_until=today + dt.timedelta(days=20 + n % 30),
                decision_by=today + dt.timedelta(days=60),
                open_to_company=n % 3 != 0,
                open_to_npo=n % 3 == 0,
                criteria_draft=[{"name": "実現可能性", "weight": 100, "description": ""}],
                status=status,
                published_at=None if status == ChallengeStatus.DRAFT else published,
            )

        Challenge.objects.bulk_create(
            (row(n, ChallengeStatus.PUBLISHED) for n in range(first, first + count)),
            batch_size=1000,
        )
        Challenge.objects.bulk_create(
            (row(first + count + n, ChallengeStatus.DRAFT) for n in range(drafts)),
            batch_size=1000,
        )


def _urls() -> dict[str, str]:
    from django.urls import reverse

    from kyoso.challenges import selectors

    base = reverse("challenges:list")
    cursor = selectors.challenge_page(selectors.ChallengeFilters()).next_cursor
    return {
        "list_page": base,
        "list_filtered": f"{base}?direction=municipality_posts&proposer=company",
        "list_page_2": f"{base}?after={cursor}",
        "api_list": "/api/v1/challenges?limit=20",
    }


def count_queries() -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    found = {}
    for name, url in _urls().items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        assert "下書き" not in response.content.decode()
        found[name] = len(captured.captured_queries)
    return found


def measure(rounds: int) -> dict[str, Any]:
    from django.test import Client

    _share_priority_with_backend()
    client = Client()
    timings: dict[str, Any] = {"load_before": list(os.getloadavg())}
    for name, url in _urls().items():

        def get(url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        timings[name] = time_calls(get, rounds=rounds, budget_s=60)
    timings["load_after"] = list(os.getloadavg())
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)
    from django.db import connection

    from benchmarks.populate import analyze

    started = time.perf_counter()
    build(0, CHALLENGES // 100, DRAFTS // 100)
    analyze()
    small = count_queries()
    build(CHALLENGES // 100, CHALLENGES - CHALLENGES // 100, DRAFTS - DRAFTS // 100)
    built_s = time.perf_counter() - started
    analyze()
    big = count_queries()
    timings = measure(args.rounds)
    result = {
        "database": vendor,
        "server": _server_version(connection),
        "python": platform.python_version(),
        "size": {"challenges": CHALLENGES, "drafts": DRAFTS, "posters": POSTERS},
        "build_s": round(built_s, 1),
        "queries": {"challenges_100": small, f"challenges_{CHALLENGES}": big},
        "queries_constant": small == big,
        "target_p95_ms": 50,
        **timings,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
