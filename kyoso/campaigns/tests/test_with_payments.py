"""The campaigns with the real payments app (``kyoso.payments``): bank transfers reconciled,
cards through the fake Stripe transport (the payments app's own, never the network). An
all-or-nothing campaign that fails gives every yen back; a keep-it-all one collects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from kyoso.campaigns import messages, services
from kyoso.campaigns.errors import CampaignError
from kyoso.campaigns.models import Mode, Pledge, PledgeStatus, State
from kyoso.campaigns.selectors import figures_of
from kyoso.campaigns.tests.factories import make_campaign, supporter
from kyoso.ledger.checks import check_ledger
from kyoso.payments import gateway
from kyoso.payments import services as payments
from kyoso.payments.selectors import payment_by_id
from kyoso.payments.tests.fake_stripe import FakeStripe

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake():
    """No test double here: the real payments app."""
    return None


@pytest.fixture
def stripe(settings):
    settings.KYOSO_STRIPE_SECRET_KEY = "sk_test_kyoso"
    settings.KYOSO_STRIPE_WEBHOOK_SECRET = "whsec_kyoso_test"
    client = FakeStripe()
    gateway.use_http_client(client)
    yield client
    gateway.use_http_client(None)


def _received(pledge: Pledge) -> None:
    """The bank transfer was reconciled from a statement line."""
    with transaction.atomic():
        payments.record_capture(actor=None, payment=payment_by_id(pledge.payment_id))


def _authorized(pledge: Pledge) -> None:
    """The card holder confirmed a manual-capture card payment (Stripe's webhook)."""
    with transaction.atomic():
        payments.record_authorized(actor=None, payment=payment_by_id(pledge.payment_id))


def _close():
    return services.close_funding_rounds(now=timezone.now() + timedelta(days=15))


def test_a_failed_all_or_nothing_campaign_gives_everything_back(lead, project, stripe):
    campaign = make_campaign(lead, project, goal=100_000)
    paid = services.pledge_create(
        actor=supporter(), campaign=campaign, amount=10_000, payer_kana="スズキ イチロウ"
    )
    waiting = services.pledge_create(actor=supporter(), campaign=campaign, amount=5_000)
    card = services.pledge_create(
        actor=supporter(), campaign=campaign, amount=20_000, method="card"
    )
    assert payment_by_id(card.payment_id).capture_mode == "manual"
    _received(paid)
    _received(paid)  # the same statement line again: nothing changes
    _authorized(card)
    assert figures_of(campaign).held == 10_000

    assert _close()["ended"] == 1
    campaign.refresh_from_db()
    assert campaign.state == State.FAILED
    statuses = {p.pk: p.status for p in Pledge.objects.filter(campaign=campaign)}
    assert statuses == {
        paid.pk: PledgeStatus.REFUNDED,
        waiting.pk: PledgeStatus.CANCELLED,
        card.pk: PledgeStatus.CANCELLED,
    }
    assert payment_by_id(card.payment_id).status == "cancelled"
    assert payment_by_id(paid.payment_id).status == "refunded"
    figures = figures_of(campaign)
    assert (figures.raised, figures.refunded, figures.collected, figures.held) == (
        10_000,
        10_000,
        0,
        0,
    )
    assert _close() == {"ended": 0, "pledges": 0}
    assert check_ledger() == []


def test_a_reached_all_or_nothing_campaign_captures_the_cards(lead, project, stripe):
    campaign = make_campaign(lead, project, goal=20_000)
    card = services.pledge_create(
        actor=supporter(), campaign=campaign, amount=20_000, method="card"
    )
    _authorized(card)
    _close()
    campaign.refresh_from_db()
    card.refresh_from_db()
    assert campaign.state == State.SUCCEEDED
    assert card.status == PledgeStatus.COLLECTED
    assert payment_by_id(card.payment_id).status == "captured"
    assert figures_of(campaign).collected == 20_000
    assert check_ledger() == []


def test_a_keep_it_all_campaign_collects_what_came(lead, project, stripe):
    campaign = make_campaign(lead, project, goal=1_000_000, mode=Mode.KEEP_IT_ALL)
    paid = services.pledge_create(actor=supporter(), campaign=campaign, amount=8_000)
    _received(paid)
    _close()
    campaign.refresh_from_db()
    assert campaign.state == State.SUCCEEDED
    assert figures_of(campaign).collected == 8_000
    assert check_ledger() == []


def test_the_payments_refusal_is_told_and_nothing_is_written(lead, project):
    campaign = make_campaign(lead, project, tiers=[])
    with pytest.raises(CampaignError) as refused:
        services.pledge_create(
            actor=supporter(), campaign=campaign, amount=1_000, payer_kana="すずき"
        )
    assert refused.value.code == "payer_kana_invalid"
    assert str(messages.PAYMENT_FAILED).split("%")[0] in str(refused.value.message)
    assert Pledge.objects.count() == 0
    campaign.refresh_from_db()
    assert campaign.pledged_total == 0


# --- Paying by card from the pages ----------------------------------------------------------


def _pledge_page_form(client, campaign) -> str:
    from django.urls import reverse

    return client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()


def test_without_stripe_keys_the_form_offers_a_transfer_and_says_why(client, lead, project):
    campaign = make_campaign(lead, project)
    client.force_login(supporter())
    html = _pledge_page_form(client, campaign)
    assert 'value="bank_transfer"' in html and 'value="card"' not in html
    assert str(messages.CARD_NOT_OFFERED) in html


def test_a_card_pledge_goes_to_the_card_page_of_its_payer(client, lead, project, stripe, settings):
    from django.urls import reverse

    settings.KYOSO_STRIPE_PUBLISHABLE_KEY = "pk_test_kyoso"
    campaign = make_campaign(lead, project, mode=Mode.KEEP_IT_ALL)
    payer = supporter()
    client.force_login(payer)
    html = _pledge_page_form(client, campaign)
    assert 'value="card"' in html and str(messages.CARD_NOT_OFFERED) not in html
    response = client.post(
        reverse("campaigns:pledge_create", args=[campaign.pk]),
        {"amount": "5000", "method": "card", "payer_name": "鈴木一郎", "tier": ""},
    )
    pledge = Pledge.objects.get()
    payment = payment_by_id(pledge.payment_id)
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:card_pay", args=[payment.pk])
    page = client.get(response["Location"]).content.decode()
    assert f'data-secret="{payment.stripe_client_secret}"' in page
    # The card page links back to the pledge, and the pledge page to the card page.
    assert reverse("campaigns:pledge", args=[pledge.pk]) in page
    pledge_page = client.get(reverse("campaigns:pledge", args=[pledge.pk])).content.decode()
    assert reverse("payments:card_pay", args=[payment.pk]) in pledge_page
    # The webhook captures it (with Stripe's fee booked by the payments app).
    from kyoso.payments.webhooks import handle_event

    assert handle_event(stripe.confirm(payment.stripe_payment_intent)).result == "applied"
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PAID
    back = client.get(reverse("payments:card_return", args=[payment.pk])).content.decode()
    assert 'data-outcome="succeeded"' in back
    pledge_page = client.get(reverse("campaigns:pledge", args=[pledge.pk])).content.decode()
    assert reverse("payments:card_pay", args=[payment.pk]) not in pledge_page
    assert check_ledger() == []
