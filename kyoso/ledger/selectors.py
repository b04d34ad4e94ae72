"""Reads of the ledger. Balances are read from ``Account.balance`` (maintained by the
services, proved by ``check_ledger``), never summed per request."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet, Sum

from kyoso.ledger.models import Account, Entry, Transaction, normal_sign

ENTRIES_PAGE = 50
ENTRIES_PAGE_MAX = 500


def balance(key: str) -> int:
    """The balance of ``key`` on its normal side, in yen (0 for an account not opened yet:
    it has never moved). One query."""
    found = Account.objects.filter(key=key).values_list("balance", flat=True).first()
    return int(found or 0)


def balances(keys: Iterable[str]) -> dict[str, int]:
    """``{key: balance}`` for every key asked (0 for one not opened yet). One query."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    found = dict(Account.objects.filter(key__in=wanted).values_list("key", "balance"))
    return {key: int(found.get(key, 0)) for key in wanted}


def accounts_of(owner_app: str, owner_id: int) -> QuerySet[Account]:
    """The accounts an app opened for one of its objects (a fund, a campaign). One query."""
    return Account.objects.filter(owner_app=owner_app, owner_id=owner_id).order_by("key")


@dataclass(frozen=True)
class EntryPage:
    entries: list[Entry]
    #: Pass as ``before`` for the next (older) page; ``None`` on the last page.
    next_before: int | None


def entries_of(
    account: Account, *, before: int | None = None, limit: int = ENTRIES_PAGE
) -> EntryPage:
    """An account's entries, newest first, each with its transaction and running balance
    (``balance_after``), keyset-paginated on the entry id (the index ``(account, id)``).
    One query per page."""
    limit = max(1, min(int(limit), ENTRIES_PAGE_MAX))
    rows = Entry.objects.filter(account=account).select_related("transaction")
    if before is not None:
        rows = rows.filter(id__lt=before)
    page = list(rows.order_by("-id")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return EntryPage(entries=page, next_before=page[-1].pk if more and page else None)


def transactions_between(
    start: datetime,
    end: datetime,
    *,
    account_keys: Iterable[str] | None = None,
    kind: str | None = None,
) -> QuerySet[Transaction]:
    """Transactions that occurred in ``[start, end)``, oldest first, with their entries and
    the entries' accounts (three queries when evaluated), optionally only those touching one
    of ``account_keys`` or of one ``kind``."""
    rows = Transaction.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
    if account_keys is not None:
        rows = rows.filter(
            pk__in=Entry.objects.filter(account__key__in=list(account_keys)).values(
                "transaction_id"
            )
        )
    if kind is not None:
        rows = rows.filter(kind=kind)
    entries = Entry.objects.select_related("account").order_by("id")
    return rows.order_by("occurred_at", "id").prefetch_related(
        Prefetch("entries", queryset=entries)
    )


def totals_by_fiscal_year(account_keys: Iterable[str]) -> dict[str, dict[int, int]]:
    """``{key: {fiscal year: net movement on the account's normal side}}`` — e.g. a fund's
    money raised per 年度. One query (grouped by account and fiscal year)."""
    keys = list(dict.fromkeys(account_keys))
    result: dict[str, dict[int, int]] = defaultdict(dict)
    rows = (
        Entry.objects.filter(account__key__in=keys)
        .values("account__key", "account__kind", "transaction__fiscal_year")
        .annotate(total=Sum("amount"))
        .order_by("account__key", "transaction__fiscal_year")
    )
    for row in rows:
        result[row["account__key"]][row["transaction__fiscal_year"]] = normal_sign(
            row["account__kind"]
        ) * int(row["total"])
    return {key: dict(result.get(key, {})) for key in keys}


def account_list(*, prefix: str = "") -> QuerySet[Account]:
    """Accounts by key, optionally those whose key starts with ``prefix`` (the staff page)."""
    rows = Account.objects.order_by("key")
    return rows.filter(key__startswith=prefix) if prefix else rows


def account_by_key(key: str) -> Account | None:
    return Account.objects.filter(key=key).first()
