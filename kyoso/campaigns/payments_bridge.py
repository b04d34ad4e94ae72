"""The one place the campaigns app talks to the payments app (``kyoso.payments``).

A pledge is paid through a payment whose purpose is ``campaigns.pledge`` and whose purpose id
is the pledge's id. The payments app posts the capture and the refunds to the ledger (the
campaign's escrow is the account our handler names) and calls the handler's hooks inside the
payment's transaction (``handler.py``). These wrappers keep the rest of the app independent of
the payments app's module layout; ``BACKEND`` may be replaced by a test double that behaves the
same way (``tests/fake_payments.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

PURPOSE = "campaigns.pledge"

#: The module (or object) with payment_start / payment_capture / payment_cancel /
#: payment_refund. None: ``kyoso.payments.services``.
BACKEND: Any = None


def backend() -> Any:
    if BACKEND is not None:
        return BACKEND
    return import_module("kyoso.payments.services")


def start(
    *,
    actor: Any,
    pledge_id: int,
    amount: int,
    method: str,
    payer_name: str,
    payer_kana: str,
    capture: str,
) -> Any:
    try:
        return backend().payment_start(
            actor=actor,
            purpose=PURPOSE,
            purpose_id=pledge_id,
            amount=amount,
            method=method,
            payer_name=payer_name,
            payer_kana=payer_kana,
            idempotency_key=f"campaigns:pledge:{pledge_id}",
            capture=capture,
        )
    except Exception as error:
        message = getattr(error, "message", None)
        code = getattr(error, "code", None)
        if message is None or not isinstance(code, str):
            raise
        from kyoso.campaigns import messages
        from kyoso.campaigns.errors import CampaignError

        # The payments app's refusal (a kana name it cannot read, cards not configured…),
        # with its own message: the pledge's transaction rolls back with it.
        raise CampaignError(messages.PAYMENT_FAILED % {"reason": message}, code) from error


def card_available() -> bool:
    """The pledge form offers a card: Stripe's keys are configured (the payments app says)."""
    if BACKEND is not None:
        return bool(getattr(BACKEND, "card_available", lambda: False)())
    from kyoso.payments.selectors import card_available as available

    return available()


def card_url(payment_id: int) -> str:
    """The payments app's page where the card holder confirms the payment."""
    from django.urls import reverse

    return reverse("payments:card_pay", args=[payment_id])


def capture(*, payment_id: int) -> Any:
    return backend().payment_capture(actor=None, payment_id=payment_id)


def cancel(*, payment_id: int, reason: str) -> Any:
    return backend().payment_cancel(actor=None, payment_id=payment_id, reason=reason)


def refund(*, payment_id: int, reason: str) -> Any:
    return backend().payment_refund(actor=None, payment_id=payment_id, reason=reason)


def payment_statuses(pledge_ids: list[int]) -> dict[int, str]:
    """``{pledge id: its payment's status}`` (pending, authorized, captured, refunded,
    cancelled), one query through the payments app's selectors."""
    if BACKEND is not None:
        return BACKEND.payment_statuses(pledge_ids)
    from kyoso.payments.selectors import payments_for

    return {int(p.purpose_id): p.status for p in payments_for(PURPOSE, pledge_ids)}


@dataclass(frozen=True)
class PaymentSummary:
    status: str
    status_label: str
    reference: str
    #: (label, value) rows for the pledge page: the bank transfer's instructions.
    lines: list[tuple[Any, Any]]
    #: Where a card payer confirms the payment ("" for none).
    url: str = ""


def payment_summary(payment_id: int | None, amount: int) -> PaymentSummary | None:
    """What the pledge page shows about its payment: the reference code the payer writes as
    振込依頼人名 and the bank's details, or the card's state. One query."""
    if payment_id is None or BACKEND is not None:
        return None
    from django.conf import settings
    from django.utils.translation import gettext as _

    from kyoso.payments.selectors import payment_by_id

    payment = payment_by_id(payment_id)
    if payment is None:
        return None
    lines: list[tuple[Any, Any]] = [(_("参照番号"), payment.reference)]
    if payment.method == "bank_transfer" and payment.status == "pending":
        lines += [
            (_("振込先"), f"{settings.KYOSO_BANK_NAME} {settings.KYOSO_BANK_BRANCH}"),
            (
                _("口座"),
                f"{settings.KYOSO_BANK_ACCOUNT_TYPE} {settings.KYOSO_BANK_ACCOUNT_NUMBER}",
            ),
            (_("口座名義"), settings.KYOSO_BANK_ACCOUNT_HOLDER),
            (_("振込金額"), f"{amount:,}円"),
            (
                _("振込依頼人名"),
                _("参照番号に続けてお名前（例：%(example)s）")
                % {"example": f"{payment.reference} スズキ イチロウ"},
            ),
        ]
    return PaymentSummary(
        status=payment.status,
        status_label=str(payment.get_status_display()),
        reference=payment.reference,
        lines=lines,
        url=card_url(payment.pk)
        if payment.method == "card" and payment.status == "pending"
        else "",
    )
