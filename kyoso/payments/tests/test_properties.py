"""Whatever happens, in any order — payments started by transfer or card, captured by
statement or webhook, refunded (often too much), cancelled, webhooks replayed, statements
imported again or overlapping — the ledger's invariants hold, no payment has refunded more
than it captured, and each purpose's account holds exactly captures minus refunds
(property-based, hypothesis)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balance
from kyoso.payments import gateway
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import Payment, Refund
from kyoso.payments.purposes import register_purpose, unregister_purpose
from kyoso.payments.reconcile import statement_process, statement_upload
from kyoso.payments.services import payment_cancel, payment_capture, payment_refund
from kyoso.payments.tests.conftest import PURPOSE, GiftPurpose, open_gift_accounts
from kyoso.payments.tests.fake_stripe import FakeStripe
from kyoso.payments.tests.helpers import start
from kyoso.payments.tests.zengin import Movement, zengin_file
from kyoso.payments.webhooks import handle_event

ACTIONS = ["start", "pay", "refund", "cancel", "replay", "reimport", "capture"]

steps = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.integers(0, 20),  # which payment / event / statement
        st.integers(1, 30_000),  # an amount
        st.booleans(),  # card? manual? full refund?
    ),
    max_size=25,
)

REFUSALS = {
    "not_refundable",
    "refund_too_large",
    "not_cancellable",
    "not_capturable",
    "statement_already_imported",
    "statement_duplicate_line",
}


class World:
    def __init__(self, fake: FakeStripe) -> None:
        self.fake = fake
        self.payments: list[Payment] = []
        self.events: list[dict] = []
        self.files: list[bytes] = []
        self.moves: list[Movement] = []
        self.inquiry = 0

    def pick(self, index: int) -> Payment | None:
        return self.payments[index % len(self.payments)] if self.payments else None

    def apply(self, action: str, index: int, amount: int, flag: bool) -> None:
        if action == "start":
            card = flag and index % 2 == 0
            manual = card and index % 4 == 0
            payment = start(
                method="card" if card else "bank_transfer",
                amount=amount,
                purpose_id=1 + index % 2,
                capture="manual" if manual else "automatic",
            )
            self.payments.append(payment)
            return
        payment = self.pick(index)
        if payment is None:
            return
        payment.refresh_from_db()
        if action == "pay":
            if payment.method == "card":
                if payment.status == "pending":
                    self.events.append(self.fake.confirm(payment.stripe_payment_intent))
                    handle_event(self.events[-1])
            else:
                # The payer transfers the amount (or, when flag, a different one) and the
                # statement with this line and the ones before is imported.
                self.inquiry += 1
                paid = payment.amount if flag else amount
                self.moves.append(
                    Movement(paid, payment.reference.replace("-", ""), inquiry=self.inquiry)
                )
                self._import(zengin_file(list(self.moves)))
        elif action == "refund":
            payment_refund(
                actor=None,
                payment_id=payment.pk,
                amount=None if flag else amount,
                reason="返金",
            )
        elif action == "cancel":
            payment_cancel(actor=None, payment_id=payment.pk, reason="取り消し")
        elif action == "capture":
            payment_capture(actor=None, payment_id=payment.pk)
        elif action == "replay" and self.events:
            handle_event(self.events[index % len(self.events)])
        elif action == "reimport" and self.files:
            self._import(self.files[index % len(self.files)])

    def _import(self, content: bytes) -> None:
        statement = statement_upload(actor=None, filename="s.txt", content=content)
        statement_process(statement.pk)  # on_commit never fires inside the test's atomic
        self.files.append(content)


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=steps)
def test_every_invariant_holds_whatever_happens(db, steps, settings_override):
    handler = GiftPurpose()
    register_purpose(PURPOSE, handler)
    fake = FakeStripe()
    gateway.use_http_client(fake)
    try:
        with transaction.atomic():
            open_gift_accounts(1, 2)
            world = World(fake)
            for step in steps:
                try:
                    with transaction.atomic():
                        world.apply(*step)
                except PaymentError as error:
                    assert error.code in REFUSALS, error.code
            assert check_ledger() == []
            for payment in Payment.objects.all():
                assert 0 <= payment.refunded_amount <= payment.captured_amount
                refunds = Refund.objects.filter(payment=payment).aggregate(t=Sum("amount"))["t"]
                assert (refunds or 0) == payment.refunded_amount
            for purpose_id in (1, 2):
                mine = Payment.objects.filter(purpose_id=purpose_id)
                captured = mine.aggregate(t=Sum("captured_amount"))["t"] or 0
                refunded = mine.aggregate(t=Sum("refunded_amount"))["t"] or 0
                assert balance(f"gift:{purpose_id}:received") == captured - refunded
            transaction.set_rollback(True)
    finally:
        gateway.use_http_client(None)
        unregister_purpose(PURPOSE)


@pytest.fixture
def settings_override(settings):
    settings.KYOSO_STRIPE_SECRET_KEY = "sk_test_kyoso"
    settings.KYOSO_STRIPE_WEBHOOK_SECRET = "whsec_kyoso_test"
    return settings
