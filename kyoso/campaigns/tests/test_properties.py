"""Property test (hypothesis): random sequences of pledges (with and without a limited
reward, by transfer or card), arriving transfers, replayed webhooks, cancellations, refusals
and a close that reaches the goal or not. After each: ``check_ledger`` finds nothing, no tier
is oversold, a failed all-or-nothing campaign ends with nothing collected and nothing held,
a succeeded one holds nothing that was paid, and the figures add up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kyoso.campaigns import services
from kyoso.campaigns.errors import CampaignError
from kyoso.campaigns.models import Mode, Pledge, PledgeStatus, State, Tier
from kyoso.campaigns.selectors import figures_of
from kyoso.campaigns.tests.factories import make_campaign, supporter, tier_of
from kyoso.ledger.checks import check_ledger

PEOPLE = 4

step = st.one_of(
    st.tuples(
        st.just("pledge"),
        st.integers(0, PEOPLE - 1),
        st.sampled_from([0, 50, 1_000, 3_000, 5_000, 20_000, 10**9]),
        st.sampled_from([None, "limited", "open"]),
        st.sampled_from(["bank_transfer", "card"]),
    ),
    st.tuples(st.just("receive"), st.integers(0, 30)),
    st.tuples(st.just("replay"), st.integers(0, 30)),
    st.tuples(st.just("cancel"), st.integers(0, 30)),
)


def _apply(step, campaign, people, fake):
    pledges = list(Pledge.objects.filter(campaign=campaign).order_by("pk"))
    kind = step[0]
    if kind == "pledge":
        _kind, who, amount, tier, method = step
        tier_id = None if tier is None else tier_of(campaign, tier).pk
        services.pledge_create(
            actor=people[who], campaign=campaign, amount=amount, tier_id=tier_id, method=method
        )
    elif pledges:
        pledge = pledges[step[1] % len(pledges)]
        if kind in ("receive", "replay") and pledge.method == "bank_transfer":
            if fake.payments[pledge.payment_id].status == "pending" or kind == "replay":
                fake.receive(pledge.payment_id)
        elif kind == "cancel" and pledge.supporter_id is not None:
            services.pledge_cancel(actor=pledge.supporter, pledge=pledge)


@pytest.mark.django_db
@example(
    # A cancelled pledge whose transfer arrives anyway, after its reward went to someone else.
    steps=[
        ("pledge", 0, 1_000, "limited", "bank_transfer"),
        ("cancel", 0),
        ("pledge", 1, 1_000, "limited", "bank_transfer"),
        ("pledge", 2, 1_000, "limited", "bank_transfer"),
        ("replay", 0),
    ],
    mode=Mode.ALL_OR_NOTHING,
    goal=1_000,
    late=[],
)
@example(
    # Authorized cards reach the goal: the close counts them.
    steps=[("pledge", 0, 1_000, None, "card")],
    mode=Mode.ALL_OR_NOTHING,
    goal=1_000,
    late=[],
)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(step, max_size=14),
    mode=st.sampled_from(Mode.values),
    goal=st.sampled_from([1_000, 10_000, 50_000]),
    late=st.lists(st.integers(0, 30), max_size=3),
)
def test_every_invariant_holds_whatever_happens(db, lead, project, fake, steps, mode, goal, late):
    with transaction.atomic():
        campaign = make_campaign(
            lead,
            project,
            goal=goal,
            mode=mode,
            tiers=[("limited", 1_000, 2), ("open", 1_000, None)],
        )
        people = [supporter() for _ in range(PEOPLE)]
        for one in steps:
            try:
                _apply(one, campaign, people, fake)
            except CampaignError as error:
                assert error.code in {
                    "sold_out",
                    "amount_small",
                    "amount_absurd",
                    "amount_not_positive",
                    "cannot_cancel",
                    "below_tier",
                }
            limited = Tier.objects.get(campaign=campaign, title="limited")
            assert 0 <= limited.remaining <= 2
            live = Pledge.objects.filter(tier=limited).exclude(status=PledgeStatus.CANCELLED)
            assert live.count() == 2 - limited.remaining
        services.sync_authorizations(campaign.pk)  # what the close reads first
        secured = services.secured_total(campaign)
        services.close_funding_rounds(now=timezone.now() + timedelta(days=15))
        # Transfers arriving after the close, then the next run.
        for index in late:
            pledges = list(Pledge.objects.filter(campaign=campaign, method="bank_transfer"))
            if pledges:
                payment = fake.payments[pledges[index % len(pledges)].payment_id]
                if payment.status == "cancelled":
                    payment.status = "pending"
                fake.receive(payment.pk)
        services.close_funding_rounds(now=timezone.now() + timedelta(days=15))
        assert services.close_funding_rounds(now=timezone.now() + timedelta(days=15)) == {
            "ended": 0,
            "pledges": 0,
        }

        campaign.refresh_from_db()
        figures = figures_of(campaign)
        assert figures.balanced
        assert figures.held == 0
        if mode == Mode.ALL_OR_NOTHING and secured < goal:
            assert campaign.state == State.FAILED
            assert figures.collected == 0
            assert figures.raised == figures.refunded
            assert not Pledge.objects.filter(
                campaign=campaign, status__in=["paid", "authorized", "collected"]
            ).exists()
        else:
            assert campaign.state == State.SUCCEEDED
            collected = sum(
                Pledge.objects.filter(campaign=campaign, status="collected").values_list(
                    "amount", flat=True
                )
            )
            assert figures.collected == collected
        limited = Tier.objects.get(campaign=campaign, title="limited")
        assert limited.remaining >= 0
        assert check_ledger() == []
        transaction.set_rollback(True)
