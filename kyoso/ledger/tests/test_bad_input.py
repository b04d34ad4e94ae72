"""Bad postings are refused with a specific message and code, and write nothing: the ledger
still balances afterwards."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from kyoso.ledger import messages
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.errors import LedgerError
from kyoso.ledger.models import Account, Entry, Transaction
from kyoso.ledger.services import account_open, transaction_post, transaction_reverse

pytestmark = pytest.mark.django_db

GOOD = [("bank", 100), ("fund:1:available", -100)]


@pytest.mark.parametrize(
    ("entries", "code", "message"),
    [
        ([], "entries_required", messages.ENTRIES_REQUIRED),
        (None, "entries_required", messages.ENTRIES_REQUIRED),
        ([("bank", 0), ("fund:1:available", 0)], "amount_zero", messages.AMOUNT_ZERO),
        (
            [("bank", 1.5), ("fund:1:available", -1.5)],
            "amount_not_integer",
            messages.AMOUNT_NOT_INTEGER,
        ),
        (
            [("bank", Decimal(1)), ("fund:1:available", -1)],
            "amount_not_integer",
            messages.AMOUNT_NOT_INTEGER,
        ),
        (
            [("bank", "100"), ("fund:1:available", -100)],
            "amount_not_integer",
            messages.AMOUNT_NOT_INTEGER,
        ),
        (
            [("bank", True), ("fund:1:available", -1)],
            "amount_not_integer",
            messages.AMOUNT_NOT_INTEGER,
        ),
        (
            [("bank", 10**12 + 1), ("fund:1:available", -(10**12 + 1))],
            "amount_absurd",
            messages.AMOUNT_ABSURD,
        ),
        ([("bank", 100)], "entries_required", messages.ENTRIES_REQUIRED),
        (
            [("bank", 100), ("fund:1:available", -99)],
            "not_balanced",
            messages.NOT_BALANCED % {"difference": "+1"},
        ),
        ([("bank",), ("fund:1:available", -100)], "entry_invalid", messages.ENTRY_INVALID),
        ([(1, 100), ("fund:1:available", -100)], "entry_invalid", messages.ENTRY_INVALID),
        (
            [("bank", 50), ("bank", 50), ("fund:1:available", -100)],
            "duplicate_account",
            messages.DUPLICATE_ACCOUNT % {"key": "bank"},
        ),
        (
            [("bank", 100), ("nowhere", -100)],
            "unknown_account",
            messages.UNKNOWN_ACCOUNT % {"key": "nowhere"},
        ),
        (
            [("bank", 100), ("fund:1:committed", -100), ("fund:1:available", 0)],
            "amount_zero",
            messages.AMOUNT_ZERO,
        ),
    ],
)
def test_bad_entries_are_refused_and_write_nothing(chart, treasurer, entries, code, message):
    with pytest.raises(LedgerError) as refused:
        transaction_post(actor=treasurer, kind="donation.received", entries=entries)
    assert refused.value.code == code
    assert str(refused.value) == str(message)
    assert Transaction.objects.count() == 0 and Entry.objects.count() == 0
    assert set(Account.objects.values_list("balance", flat=True)) == {0}


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        ({"kind": ""}, "kind_invalid", messages.KIND_INVALID),
        ({"kind": "Donation Received"}, "kind_invalid", messages.KIND_INVALID),
        ({"kind": "a" * 61}, "kind_invalid", messages.KIND_INVALID),
        ({"memo": "あ" * 501}, "memo_too_long", messages.MEMO_TOO_LONG),
        ({"idempotency_key": ""}, "idempotency_key_invalid", messages.IDEMPOTENCY_KEY_INVALID),
        (
            {"idempotency_key": "k" * 101},
            "idempotency_key_invalid",
            messages.IDEMPOTENCY_KEY_INVALID,
        ),
        (
            {"occurred_at": datetime(2026, 4, 1)},
            "occurred_at_invalid",
            messages.OCCURRED_AT_INVALID,
        ),
        ({"occurred_at": "2026-04-01"}, "occurred_at_invalid", messages.OCCURRED_AT_INVALID),
    ],
)
def test_a_bad_header_is_refused(chart, treasurer, fields, code, message):
    arguments = {"actor": treasurer, "kind": "donation.received", "entries": GOOD, **fields}
    with pytest.raises(LedgerError) as refused:
        transaction_post(**arguments)
    assert (refused.value.code, str(refused.value)) == (code, str(message))
    assert Transaction.objects.count() == 0


def test_an_overdraft_is_refused_and_rolls_back_every_entry(chart, treasurer):
    # The bank (debited first by id order) would move; the refused escrow rolls it back too.
    with pytest.raises(LedgerError) as refused:
        transaction_post(
            actor=treasurer,
            kind="refund.paid",
            entries=[("campaign:1:escrow", 1_000), ("bank", -1_000)],
        )
    assert refused.value.code == "insufficient_balance"
    assert str(refused.value) == str(messages.INSUFFICIENT_BALANCE % {"key": "campaign:1:escrow"})
    assert Transaction.objects.count() == 0
    assert set(Account.objects.values_list("balance", flat=True)) == {0}
    assert check_ledger() == []


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"key": "Fund 1"}, "account_key_invalid"),
        ({"key": ""}, "account_key_invalid"),
        ({"key": "k" * 101}, "account_key_invalid"),
        ({"name": "  "}, "account_name_required"),
        ({"kind": "cash"}, "account_kind_invalid"),
        ({"owner_app": "a" * 41}, "account_owner_invalid"),
        ({"owner_app": "funding", "owner_id": -1}, "account_owner_invalid"),
        ({"owner_app": "funding", "owner_id": "7"}, "account_owner_invalid"),
        ({"owner_app": "funding", "owner_id": 2**63}, "account_owner_invalid"),
    ],
)
def test_bad_accounts_are_refused(db, fields, code):
    arguments = {"key": "fund:2:available", "name": "基金2", "kind": "liability", **fields}
    with pytest.raises(LedgerError) as refused:
        account_open(**arguments)
    assert refused.value.code == code
    assert Account.objects.count() == 0


def test_reopening_an_account_with_another_kind_is_refused(chart):
    with pytest.raises(LedgerError) as refused:
        account_open(key="bank", name="銀行預金", kind="liability")
    assert refused.value.code == "account_conflict"
    assert str(refused.value) == str(messages.ACCOUNT_CONFLICT % {"key": "bank"})
    with pytest.raises(LedgerError):
        account_open(key="fund:1:available", name="基金1", kind="liability", non_negative=False)


def test_a_reversal_needs_a_reason_and_enough_money(chart, treasurer):
    donation = transaction_post(actor=treasurer, kind="donation.received", entries=GOOD)
    with pytest.raises(LedgerError) as refused:
        transaction_reverse(actor=treasurer, transaction=donation, memo=" ")
    assert refused.value.code == "reversal_memo_required"
    # The money was committed to a grant since: reversing the donation would overdraw the fund.
    transaction_post(
        actor=treasurer,
        kind="grant.committed",
        entries=[("fund:1:available", 60), ("fund:1:committed", -60)],
    )
    with pytest.raises(LedgerError) as refused:
        transaction_reverse(actor=treasurer, transaction=donation, memo="誤入金")
    assert refused.value.code == "insufficient_balance"
    assert Transaction.objects.count() == 2
    assert check_ledger() == []
