"""Whatever happens, in any order — donations, grants, disbursements, pledge captures,
refunds (some overdrawing), idempotent replays and reversals — every invariant holds:
``check_ledger`` finds nothing, each balance is the sum of its entries on its normal side,
and no non-negative account is below zero (property-based, hypothesis)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.ledger.checks import check_ledger
from kyoso.ledger.errors import LedgerError
from kyoso.ledger.models import Account, Entry, Transaction, normal_sign
from kyoso.ledger.services import transaction_post, transaction_reverse
from kyoso.ledger.tests.conftest import open_chart

#: (kind, debit account, credit account) — what the fund app will post.
MOVES = [
    ("donation.received", "bank", "fund:1:available"),
    ("grant.committed", "fund:1:available", "fund:1:committed"),
    ("grant.disbursed", "fund:1:committed", "bank"),
    ("pledge.captured", "bank", "campaign:1:escrow"),
    ("pledge.refunded", "campaign:1:escrow", "bank"),
    ("campaign.collected", "campaign:1:escrow", "fund:1:available"),
    ("fee.charged", "fees:card", "bank"),
]

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("post"),
            st.integers(0, len(MOVES) - 1),
            st.integers(1, 5_000),
            st.one_of(st.none(), st.integers(0, 5)),  # an idempotency key, often replayed
        ),
        st.tuples(st.just("reverse"), st.integers(0, 30), st.integers(0, 0), st.none()),
    ),
    max_size=30,
)


def _apply(step, posted: list[int]) -> None:
    action, index, amount, key = step
    if action == "post":
        kind, debit, credit = MOVES[index]
        transaction_post(
            actor=None,
            kind=kind,
            entries=[(debit, amount), (credit, -amount)],
            # One key always means one request (the replay check refuses a different one).
            idempotency_key=None if key is None else f"k{key}:{index}:{amount}",
        )
    elif posted:
        target = Transaction.objects.get(pk=posted[index % len(posted)])
        transaction_reverse(actor=None, transaction=target, memo="訂正")


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=steps)
def test_every_invariant_holds_whatever_happens(db, steps):
    with transaction.atomic():
        open_chart()
        refused = 0
        for step in steps:
            posted = list(Transaction.objects.order_by("pk").values_list("pk", flat=True))
            try:
                _apply(step, posted)
            except LedgerError as error:
                assert error.code in {"insufficient_balance", "already_reversed"}
                refused += 1
            assert not Account.objects.filter(non_negative=True, balance__lt=0).exists()
        assert check_ledger() == []
        for account in Account.objects.all():
            total = Entry.objects.filter(account=account).aggregate(t=Sum("amount"))["t"] or 0
            assert account.balance == normal_sign(account.kind) * total
        assert Entry.objects.aggregate(t=Sum("amount"))["t"] in (0, None)
        transaction.set_rollback(True)
