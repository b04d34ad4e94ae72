"""The ledger at scale (issue 17): 1 M entries over 10 k accounts; ``check_ledger`` over all of
them, and the balances of one campaign's accounts (the campaign page's figures), p95.

Run by ``benchmarks.run --ledger`` in a child process, one per database::

    python -m benchmarks.ledger --database-url URL --entries 1000000 --json out.json

The database must be empty (a throw-away one). It is migrated and filled with plain
``INSERT``s (:class:`benchmarks.populate.FastInsert`): 2 shared accounts (the bank, card fees)
and four per campaign (escrow, collected, refunds paid, fees), 2 500 campaigns for 10 k
accounts; transactions of two entries each, cycling over the campaigns: pledge captures,
collections and refunds, never overdrawing a non-negative account, each entry with its
running balance, each account's balance set from its entries — exactly what the services
would have written, which ``check_ledger`` then proves (it must find nothing).
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

START = dt.datetime(2023, 4, 1, tzinfo=dt.UTC)
STEP = dt.timedelta(minutes=2)
BATCH_TRANSACTIONS = 20_000
PER_CAMPAIGN = ("escrow", "collected", "refunds", "fees")


def campaign_keys(c: int) -> list[str]:
    return [f"campaign:{c}:{name}" for name in PER_CAMPAIGN]


def build(accounts: int, entries: int) -> dict[str, int]:
    from django.db import connection, transaction

    from benchmarks.populate import FastInsert, reset_sequences
    from kyoso.core.fiscal import fiscal_year
    from kyoso.ledger.models import Account, Entry, Transaction

    campaigns = (accounts - 2) // len(PER_CAMPAIGN)
    now = dt.datetime.now(dt.UTC)
    rows = [
        {"id": 1, "key": "bank", "name": "銀行預金", "kind": "asset", "created_at": now},
        {"id": 2, "key": "fees:card", "name": "カード手数料", "kind": "expense", "created_at": now},
    ]
    ids: dict[str, int] = {"bank": 1, "fees:card": 2}
    kinds = {
        "escrow": "liability",
        "collected": "liability",
        "refunds": "expense",
        "fees": "expense",
    }
    for c in range(campaigns):
        for name, key in zip(PER_CAMPAIGN, campaign_keys(c), strict=True):
            ids[key] = len(rows) + 1
            rows.append(
                {
                    "id": ids[key],
                    "key": key,
                    "name": f"キャンペーン{c} {name}",
                    "kind": kinds[name],
                    "non_negative": name in ("escrow", "collected"),
                    "owner_app": "funding",
                    "owner_id": c,
                    "created_at": now,
                }
            )
    FastInsert(Account).insert(rows)
    # Normal-side balances: +debit for asset/expense, -debit (i.e. +credit) for liabilities.
    sign = {row["id"]: 1 if row["kind"] in ("asset", "expense") else -1 for row in rows}
    balance = dict.fromkeys(sign, 0)
    tx_insert, entry_insert = FastInsert(Transaction), FastInsert(Entry)
    transactions = entries // 2
    entry_id = 0
    for start in range(0, transactions, BATCH_TRANSACTIONS):
        tx_rows: list[dict[str, Any]] = []
        entry_rows: list[dict[str, Any]] = []
        for n in range(start, min(transactions, start + BATCH_TRANSACTIONS)):
            c = n % campaigns
            escrow, collected, refunds, fees = (ids[k] for k in campaign_keys(c))
            amount = 1_000 + (n * 37) % 9_000
            phase = (n // campaigns) % 6
            if phase == 3 and balance[escrow] >= amount:
                kind, debit, credit = "campaign.collected", escrow, collected
            elif phase == 4 and balance[escrow] >= amount:
                kind, debit, credit = "pledge.refunded", escrow, 1
            elif phase == 4:
                kind, debit, credit = "refund.fee_absorbed", refunds, 1
            elif phase == 5:
                kind, debit, credit = "fee.charged", fees, 1
                amount = 1 + amount // 30
            else:
                kind, debit, credit = "pledge.captured", 1, escrow
            occurred = START + STEP * n
            tx_rows.append(
                {
                    "id": n + 1,
                    "kind": kind,
                    "occurred_at": occurred,
                    "fiscal_year": fiscal_year(occurred),
                    "created_at": occurred,
                }
            )
            for account, signed in ((debit, amount), (credit, -amount)):
                balance[account] += sign[account] * signed
                entry_id += 1
                entry_rows.append(
                    {
                        "id": entry_id,
                        "transaction_id": n + 1,
                        "account_id": account,
                        "amount": signed,
                        "balance_after": balance[account],
                    }
                )
        with transaction.atomic():
            tx_insert.insert(tx_rows)
            entry_insert.insert(entry_rows)
        print(f"  {entry_id:,} entries", flush=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE ledger_account SET balance = %s WHERE id = %s",
            [(value, pk) for pk, value in balance.items() if value],
        )
    reset_sequences([Account, Transaction, Entry])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"accounts": len(rows), "campaigns": campaigns, "transactions": transactions}


def measure(campaigns: int, rounds: int) -> dict[str, Any]:
    from kyoso.ledger.checks import check_ledger
    from kyoso.ledger.models import Account
    from kyoso.ledger.selectors import balances, entries_of
    from kyoso.ledger.services import transaction_post

    _share_priority_with_backend()
    results: dict[str, Any] = {}
    runs = []
    for _ in range(2):
        started = time.perf_counter()
        problems = check_ledger()
        runs.append(time.perf_counter() - started)
        results["check_ledger_problems"] = len(problems)
    results["check_ledger_seconds"] = runs
    cycle = iter(range(10**9))
    spread = max(1, campaigns // 200)

    def campaign_balances() -> None:
        c = (next(cycle) * spread) % campaigns
        found = balances(campaign_keys(c))
        assert len(found) == len(PER_CAMPAIGN)

    results["campaign_balances"] = time_calls(campaign_balances, rounds=rounds, budget_s=30)
    escrows = list(
        Account.objects.filter(key__endswith=":escrow").order_by("id")[:: max(1, campaigns // 50)]
    )
    pages = iter(range(10**9))
    results["entries_first_page"] = time_calls(
        lambda: entries_of(escrows[next(pages) % len(escrows)]), rounds=rounds, budget_s=30
    )
    posted = iter(range(10**9))

    def post() -> None:
        c = (next(posted) * spread) % campaigns
        transaction_post(
            actor=None,
            kind="pledge.captured",
            entries=[("bank", 500), (campaign_keys(c)[0], -500)],
        )

    results["transaction_post"] = time_calls(post, rounds=min(rounds, 200), budget_s=30)
    started = time.perf_counter()
    results["check_ledger_after_posting_problems"] = len(check_ledger())
    results["check_ledger_after_posting_seconds"] = time.perf_counter() - started
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--data-dir", help="keep the SQLite data set in this directory")
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url, args.data_dir)

    from django.db import connection

    from kyoso.ledger.checks import ledger_counts

    output: dict[str, Any] = {
        "database": vendor,
        "server_version": _server_version(connection),
        "python": platform.python_version(),
    }
    started = time.perf_counter()
    print(
        f"[{vendor}] building {args.entries:,} entries over {args.accounts:,} accounts", flush=True
    )
    shape = build(args.accounts, args.entries)
    output["build_seconds"] = time.perf_counter() - started
    output["sizes"] = {**ledger_counts(), "campaigns": shape["campaigns"]}
    print(f"[{vendor}] measuring at {output['sizes']}", flush=True)
    output.update(measure(shape["campaigns"], args.rounds))
    output["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    args.json.write_text(json.dumps(output, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(output, ensure_ascii=False, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
