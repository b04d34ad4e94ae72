"""Donating by card from the pages: the form offers a card only when Stripe's keys are set
(and says why not otherwise); a card donation sends its donor to the payments app's card page
(Stripe's Payment Element), and the webhook counts it, Stripe's fee booked apart from the
fund (fake transport, never the network)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.funding.forms import CARD_NOT_OFFERED
from kyoso.funding.models import Donation, DonationStatus
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balance
from kyoso.payments import gateway
from kyoso.payments.selectors import payment_by_id
from kyoso.payments.tests.fake_stripe import FakeStripe
from kyoso.payments.webhooks import handle_event

pytestmark = pytest.mark.django_db

FORM = {
    "amount": "10,000",
    "designation": "undesignated",
    "receipt_name": "鈴木一郎",
    "key": "card-donation-1",
}


@pytest.fixture
def stripe(settings):
    settings.KYOSO_STRIPE_SECRET_KEY = "sk_test_kyoso"
    settings.KYOSO_STRIPE_WEBHOOK_SECRET = "whsec_kyoso_test"
    settings.KYOSO_STRIPE_PUBLISHABLE_KEY = "pk_test_kyoso"
    client = FakeStripe()
    gateway.use_http_client(client)
    yield client
    gateway.use_http_client(None)


def test_without_stripe_keys_only_a_transfer_is_offered_and_why(client, fund, citizen):
    client.force_login(citizen)
    html = client.get(reverse("funding:donate", args=[fund.pk])).content.decode()
    assert 'value="bank_transfer"' in html and 'value="card"' not in html
    assert str(CARD_NOT_OFFERED) in html
    # A card posted anyway is refused by the form; nothing is written.
    response = client.post(reverse("funding:donate", args=[fund.pk]), {**FORM, "method": "card"})
    assert response.status_code == 200 and not Donation.objects.exists()


def test_a_card_donation_is_confirmed_on_the_card_page_and_counted_by_the_webhook(
    client, fund, citizen, stripe
):
    client.force_login(citizen)
    html = client.get(reverse("funding:donate", args=[fund.pk])).content.decode()
    assert 'value="card"' in html and str(CARD_NOT_OFFERED) not in html
    response = client.post(reverse("funding:donate", args=[fund.pk]), {**FORM, "method": "card"})
    donation = Donation.objects.get()
    payment = payment_by_id(donation.payment_id)
    assert response["Location"] == reverse("payments:card_pay", args=[payment.pk])
    page = client.get(response["Location"]).content.decode()
    assert f'data-secret="{payment.stripe_client_secret}"' in page
    assert reverse("funding:donation", args=[donation.pk]) in page
    mine = client.get(reverse("funding:donation", args=[donation.pk])).content.decode()
    assert reverse("payments:card_pay", args=[payment.pk]) in mine
    assert "お振込のご案内" not in mine

    event = stripe.confirm(payment.stripe_payment_intent)
    assert handle_event(event).result == "applied"
    assert handle_event(event).result == "replayed"
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CAPTURED and donation.received == 10_000
    fee = stripe.fee_of(payment.stripe_payment_intent)
    assert fee == 360
    # The fund keeps the whole gift; the platform bears Stripe's fee.
    assert balance(f"fund:{fund.pk}:available") == 10_000
    assert balance("payments.fees.card") == fee
    assert balance("payments.cash.stripe") == 10_000 - fee
    back = client.get(reverse("payments:card_return", args=[payment.pk])).content.decode()
    assert 'data-outcome="succeeded"' in back
    assert check_ledger() == []
