"""The four worked examples of docs/ledger.md, posted as written: a donation, a pledge
capture (with its memorandum pair), its refund (a second refund refused) and a grant paid in
a tranche; the ledger balances throughout."""

from __future__ import annotations

import pytest

from kyoso.ledger.checks import check_ledger
from kyoso.ledger.errors import LedgerError
from kyoso.ledger.selectors import balances
from kyoso.ledger.services import account_open, transaction_post

pytestmark = pytest.mark.django_db

ACCOUNTS = [
    ("bank", "asset", False),
    ("card:clearing", "asset", False),
    ("fees:card", "expense", False),
    ("fund:12:available", "liability", True),
    ("fund:12:committed", "liability", True),
    ("campaign:7:escrow", "liability", True),
    ("payment:88:refundable", "liability", True),
    ("memo:refundable", "asset", False),
]
CAPTURE = [
    ("card:clearing", 5_000),
    ("campaign:7:escrow", -5_000),
    ("memo:refundable", 5_000),
    ("payment:88:refundable", -5_000),
]
REFUND = [(key, -amount) for key, amount in CAPTURE]


def test_the_documented_postings(treasurer):
    for key, kind, non_negative in ACCOUNTS:
        account_open(key=key, name=key, kind=kind, non_negative=non_negative)
    transaction_post(
        actor=treasurer,
        kind="donation.received",
        entries=[("bank", 400_000), ("fund:12:available", -400_000)],
        idempotency_key="statement:abc",
    )
    transaction_post(
        actor=None, kind="pledge.captured", entries=CAPTURE, idempotency_key="stripe:pi_1:captured"
    )
    transaction_post(
        actor=None, kind="pledge.captured", entries=CAPTURE, idempotency_key="stripe:pi_1:captured"
    )  # the webhook replayed: nothing changes
    transaction_post(actor=None, kind="pledge.refunded", entries=REFUND, idempotency_key="re_1")
    with pytest.raises(LedgerError) as refused:  # a second refund of the same payment
        transaction_post(actor=None, kind="pledge.refunded", entries=REFUND, idempotency_key="re_2")
    assert refused.value.code == "insufficient_balance"
    transaction_post(
        actor=treasurer,
        kind="grant.committed",
        entries=[("fund:12:available", 300_000), ("fund:12:committed", -300_000)],
    )
    with pytest.raises(LedgerError):  # more than the fund has left after that commitment
        transaction_post(
            actor=treasurer,
            kind="grant.committed",
            entries=[("fund:12:available", 100_001), ("fund:12:committed", -100_001)],
        )
    transaction_post(
        actor=treasurer,
        kind="grant.disbursed",
        entries=[("fund:12:committed", 100_000), ("bank", -100_000)],
    )
    assert balances([key for key, _, _ in ACCOUNTS]) == {
        "bank": 300_000,
        "card:clearing": 0,
        "fees:card": 0,
        "fund:12:available": 100_000,
        "fund:12:committed": 200_000,
        "campaign:7:escrow": 0,
        "payment:88:refundable": 0,
        "memo:refundable": 0,
    }
    assert check_ledger() == []
