"""A test double of ``kyoso.payments.services`` that behaves as the payments app promises to:
it keeps payments in memory, posts captures and refunds to the ledger (money into the account
the purpose's handler names) and calls the handler's hooks in the same transaction.

Bank transfers wait until :meth:`FakePayments.receive` (the statement line reconciled); card
payments are authorized at once and captured at once unless ``capture="manual"``.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from kyoso.campaigns.handler import HANDLER
from kyoso.ledger import services as ledger
from kyoso.ledger.models import AccountKind


class FakePaymentError(Exception):
    pass


@dataclass
class FakePayment:
    pk: int
    purpose: str
    purpose_id: int
    amount: int
    method: str
    capture: str
    status: str = "pending"
    refunded: int = 0

    @property
    def captured_amount(self) -> int:
        return self.amount if self.status in ("captured", "refunded") else 0


class FakePayments:
    def __init__(self) -> None:
        self.payments: dict[int, FakePayment] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.fail_capture: set[int] = set()

    def payment_statuses(self, pledge_ids: list[int]) -> dict[int, str]:
        wanted = set(pledge_ids)
        return {p.purpose_id: p.status for p in self.payments.values() if p.purpose_id in wanted}

    @staticmethod
    def _clearing(payment: FakePayment) -> str:
        key = "bank" if payment.method == "bank_transfer" else "card:clearing"
        ledger.account_open(key=key, name=key, kind=AccountKind.ASSET)
        return key

    def payment_start(
        self,
        *,
        actor,
        purpose,
        purpose_id,
        amount,
        method,
        payer_name,
        payer_kana="",
        idempotency_key,
        capture="automatic",
    ) -> FakePayment:
        with self._lock:
            payment = FakePayment(next(self._ids), purpose, purpose_id, amount, method, capture)
            self.payments[payment.pk] = payment
        if method == "card":
            # The card holder confirms at once (Stripe.js in real life): authorized, and
            # captured at once unless the capture is manual. No hook hears the authorization.
            payment.status = "authorized"
            if capture == "automatic":
                self._capture(payment)
        return payment

    def _capture(self, payment: FakePayment) -> None:
        with transaction.atomic():
            ledger.transaction_post(
                actor=None,
                kind="pledge.captured",
                entries=[
                    (self._clearing(payment), payment.amount),
                    (HANDLER.account_key(payment.purpose_id), -payment.amount),
                ],
                idempotency_key=f"fake:{payment.pk}:captured",
            )
            payment.status = "captured"
            HANDLER.on_captured(payment)

    def receive(self, payment_id: int) -> None:
        """The bank transfer arrived (a statement line reconciled); a replay changes nothing."""
        payment = self.payments[payment_id]
        if payment.status in ("captured", "refunded"):
            return
        self._capture(payment)

    def payment_capture(self, *, actor, payment_id) -> FakePayment:
        payment = self.payments[payment_id]
        if payment_id in self.fail_capture:
            raise FakePaymentError("declined")
        if payment.status == "authorized":
            self._capture(payment)
        return payment

    def payment_cancel(self, *, actor, payment_id, reason) -> FakePayment:
        payment = self.payments[payment_id]
        if payment.status in ("pending", "authorized"):
            payment.status = "cancelled"
            HANDLER.on_cancelled(payment)
        return payment

    def payment_refund(self, *, actor, payment_id, amount=None, reason) -> FakePayment:
        payment = self.payments[payment_id]
        if payment.status != "captured":
            return payment
        amount = payment.amount if amount is None else amount
        with transaction.atomic():
            ledger.transaction_post(
                actor=None,
                kind="pledge.refunded",
                entries=[
                    (HANDLER.account_key(payment.purpose_id), amount),
                    (self._clearing(payment), -amount),
                ],
                idempotency_key=f"fake:{payment.pk}:refund",
            )
            payment.status = "refunded"
            payment.refunded = amount
            HANDLER.on_refunded(payment, amount)
        return payment


def install(monkeypatch: Any) -> FakePayments:
    from kyoso.campaigns import payments_bridge

    fake = FakePayments()
    monkeypatch.setattr(payments_bridge, "BACKEND", fake)
    return fake
