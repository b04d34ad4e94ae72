"""The fund's side of ``kyoso.payments``: every call goes through this module so the rest of
the app names the payments app in one place."""

from __future__ import annotations

from typing import Any

from django.apps import apps

PURPOSE = "funding.donation"


def available() -> bool:
    return apps.is_installed("kyoso.payments")


def start(
    *,
    actor: Any,
    purpose_id: int,
    amount: int,
    method: str,
    payer_name: str,
    payer_kana: str,
    idempotency_key: str,
) -> Any:
    from kyoso.funding import messages
    from kyoso.funding.services.common import FundingError

    if not available():
        raise FundingError(messages.PAYMENTS_UNAVAILABLE, "payments_unavailable")
    from kyoso.payments.services import payment_start

    return payment_start(
        actor=actor,
        purpose=PURPOSE,
        purpose_id=purpose_id,
        amount=amount,
        method=method,
        payer_name=payer_name,
        payer_kana=payer_kana,
        idempotency_key=idempotency_key,
    )


def get(payment_id: int) -> Any:
    if not available():
        return None
    from kyoso.payments.selectors import payment_get

    return payment_get(payment_id)


def register() -> None:
    if not available():
        return
    from kyoso.funding.services.donations import DonationPurpose
    from kyoso.payments.purposes import register_purpose

    register_purpose(PURPOSE, DonationPurpose())
