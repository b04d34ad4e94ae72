"""A double-entry ledger (Open Collective's model, with classic debit/credit signs).

Sign convention — one rule: an entry's ``amount`` is **positive for a debit, negative for a
credit**, and the entries of a transaction sum to zero. An account's ``balance`` is the sum of
its entries seen from its *normal side*: ``+sum`` for debit-normal kinds (asset, expense),
``-sum`` for credit-normal kinds (liability, income, equity). So a fund's money (a liability:
what Kyoso holds for the fund) reads as a positive balance, and ``non_negative`` means "never
below zero on its normal side". docs/ledger.md has the full design and worked examples.

Transactions and entries are never updated or deleted; corrections are new (reversing)
transactions. ``save()`` on an existing row and ``delete()`` raise here, and database triggers
refuse the same (docs/ledger.md says which, on which database).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    ASSET = "asset", _("資産")
    LIABILITY = "liability", _("負債")
    INCOME = "income", _("収益")
    EXPENSE = "expense", _("費用")
    EQUITY = "equity", _("純資産")


DEBIT_NORMAL = frozenset({AccountKind.ASSET.value, AccountKind.EXPENSE.value})


def normal_sign(kind: str) -> int:
    """+1 for debit-normal kinds, -1 for credit-normal ones: ``balance = sign * sum(amount)``."""
    return 1 if kind in DEBIT_NORMAL else -1


#: The largest amount of one entry, in yen (1 兆円): anything above is a typo or an attack.
MAX_AMOUNT = 10**12


class ImmutableRowError(Exception):
    """A programming error: ledger rows are written once and never changed or removed."""


class Account(models.Model):
    key = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=AccountKind.choices)
    non_negative = models.BooleanField(default=False)
    #: Maintained by the services in the same database transaction as the entries; proved equal
    #: to ``normal_sign(kind) * sum(entries.amount)`` by ``check_ledger``.
    balance = models.BigIntegerField(default=0)
    #: Who the account belongs to, as plain values (no foreign key to other apps).
    owner_app = models.CharField(max_length=40, blank=True, default="")
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]
        indexes = [models.Index(fields=["owner_app", "owner_id"], name="ledger_account_owner")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AccountKind.values), name="ledger_account_kind"
            ),
            # A backstop: the services refuse first, with a clear message (a conditional
            # UPDATE), but no code path can leave a non-negative account below zero.
            models.CheckConstraint(
                condition=models.Q(non_negative=False) | models.Q(balance__gte=0),
                name="ledger_account_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Transaction(models.Model):
    kind = models.CharField(max_length=60)
    memo = models.CharField(max_length=500, blank=True, default="")
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    occurred_at = models.DateTimeField()
    fiscal_year = models.PositiveSmallIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: A correction: this transaction posts the opposite entries of ``reverses``. One-to-one,
    #: so the database itself refuses a second reversal of the same transaction.
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal"
    )

    class Meta:
        indexes = [
            models.Index(fields=["occurred_at", "id"], name="ledger_tx_occurred"),
            models.Index(fields=["fiscal_year"], name="ledger_tx_fiscal_year"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRowError("Ledger transactions are never updated; post a reversal.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRowError("Ledger transactions are never deleted; post a reversal.")


class Entry(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    #: Yen; positive = debit, negative = credit; never zero.
    amount = models.BigIntegerField()
    #: The account's balance right after this entry (its running balance), taken from the
    #: conditional UPDATE's ``RETURNING`` in the same statement that moved it.
    balance_after = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["account", "id"], name="ledger_entry_account")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_not_zero"),
            models.CheckConstraint(
                condition=models.Q(amount__lte=MAX_AMOUNT, amount__gte=-MAX_AMOUNT),
                name="ledger_entry_not_absurd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount:+d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRowError("Ledger entries are never updated; post a reversal.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRowError("Ledger entries are never deleted; post a reversal.")
