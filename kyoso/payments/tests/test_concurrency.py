"""Real concurrency (threads, one database connection each, on SQLite and PostgreSQL):
parallel captures capture once, parallel refunds never exceed what was captured, parallel
webhook deliveries apply once, parallel uploads of one statement import it once."""

from __future__ import annotations

import pytest
from django.db import transaction

from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balances
from kyoso.payments import gateway
from kyoso.payments.errors import PaymentError
from kyoso.payments.models import Payment, Refund, StatementImport, WebhookEvent
from kyoso.payments.purposes import register_purpose, unregister_purpose
from kyoso.payments.reconcile import statement_upload
from kyoso.payments.services import payment_refund, record_capture
from kyoso.payments.tests.conftest import PURPOSE, GiftPurpose, open_gift_accounts
from kyoso.payments.tests.fake_stripe import FakeStripe
from kyoso.payments.tests.helpers import start
from kyoso.payments.tests.zengin import Movement, zengin_file
from kyoso.payments.webhooks import handle_event

THREADS = 8
KEYS = ["payments.cash.bank", "payments.refunds.owed", "gift:1:received"]


@pytest.fixture
def purpose():
    handler = GiftPurpose()
    register_purpose(PURPOSE, handler)
    yield handler
    unregister_purpose(PURPOSE)


def _attempt(job):
    def run():
        try:
            return job()
        except PaymentError as error:
            return error.code

    return run


def _captured(amount: int) -> Payment:
    open_gift_accounts(1)
    payment = start(amount=amount)
    with transaction.atomic():
        record_capture(actor=None, payment=payment)
    return payment


@pytest.mark.django_db(transaction=True)
def test_parallel_refunds_never_exceed_what_was_captured(tmp_path, purpose):
    payment = _captured(10_000)

    def refund():
        return payment_refund(
            actor=None, payment_id=payment.pk, amount=4_000, reason="並行返金"
        ).amount

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(refund) for _ in range(THREADS)])
        state = read(
            open_connection,
            lambda: (
                Payment.objects.values_list("refunded_amount", flat=True).get(pk=payment.pk),
                Refund.objects.count(),
                balances(KEYS),
                check_ledger(),
            ),
        )
    assert sorted(answers, key=str) == [4_000, 4_000] + ["refund_too_large"] * (THREADS - 2)
    refunded, refunds, money, problems = state
    assert (refunded, refunds) == (8_000, 2)
    assert money == {
        "payments.cash.bank": 10_000,
        "payments.refunds.owed": 8_000,
        "gift:1:received": 2_000,
    }
    assert problems == []


@pytest.mark.django_db(transaction=True)
def test_parallel_captures_capture_once(tmp_path, purpose):
    open_gift_accounts(1)
    payment = start(amount=5_000)

    def capture():
        with transaction.atomic():
            fresh = Payment.objects.get(pk=payment.pk)
            return record_capture(actor=None, payment=fresh)

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(capture) for _ in range(THREADS)])
        state = read(open_connection, lambda: (balances(KEYS), check_ledger()))
    assert sorted(answers) == [False] * (THREADS - 1) + [True]
    assert state[0]["gift:1:received"] == 5_000 and state[0]["payments.cash.bank"] == 5_000
    assert state[1] == []


@pytest.mark.django_db(transaction=True)
def test_parallel_deliveries_of_one_webhook_apply_once(tmp_path, purpose, settings):
    settings.KYOSO_STRIPE_SECRET_KEY = "sk_test_kyoso"
    fake = FakeStripe()
    # Kept during the deliveries: the one that applies reads Stripe's fee from the charge.
    gateway.use_http_client(fake)
    try:
        open_gift_accounts(1)
        payment = start(method="card", amount=7_000)
        event = fake.confirm(payment.stripe_payment_intent)

        def deliver():
            return handle_event(event).result

        with thread_databases(tmp_path) as open_connection:
            answers = in_parallel(open_connection, [_attempt(deliver) for _ in range(THREADS)])
            state = read(
                open_connection,
                lambda: (
                    WebhookEvent.objects.count(),
                    balances(["gift:1:received", "payments.fees.card"]),
                    check_ledger(),
                ),
            )
    finally:
        gateway.use_http_client(None)
    assert sorted(answers) == ["applied"] + ["replayed"] * (THREADS - 1)
    # Stripe's fee (3.6 % of ¥7,000) posted once.
    assert state == (1, {"gift:1:received": 7_000, "payments.fees.card": 252}, [])


@pytest.mark.django_db(transaction=True)
def test_parallel_uploads_of_one_statement_import_it_once(tmp_path, purpose):
    open_gift_accounts(1)
    payment = start(amount=2_000)
    content = zengin_file([Movement(2_000, payment.reference.replace("-", ""))])

    def upload():
        return statement_upload(actor=None, filename="s.txt", content=content).pk

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(upload) for _ in range(4)])
        state = read(
            open_connection,
            lambda: (
                StatementImport.objects.count(),
                balances(["gift:1:received"]),
                check_ledger(),
            ),
        )
    assert len([a for a in answers if isinstance(a, int)]) == 1
    assert sorted(a for a in answers if isinstance(a, str)) == ["statement_already_imported"] * 3
    assert state == (1, {"gift:1:received": 2_000}, [])
