"""The Stripe boundary: one :class:`stripe.StripeClient` built from settings.

Tests replace only the HTTP transport (:func:`use_http_client` with a fake
``stripe.HTTPClient`` that answers recorded JSON), so the library's own request building,
idempotency headers and response parsing run for real — never the network.
"""

from __future__ import annotations

from typing import Any

import stripe
from django.conf import settings

_http_client: stripe.HTTPClient | None = None


def use_http_client(client: stripe.HTTPClient | None) -> None:
    """Route every Stripe call through ``client`` (tests: a fake transport); ``None`` restores
    the library's default."""
    global _http_client
    _http_client = client


def is_configured() -> bool:
    return bool(getattr(settings, "KYOSO_STRIPE_SECRET_KEY", ""))


def card_available() -> bool:
    """Payers may choose a card: the secret key (PaymentIntents), the publishable key
    (Stripe.js on the confirmation page) and the webhook secret (the capture arrives as a
    verified event) are all set."""
    return bool(
        is_configured()
        and getattr(settings, "KYOSO_STRIPE_PUBLISHABLE_KEY", "")
        and webhook_configured()
    )


def publishable_key() -> str:
    return str(getattr(settings, "KYOSO_STRIPE_PUBLISHABLE_KEY", ""))


def client() -> stripe.StripeClient:
    kwargs: dict[str, Any] = {"max_network_retries": 0}
    if _http_client is not None:
        kwargs["http_client"] = _http_client
    return stripe.StripeClient(settings.KYOSO_STRIPE_SECRET_KEY, **kwargs)


def create_payment_intent(
    *, amount: int, manual: bool, metadata: dict[str, str], idempotency_key: str
) -> Any:
    return client().v1.payment_intents.create(
        params={
            "amount": amount,
            "currency": "jpy",
            "capture_method": "manual" if manual else "automatic",
            "allowed_payment_method_types": ["card"],
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )


def retrieve_payment_intent(intent_id: str) -> Any:
    return client().v1.payment_intents.retrieve(intent_id)


def charge_fee(charge_id: str) -> int:
    """Stripe's fee on a charge, in yen: the ``fee`` of its balance transaction (fetched
    expanded with the charge, one call). 0 when the charge has no balance transaction yet."""
    charge = client().v1.charges.retrieve(charge_id, params={"expand": ["balance_transaction"]})
    balance_transaction = getattr(charge, "balance_transaction", None)
    if balance_transaction is None or isinstance(balance_transaction, str):
        return 0
    return int(getattr(balance_transaction, "fee", 0) or 0)


def capture_payment_intent(intent_id: str, *, idempotency_key: str) -> Any:
    return client().v1.payment_intents.capture(
        intent_id, options={"idempotency_key": idempotency_key}
    )


def cancel_payment_intent(intent_id: str, *, idempotency_key: str) -> Any:
    return client().v1.payment_intents.cancel(
        intent_id, options={"idempotency_key": idempotency_key}
    )


def create_refund(
    *, intent_id: str, amount: int, metadata: dict[str, str], idempotency_key: str
) -> Any:
    return client().v1.refunds.create(
        params={"payment_intent": intent_id, "amount": amount, "metadata": metadata},
        options={"idempotency_key": idempotency_key},
    )


def construct_event(payload: bytes, signature: str) -> Any:
    """The verified event; raises ``ValueError`` (bad JSON) or
    ``stripe.SignatureVerificationError``."""
    return stripe.Webhook.construct_event(payload, signature, settings.KYOSO_STRIPE_WEBHOOK_SECRET)


def webhook_configured() -> bool:
    return bool(getattr(settings, "KYOSO_STRIPE_WEBHOOK_SECRET", ""))
