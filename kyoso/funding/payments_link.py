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
    from kyoso.payments.errors import PaymentError
    from kyoso.payments.services import payment_start

    try:
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
    except PaymentError as error:
        field = "payer_kana" if error.code == "payer_kana_invalid" else None
        raise FundingError(error.message, error.code, field) from error


def card_available() -> bool:
    """The donation form offers a card: Stripe's keys are configured."""
    if not available():
        return False
    from kyoso.payments.selectors import card_available as configured

    return configured()


def card_url(payment_id: int) -> str:
    """The payments app's page where the card holder confirms the payment."""
    from django.urls import reverse

    return reverse("payments:card_pay", args=[payment_id])


def get(payment_id: int) -> Any:
    if not available():
        return None
    from kyoso.payments.selectors import payment_by_id

    return payment_by_id(payment_id)


def payout_account() -> str:
    """The ledger account grants are paid out of: the bank account donations arrive in (the
    payments app's), or the fund app's own ``bank`` where payments is not installed."""
    if not available():
        from kyoso.funding.services.funds import BANK

        return BANK
    from kyoso.payments import accounts

    return accounts.ensure(accounts.CASH_BANK)


def bank_instructions() -> dict[str, str]:
    """Where to transfer (the settings the payments app shows in its instructions)."""
    from django.conf import settings

    return {
        "bank": getattr(settings, "KYOSO_BANK_NAME", ""),
        "branch": getattr(settings, "KYOSO_BANK_BRANCH", ""),
        "type": getattr(settings, "KYOSO_BANK_ACCOUNT_TYPE", ""),
        "number": getattr(settings, "KYOSO_BANK_ACCOUNT_NUMBER", ""),
        "holder": getattr(settings, "KYOSO_BANK_ACCOUNT_HOLDER", ""),
    }


def register() -> None:
    if not available():
        return
    from kyoso.funding.services.donations import DonationPurpose
    from kyoso.payments.purposes import register_purpose

    register_purpose(PURPOSE, DonationPurpose())
