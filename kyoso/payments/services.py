"""Writes of payments: start, capture, cancel, refund (card and bank transfer).

Each service runs in ``transaction.atomic``; a status change is one conditional
``UPDATE … WHERE status IN (…)`` whose row count decides between parallel callers (correct on
PostgreSQL and SQLite alike), and refunds move ``refunded_amount`` with
``UPDATE … WHERE refunded_amount + x <= captured_amount`` so two parallel refunds can never
together exceed what was captured. Captures and refunds post one balanced ledger transaction
each, under an idempotency key derived from the payment or refund, so a replayed webhook or a
re-imported statement posts nothing twice. Purpose handlers (:mod:`kyoso.payments.purposes`)
are called inside the same database transaction.

Stripe calls: made with idempotency keys derived from our own rows, so a retried request
never charges, captures or refunds twice at Stripe either.
"""

from __future__ import annotations

import re
from typing import Any

import stripe
from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.db.models import F
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core.money import format_yen
from kyoso.ledger.errors import LedgerError
from kyoso.ledger.models import MAX_AMOUNT
from kyoso.ledger.services import transaction_post
from kyoso.payments import accounts, audit, gateway, messages
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import (
    OPEN_STATUSES,
    CaptureMode,
    Method,
    Payment,
    PaymentTransition,
    Refund,
    RefundStatus,
    Status,
)
from kyoso.payments.purposes import PurposeHandler, handler_for
from kyoso.payments.references import new_reference

IDEMPOTENCY_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_.:\-]{1,100}$")
KANA_PATTERN = re.compile(r"^[\u30a0-\u30ff\uff66-\uff9f\u3000 A-Za-z0-9\-.()（）]*$")
REASON_MAX = 500
NAME_MAX = 100


# --- Validation ------------------------------------------------------------------------------


def clean_amount(amount: Any) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise PaymentError(messages.AMOUNT_NOT_INTEGER, "amount_not_integer")
    if amount <= 0:
        raise PaymentError(messages.AMOUNT_NOT_POSITIVE, "amount_not_positive")
    if amount > MAX_AMOUNT:
        raise PaymentError(messages.AMOUNT_ABSURD, "amount_absurd")
    return amount


def clean_reason(reason: Any) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise PaymentError(messages.REASON_REQUIRED, "reason_required")
    if len(reason.strip()) > REASON_MAX:
        raise PaymentError(messages.REASON_TOO_LONG, "reason_too_long")
    return reason.strip()


def _handler(purpose: str) -> PurposeHandler:
    handler = handler_for(purpose)
    if handler is None:
        raise PaymentError(messages.PURPOSE_UNKNOWN % {"purpose": purpose}, "purpose_unknown")
    return handler


def _ledger(**kwargs: Any) -> None:
    try:
        transaction_post(**kwargs)
    except LedgerError as error:
        raise PaymentError(error.message, error.code) from error


def _transition(
    payment: Payment, from_status: str, to_status: str, *, actor: Any, reason: str = "", amount=0
) -> None:
    PaymentTransition.objects.create(
        payment=payment,
        from_status=from_status,
        to_status=to_status,
        amount=amount,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason[:REASON_MAX],
    )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- Start -----------------------------------------------------------------------------------


def payment_start(
    *,
    actor: Any,
    purpose: str,
    purpose_id: int,
    amount: int,
    method: str,
    payer_name: str,
    payer_kana: str = "",
    idempotency_key: str,
    capture: str = "automatic",
) -> Payment:
    """A new pending payment. Bank transfer: with a reference code for the payer's
    振込依頼人名. Card: with a Stripe PaymentIntent (``capture_method=manual`` when
    ``capture="manual"``) whose client secret is on ``payment.stripe_client_secret``.
    The same ``idempotency_key`` returns the same payment (and never creates a second
    PaymentIntent)."""
    amount = clean_amount(amount)
    if method not in Method.values:
        raise PaymentError(messages.METHOD_INVALID, "method_invalid")
    if capture not in CaptureMode.values:
        raise PaymentError(messages.CAPTURE_MODE_INVALID, "capture_mode_invalid")
    if capture == CaptureMode.MANUAL and method != Method.CARD:
        raise PaymentError(messages.MANUAL_NEEDS_CARD, "manual_needs_card")
    if (
        isinstance(purpose_id, bool)
        or not isinstance(purpose_id, int)
        or not 0 < purpose_id < 2**63
    ):
        raise PaymentError(messages.PURPOSE_ID_INVALID, "purpose_id_invalid")
    _handler(purpose)
    name = (payer_name or "").strip() if isinstance(payer_name, str) else ""
    if not name:
        raise PaymentError(messages.PAYER_NAME_REQUIRED, "payer_name_required")
    if len(name) > NAME_MAX:
        raise PaymentError(messages.PAYER_NAME_TOO_LONG, "payer_name_too_long")
    kana = (payer_kana or "").strip() if isinstance(payer_kana, str) else None
    if kana is None or len(kana) > NAME_MAX or not KANA_PATTERN.match(kana):
        raise PaymentError(messages.PAYER_KANA_INVALID, "payer_kana_invalid")
    if not isinstance(idempotency_key, str) or not IDEMPOTENCY_KEY_PATTERN.match(idempotency_key):
        raise PaymentError(messages.IDEMPOTENCY_KEY_INVALID, "idempotency_key_invalid")
    if method == Method.CARD and not gateway.is_configured():
        raise PaymentError(messages.CARD_NOT_CONFIGURED, "card_not_configured")

    wanted = {
        "purpose": purpose,
        "purpose_id": purpose_id,
        "amount": amount,
        "method": method,
        "capture_mode": capture,
    }
    with db_transaction.atomic():
        existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            try:
                with db_transaction.atomic():
                    payment = _create(wanted, name, kana, idempotency_key, actor)
            except IntegrityError:
                # A parallel first request with the same key won: answer with its payment.
                existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
                if existing is None:
                    raise
            else:
                if method == Method.CARD:
                    _create_intent(payment)
                audit_record(
                    actor=actor,
                    action=audit.PAYMENT_STARTED,
                    target=payment,
                    data={**wanted, "reference": payment.reference},
                )
                return payment
    if any(getattr(existing, field) != value for field, value in wanted.items()):
        raise PaymentError(messages.IDEMPOTENCY_CONFLICT, "idempotency_conflict")
    return existing


def _create(
    wanted: dict[str, Any], name: str, kana: str, idempotency_key: str, actor: Any
) -> Payment:
    for _attempt in range(5):
        reference = new_reference()
        if not Payment.objects.filter(reference=reference).exists():
            break
    payment = Payment.objects.create(
        **wanted,
        reference=reference,
        payer_name=name,
        payer_kana=kana,
        idempotency_key=idempotency_key,
        created_by=_user(actor),
        status=Status.PENDING,
    )
    _transition(payment, "", Status.PENDING, actor=actor, amount=payment.amount)
    return payment


def _create_intent(payment: Payment) -> None:
    try:
        intent = gateway.create_payment_intent(
            amount=payment.amount,
            manual=payment.capture_mode == CaptureMode.MANUAL,
            metadata={
                "kyoso_payment": str(payment.pk),
                "reference": payment.reference,
                "purpose": payment.purpose,
                "purpose_id": str(payment.purpose_id),
            },
            idempotency_key=f"kyoso-payment-{payment.idempotency_key}",
        )
    except stripe.StripeError as error:
        raise PaymentError(messages.PROVIDER_ERROR, "provider_error") from error
    payment.stripe_payment_intent = intent.id
    payment.stripe_client_secret = intent.client_secret or ""
    payment.save(update_fields=["stripe_payment_intent", "stripe_client_secret", "updated_at"])


# --- Capture ---------------------------------------------------------------------------------


def _locked(payment_id: Any) -> Payment:
    if isinstance(payment_id, bool) or not isinstance(payment_id, int):
        raise PaymentError(messages.PAYMENT_NOT_FOUND, "payment_not_found")
    payment = Payment.objects.select_for_update().filter(pk=payment_id).first()
    if payment is None:
        raise PaymentError(messages.PAYMENT_NOT_FOUND, "payment_not_found")
    return payment


def record_capture(
    *, actor: Any, payment: Payment, amount: int | None = None, reason: str = ""
) -> bool:
    """Mark ``payment`` captured for ``amount`` (default: its amount) and post the ledger
    transaction; ``False`` (nothing written) when it was no longer pending or authorized —
    a replayed webhook, a parallel capture. Call inside ``transaction.atomic``."""
    amount = payment.amount if amount is None else clean_amount(amount)
    handler = _handler(payment.purpose)
    now = timezone.now()
    moved = Payment.objects.filter(pk=payment.pk, status__in=OPEN_STATUSES).update(
        status=Status.CAPTURED, captured_amount=amount, captured_at=now, updated_at=now
    )
    if not moved:
        return False
    from_status = payment.status
    payment.refresh_from_db()
    _ledger(
        actor=actor,
        kind="payment.captured",
        entries=[
            (accounts.cash_for(payment.method), amount),
            (handler.account_key(payment.purpose_id), -amount),
        ],
        memo=f"{payment.get_method_display()} {payment.reference} {payment.payer_name}"[:500],
        idempotency_key=f"payments:payment:{payment.pk}:captured",
    )
    _transition(payment, from_status, Status.CAPTURED, actor=actor, reason=reason, amount=amount)
    audit_record(
        actor=actor,
        action=audit.PAYMENT_CAPTURED,
        target=payment,
        data={"amount": amount, "method": payment.method, "reason": reason},
    )
    handler.on_captured(payment)
    return True


def record_card_fee(*, actor: Any, payment: Payment, charge_id: str) -> int:
    """Post Stripe's fee on the charge of a captured card payment: ``payments.fees.card``
    +fee, ``payments.cash.stripe`` −fee (the platform bears it; the purpose's account keeps
    the whole amount). The fee is the charge's balance transaction's ``fee`` (one Stripe
    call). Idempotent: the ledger key ``payments:payment:<id>:fee`` posts once. Returns the
    fee (0: nothing posted). A Stripe error propagates, so the caller's transaction — the
    capture with it — rolls back and Stripe's retry of the webhook books both."""
    if payment.method != Method.CARD or not charge_id:
        return 0
    fee = gateway.charge_fee(charge_id)
    if fee <= 0:
        return 0
    _ledger(
        actor=actor,
        kind="payment.card_fee",
        entries=[
            (accounts.ensure(accounts.FEES_CARD), fee),
            (accounts.ensure(accounts.CASH_STRIPE), -fee),
        ],
        memo=f"カード決済手数料 {payment.reference}"[:500],
        idempotency_key=f"payments:payment:{payment.pk}:fee",
    )
    return fee


def payment_capture(*, actor: Any, payment_id: int) -> Payment:
    """Capture an authorized card payment (``capture="manual"``: an all-or-nothing campaign
    reached its goal). Capturing an already captured payment changes nothing."""
    with db_transaction.atomic():
        payment = _locked(payment_id)
        if payment.status == Status.CAPTURED:
            return payment
        if payment.method != Method.CARD or payment.status != Status.AUTHORIZED:
            if payment.method != Method.CARD:
                raise PaymentError(messages.MANUAL_CAPTURE_CARD_ONLY, "not_capturable")
            raise PaymentError(
                messages.NOT_CAPTURABLE % {"status": payment.get_status_display()},
                "not_capturable",
            )
        try:
            intent = gateway.capture_payment_intent(
                payment.stripe_payment_intent or "",
                idempotency_key=f"kyoso-capture-{payment.pk}",
            )
        except stripe.StripeError as error:
            raise PaymentError(messages.PROVIDER_ERROR, "provider_error") from error
        received = getattr(intent, "amount_received", None) or payment.amount
        if record_capture(actor=actor, payment=payment, amount=int(received)):
            try:
                record_card_fee(
                    actor=actor,
                    payment=payment,
                    charge_id=str(getattr(intent, "latest_charge", "") or ""),
                )
            except stripe.StripeError as error:
                raise PaymentError(messages.PROVIDER_ERROR, "provider_error") from error
        payment.refresh_from_db()
        return payment


def record_authorized(*, actor: Any, payment: Payment) -> bool:
    """pending → authorized (a manual-capture card payment the card holder confirmed)."""
    moved = Payment.objects.filter(pk=payment.pk, status=Status.PENDING).update(
        status=Status.AUTHORIZED, updated_at=timezone.now()
    )
    if not moved:
        return False
    _transition(payment, Status.PENDING, Status.AUTHORIZED, actor=actor, amount=payment.amount)
    audit_record(actor=actor, action=audit.PAYMENT_AUTHORIZED, target=payment)
    payment.status = Status.AUTHORIZED
    return True


# --- Cancel ----------------------------------------------------------------------------------


def record_cancelled(*, actor: Any, payment: Payment, reason: str) -> bool:
    """pending/authorized → cancelled; nothing moved in the ledger. ``False`` when it was
    no longer open."""
    from_status = payment.status
    moved = Payment.objects.filter(pk=payment.pk, status__in=OPEN_STATUSES).update(
        status=Status.CANCELLED, updated_at=timezone.now()
    )
    if not moved:
        return False
    _transition(payment, from_status, Status.CANCELLED, actor=actor, reason=reason)
    audit_record(
        actor=actor, action=audit.PAYMENT_CANCELLED, target=payment, data={"reason": reason}
    )
    payment.status = Status.CANCELLED
    _handler(payment.purpose).on_cancelled(payment)
    return True


def payment_cancel(*, actor: Any, payment_id: int, reason: str) -> Payment:
    """Cancel a pending or authorized payment (an all-or-nothing campaign failed: the card
    authorization is released). Cancelling a cancelled payment changes nothing."""
    reason = clean_reason(reason)
    with db_transaction.atomic():
        payment = _locked(payment_id)
        if payment.status == Status.CANCELLED:
            return payment
        if payment.status not in OPEN_STATUSES:
            raise PaymentError(
                messages.NOT_CANCELLABLE % {"status": payment.get_status_display()},
                "not_cancellable",
            )
        if payment.method == Method.CARD and payment.stripe_payment_intent:
            try:
                gateway.cancel_payment_intent(
                    payment.stripe_payment_intent, idempotency_key=f"kyoso-cancel-{payment.pk}"
                )
            except stripe.StripeError as error:
                raise PaymentError(messages.PROVIDER_ERROR, "provider_error") from error
        record_cancelled(actor=actor, payment=payment, reason=reason)
        payment.refresh_from_db()
        return payment


# --- Refund ----------------------------------------------------------------------------------


def _claim_refund(payment: Payment, amount: int) -> bool:
    """Add ``amount`` to the payment's refunds unless that exceeds what was captured (one
    conditional UPDATE: two parallel refunds can never both pass)."""
    return bool(
        Payment.objects.filter(
            pk=payment.pk,
            status=Status.CAPTURED,
            refunded_amount__lte=F("captured_amount") - amount,
        ).update(refunded_amount=F("refunded_amount") + amount, updated_at=timezone.now())
    )


def record_refund(
    *,
    actor: Any,
    payment: Payment,
    amount: int,
    reason: str,
    stripe_refund: str | None = None,
) -> Refund:
    """Book a refund of ``amount`` (already made at Stripe when ``stripe_refund`` is given;
    owed by bank transfer otherwise). Call inside ``transaction.atomic``."""
    amount = clean_amount(amount)
    handler = _handler(payment.purpose)
    if not _claim_refund(payment, amount):
        payment.refresh_from_db()
        if payment.status != Status.CAPTURED:
            raise PaymentError(
                messages.NOT_REFUNDABLE % {"status": payment.get_status_display()},
                "not_refundable",
            )
        raise PaymentError(
            messages.REFUND_TOO_LARGE % {"remaining": format_yen(payment.refundable_amount)},
            "refund_too_large",
        )
    card = payment.method == Method.CARD
    refund = Refund.objects.create(
        payment=payment,
        amount=amount,
        reason=reason,
        status=RefundStatus.PAID if card else RefundStatus.OWED,
        stripe_refund=stripe_refund,
        created_by=_user(actor),
        paid_at=timezone.now() if card else None,
    )
    counter = accounts.cash_for(payment.method) if card else accounts.ensure(accounts.REFUNDS_OWED)
    _ledger(
        actor=actor,
        kind="payment.refunded",
        entries=[(handler.account_key(payment.purpose_id), amount), (counter, -amount)],
        memo=f"返金 {payment.reference}: {reason}"[:500],
        idempotency_key=f"payments:refund:{refund.pk}",
    )
    payment.refresh_from_db()
    if payment.refunded_amount == payment.captured_amount:
        moved = Payment.objects.filter(pk=payment.pk, status=Status.CAPTURED).update(
            status=Status.REFUNDED
        )
        if moved:
            _transition(
                payment, Status.CAPTURED, Status.REFUNDED, actor=actor, reason=reason, amount=amount
            )
            payment.status = Status.REFUNDED
    audit_record(
        actor=actor,
        action=audit.PAYMENT_REFUNDED,
        target=payment,
        data={"amount": amount, "reason": reason, "refund": refund.pk},
    )
    handler.on_refunded(payment, amount)
    return refund


def payment_refund(
    *, actor: Any, payment_id: int, amount: int | None = None, reason: str
) -> Refund:
    """Refund ``amount`` (default: all that is still refundable) of a captured payment; never
    more in total than was captured. Card: refunded at Stripe at once. Bank transfer: a
    refund owed, which staff mark paid (:func:`refund_mark_paid`) once they sent it."""
    reason = clean_reason(reason)
    if amount is not None:
        amount = clean_amount(amount)
    with db_transaction.atomic():
        payment = _locked(payment_id)
        if payment.status != Status.CAPTURED:
            raise PaymentError(
                messages.NOT_REFUNDABLE % {"status": payment.get_status_display()},
                "not_refundable",
            )
        wanted = payment.refundable_amount if amount is None else amount
        if wanted <= 0 or wanted > payment.refundable_amount:
            raise PaymentError(
                messages.REFUND_TOO_LARGE % {"remaining": format_yen(payment.refundable_amount)},
                "refund_too_large",
            )
        refund = record_refund(actor=actor, payment=payment, amount=wanted, reason=reason)
        if payment.method == Method.CARD:
            try:
                made = gateway.create_refund(
                    intent_id=payment.stripe_payment_intent or "",
                    amount=wanted,
                    metadata={"kyoso_refund": str(refund.pk), "kyoso_payment": str(payment.pk)},
                    idempotency_key=f"kyoso-refund-{refund.pk}",
                )
            except stripe.StripeError as error:
                raise PaymentError(messages.PROVIDER_ERROR, "provider_error") from error
            Refund.objects.filter(pk=refund.pk).update(stripe_refund=made.id)
            refund.stripe_refund = made.id
        return refund


def refund_mark_paid(*, actor: Any, refund_id: int) -> Refund:
    """Staff sent an owed bank-transfer refund: post it out of the bank account."""
    with db_transaction.atomic():
        refund = Refund.objects.select_for_update().filter(pk=refund_id).first()
        if refund is None or refund.status != RefundStatus.OWED:
            raise PaymentError(messages.REFUND_NOT_OWED, "refund_not_owed")
        now = timezone.now()
        moved = Refund.objects.filter(pk=refund.pk, status=RefundStatus.OWED).update(
            status=RefundStatus.PAID, paid_at=now, paid_by=_user(actor)
        )
        if not moved:
            raise PaymentError(messages.REFUND_NOT_OWED, "refund_not_owed")
        _ledger(
            actor=actor,
            kind="payment.refund_paid",
            entries=[
                (accounts.ensure(accounts.REFUNDS_OWED), refund.amount),
                (accounts.ensure(accounts.CASH_BANK), -refund.amount),
            ],
            memo=f"返金の振込 {refund.pk}",
            idempotency_key=f"payments:refund:{refund.pk}:paid",
        )
        audit_record(
            actor=actor, action=audit.REFUND_PAID, target=refund, data={"amount": refund.amount}
        )
        refund.refresh_from_db()
        return refund
