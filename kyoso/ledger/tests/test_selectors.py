"""The ledger's reads: balances in one query, entries paged by keyset with their running
balances, transactions in a period, totals per fiscal year."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kyoso.core.testing import assert_num_queries
from kyoso.ledger.models import Account
from kyoso.ledger.selectors import (
    accounts_of,
    balance,
    balances,
    entries_of,
    totals_by_fiscal_year,
    transactions_between,
)
from kyoso.ledger.services import account_open, transaction_post

pytestmark = pytest.mark.django_db

MARCH_2026 = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)  # FY2025
MAY_2026 = datetime(2026, 5, 10, 3, 0, tzinfo=UTC)  # FY2026


def _donate(amount, when=MAY_2026, treasurer=None):
    return transaction_post(
        actor=treasurer,
        kind="donation.received",
        entries=[("bank", amount), ("fund:1:available", -amount)],
        occurred_at=when,
    )


def test_balances_in_one_query(chart):
    _donate(1_200)
    # 1 the accounts asked for
    with assert_num_queries(1):
        found = balances(["fund:1:available", "campaign:1:escrow", "campaign:9:escrow"])
    assert found == {"fund:1:available": 1_200, "campaign:1:escrow": 0, "campaign:9:escrow": 0}
    with assert_num_queries(1):
        assert balance("bank") == 1_200
    assert balance("not:opened") == 0
    assert balances([]) == {}


def test_entries_are_paged_newest_first_with_running_balances(chart):
    for amount in range(1, 8):  # 1, 3, 6, 10, 15, 21, 28
        _donate(amount)
    account = Account.objects.get(key="fund:1:available")
    # 1 one page of entries with their transactions
    with assert_num_queries(1):
        first = entries_of(account, limit=3)
    assert [e.balance_after for e in first.entries] == [28, 21, 15]
    assert [e.transaction.kind for e in first.entries] == ["donation.received"] * 3
    second = entries_of(account, before=first.next_before, limit=3)
    assert [e.balance_after for e in second.entries] == [10, 6, 3]
    last = entries_of(account, before=second.next_before, limit=3)
    assert [e.amount for e in last.entries] == [-1] and last.next_before is None


def test_transactions_between_a_period(chart):
    _donate(100, when=MARCH_2026)
    may = _donate(200, when=MAY_2026)
    transaction_post(
        actor=None,
        kind="pledge.captured",
        entries=[("bank", 50), ("campaign:1:escrow", -50)],
        occurred_at=MAY_2026,
    )
    start, end = datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)
    # 1 transactions, 2 their entries, with accounts joined
    with assert_num_queries(2):
        rows = list(transactions_between(start, end, account_keys=["fund:1:available"]))
        keys = [sorted(e.account.key for e in tx.entries.all()) for tx in rows]
    assert [tx.pk for tx in rows] == [may.pk]
    assert keys == [["bank", "fund:1:available"]]
    assert len(transactions_between(start, end)) == 2
    assert len(transactions_between(start, end, kind="pledge.captured")) == 1


def test_totals_by_fiscal_year(chart):
    _donate(100, when=MARCH_2026)
    _donate(200, when=MAY_2026)
    _donate(300, when=MAY_2026)
    # 1 the sums grouped by account and fiscal year
    with assert_num_queries(1):
        totals = totals_by_fiscal_year(["fund:1:available", "bank", "campaign:1:escrow"])
    assert totals == {
        "fund:1:available": {2025: 100, 2026: 500},
        "bank": {2025: 100, 2026: 500},
        "campaign:1:escrow": {},
    }


def test_accounts_of_an_owner(db):
    account_open(
        key="campaign:7:escrow", name="預り金", kind="liability", owner_app="funding", owner_id=7
    )
    account_open(
        key="campaign:8:escrow", name="預り金", kind="liability", owner_app="funding", owner_id=8
    )
    with assert_num_queries(1):
        assert [a.key for a in accounts_of("funding", 7)] == ["campaign:7:escrow"]
