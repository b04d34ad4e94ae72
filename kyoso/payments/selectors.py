"""Reads of payments."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from kyoso.payments.models import (
    OPEN_LINE_STATUSES,
    Method,
    Payment,
    Refund,
    RefundStatus,
    StatementImport,
    StatementLine,
    Status,
)
from kyoso.payments.references import find_reference

PAGE = 50


def payments_for(purpose: str, purpose_ids: Iterable[int]) -> QuerySet[Payment]:
    """The payments of these purpose objects (a donation's, a campaign's pledges), newest
    first. One query."""
    return Payment.objects.filter(purpose=purpose, purpose_id__in=list(purpose_ids)).order_by("-id")


def card_available() -> bool:
    """Payers may choose a card (the Stripe keys are configured: secret, publishable and
    webhook). Without them the payer-facing forms offer bank transfer only."""
    from kyoso.payments import gateway

    return gateway.card_available()


def payment_by_id(payment_id: int) -> Payment | None:
    return Payment.objects.filter(pk=payment_id).first()


#: What the payer's return page says, from our status or (still pending here: the webhook has
#: not arrived yet) the PaymentIntent's status at Stripe.
CARD_OUTCOMES = ("succeeded", "authorized", "processing", "failed", "cancelled", "refunded")
_INTENT_OUTCOME = {
    "succeeded": "succeeded",
    "requires_capture": "authorized",
    "processing": "processing",
    "requires_payment_method": "failed",
    "requires_confirmation": "failed",
    "requires_action": "failed",
    "canceled": "cancelled",
}
_STATUS_OUTCOME: dict[str, str] = {
    Status.CAPTURED: "succeeded",
    Status.AUTHORIZED: "authorized",
    Status.CANCELLED: "cancelled",
    Status.REFUNDED: "refunded",
}


def card_outcome(payment: Payment) -> str:
    """How a card payment went, for its payer: our own status once the webhook has moved it;
    while it is still pending, the PaymentIntent's status read from Stripe (one call, nothing
    written — the webhook stays the source of truth). ``processing`` when Stripe cannot be
    reached."""
    import stripe

    from kyoso.payments import gateway

    if payment.status != Status.PENDING:
        return _STATUS_OUTCOME.get(payment.status, "processing")
    if not payment.stripe_payment_intent or not gateway.is_configured():
        return "processing"
    try:
        intent = gateway.retrieve_payment_intent(payment.stripe_payment_intent)
    except stripe.StripeError:
        return "processing"
    return _INTENT_OUTCOME.get(str(getattr(intent, "status", "")), "processing")


def payment_by_reference(code: str) -> Payment | None:
    """The payment whose reference is ``code``, however the payer typed it (full-width,
    lower-case, without hyphens). One query, none for text that holds no code."""
    reference = find_reference(code or "")
    if not reference:
        return None
    return Payment.objects.filter(reference=reference).first()


def payment_detail(payment_id: int) -> Payment | None:
    """A payment with its history, refunds and statement lines (four queries)."""
    return (
        Payment.objects.filter(pk=payment_id)
        .prefetch_related("transitions__actor", "refunds", "statement_lines")
        .first()
    )


def payment_list(*, status: str = "", method: str = "", query: str = "") -> QuerySet[Payment]:
    rows = Payment.objects.all()
    if status in Status.values:
        rows = rows.filter(status=status)
    if method in Method.values:
        rows = rows.filter(method=method)
    if query:
        reference = find_reference(query)
        rows = (
            rows.filter(reference=reference)
            if reference
            else rows.filter(payer_name__icontains=query) | rows.filter(payer_kana__icontains=query)
        )
    return rows.order_by("-id")


def open_lines() -> QuerySet[StatementLine]:
    """Statement lines staff must resolve (unmatched, partial, over-payments), oldest first,
    with the payment they point at."""
    return (
        StatementLine.objects.filter(status__in=OPEN_LINE_STATUSES)
        .select_related("payment", "statement")
        .order_by("booked_on", "id")
    )


def line_by_id(line_id: int) -> StatementLine | None:
    return StatementLine.objects.select_related("payment", "statement").filter(pk=line_id).first()


def pending_bank_payments(amount: int | None = None) -> QuerySet[Payment]:
    rows = Payment.objects.filter(method=Method.BANK_TRANSFER, status=Status.PENDING)
    if amount is not None:
        rows = rows.filter(amount=amount)
    return rows.order_by("-id")


def imports() -> QuerySet[StatementImport]:
    return StatementImport.objects.defer("content").select_related("created_by").order_by("-id")


def import_by_id(import_id: int) -> StatementImport | None:
    return StatementImport.objects.defer("content").filter(pk=import_id).first()


def refunds_owed() -> QuerySet[Refund]:
    return (
        Refund.objects.filter(status=RefundStatus.OWED)
        .select_related("payment", "statement_line")
        .order_by("id")
    )


def line_counts(import_id: int) -> dict[str, int]:
    """``{status: count}`` of one statement's lines. One query."""
    from django.db.models import Count

    rows = (
        StatementLine.objects.filter(statement_id=import_id)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}
