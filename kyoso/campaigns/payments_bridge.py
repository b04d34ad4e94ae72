"""The one place the campaigns app talks to the payments app (``kyoso.payments``).

A pledge is paid through a payment whose purpose is ``campaigns.pledge`` and whose purpose id
is the pledge's id. The payments app posts the capture and the refunds to the ledger (the
campaign's escrow is the account our handler names) and calls the handler's hooks inside the
payment's transaction (``handler.py``). These wrappers keep the rest of the app independent of
the payments app's module layout; ``BACKEND`` may be replaced by a test double that behaves the
same way (``tests/fake_payments.py``).
"""

from __future__ import annotations

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


def capture(*, payment_id: int) -> Any:
    return backend().payment_capture(actor=None, payment_id=payment_id)


def cancel(*, payment_id: int, reason: str) -> Any:
    return backend().payment_cancel(actor=None, payment_id=payment_id, reason=reason)


def refund(*, payment_id: int, reason: str) -> Any:
    return backend().payment_refund(actor=None, payment_id=payment_id, reason=reason)


def payment_summary(payment_id: int | None) -> Any:
    """What the pledge page shows about its payment (the transfer's reference and the bank's
    details, or the card's state), from the payments app; None when there is none."""
    if payment_id is None:
        return None
    getter = getattr(backend(), "payment_summary", None)
    return getter(payment_id) if getter is not None else None
