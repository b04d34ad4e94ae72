"""Fixtures of the payments tests: a fake purpose (``tests.gift``) whose ledger account is
``gift:<id>:received`` (a non-negative liability, as the funding and campaigns apps open
theirs), recording every call its handler gets; and a fake Stripe transport."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from kyoso.ledger.services import account_open
from kyoso.payments import gateway
from kyoso.payments.purposes import PurposeInfo, register_purpose, unregister_purpose
from kyoso.payments.tests.fake_stripe import FakeStripe

PURPOSE = "tests.gift"


class GiftPurpose:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def account_key(self, purpose_id: int) -> str:
        return f"gift:{purpose_id}:received"

    def on_captured(self, payment: Any) -> None:
        self.calls.append(("captured", payment.pk, payment.captured_amount))

    def on_refunded(self, payment: Any, amount: int) -> None:
        self.calls.append(("refunded", payment.pk, amount))

    def on_cancelled(self, payment: Any) -> None:
        self.calls.append(("cancelled", payment.pk, 0))

    def describe(self, purpose_ids: Iterable[int]) -> dict[int, PurposeInfo]:
        return {
            pk: PurposeInfo(
                title=f"ギフト{pk}への寄附", link=f"/gifts/{pk}/", owner_name="テスト基金"
            )
            for pk in purpose_ids
        }


def open_gift_accounts(*ids: int) -> None:
    for pk in ids:
        account_open(
            key=f"gift:{pk}:received",
            name=f"ギフト{pk}",
            kind="liability",
            non_negative=True,
            owner_app="tests",
            owner_id=pk,
        )


@pytest.fixture
def gift(db):
    handler = GiftPurpose()
    register_purpose(PURPOSE, handler)
    open_gift_accounts(1, 2, 3)
    yield handler
    unregister_purpose(PURPOSE)


@pytest.fixture
def fake_stripe(settings):
    settings.KYOSO_STRIPE_SECRET_KEY = "sk_test_kyoso"
    settings.KYOSO_STRIPE_WEBHOOK_SECRET = "whsec_kyoso_test"
    settings.KYOSO_STRIPE_PUBLISHABLE_KEY = "pk_test_kyoso"
    fake = FakeStripe()
    gateway.use_http_client(fake)
    yield fake
    gateway.use_http_client(None)
