"""A screening round's summary at the size issue 15 names: 500 items × 10 reviewers × 5
criteria (5,000 submissions, 25,000 scores), p95 ≤ 200 ms on both databases, constant query
count.

Run by ``benchmarks.run --screening`` in a child process, one per database::

    python -m benchmarks.screening --database-url URL --json out.json

The database must be empty (a throw-away one). It is migrated and filled with bulk inserts:
one organization posting the round, one organization per item (the applicants), ten reviewers
and the poster's admin. The subject adapter registered here describes items from the
applicant organizations in one query, as a real adapter would (challenges: one query for the
proposals with their organizations). Measured, as the poster's admin:

- ``summary_selector``: ``kyoso.screening.selectors.round_summary`` alone;
- ``summary_page``: ``/screening/<id>/summary`` rendered (500 table rows);

and the page's query count with 5 items and with 500 (they must be equal).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup, _share_priority_with_backend
from benchmarks.stats import time_calls

ITEMS = 500
REVIEWERS = 10
CRITERIA = 5
KIND = "bench.proposal"


class BenchAdapter:
    """Subjects are the applicant organizations themselves (subject id = organization id)."""

    def describe(self, subject_ids: Iterable[int]) -> dict[int, Any]:
        from kyoso.orgs.models import Organization
        from kyoso.screening.subjects import SubjectInfo

        return {
            pk: SubjectInfo(
                title=f"{name}の提案", organization_id=pk, person_ids=frozenset(), url=""
            )
            for pk, name in Organization.objects.filter(pk__in=list(subject_ids)).values_list(
                "pk", "name"
            )
        }

    def decided(self, *, subject_id: int, outcome: str, reason: str, actor: Any) -> None:
        return None


def build(items: int) -> dict[str, Any]:
    """The round with ``items`` items fully scored; returns ids the measuring needs."""
    from django.db import transaction
    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.orgs.models import MemberRole, Membership, Organization
    from kyoso.screening import services
    from kyoso.screening.models import (
        Decision,
        Reviewer,
        ReviewSubmission,
        Score,
        ScreeningItem,
    )
    from kyoso.screening.services import CriterionSpec

    now = timezone.now()
    with transaction.atomic():
        admin = User.objects.create(
            email=f"admin{items}@bench.kyoso.invalid", display_name="審査担当", password="!"
        )
        city = Organization.objects.create(
            slug=f"bench-city-{items}", name="ベンチ市", org_type="local_government"
        )
        Membership.objects.create(organization=city, user=admin, role=MemberRole.ADMIN)
        reviewers = User.objects.bulk_create(
            User(
                email=f"reviewer{items}-{k}@bench.kyoso.invalid",
                display_name=f"審査員{k}",
                password="!",
            )
            for k in range(REVIEWERS)
        )
        round = services.round_create(
            actor=admin,
            title=f"ベンチマーク審査 {items}",
            organization_id=city.pk,
            subject_kind=KIND,
            criteria=[
                CriterionSpec(name=f"観点{c + 1}", weight=c + 1, description="説明")
                for c in range(CRITERIA)
            ],
        )
        Reviewer.objects.bulk_create(
            Reviewer(round=round, user=u, may_decide=(k == 0)) for k, u in enumerate(reviewers)
        )
        applicants = Organization.objects.bulk_create(
            Organization(
                slug=f"bench-applicant-{items}-{n}", name=f"応募団体{n}", org_type="company"
            )
            for n in range(items)
        )
        rows = ScreeningItem.objects.bulk_create(
            ScreeningItem(round=round, subject_id=org.pk) for org in applicants
        )
        criteria = list(round.criteria.order_by("position"))
        submissions = []
        values: list[list[int]] = []
        for n, item in enumerate(rows):
            for k, user in enumerate(reviewers):
                v = [1 + (n + k * 3 + c) % 5 for c in range(CRITERIA)]
                values.append(v)
                submissions.append(
                    ReviewSubmission(
                        item=item,
                        user=user,
                        weighted_sum=sum(c.weight * x for c, x in zip(criteria, v, strict=True)),
                        submitted_at=now,
                        updated_at=now,
                    )
                )
        ReviewSubmission.objects.bulk_create(submissions, batch_size=1000)
        Score.objects.bulk_create(
            (
                Score(submission=s, criterion=c, value=x, comment="コメント")
                for s, v in zip(submissions, values, strict=True)
                for c, x in zip(criteria, v, strict=True)
            ),
            batch_size=2000,
        )
        Decision.objects.bulk_create(
            Decision(item=item, outcome="shortlisted", reason="候補として検討", decided_at=now)
            for item in rows[::3]
        )
    return {"round": round.pk, "admin": admin.pk}


def _client(user_id: int) -> Any:
    from django.test import Client

    from kyoso.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client


def page_queries(ids: dict[str, Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = _client(ids["admin"])
    url = reverse("screening:summary", args=[ids["round"]])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)


def measure(ids: dict[str, Any], rounds: int) -> dict[str, Any]:
    from django.urls import reverse

    from kyoso.screening import selectors

    _share_priority_with_backend()
    client = _client(ids["admin"])
    url = reverse("screening:summary", args=[ids["round"]])

    def selector() -> None:
        round = selectors.round_get(ids["round"])
        rows = selectors.round_summary(round)
        assert len(rows) == ITEMS, len(rows)

    def page() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    return {
        "load_before": os.getloadavg()[0],
        "summary_selector": time_calls(selector, rounds=rounds, budget_s=60),
        "summary_page": time_calls(page, rounds=rounds, budget_s=90),
        "load_after": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)
    from django.db import connection

    from kyoso.screening.subjects import register_subject

    register_subject(KIND, BenchAdapter())
    started = time.perf_counter()
    small = build(5)
    big = build(ITEMS)
    built_s = time.perf_counter() - started
    from benchmarks.populate import analyze

    analyze()
    queries = {"items_5": page_queries(small), f"items_{ITEMS}": page_queries(big)}
    timings = measure(big, args.rounds)
    result = {
        "database": vendor,
        "server": _server_version(connection),
        "python": platform.python_version(),
        "size": {
            "items": ITEMS,
            "reviewers": REVIEWERS,
            "criteria": CRITERIA,
            "submissions": ITEMS * REVIEWERS,
            "scores": ITEMS * REVIEWERS * CRITERIA,
        },
        "build_s": round(built_s, 1),
        "queries": queries,
        "queries_constant": len(set(queries.values())) == 1,
        "target_p95_ms": 200,
        **timings,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
