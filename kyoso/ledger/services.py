"""Writes to the ledger: open an account, post a balanced transaction, reverse one.

Concurrency (docs/ledger.md): every posting moves each account's ``balance`` with one
conditional ``UPDATE … WHERE (NOT non_negative OR balance + delta >= 0) RETURNING balance``,
accounts in ascending id order (so two postings never wait on each other crosswise), inside the
same database transaction as the entries. A refused update (no row returned) rolls the whole
posting back. On PostgreSQL a second writer waits for the first's row lock and re-checks the
condition against the committed balance; on SQLite writers are serialized (IMMEDIATE
transactions). Idempotency keys and reversals are decided by unique constraints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, connection
from django.db import transaction as db_transaction
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core.fiscal import fiscal_year
from kyoso.ledger import audit, messages
from kyoso.ledger.errors import LedgerError
from kyoso.ledger.models import MAX_AMOUNT, Account, AccountKind, Entry, Transaction, normal_sign

KEY_PATTERN = re.compile(r"^[a-z0-9_.:\-]{1,100}$")
KIND_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
KIND_MAX = 60
MEMO_MAX = 500
IDEMPOTENCY_KEY_MAX = 100
REVERSAL_KIND = "ledger.reversal"
OWNER_APP_MAX = 40


# --- Accounts --------------------------------------------------------------------------------


def account_open(
    *,
    key: str,
    name: str,
    kind: str,
    non_negative: bool = False,
    owner_app: str = "",
    owner_id: int | None = None,
    actor: Any = None,
) -> Account:
    """Open the account ``key``, or return it if it is already open with the same kind and
    constraint (idempotent by key; a parallel opening of the same key returns the same row)."""
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise LedgerError(messages.ACCOUNT_KEY_INVALID, "account_key_invalid")
    if not isinstance(name, str) or not name.strip():
        raise LedgerError(messages.ACCOUNT_NAME_REQUIRED, "account_name_required")
    if kind not in AccountKind.values:
        raise LedgerError(messages.ACCOUNT_KIND_INVALID, "account_kind_invalid")
    if (
        not isinstance(owner_app, str)
        or len(owner_app) > OWNER_APP_MAX
        or (owner_id is not None and (isinstance(owner_id, bool) or not isinstance(owner_id, int)))
        or (owner_id is not None and not 0 <= owner_id < 2**63)
    ):
        raise LedgerError(messages.ACCOUNT_OWNER_INVALID, "account_owner_invalid")
    with db_transaction.atomic():
        existing = Account.objects.filter(key=key).first()
        if existing is None:
            try:
                with db_transaction.atomic():
                    account = Account.objects.create(
                        key=key,
                        name=name.strip()[:200],
                        kind=kind,
                        non_negative=bool(non_negative),
                        owner_app=owner_app,
                        owner_id=owner_id,
                    )
            except IntegrityError:
                existing = Account.objects.get(key=key)
            else:
                audit_record(
                    actor=actor,
                    action=audit.ACCOUNT_OPENED,
                    target=account,
                    data={"key": key, "kind": kind, "non_negative": bool(non_negative)},
                )
                return account
    if existing.kind != kind or existing.non_negative != bool(non_negative):
        raise LedgerError(messages.ACCOUNT_CONFLICT % {"key": key}, "account_conflict")
    return existing


# --- Validation ------------------------------------------------------------------------------


def _clean_entries(entries: Any) -> list[tuple[str, int]]:
    if not isinstance(entries, list | tuple) or not entries:
        raise LedgerError(messages.ENTRIES_REQUIRED, "entries_required")
    cleaned: list[tuple[str, int]] = []
    seen: set[str] = set()
    for line in entries:
        if not isinstance(line, list | tuple) or len(line) != 2 or not isinstance(line[0], str):
            raise LedgerError(messages.ENTRY_INVALID, "entry_invalid")
        key, amount = line
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise LedgerError(messages.AMOUNT_NOT_INTEGER, "amount_not_integer")
        if amount == 0:
            raise LedgerError(messages.AMOUNT_ZERO, "amount_zero")
        if abs(amount) > MAX_AMOUNT:
            raise LedgerError(messages.AMOUNT_ABSURD, "amount_absurd")
        if key in seen:
            raise LedgerError(messages.DUPLICATE_ACCOUNT % {"key": key}, "duplicate_account")
        seen.add(key)
        cleaned.append((key, amount))
    if len(cleaned) < 2:
        raise LedgerError(messages.ENTRIES_REQUIRED, "entries_required")
    total = sum(amount for _, amount in cleaned)
    if total != 0:
        raise LedgerError(messages.NOT_BALANCED % {"difference": f"{total:+,}"}, "not_balanced")
    return cleaned


def _clean_header(
    kind: Any, memo: Any, idempotency_key: Any, occurred_at: Any
) -> tuple[str, str, str | None, datetime]:
    if not isinstance(kind, str) or len(kind) > KIND_MAX or not KIND_PATTERN.match(kind):
        raise LedgerError(messages.KIND_INVALID, "kind_invalid")
    if not isinstance(memo, str) or len(memo) > MEMO_MAX:
        raise LedgerError(messages.MEMO_TOO_LONG, "memo_too_long")
    if idempotency_key is not None and (
        not isinstance(idempotency_key, str)
        or not idempotency_key
        or len(idempotency_key) > IDEMPOTENCY_KEY_MAX
    ):
        raise LedgerError(messages.IDEMPOTENCY_KEY_INVALID, "idempotency_key_invalid")
    if occurred_at is None:
        occurred_at = timezone.now()
    elif not isinstance(occurred_at, datetime) or timezone.is_naive(occurred_at):
        raise LedgerError(messages.OCCURRED_AT_INVALID, "occurred_at_invalid")
    return kind, memo, idempotency_key, occurred_at


# --- Posting ---------------------------------------------------------------------------------


def _replayed(
    existing: Transaction, kind: str, lines: list[tuple[str, int]], reverses: Transaction | None
) -> Transaction:
    """The first transaction posted with this idempotency key, if the replay asks for the same
    thing; a different request under the same key is refused (a caller's bug)."""
    posted = sorted(existing.entries.values_list("account__key", "amount"))
    same = (
        existing.kind == kind
        and posted == sorted(lines)
        and existing.reverses_id == (reverses.pk if reverses is not None else None)
    )
    if not same:
        raise LedgerError(messages.IDEMPOTENCY_CONFLICT, "idempotency_conflict")
    return existing


def _move(account: Account, delta: int) -> int | None:
    """Add ``delta`` (normal side) to the balance unless that takes a non-negative account
    below zero; the new balance, or ``None`` when refused."""
    table = connection.ops.quote_name(Account._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET balance = balance + %s "  # noqa: S608 - the table name is ours
            "WHERE id = %s AND (NOT non_negative OR balance + %s >= 0) RETURNING balance",
            [delta, account.pk, delta],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _post(
    *,
    actor: Any,
    kind: str,
    lines: list[tuple[str, int]],
    memo: str,
    idempotency_key: str | None,
    occurred_at: datetime,
    reverses: Transaction | None = None,
) -> tuple[Transaction, bool]:
    """The posted transaction and whether it is new (``False`` for an idempotent replay)."""
    if idempotency_key is not None:
        existing = Transaction.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replayed(existing, kind, lines, reverses), False
    if reverses is not None and Transaction.objects.filter(reverses=reverses).exists():
        raise LedgerError(messages.ALREADY_REVERSED, "already_reversed")
    accounts = {a.key: a for a in Account.objects.filter(key__in=[k for k, _ in lines])}
    for key, _amount in lines:
        if key not in accounts:
            raise LedgerError(messages.UNKNOWN_ACCOUNT % {"key": key}, "unknown_account")
    row = Transaction(
        kind=kind,
        memo=memo,
        idempotency_key=idempotency_key,
        occurred_at=occurred_at,
        fiscal_year=fiscal_year(occurred_at),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reverses=reverses,
    )
    if idempotency_key is None and reverses is None:
        row.save()
    else:
        # The unique key (or the one-to-one reversal) decides between parallel requests: the
        # loser waits for the winner's commit, fails here, and answers like a replay.
        try:
            with db_transaction.atomic():
                row.save()
        except IntegrityError:
            if idempotency_key is not None:
                existing = Transaction.objects.filter(idempotency_key=idempotency_key).first()
                if existing is not None:
                    return _replayed(existing, kind, lines, reverses), False
            raise LedgerError(messages.ALREADY_REVERSED, "already_reversed") from None
    entries: list[Entry] = []
    by_id = sorted(lines, key=lambda line: accounts[line[0]].pk)
    for key, amount in by_id:
        account = accounts[key]
        after = _move(account, normal_sign(account.kind) * amount)
        if after is None:
            raise LedgerError(messages.INSUFFICIENT_BALANCE % {"key": key}, "insufficient_balance")
        account.balance = after
        entries.append(Entry(transaction=row, account=account, amount=amount, balance_after=after))
    Entry.objects.bulk_create(entries)
    return row, True


def transaction_post(
    *,
    actor: Any,
    kind: str,
    entries: Sequence[tuple[str, int]],
    memo: str = "",
    idempotency_key: str | None = None,
    occurred_at: datetime | None = None,
) -> Transaction:
    """Post one balanced transaction: ``entries`` are ``(account key, yen)``, debit positive,
    credit negative, summing to zero. Replaying the same ``idempotency_key`` returns the first
    transaction and changes nothing. Raises :class:`LedgerError` and writes nothing otherwise."""
    lines = _clean_entries(entries)
    kind, memo, idempotency_key, when = _clean_header(kind, memo, idempotency_key, occurred_at)
    with db_transaction.atomic():
        row, created = _post(
            actor=actor,
            kind=kind,
            lines=lines,
            memo=memo,
            idempotency_key=idempotency_key,
            occurred_at=when,
        )
        if created:
            audit_record(
                actor=actor,
                action=audit.TRANSACTION_POSTED,
                target=row,
                data={"kind": kind, "entries": [list(line) for line in lines]},
            )
        return row


def transaction_reverse(
    *,
    actor: Any,
    transaction: Transaction,
    memo: str,
    idempotency_key: str | None = None,
    occurred_at: datetime | None = None,
) -> Transaction:
    """Post the opposite entries of ``transaction`` (a correction); at most once per
    transaction. Refused like any posting if it would take a non-negative account below zero
    (the money has moved on since)."""
    original = transaction
    if not isinstance(memo, str) or not memo.strip():
        raise LedgerError(messages.REVERSAL_MEMO_REQUIRED, "reversal_memo_required")
    kind, memo, idempotency_key, when = _clean_header(
        REVERSAL_KIND, memo.strip(), idempotency_key, occurred_at
    )
    lines = [
        (key, -amount) for key, amount in original.entries.values_list("account__key", "amount")
    ]
    with db_transaction.atomic():
        row, created = _post(
            actor=actor,
            kind=kind,
            lines=lines,
            memo=memo,
            idempotency_key=idempotency_key,
            occurred_at=when,
            reverses=original,
        )
        if created:
            audit_record(
                actor=actor,
                action=audit.TRANSACTION_REVERSED,
                target=row,
                data={"reverses": original.pk, "memo": memo},
            )
        return row
