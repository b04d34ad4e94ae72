"""Pledging: the reward is taken, the payment started, the progress moves; bad input is
refused with its message and nothing is half-written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyoso.campaigns import messages, services
from kyoso.campaigns.errors import CampaignError
from kyoso.campaigns.models import Campaign, Mode, Pledge, PledgeStatus, State, Tier
from kyoso.campaigns.tests.factories import make_campaign, tier_of
from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balances

pytestmark = pytest.mark.django_db


def _state(campaign: Campaign) -> tuple:
    campaign.refresh_from_db()
    return (
        campaign.pledged_total,
        campaign.pledge_count,
        Pledge.objects.count(),
        list(Tier.objects.filter(campaign=campaign).values_list("remaining", flat=True)),
    )


def test_a_bank_transfer_pledge_waits_then_lands_in_the_escrow(lead, project, suzuki, fake):
    campaign = make_campaign(lead, project, tiers=[("お米5kg", 5_000, 10)])
    pledge = services.pledge_create(
        actor=suzuki,
        campaign=campaign,
        amount=5_000,
        tier_id=tier_of(campaign, "お米5kg").pk,
        payer_name="スズキ イチロウ",
    )
    assert pledge.status == PledgeStatus.PENDING
    assert pledge.payment_id is not None
    campaign.refresh_from_db()
    assert (campaign.pledged_total, campaign.pledge_count) == (5_000, 1)
    assert tier_of(campaign, "お米5kg").remaining == 9
    assert balances([campaign.escrow_key])[campaign.escrow_key] == 0

    fake.receive(pledge.payment_id)
    fake.receive(pledge.payment_id)  # a replayed statement line changes nothing
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PAID
    found = balances([campaign.escrow_key, campaign.raised_key])
    assert found == {campaign.escrow_key: 5_000, campaign.raised_key: 5_000}
    assert check_ledger() == []


def test_a_card_pledge_of_an_all_or_nothing_campaign_is_only_authorized(
    lead, project, suzuki, fake
):
    campaign = make_campaign(lead, project)
    pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=3_000, method="card")
    assert fake.payments[pledge.payment_id].capture == "manual"
    assert fake.payments[pledge.payment_id].status == "authorized"
    assert services.sync_authorizations(campaign.pk) == 1
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.AUTHORIZED
    assert balances([campaign.escrow_key])[campaign.escrow_key] == 0


def test_a_card_pledge_of_a_keep_it_all_campaign_is_captured(lead, project, suzuki, fake):
    campaign = make_campaign(lead, project, mode=Mode.KEEP_IT_ALL)
    pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=3_000, method="card")
    assert pledge.status == PledgeStatus.PAID
    assert balances([campaign.escrow_key])[campaign.escrow_key] == 3_000


def test_the_supporter_cancels_a_pledge_and_gets_the_reward_back(lead, project, suzuki, fake):
    campaign = make_campaign(lead, project, tiers=[("お米5kg", 5_000, 1)])
    pledge = services.pledge_create(
        actor=suzuki, campaign=campaign, amount=5_000, tier_id=tier_of(campaign, "お米5kg").pk
    )
    services.pledge_cancel(actor=suzuki, pledge=pledge)
    assert pledge.status == PledgeStatus.CANCELLED
    assert fake.payments[pledge.payment_id].status == "cancelled"
    assert _state(campaign) == (0, 0, 1, [1])
    with pytest.raises(CampaignError) as refused:
        services.pledge_cancel(actor=suzuki, pledge=pledge)
    assert refused.value.message == messages.CANNOT_CANCEL


def test_someone_else_cannot_cancel_a_pledge(lead, project, suzuki, takahashi):
    campaign = make_campaign(lead, project)
    pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=1_000)
    with pytest.raises(PermissionDenied):
        services.pledge_cancel(actor=takahashi, pledge=pledge)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (0, messages.AMOUNT_NOT_POSITIVE),
        (-1_000, messages.AMOUNT_NOT_POSITIVE),
        (None, messages.AMOUNT_REQUIRED),
        ("", messages.AMOUNT_REQUIRED),
        (1_000.5, messages.AMOUNT_NOT_INTEGER),
        ("1000", messages.AMOUNT_NOT_INTEGER),
        (True, messages.AMOUNT_NOT_INTEGER),
        (50, messages.AMOUNT_TOO_SMALL % {"min": "100"}),
        (10**15, messages.AMOUNT_ABSURD % {"max": "10,000,000"}),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_written(lead, project, suzuki, amount, message):
    campaign = make_campaign(lead, project, tiers=[("お米5kg", 5_000, 1)])
    before = _state(campaign)
    with pytest.raises(CampaignError) as refused:
        services.pledge_create(
            actor=suzuki, campaign=campaign, amount=amount, tier_id=tier_of(campaign, "お米5kg").pk
        )
    assert str(refused.value.message) == str(message)
    assert _state(campaign) == before
    assert check_ledger() == []


def test_refusals_by_state_each_with_its_message(lead, project, suzuki, fake):
    campaign = make_campaign(lead, project, tiers=[("お米5kg", 5_000, 1), ("お礼状", 1_000, None)])
    rice = tier_of(campaign, "お米5kg")

    def refused(**kwargs):
        before = _state(campaign)
        with pytest.raises(CampaignError) as error:
            services.pledge_create(actor=suzuki, campaign=campaign, **kwargs)
        assert _state(campaign) == before
        return error.value.message

    assert refused(amount=4_999, tier_id=rice.pk) == messages.AMOUNT_BELOW_TIER % {"min": "5,000"}
    other = make_campaign(lead, project, tiers=[("ほか", 1_000, 5)])
    assert refused(amount=5_000, tier_id=tier_of(other, "ほか").pk) == messages.TIER_UNKNOWN
    assert refused(amount=5_000, method="cash") == messages.METHOD_INVALID
    services.pledge_create(actor=suzuki, campaign=campaign, amount=5_000, tier_id=rice.pk)
    assert refused(amount=5_000, tier_id=rice.pk) == messages.SOLD_OUT
    late = timezone.now() + timedelta(days=15)
    assert refused(amount=1_000, now=late) == messages.AFTER_DEADLINE
    draft = make_campaign(lead, project, open_it=False)
    with pytest.raises(CampaignError) as error:
        services.pledge_create(actor=lead, campaign=draft, amount=1_000)
    assert error.value.message == messages.NOT_OPEN
    assert check_ledger() == []


def test_a_failing_payment_start_leaves_nothing_behind(lead, project, suzuki, fake, monkeypatch):
    campaign = make_campaign(lead, project, tiers=[("お米5kg", 5_000, 1)])
    before = _state(campaign)

    def broken(**kwargs):
        raise RuntimeError("provider down")

    monkeypatch.setattr(fake, "payment_start", broken)
    with pytest.raises(RuntimeError):
        services.pledge_create(
            actor=suzuki, campaign=campaign, amount=5_000, tier_id=tier_of(campaign, "お米5kg").pk
        )
    assert _state(campaign) == before


def test_goal_mode_and_deadline_are_locked_once_open(lead, project):
    campaign = make_campaign(lead, project)
    for change in ({"goal": 1}, {"mode": Mode.KEEP_IT_ALL}, {"deadline": timezone.now()}):
        with pytest.raises(CampaignError) as refused:
            services.campaign_update(
                actor=lead, campaign=campaign, data={"title": "新しい題", **change}
            )
        assert refused.value.message == messages.LOCKED
    services.campaign_update(
        actor=lead, campaign=campaign, data={"title": "新しい題", "description": "説明"}
    )
    campaign.refresh_from_db()
    assert campaign.title == "新しい題"
    assert list(campaign.state_changes.values_list("to_state", flat=True)) == [
        State.DRAFT,
        State.OPEN,
    ]
    with pytest.raises(CampaignError) as refused:
        services.campaign_open(actor=lead, campaign=campaign)
    assert refused.value.message == messages.NOT_DRAFT


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"goal": 999}, "amount_invalid"),
        ({"goal": 10**11}, "amount_invalid"),
        ({"goal": 5_000.0}, "amount_invalid"),
        ({"mode": "both"}, "mode_invalid"),
        ({"deadline": None}, "deadline_required"),
        ({"deadline_days": -1}, "deadline_past"),
        ({"deadline_days": 400}, "period_long"),
        ({"title": " "}, "title_required"),
    ],
)
def test_bad_campaigns_are_refused(lead, project, data, code):
    values = {
        "title": "庄内の野菜",
        "goal": 100_000,
        "mode": Mode.ALL_OR_NOTHING,
        "deadline": timezone.now() + timedelta(days=days)
        if (days := data.pop("deadline_days", 10))
        else None,
    }
    values.update(data)
    with pytest.raises(CampaignError) as refused:
        services.campaign_create(actor=lead, project=project, data=values)
    assert refused.value.code == code
    assert Campaign.objects.count() == 0


def test_only_the_projects_leads_start_a_campaign(project, suzuki, sato):
    data = {
        "title": "庄内の野菜",
        "goal": 100_000,
        "mode": Mode.KEEP_IT_ALL,
        "deadline": timezone.now() + timedelta(days=10),
    }
    with pytest.raises(PermissionDenied):
        services.campaign_create(actor=suzuki, project=project, data=data)
    assert services.campaign_create(actor=sato, project=project, data=data).state == State.DRAFT
