"""The close at the deadline (``close_funding_rounds``): all-or-nothing and reached →
collected, not reached → every pledge cancelled or refunded, keep-it-all → collected; twice
changes nothing; supporters are told and follow the project."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kyoso.campaigns import services
from kyoso.campaigns.models import Campaign, Mode, Pledge, PledgeStatus, State
from kyoso.campaigns.selectors import figures_of
from kyoso.campaigns.tests.factories import make_campaign, supporter
from kyoso.ledger.checks import check_ledger
from kyoso.notifications.models import Notification
from kyoso.projects.models import Follow

pytestmark = pytest.mark.django_db

LATER = timedelta(days=15)


def _close():
    return services.close_funding_rounds(now=timezone.now() + LATER)


def _statuses(campaign: Campaign) -> list[str]:
    return sorted(Pledge.objects.filter(campaign=campaign).values_list("status", flat=True))


def _pledges(campaign, fake, *, paid: int, authorized: int, pending: int) -> list:
    people = [supporter() for _ in range(paid + authorized + pending)]
    rows = []
    for i, person in enumerate(people):
        method = "card" if paid <= i < paid + authorized else "bank_transfer"
        pledge = services.pledge_create(
            actor=person, campaign=campaign, amount=10_000, method=method
        )
        if i < paid:
            fake.receive(pledge.payment_id)
        rows.append(pledge)
    return rows


def test_an_all_or_nothing_campaign_that_reached_its_goal_is_collected(lead, project, fake):
    campaign = make_campaign(lead, project, goal=30_000)
    _pledges(campaign, fake, paid=2, authorized=1, pending=1)
    assert _close() == {"ended": 1, "pledges": 3}
    campaign.refresh_from_db()
    assert campaign.state == State.SUCCEEDED
    assert _statuses(campaign) == ["collected"] * 3 + ["pending"]
    figures = figures_of(campaign)
    assert (figures.raised, figures.refunded, figures.collected, figures.held) == (
        30_000,
        0,
        30_000,
        0,
    )
    # The late transfer still arrives: the next run collects it.
    late = Pledge.objects.get(campaign=campaign, status=PledgeStatus.PENDING)
    fake.receive(late.payment_id)
    assert _close() == {"ended": 0, "pledges": 1}
    assert figures_of(campaign).collected == 40_000
    assert _close() == {"ended": 0, "pledges": 0}
    assert check_ledger() == []


def test_an_all_or_nothing_campaign_that_failed_gives_everything_back(lead, project, fake):
    campaign = make_campaign(lead, project, goal=100_000)
    _pledges(campaign, fake, paid=2, authorized=2, pending=1)
    assert _close()["ended"] == 1
    campaign.refresh_from_db()
    assert campaign.state == State.FAILED
    assert _statuses(campaign) == ["cancelled"] * 3 + ["refunded"] * 2
    figures = figures_of(campaign)
    assert (figures.raised, figures.refunded, figures.collected, figures.held) == (
        20_000,
        20_000,
        0,
        0,
    )
    assert {p.status for p in fake.payments.values()} == {"cancelled", "refunded"}
    assert campaign.settled_at is not None
    # Twice changes nothing.
    assert _close() == {"ended": 0, "pledges": 0}
    assert figures_of(campaign) == figures
    # A transfer that arrives after the failure is refunded by the next run.
    late = Pledge.objects.filter(campaign=campaign, status=PledgeStatus.CANCELLED).first()
    fake.payments[late.payment_id].status = "pending"
    fake.receive(late.payment_id)
    assert _close() == {"ended": 0, "pledges": 1}
    assert figures_of(campaign).collected == 0
    assert figures_of(campaign).held == 0
    assert check_ledger() == []


def test_a_keep_it_all_campaign_is_collected_below_its_goal(lead, project, fake):
    campaign = make_campaign(lead, project, goal=1_000_000, mode=Mode.KEEP_IT_ALL)
    _pledges(campaign, fake, paid=1, authorized=1, pending=0)
    _close()
    campaign.refresh_from_db()
    assert campaign.state == State.SUCCEEDED
    assert figures_of(campaign).collected == 20_000
    assert check_ledger() == []


def test_supporters_are_told_and_follow_the_project(lead, project, fake, suzuki, takahashi):
    campaign = make_campaign(lead, project, goal=100_000)
    services.pledge_create(actor=suzuki, campaign=campaign, amount=1_000)
    services.pledge_create(actor=takahashi, campaign=campaign, amount=2_000, show_name=False)
    _close()
    told = Notification.objects.filter(kind="campaigns.ended")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted([suzuki.pk, takahashi.pk])
    assert "不成立" in told.first().text
    assert set(Follow.objects.filter(project=project).values_list("user_id", flat=True)) >= {
        suzuki.pk,
        takahashi.pk,
    }
    _close()
    assert told.count() == 2


def test_a_capture_that_fails_is_retried_by_the_next_run(lead, project, fake):
    campaign = make_campaign(lead, project, goal=10_000)
    pledge = services.pledge_create(
        actor=supporter(), campaign=campaign, amount=10_000, method="card"
    )
    fake.fail_capture.add(pledge.payment_id)
    _close()
    campaign.refresh_from_db()
    assert campaign.state == State.SUCCEEDED and campaign.settled_at is None
    fake.fail_capture.clear()
    assert _close() == {"ended": 0, "pledges": 1}
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.COLLECTED
    assert check_ledger() == []


def test_a_stopped_campaign_gives_everything_back(lead, project, fake):
    campaign = make_campaign(lead, project, mode=Mode.KEEP_IT_ALL)
    _pledges(campaign, fake, paid=1, authorized=0, pending=1)
    services.campaign_stop(actor=lead, campaign=campaign, reason="農家さんの事情で中止します")
    assert campaign.state == State.CLOSED
    assert _statuses(campaign) == ["cancelled", "refunded"]
    assert check_ledger() == []


def test_the_command_runs_the_close(lead, project, fake, capsys):
    campaign = make_campaign(lead, project)
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    call_command("close_funding_rounds")
    assert "Ended 1 campaign(s)" in capsys.readouterr().out
    campaign.refresh_from_db()
    assert campaign.state == State.FAILED
