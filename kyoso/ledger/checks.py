"""``check_ledger``: the ledger's invariants, checked against the whole database.

Each check is one aggregate query, so the whole run is a few sequential scans (1 M entries:
docs/ledger.md has the figures)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
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
    - ``running_balance``: an entry whose ``balance_after`` is not the running sum of its
      account's entries up to it (with ``balance_mismatch``, this also proves the last one
      equals the account's balance);
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
    problems += [
        Problem("running_balance", f"{key}: entry {pk} balance_after {after} ≠ {running}")
        for pk, key, after, running in _running_balances_wrong()
    ]
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


def _running_balances_wrong() -> list[tuple[int, str, int, int]]:
    """Entries whose ``balance_after`` is not the running sum of their account's entries up
    to them (on the account's normal side): one pass with a window function."""
    debit_normal = ", ".join(f"'{kind}'" for kind in sorted(DEBIT_NORMAL))
    entry, account = Entry._meta.db_table, Account._meta.db_table
    sql = f"""
        SELECT w.id, w.key, w.balance_after, w.running FROM (
            SELECT e.id, a.key, e.balance_after,
                   (CASE WHEN a.kind IN ({debit_normal}) THEN 1 ELSE -1 END)
                   * SUM(e.amount) OVER (PARTITION BY e.account_id ORDER BY e.id) AS running
            FROM {entry} e JOIN {account} a ON a.id = e.account_id
        ) w
        WHERE w.running <> w.balance_after
        ORDER BY w.id
        LIMIT {LIST_LIMIT}
    """  # noqa: S608 - table names and kinds are ours, not input
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [(int(a), str(b), int(c), int(d)) for a, b, c, d in cursor.fetchall()]


def ledger_counts() -> dict[str, int]:
    return {
        "accounts": Account.objects.count(),
        "transactions": Transaction.objects.count(),
        "entries": Entry.objects.count(),
    }
