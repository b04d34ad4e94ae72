"""A fund's transparency page at scale (issue 17): 1 M ledger entries over 10 k accounts (the
ledger benchmark's data set, :func:`benchmarks.ledger.build`), plus one fund with 300
donations captured, 200 projects granted and paid a first tranche, over five 年度. The page
reads maintained balances and counters, so its cost must not grow with the entries.

Run by ``benchmarks.run --funds`` in a child process, one per database::

    python -m benchmarks.funds --database-url URL --entries 1000000 --json out.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.issues import _server_version, _setup, _share_priority_with_backend
from benchmarks.stats import time_calls

DONATIONS = 300
GRANTS = 200


def build_fund() -> int:
    """One fund with donations, grants and first tranches, written through the services (so its
    counters, ledger postings and running balances are what a real use leaves)."""
    from django.db import transaction
    from django.utils import timezone

    from kyoso.accounts.models import User
    from kyoso.funding.models import (
        Application,
        ApplicationStatus,
        Donation,
        Fund,
        GrantRound,
    )
    from kyoso.funding.services import donation_captured, grant_agree, tranche_pay
    from kyoso.funding.services.funds import accounts_open
    from kyoso.ledger.services import transaction_post
    from kyoso.orgs.models import MemberRole, Membership, Organization
    from kyoso.projects.models import Project

    now = timezone.now()
    with transaction.atomic():
        user = User.objects.create(
            email="bench-fund@example.jp", display_name="基金の担当", email_verified_at=now
        )
        organization = Organization.objects.create(
            name="ベンチ基金の運営団体",
            slug="bench-fund-org",
            org_type="local_government",
            verified_at=now,
            created_by=user,
        )
        Membership.objects.create(organization=organization, user=user, role=MemberRole.OWNER)
        fund = Fund.objects.create(
            organization=organization, name="ベンチ基金", purpose="計測用", created_by=user
        )
        accounts_open(fund)
    for n in range(DONATIONS):
        amount = 10_000 + (n * 7_919) % 490_000
        with transaction.atomic():
            donation = Donation.objects.create(
                fund=fund,
                donor=user,
                amount=amount,
                receipt_name="計測",
                method="bank_transfer",
                idempotency_key=f"bench-{n}",
                public_name="" if n % 3 else f"寄附者{n}",
            )
            transaction_post(
                actor=None,
                kind="payment.captured",
                entries=[("bank", amount), (fund.available_key, -amount)],
            )
            donation_captured(
                donation_id=donation.pk, amount=amount, at=now - dt.timedelta(days=(n * 6) % 1800)
            )
    grant_round = GrantRound.objects.create(
        fund=fund,
        title="計測用の公募",
        description="計測用",
        deadline=now + dt.timedelta(days=30),
        max_amount=1_000_000,
        created_by=user,
    )
    projects = Project.objects.bulk_create(
        Project(title=f"計測プロジェクト{n}", goal="計測") for n in range(GRANTS)
    )
    for n, project in enumerate(projects):
        application = Application.objects.create(
            round=grant_round,
            project=project,
            applicant=user,
            plan="計測",
            budget=[{"label": "費用", "amount": 100_000}],
            requested=100_000,
            status=ApplicationStatus.SELECTED,
        )
        application.round = grant_round
        grant = grant_agree(
            actor=user,
            application=application,
            amount=100_000 - n * 100,
            tranches=[60_000, 40_000 - n * 100],
            terms="計測",
        )
        tranche_pay(actor=user, tranche=grant.tranches.get(number=1))
    return int(fund.pk)


def measure(fund_id: int, rounds: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kyoso.funding.selectors import fund_get, transparency
    from kyoso.ledger.checks import check_ledger

    _share_priority_with_backend()
    client = Client()
    url = reverse("funding:detail", args=[fund_id])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    results: dict[str, Any] = {"page_queries": len(queries.captured_queries)}

    def page() -> None:
        assert client.get(url).status_code == 200

    results["transparency_page"] = time_calls(page, rounds=rounds, budget_s=60)
    api = f"/api/v1/funds/{fund_id}"
    results["api_fund_detail"] = time_calls(
        lambda: client.get(api).status_code, rounds=rounds, budget_s=30
    )
    results["api_fund_ledger_first_page"] = time_calls(
        lambda: client.get(f"{api}/ledger").status_code, rounds=rounds, budget_s=30
    )
    figures = transparency(fund_get(fund_id))
    results["figures"] = {
        "raised": figures.raised,
        "granted": figures.granted,
        "disbursed": figures.disbursed,
        "balance": figures.balance,
        "years": len(figures.years),
        "flows": len(figures.flows),
        "adds_up": figures.balance == figures.raised - figures.disbursed,
    }
    started = time.perf_counter()
    results["check_ledger_problems"] = len(check_ledger())
    results["check_ledger_seconds"] = time.perf_counter() - started
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--data-dir", help="keep the SQLite data set in this directory")
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url, args.data_dir)

    from django.db import connection

    from benchmarks.ledger import build
    from kyoso.ledger.checks import ledger_counts

    output: dict[str, Any] = {
        "database": vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
    }
    started = time.perf_counter()
    print(f"[{vendor}] building {args.entries:,} entries over {args.accounts:,} accounts")
    build(args.accounts, args.entries)
    print(f"[{vendor}] adding a fund: {DONATIONS} donations, {GRANTS} grants", flush=True)
    fund_id = build_fund()
    output["build_seconds"] = time.perf_counter() - started
    output["sizes"] = ledger_counts()
    print(f"[{vendor}] measuring at {output['sizes']}", flush=True)
    output.update(measure(fund_id, args.rounds))
    output["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(output, ensure_ascii=False, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
