"""Bad input to the services (issue 17's "Bad input" that concerns payments): clear messages,
nothing written, the ledger still balanced."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyoso.payments import messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import Payment, PaymentTransition
from kyoso.payments.services import payment_cancel, payment_capture, payment_refund
from kyoso.payments.tests.helpers import assert_ledger_sound, start

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (0, messages.AMOUNT_NOT_POSITIVE),
        (-500, messages.AMOUNT_NOT_POSITIVE),
        (10.5, messages.AMOUNT_NOT_INTEGER),
        (Decimal("1000"), messages.AMOUNT_NOT_INTEGER),
        ("1000", messages.AMOUNT_NOT_INTEGER),
        (True, messages.AMOUNT_NOT_INTEGER),
        (10**12 + 1, messages.AMOUNT_ABSURD),
    ],
)
def test_bad_amounts_are_refused(gift, amount, message):
    with pytest.raises(PaymentError) as refused:
        start(amount=amount)
    assert refused.value.message == message
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"method": "cash"}, messages.METHOD_INVALID),
        ({"capture": "later"}, messages.CAPTURE_MODE_INVALID),
        ({"capture": "manual"}, messages.MANUAL_NEEDS_CARD),
        ({"purpose": "nothing.here"}, messages.PURPOSE_UNKNOWN % {"purpose": "nothing.here"}),
        ({"purpose_id": 0}, messages.PURPOSE_ID_INVALID),
        ({"purpose_id": "1"}, messages.PURPOSE_ID_INVALID),
        ({"payer_name": "  "}, messages.PAYER_NAME_REQUIRED),
        ({"payer_name": "名" * 101}, messages.PAYER_NAME_TOO_LONG),
        ({"payer_kana": "すずき"}, messages.PAYER_KANA_INVALID),
        ({"idempotency_key": ""}, messages.IDEMPOTENCY_KEY_INVALID),
        ({"idempotency_key": "has space"}, messages.IDEMPOTENCY_KEY_INVALID),
    ],
)
def test_bad_starts_are_refused(gift, overrides, message):
    with pytest.raises(PaymentError) as refused:
        start(**overrides)
    assert refused.value.message == message
    assert Payment.objects.count() == 0 and PaymentTransition.objects.count() == 0


def test_bad_refunds_and_cancels(gift, sato):
    payment = start(amount=1_000)
    for amount, message in [
        (0, messages.AMOUNT_NOT_POSITIVE),
        (-1, messages.AMOUNT_NOT_POSITIVE),
        (1.5, messages.AMOUNT_NOT_INTEGER),
    ]:
        with pytest.raises(PaymentError) as refused:
            payment_refund(actor=sato, payment_id=payment.pk, amount=amount, reason="返金")
        assert refused.value.message == message
    with pytest.raises(PaymentError) as refused:
        payment_refund(actor=sato, payment_id=payment.pk, reason="")
    assert refused.value.message == messages.REASON_REQUIRED
    with pytest.raises(PaymentError) as refused:
        payment_refund(actor=sato, payment_id=payment.pk, reason="返金")
    assert refused.value.code == "not_refundable"  # nothing captured yet
    with pytest.raises(PaymentError) as refused:
        payment_cancel(actor=sato, payment_id=payment.pk, reason="x" * 501)
    assert refused.value.message == messages.REASON_TOO_LONG
    for missing in (999_999, "1", None):
        with pytest.raises(PaymentError) as refused:
            payment_cancel(actor=sato, payment_id=missing, reason="取り消し")
        assert refused.value.message == messages.PAYMENT_NOT_FOUND
    with pytest.raises(PaymentError) as refused:
        payment_capture(actor=sato, payment_id=payment.pk)
    assert refused.value.message == messages.MANUAL_CAPTURE_CARD_ONLY
    payment.refresh_from_db()
    assert payment.status == "pending" and PaymentTransition.objects.count() == 1
    assert_ledger_sound()


def test_a_purpose_account_not_opened_refuses_the_capture(gift):
    from django.db import transaction

    from kyoso.payments.services import record_capture

    payment = start(amount=1_000, purpose_id=99)  # gift:99:received was never opened
    with pytest.raises(PaymentError) as refused, transaction.atomic():
        record_capture(actor=None, payment=payment)
    assert refused.value.code == "unknown_account"
    payment.refresh_from_db()
    assert payment.status == "pending"
    assert_ledger_sound()
