"""Replays: the same idempotency key returns the first transaction and changes nothing; a
transaction is reversed at most once."""

from __future__ import annotations

import pytest

from kyoso.ledger import messages
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.errors import LedgerError
from kyoso.ledger.models import Entry, Transaction
from kyoso.ledger.selectors import balance
from kyoso.ledger.services import transaction_post, transaction_reverse

pytestmark = pytest.mark.django_db

GOOD = [("bank", 100), ("fund:1:available", -100)]


def test_a_replay_returns_the_first_transaction(chart, treasurer):
    first = transaction_post(
        actor=treasurer, kind="donation.received", entries=GOOD, idempotency_key="stripe:pi_1"
    )
    again = transaction_post(
        actor=treasurer,
        kind="donation.received",
        entries=list(reversed(GOOD)),  # the same entries in another order: the same request
        idempotency_key="stripe:pi_1",
    )
    assert again.pk == first.pk
    assert Transaction.objects.count() == 1 and Entry.objects.count() == 2
    assert balance("fund:1:available") == 100


def test_a_different_request_under_a_used_key_is_refused(chart, treasurer):
    transaction_post(actor=treasurer, kind="donation.received", entries=GOOD, idempotency_key="k1")
    with pytest.raises(LedgerError) as refused:
        transaction_post(
            actor=treasurer,
            kind="donation.received",
            entries=[("bank", 200), ("fund:1:available", -200)],
            idempotency_key="k1",
        )
    assert refused.value.code == "idempotency_conflict"
    assert str(refused.value) == str(messages.IDEMPOTENCY_CONFLICT)
    assert balance("fund:1:available") == 100


def test_a_transaction_is_reversed_once(chart, treasurer):
    tx = transaction_post(actor=treasurer, kind="donation.received", entries=GOOD)
    transaction_reverse(actor=treasurer, transaction=tx, memo="訂正", idempotency_key="rev-1")
    # The same reversal replayed: the same row, nothing new.
    replay = transaction_reverse(
        actor=treasurer, transaction=tx, memo="訂正", idempotency_key="rev-1"
    )
    assert replay.reverses_id == tx.pk
    with pytest.raises(LedgerError) as refused:
        transaction_reverse(actor=treasurer, transaction=tx, memo="もう一度")
    assert refused.value.code == "already_reversed"
    assert str(refused.value) == str(messages.ALREADY_REVERSED)
    assert Transaction.objects.count() == 2
    assert balance("bank") == 0
    assert check_ledger() == []
