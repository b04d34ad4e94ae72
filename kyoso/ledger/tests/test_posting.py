"""Posting balanced transactions: signs, balances on the normal side, running balances,
fiscal years, reversals and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.ledger import audit
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.models import Account, Entry
from kyoso.ledger.selectors import balance, balances
from kyoso.ledger.services import account_open, transaction_post, transaction_reverse

pytestmark = pytest.mark.django_db


def test_a_donation_raises_the_fund_and_the_bank(chart, treasurer):
    tx = transaction_post(
        actor=treasurer,
        kind="donation.received",
        entries=[("bank", 10_000), ("fund:1:available", -10_000)],
        memo="寄附（振込）",
        occurred_at=datetime(2026, 3, 31, 16, 0, tzinfo=UTC),  # 4月1日 01:00 JST
    )
    # Debit positive, credit negative; balances read on each account's normal side.
    assert balances(["bank", "fund:1:available"]) == {"bank": 10_000, "fund:1:available": 10_000}
    assert tx.fiscal_year == 2026  # the date in Japan decides the 年度
    assert tx.actor == treasurer
    entries = {e.account.key: (e.amount, e.balance_after) for e in tx.entries.all()}
    assert entries == {"bank": (10_000, 10_000), "fund:1:available": (-10_000, 10_000)}
    event = AuditEvent.objects.get(action=audit.TRANSACTION_POSTED)
    assert event.actor == treasurer and event.target_id == str(tx.pk)
    assert check_ledger() == []


def test_running_balances_follow_each_posting(chart, treasurer):
    for amount in (1_000, 2_500, 300):
        transaction_post(
            actor=treasurer,
            kind="donation.received",
            entries=[("bank", amount), ("fund:1:available", -amount)],
        )
    afters = list(
        Entry.objects.filter(account__key="fund:1:available")
        .order_by("id")
        .values_list("balance_after", flat=True)
    )
    assert afters == [1_000, 3_500, 3_800]
    assert balance("fund:1:available") == 3_800


def test_a_grant_cannot_exceed_what_the_fund_has(chart, treasurer):
    transaction_post(
        actor=treasurer,
        kind="donation.received",
        entries=[("bank", 500), ("fund:1:available", -500)],
    )
    transaction_post(
        actor=treasurer,
        kind="grant.committed",
        entries=[("fund:1:available", 400), ("fund:1:committed", -400)],
    )
    from kyoso.ledger.errors import LedgerError

    with pytest.raises(LedgerError) as refused:
        transaction_post(
            actor=treasurer,
            kind="grant.committed",
            entries=[("fund:1:available", 101), ("fund:1:committed", -101)],
        )
    assert refused.value.code == "insufficient_balance"
    assert balances(["fund:1:available", "fund:1:committed"]) == {
        "fund:1:available": 100,
        "fund:1:committed": 400,
    }
    assert check_ledger() == []


def test_a_reversal_posts_the_opposite_entries_once(chart, treasurer):
    tx = transaction_post(
        actor=treasurer,
        kind="donation.received",
        entries=[("bank", 700), ("fund:1:available", -700)],
    )
    correction = transaction_reverse(actor=treasurer, transaction=tx, memo="二重入力の訂正")
    assert correction.reverses == tx
    assert sorted(correction.entries.values_list("account__key", "amount")) == [
        ("bank", -700),
        ("fund:1:available", 700),
    ]
    assert balances(["bank", "fund:1:available"]) == {"bank": 0, "fund:1:available": 0}
    assert AuditEvent.objects.filter(action=audit.TRANSACTION_REVERSED).count() == 1
    assert check_ledger() == []


def test_account_open_is_idempotent_by_key(db):
    first = account_open(key="fund:9:available", name="基金9", kind="liability", non_negative=True)
    again = account_open(key="fund:9:available", name="別名", kind="liability", non_negative=True)
    assert again.pk == first.pk and again.name == "基金9"
    assert Account.objects.count() == 1
    assert AuditEvent.objects.filter(action=audit.ACCOUNT_OPENED).count() == 1


def test_a_posting_costs_a_fixed_number_of_queries(chart, treasurer):
    # 1 savepoint (atomic inside the test's transaction), 2 the accounts, 3 insert the
    # transaction, 4-5 one conditional UPDATE per account, 6 insert the entries, 7 the audit
    # row, 8 release the savepoint
    with assert_num_queries(8):
        transaction_post(
            actor=treasurer,
            kind="donation.received",
            entries=[("bank", 1), ("fund:1:available", -1)],
        )
