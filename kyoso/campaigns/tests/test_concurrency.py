"""Real concurrency (threads, one database connection each, on SQLite and PostgreSQL): many
supporters pledging at once for the last reward of a tier → exactly one gets it; the close run
twice at once ends the campaign once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyoso.campaigns import services
from kyoso.campaigns.errors import CampaignError
from kyoso.campaigns.models import Campaign, Pledge, StateChange, Tier
from kyoso.campaigns.tests.factories import make_campaign, supporter, tier_of
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases

THREADS = 8


def _pledge(person, campaign, tier_id):
    def run():
        try:
            return services.pledge_create(
                actor=person, campaign=campaign, amount=5_000, tier_id=tier_id
            ).pk
        except CampaignError as error:
            return error.code

    return run


@pytest.mark.django_db(transaction=True)
def test_parallel_pledges_for_the_last_reward_one_wins(tmp_path, lead, project):
    campaign = make_campaign(lead, project, tiers=[("限定Tシャツ", 5_000, 3)])
    tier = tier_of(campaign, "限定Tシャツ")
    Tier.objects.filter(pk=tier.pk).update(remaining=1)
    people = [supporter() for _ in range(THREADS)]
    with thread_databases(tmp_path) as open_connection:
        results = in_parallel(open_connection, [_pledge(p, campaign, tier.pk) for p in people])
        remaining, pledges, total = read(
            open_connection,
            lambda: (
                Tier.objects.get(pk=tier.pk).remaining,
                Pledge.objects.filter(tier_id=tier.pk).count(),
                Campaign.objects.get(pk=campaign.pk).pledged_total,
            ),
        )
    winners = [r for r in results if isinstance(r, int)]
    assert len(winners) == 1
    assert sorted(r for r in results if isinstance(r, str)) == ["sold_out"] * (THREADS - 1)
    assert (remaining, pledges, total) == (0, 1, 5_000)


@pytest.mark.django_db(transaction=True)
def test_two_closes_at_once_end_the_campaign_once(tmp_path, lead, project):
    campaign = make_campaign(lead, project)
    services.pledge_create(actor=supporter(), campaign=campaign, amount=1_000)
    later = timezone.now() + timedelta(days=15)
    with thread_databases(tmp_path) as open_connection:
        results = in_parallel(
            open_connection,
            [lambda: services.close_funding_rounds(now=later) for _ in range(2)],
        )
        changes = read(
            open_connection, lambda: StateChange.objects.filter(campaign=campaign).count()
        )
    assert sorted(r["ended"] for r in results) == [0, 1]
    assert changes == 3  # draft, open, failed
