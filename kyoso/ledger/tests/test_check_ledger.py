"""``check_ledger`` finds each kind of damage (made here behind the services' back), and the
command exits non-zero on it; it is scheduled nightly."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kyoso.core import schedule
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.models import Account, Entry, Transaction
from kyoso.ledger.services import transaction_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def donation(chart):
    return transaction_post(
        actor=None, kind="donation.received", entries=[("bank", 900), ("fund:1:available", -900)]
    )


def _codes():
    return sorted(problem.code for problem in check_ledger())


def test_a_sound_ledger_passes(donation, capsys):
    assert check_ledger() == []
    call_command("check_ledger")
    out = capsys.readouterr().out
    assert "5 accounts, 1 transactions, 2 entries" in out
    assert "checked in" in out


def test_a_balance_that_drifted_from_its_entries_is_found(donation, capsys):
    Account.objects.filter(key="bank").update(balance=901)
    assert _codes() == ["balance_mismatch"]
    with pytest.raises(CommandError):
        call_command("check_ledger")
    assert "bank: balance 901" in capsys.readouterr().out


def test_an_unbalanced_transaction_is_found(donation):
    # An entry written behind the services' back: the transaction no longer sums to zero.
    Entry.objects.bulk_create(
        [
            Entry(
                transaction=donation,
                account=Account.objects.get(key="fees:card"),
                amount=5,
                balance_after=0,
            )
        ]
    )
    # Unbalanced, the fee account's balance no longer its entries' sum, and the entry's
    # running balance (0) not the running sum (5).
    assert _codes() == ["balance_mismatch", "running_balance", "unbalanced"]


def test_a_transaction_without_entries_is_found(chart):
    Transaction.objects.create(
        kind="donation.received", occurred_at="2026-05-01T00:00Z", fiscal_year=2026
    )
    assert _codes() == ["empty"]


def test_a_non_negative_account_below_zero_is_found(chart):
    # The CHECK constraint forbids it; drop the flag, overdraw, and raise the flag again.
    escrow = Account.objects.filter(key="campaign:1:escrow")
    escrow.update(non_negative=False)
    transaction_post(
        actor=None, kind="pledge.refunded", entries=[("campaign:1:escrow", 10), ("bank", -10)]
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_non_negative")
        escrow.update(non_negative=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            escrow.update(non_negative=True)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
    assert _codes() == ["negative"]


def test_check_ledger_runs_every_night():
    jobs = {job.name: job for job in schedule.jobs()}
    assert jobs["ledger.check"].command == "check_ledger"
    assert isinstance(jobs["ledger.check"].when, schedule.Daily)
