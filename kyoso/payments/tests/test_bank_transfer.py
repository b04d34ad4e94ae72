"""Bank transfers: start with a reference code, capture (as reconciliation does), refunds
owed and paid, cancellation; the ledger after each step."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from kyoso.ledger.selectors import balance
from kyoso.payments import messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import PaymentTransition, Refund, Status
from kyoso.payments.references import ALPHABET
from kyoso.payments.selectors import payment_by_reference, payments_for
from kyoso.payments.services import (
    payment_cancel,
    payment_refund,
    record_capture,
    refund_mark_paid,
)
from kyoso.payments.tests.helpers import assert_ledger_sound, gift_balance, start

pytestmark = pytest.mark.django_db


def capture(payment, amount=None):
    with transaction.atomic():
        return record_capture(actor=None, payment=payment, amount=amount)


def test_a_bank_transfer_starts_pending_with_a_typable_reference(gift):
    payment = start()
    assert payment.status == Status.PENDING
    assert re.fullmatch(rf"KY-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", payment.reference)
    assert not set(payment.reference[3:].replace("-", "")) & set("01OIL5S8BZ2UV")
    assert list(PaymentTransition.objects.values_list("from_status", "to_status")) == [
        ("", "pending")
    ]
    assert payment_by_reference(payment.reference.lower().replace("-", " ")) == payment
    assert list(payments_for("tests.gift", [1])) == [payment]


def test_the_same_idempotency_key_returns_the_same_payment(gift):
    first = start(idempotency_key="form-1")
    again = start(idempotency_key="form-1")
    assert again.pk == first.pk
    with pytest.raises(PaymentError) as refused:
        start(idempotency_key="form-1", amount=999)
    assert refused.value.code == "idempotency_conflict"
    assert refused.value.message == messages.IDEMPOTENCY_CONFLICT


def test_capture_posts_one_balanced_transaction_to_the_purpose(gift):
    payment = start(amount=10_000)
    assert capture(payment) is True
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED and payment.captured_amount == 10_000
    assert balance("payments.cash.bank") == 10_000
    assert gift_balance() == 10_000
    assert gift.calls == [("captured", payment.pk, 10_000)]
    # Capturing again (a re-imported statement, a replay) changes nothing.
    assert capture(payment) is False
    assert balance("payments.cash.bank") == 10_000
    assert len(gift.calls) == 1
    assert_ledger_sound()


def test_a_bank_refund_is_owed_then_paid(gift, sato):
    payment = start(amount=10_000)
    capture(payment)
    refund = payment_refund(actor=sato, payment_id=payment.pk, amount=4_000, reason="一部取り消し")
    assert refund.status == "owed"
    assert gift_balance() == 6_000
    assert balance("payments.refunds.owed") == 4_000
    assert balance("payments.cash.bank") == 10_000
    refund = refund_mark_paid(actor=sato, refund_id=refund.pk)
    assert refund.status == "paid" and refund.paid_by == sato
    assert balance("payments.refunds.owed") == 0
    assert balance("payments.cash.bank") == 6_000
    with pytest.raises(PaymentError) as refused:
        refund_mark_paid(actor=sato, refund_id=refund.pk)
    assert refused.value.message == messages.REFUND_NOT_OWED
    payment.refresh_from_db()
    assert payment.status == Status.CAPTURED and payment.refunded_amount == 4_000
    assert gift.calls[-1] == ("refunded", payment.pk, 4_000)
    assert_ledger_sound()


def test_refunds_never_exceed_what_was_captured(gift, sato):
    payment = start(amount=10_000)
    capture(payment)
    payment_refund(actor=sato, payment_id=payment.pk, amount=7_000, reason="返金")
    with pytest.raises(PaymentError) as refused:
        payment_refund(actor=sato, payment_id=payment.pk, amount=3_001, reason="返金")
    assert refused.value.code == "refund_too_large"
    assert refused.value.message == messages.REFUND_TOO_LARGE % {"remaining": "¥3,000"}
    rest = payment_refund(actor=sato, payment_id=payment.pk, reason="残り全額")
    assert rest.amount == 3_000
    payment.refresh_from_db()
    assert payment.status == Status.REFUNDED and payment.refunded_amount == 10_000
    with pytest.raises(PaymentError) as refused:
        payment_refund(actor=sato, payment_id=payment.pk, amount=1, reason="返金")
    assert refused.value.code == "not_refundable"
    assert Refund.objects.count() == 2
    assert gift_balance() == 0
    assert_ledger_sound()


def test_cancel_moves_nothing_and_is_recorded(gift, sato):
    payment = start()
    cancelled = payment_cancel(actor=sato, payment_id=payment.pk, reason="申込みの取り下げ")
    assert cancelled.status == Status.CANCELLED
    assert gift.calls == [("cancelled", payment.pk, 0)]
    assert balance("payments.cash.bank") == 0
    # Cancelling again changes nothing; a cancelled payment cannot be captured or refunded.
    payment_cancel(actor=sato, payment_id=payment.pk, reason="もう一度")
    assert PaymentTransition.objects.filter(payment=payment).count() == 2
    assert capture(cancelled) is False
    with pytest.raises(PaymentError) as refused:
        payment_refund(actor=sato, payment_id=payment.pk, reason="返金")
    assert refused.value.code == "not_refundable"
    assert_ledger_sound()


def test_a_captured_payment_cannot_be_cancelled(gift, sato):
    payment = start()
    capture(payment)
    with pytest.raises(PaymentError) as refused:
        payment_cancel(actor=sato, payment_id=payment.pk, reason="取り消し")
    assert refused.value.code == "not_cancellable"
