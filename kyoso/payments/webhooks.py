"""Stripe webhook events → payment changes, each event applied at most once.

The event's id is stored (:class:`WebhookEvent`, unique) in the same database transaction as
the change it causes, so a replayed event — or the same event delivered twice in parallel —
changes nothing: the second insert fails on the unique id and the whole handling is skipped.
The changes themselves are idempotent too (conditional status updates, ledger idempotency
keys), so an event that repeats what an API call already did (``payment_intent.succeeded``
after our own manual capture) moves nothing.

An event for a payment Kyoso does not know (another integration on the same Stripe account, a
deleted test object) is logged and answered 200 with nothing written: Stripe would otherwise
retry it for three days, and there is nothing a retry could fix.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError
from django.db import transaction as db_transaction

from kyoso.audit.services import audit_record
from kyoso.payments import audit
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import Payment, Refund, WebhookEvent
from kyoso.payments.services import (
    record_authorized,
    record_cancelled,
    record_capture,
    record_card_fee,
    record_refund,
)

logger = logging.getLogger(__name__)

HANDLED = frozenset(
    {
        "payment_intent.succeeded",
        "payment_intent.amount_capturable_updated",
        "payment_intent.canceled",
        "refund.created",
    }
)


@dataclass(frozen=True)
class Outcome:
    #: "applied", "replayed", "unknown_payment", "ignored" or "refused"
    result: str
    payment_id: int | None = None


def _get(obj: Any, key: str, default: Any = None) -> Any:
    try:
        value = obj[key]
    except (KeyError, TypeError, IndexError):
        return default
    return default if value is None else value


def _payment_for(kind: str, obj: Any) -> Payment | None:
    intent_id = (
        _get(obj, "id") if kind.startswith("payment_intent.") else _get(obj, "payment_intent")
    )
    if not isinstance(intent_id, str) or not intent_id:
        return None
    return Payment.objects.filter(stripe_payment_intent=intent_id).first()


def handle_event(event: Any) -> Outcome:
    """Apply one verified Stripe event (``stripe.Event`` or the same shape as dicts)."""
    event_id = _get(event, "id")
    kind = _get(event, "type", "")
    obj = _get(_get(event, "data", {}), "object", {})
    if not isinstance(event_id, str) or not event_id or kind not in HANDLED:
        logger.info("Stripe event %s (%s) ignored: not a type Kyoso handles", event_id, kind)
        return Outcome("ignored")
    payment = _payment_for(kind, obj)
    if payment is None:
        logger.warning(
            "Stripe event %s (%s) for an unknown payment: nothing written", event_id, kind
        )
        return Outcome("unknown_payment")
    try:
        with db_transaction.atomic():
            try:
                with db_transaction.atomic():
                    WebhookEvent.objects.create(event_id=event_id, type=kind, payment=payment)
            except IntegrityError:
                return Outcome("replayed", payment.pk)
            _apply(kind, obj, payment)
            audit_record(
                actor=None,
                action=audit.WEBHOOK_RECEIVED,
                target=payment,
                data={"event": event_id, "type": kind},
            )
    except PaymentError as error:
        # e.g. a refund made in Stripe's dashboard above what Kyoso booked as captured:
        # nothing is written; the secretariat sees it in the log.
        logger.error("Stripe event %s (%s) refused: %s (%s)", event_id, kind, error, error.code)
        return Outcome("refused", payment.pk)
    return Outcome("applied", payment.pk)


def _apply(kind: str, obj: Any, payment: Payment) -> None:
    if kind == "payment_intent.succeeded":
        received = _get(obj, "amount_received") or payment.amount
        if record_capture(actor=None, payment=payment, amount=int(received), reason=kind):
            # Stripe's fee, from the charge's balance transaction; a failed lookup raises and
            # rolls the capture back with it (the view answers 500: Stripe retries).
            charge = _get(obj, "latest_charge")
            charge_id = charge if isinstance(charge, str) else _get(charge, "id", "")
            record_card_fee(actor=None, payment=payment, charge_id=str(charge_id or ""))
    elif kind == "payment_intent.amount_capturable_updated":
        record_authorized(actor=None, payment=payment)
    elif kind == "payment_intent.canceled":
        reason = _get(obj, "cancellation_reason") or kind
        record_cancelled(actor=None, payment=payment, reason=str(reason))
    elif kind == "refund.created":
        refund_id = _get(obj, "id")
        metadata = _get(obj, "metadata", {})
        # Refunds Kyoso made itself carry their own id (already booked with the API call);
        # one made in Stripe's dashboard is booked here, once (its id is unique).
        if (
            _get(metadata, "kyoso_refund")
            or Refund.objects.filter(stripe_refund=refund_id).exists()
        ):
            return
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        record_refund(
            actor=None,
            payment=locked,
            amount=int(_get(obj, "amount", 0)),
            reason="Stripe のダッシュボードでの返金",
            stripe_refund=str(refund_id),
        )
