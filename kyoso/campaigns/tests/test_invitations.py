"""When the money moves (a succeeded campaign, all-or-nothing reached or keep-it-all), the
supporters are invited to the project's upcoming published events through the events app's
service; a failed or stopped campaign invites nobody, closing twice invites nobody twice, and
a hidden project's events invite nobody. The project's page shows the campaign and the
campaign's page links back to the project."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.campaigns import services
from kyoso.campaigns.models import Campaign, Mode, State
from kyoso.campaigns.selectors import campaign_of_project
from kyoso.campaigns.tests.factories import make_campaign
from kyoso.events.models import Invitation
from kyoso.events.tests.factories import EventFactory
from kyoso.notifications.models import Notification

pytestmark = pytest.mark.django_db

LATER = timedelta(days=15)


def _close():
    return services.close_funding_rounds(now=timezone.now() + LATER)


def _events(project, lead):
    """An upcoming published event of the project, plus a draft and a cancelled one."""
    starts = timezone.now() + timedelta(days=30)
    common = {"created_by": lead, "project": project, "starts_at": starts}
    return (
        EventFactory(title="収穫祭", **common),
        EventFactory(title="下書きの会", status="draft", **common),
        EventFactory(title="中止の会", status="cancelled", **common),
    )


def _invited_to(event) -> set[int]:
    return set(Invitation.objects.filter(event=event).values_list("user_id", flat=True))


@pytest.mark.parametrize(
    ("mode", "goal", "invited"),
    [
        (Mode.ALL_OR_NOTHING, 3_000, True),  # reached: collected
        (Mode.KEEP_IT_ALL, 1_000_000, True),  # below its goal, collected all the same
        (Mode.ALL_OR_NOTHING, 1_000_000, False),  # failed: nothing moves, nobody invited
    ],
)
def test_supporters_are_invited_when_the_money_moves(
    lead, project, fake, suzuki, takahashi, mode, goal, invited
):
    published, draft, cancelled = _events(project, lead)
    campaign = make_campaign(lead, project, goal=goal, mode=mode)
    for person, amount in ((suzuki, 2_000), (takahashi, 1_000)):
        pledge = services.pledge_create(actor=person, campaign=campaign, amount=amount)
        fake.receive(pledge.payment_id)
    _close()
    campaign.refresh_from_db()
    assert (campaign.state == State.SUCCEEDED) is invited
    expected = {suzuki.pk, takahashi.pk} if invited else set()
    assert _invited_to(published) == expected
    assert _invited_to(draft) == _invited_to(cancelled) == set()
    told = Notification.objects.filter(kind="events.invited", recipient=suzuki)
    assert told.count() == (1 if invited else 0)
    if invited:
        assert told.get().text == (
            "支援したプロジェクト「チーム庄内」の催し「収穫祭」に招待されています。"
        )

    _close()  # closing twice invites nobody twice
    assert Notification.objects.filter(kind="events.invited", recipient=suzuki).count() == (
        1 if invited else 0
    )


def test_a_withdrawn_pledge_is_no_reason_to_invite(lead, project, fake, suzuki, takahashi):
    published, *_ = _events(project, lead)
    campaign = make_campaign(lead, project, goal=1_000, mode=Mode.KEEP_IT_ALL)
    kept = services.pledge_create(actor=suzuki, campaign=campaign, amount=1_000)
    fake.receive(kept.payment_id)
    withdrawn = services.pledge_create(actor=takahashi, campaign=campaign, amount=1_000)
    services.pledge_cancel(actor=takahashi, pledge=withdrawn)
    _close()
    assert _invited_to(published) == {suzuki.pk}


def test_a_stopped_campaign_invites_nobody(lead, project, fake, suzuki):
    published, *_ = _events(project, lead)
    campaign = make_campaign(lead, project, mode=Mode.KEEP_IT_ALL)
    pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=1_000)
    fake.receive(pledge.payment_id)
    services.campaign_stop(actor=lead, campaign=campaign, reason="事情により中止します")
    assert _invited_to(published) == set()


def test_a_hidden_project_invites_nobody(lead, project, fake, suzuki):
    published, *_ = _events(project, lead)
    campaign = make_campaign(lead, project, goal=1_000, mode=Mode.KEEP_IT_ALL)
    pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=1_000)
    fake.receive(pledge.payment_id)
    project.hidden_at = timezone.now()
    project.save(update_fields=["hidden_at"])
    _close()
    assert Campaign.objects.get(pk=campaign.pk).state == State.SUCCEEDED
    assert _invited_to(published) == set()


def test_a_follower_already_invited_is_not_invited_again(lead, project, fake, suzuki):
    from kyoso.events.services.events import event_create
    from kyoso.projects.services.follows import follow_set

    follow_set(actor=suzuki, project=project, on=True)
    starts = timezone.now() + timedelta(days=30)
    event = event_create(
        actor=lead,
        data={
            "title": "収穫祭",
            "kind": "study",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "mode": "venue",
            "venue_name": "公民館",
            "project": project,
        },
    )
    assert _invited_to(event) == {suzuki.pk}
    campaign = make_campaign(lead, project, goal=1_000, mode=Mode.KEEP_IT_ALL)
    pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=1_000)
    fake.receive(pledge.payment_id)
    _close()
    assert Notification.objects.filter(kind="events.invited", recipient=suzuki).count() == 1
    assert Invitation.objects.get(event=event, user=suzuki).reason == "project_follower"


# --- The project's page and the campaign's page -------------------------------------------


def test_the_project_page_shows_the_open_campaign_else_the_last_ended(client, lead, project):
    assert campaign_of_project(project.pk) is None
    draft = make_campaign(lead, project, title="下書きのキャンペーン", open_it=False)
    url = reverse("projects:detail", args=[project.pk])
    assert "下書きのキャンペーン" not in client.get(url).content.decode()

    ended = make_campaign(lead, project, title="去年のキャンペーン")
    services.campaign_stop(actor=lead, campaign=ended, reason="仕切り直します")
    assert campaign_of_project(project.pk) == ended
    opened = make_campaign(lead, project, title="今年のキャンペーン", goal=200_000)
    Campaign.objects.filter(pk=opened.pk).update(pledged_total=50_000)
    assert campaign_of_project(project.pk) == opened

    page = client.get(url).content.decode()
    assert reverse("campaigns:detail", args=[opened.pk]) in page
    assert "今年のキャンペーン" in page
    assert "50,000円 / 目標 200,000円" in page
    assert '<progress max="100" value="25"' in page
    assert "去年のキャンペーン" not in page
    assert draft.pk != opened.pk


def test_the_campaign_page_links_back_to_its_project(client, lead, project):
    campaign = make_campaign(lead, project)
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert f'href="{reverse("projects:detail", args=[project.pk])}"' in page
    assert "チーム庄内" in page


def test_the_project_page_shows_its_campaign_in_english(english, lead, project):
    campaign = make_campaign(lead, project, title="庄内の野菜を届ける")
    page = english.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert '<html lang="en"' in page
    assert reverse("campaigns:detail", args=[campaign.pk]) in page
    assert "庄内の野菜を届ける" in page
