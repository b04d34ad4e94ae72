"""``check_ledger``: the ledger's invariants, checked against the whole database.

Each check is one aggregate query, so the whole run is a few sequential scans (1 M entries:
docs/ledger.md has the figures)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Sum, Value, When
from django.db.models.functions import Coalesce

from kyoso.ledger.models import DEBIT_NORMAL, Account, Entry, Transaction

#: At most this many problems of one kind are listed (the count is always exact).
LIST_LIMIT = 100


@dataclass(frozen=True)
class Problem:
    code: str
    detail: str

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}"


def check_ledger() -> list[Problem]:
    """Every problem found (empty when the ledger is sound):

    - ``unbalanced``: a transaction whose entries do not sum to zero;
    - ``empty``: a transaction with fewer than two entries;
    - ``balance_mismatch``: an account whose ``balance`` is not the sum of its entries (on
      its normal side);
    - ``running_balance``: an account whose last entry's ``balance_after`` is not its balance;
    - ``negative``: a ``non_negative`` account below zero;
    - ``reversed_twice``: a transaction reversed more than once.
    """
    problems: list[Problem] = []
    unbalanced = (
        Entry.objects.values("transaction_id")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
        .order_by("transaction_id")
    )
    for row in unbalanced[:LIST_LIMIT]:
        problems.append(
            Problem("unbalanced", f"transaction {row['transaction_id']} sums to {row['total']}")
        )
    thin = Transaction.objects.annotate(lines=Count("entries")).filter(lines__lt=2).order_by("pk")
    for tx in thin.values("pk", "lines")[:LIST_LIMIT]:
        problems.append(Problem("empty", f"transaction {tx['pk']} has {tx['lines']} entries"))
    sign = Case(
        When(kind__in=sorted(DEBIT_NORMAL), then=Value(1)),
        default=Value(-1),
        output_field=IntegerField(),
    )
    sums = Account.objects.annotate(total=Coalesce(Sum("entries__amount"), 0) * sign).exclude(
        balance=F("total")
    )
    for account in sums.values("key", "balance", "total")[:LIST_LIMIT]:
        problems.append(
            Problem(
                "balance_mismatch",
                f"{account['key']}: balance {account['balance']} ≠ entries {account['total']}",
            )
        )
    last = Entry.objects.filter(
        pk__in=Entry.objects.values("account_id").annotate(top=_max_id()).values("top")
    ).exclude(balance_after=F("account__balance"))
    for entry in last.values("account__key", "balance_after", "account__balance")[:LIST_LIMIT]:
        problems.append(
            Problem(
                "running_balance",
                f"{entry['account__key']}: last balance_after {entry['balance_after']} ≠ "
                f"balance {entry['account__balance']}",
            )
        )
    below = Account.objects.filter(non_negative=True, balance__lt=0).values_list("key", "balance")
    for key, amount in below[:LIST_LIMIT]:
        problems.append(Problem("negative", f"{key}: {amount}"))
    twice = (
        Transaction.objects.filter(reverses__isnull=False)
        .values("reverses_id")
        .annotate(times=Count("pk"))
        .filter(times__gt=1)
    )
    for reversed_row in twice[:LIST_LIMIT]:
        problems.append(
            Problem(
                "reversed_twice",
                f"transaction {reversed_row['reverses_id']} reversed {reversed_row['times']}×",
            )
        )
    return problems


def _max_id() -> Any:
    from django.db.models import Max

    return Max("id")


def ledger_counts() -> dict[str, int]:
    return {
        "accounts": Account.objects.count(),
        "transactions": Transaction.objects.count(),
        "entries": Entry.objects.count(),
    }
