"""Real concurrency (threads, one database connection each, on SQLite and PostgreSQL):
parallel withdrawals never overdraw, parallel replays post once, parallel reversals reverse
once."""

from __future__ import annotations

import pytest

from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.errors import LedgerError
from kyoso.ledger.models import Transaction
from kyoso.ledger.selectors import balances
from kyoso.ledger.services import transaction_post, transaction_reverse
from kyoso.ledger.tests.conftest import open_chart

THREADS = 8


def _attempt(job):
    def run():
        try:
            return job().pk
        except LedgerError as error:
            return error.code

    return run


def _fund(amount: int) -> None:
    open_chart()
    transaction_post(
        actor=None,
        kind="donation.received",
        entries=[("bank", amount), ("fund:1:available", -amount)],
    )


@pytest.mark.django_db(transaction=True)
def test_parallel_grants_from_a_fund_that_affords_one(tmp_path):
    _fund(1_000)

    def grant():
        return transaction_post(
            actor=None,
            kind="grant.committed",
            entries=[("fund:1:available", 600), ("fund:1:committed", -600)],
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(grant) for _ in range(THREADS)])
        state = read(
            open_connection,
            lambda: (balances(["fund:1:available", "fund:1:committed"]), check_ledger()),
        )

    assert sorted(answers, key=str)[-THREADS + 1 :] == ["insufficient_balance"] * (THREADS - 1)
    assert len([a for a in answers if isinstance(a, int)]) == 1
    assert state == ({"fund:1:available": 400, "fund:1:committed": 600}, [])


@pytest.mark.django_db(transaction=True)
def test_parallel_replays_of_one_key_post_once(tmp_path):
    _fund(1_000)

    def capture():
        return transaction_post(
            actor=None,
            kind="pledge.captured",
            entries=[("bank", 300), ("campaign:1:escrow", -300)],
            idempotency_key="stripe:pi_42",
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(capture) for _ in range(THREADS)])
        state = read(
            open_connection,
            lambda: (
                Transaction.objects.filter(idempotency_key="stripe:pi_42").count(),
                balances(["campaign:1:escrow"]),
                check_ledger(),
            ),
        )

    assert len(set(answers)) == 1 and isinstance(answers[0], int)
    assert state == (1, {"campaign:1:escrow": 300}, [])


@pytest.mark.django_db(transaction=True)
def test_parallel_reversals_reverse_once(tmp_path):
    _fund(1_000)
    donation = Transaction.objects.get()

    def reverse():
        return transaction_reverse(actor=None, transaction=donation, memo="誤入金の訂正")

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(reverse) for _ in range(4)])
        state = read(
            open_connection,
            lambda: (Transaction.objects.filter(reverses=donation).count(), balances(["bank"])),
        )

    assert sorted(map(str, answers)).count("already_reversed") == 3
    assert state == (1, {"bank": 0})


@pytest.mark.django_db(transaction=True)
def test_postings_in_opposite_directions_do_not_deadlock(tmp_path):
    # Half the threads move money fund → escrow, half escrow → fund, naming the accounts in
    # opposite orders; the services lock them in id order, so all complete and the money adds up.
    _fund(1_000)
    transaction_post(
        actor=None,
        kind="campaign.seeded",
        entries=[("fund:1:available", 500), ("campaign:1:escrow", -500)],
    )

    def move(forward: bool):
        lines = [("fund:1:available", 10), ("campaign:1:escrow", -10)]
        if not forward:
            lines = [("campaign:1:escrow", 10), ("fund:1:available", -10)]
        return lambda: transaction_post(actor=None, kind="transfer.internal", entries=lines)

    jobs = [_attempt(move(i % 2 == 0)) for i in range(THREADS)]
    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, jobs)
        state = read(
            open_connection,
            lambda: (balances(["fund:1:available", "campaign:1:escrow"]), check_ledger()),
        )

    assert all(isinstance(answer, int) for answer in answers)
    assert state == ({"fund:1:available": 500, "campaign:1:escrow": 500}, [])
