"""The follow-up after an event: attendees (checked in, with an account) hear about the issues
surfaced there — by notification and mail — exactly once per event and person."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.events import messages
from kyoso.events.models import Registration, RegistrationStatus
from kyoso.events.services import minutes as service
from kyoso.events.services.followup import NOTIFICATION_KIND
from kyoso.events.tests.after_event import attend, make_event, organizer, write_minutes
from kyoso.events.tests.builders import RegistrationBuilder
from kyoso.issues.tests.factories import IssueFactory, hidden
from kyoso.notifications.models import EmailFrequency, Notification, NotificationPreference


def followups_of(user) -> int:
    return Notification.objects.filter(recipient=user, kind=NOTIFICATION_KIND).count()


@pytest.fixture
def creator(db):
    return organizer()


@pytest.fixture
def event(creator):
    return make_event(created_by=creator, title="第3回定例会")


@pytest.fixture
def people(event, suzuki, takahashi):
    """鈴木 came (checked in); 高橋 registered but did not come; a walk-in has no account."""
    attend(event, suzuki)
    attend(event, takahashi, checked_in=False)
    RegistrationBuilder(
        event=event, user=None, walk_in_name="飛び入りの人", checked_in_at=timezone.now()
    )
    return suzuki, takahashi


def test_publishing_with_surfaced_issues_tells_attendees_once(
    client, creator, event, people, django_capture_on_commit_callbacks
):
    suzuki, takahashi = people
    issue = IssueFactory(title="放課後の居場所が足りない")
    write_minutes(event, issues=(issue,))
    client.force_login(creator)
    publish = reverse("events:minutes_publish", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish, {"visibility": "members"}, follow=True)
    assert str(messages.MINUTES_PUBLISHED_WITH_FOLLOWUP % {"count": 1}) in response.content.decode()
    assert followups_of(suzuki) == 1
    assert followups_of(takahashi) == 0
    notification = Notification.objects.get(recipient=suzuki)
    assert "放課後の居場所が足りない" in notification.text
    assert notification.url == reverse("events:followup", args=[event.pk])
    assert [m.to for m in mail.outbox] == [[suzuki.email]]
    assert "放課後の居場所が足りない" in mail.outbox[0].body

    # Unpublish, publish again, change the visibility: nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:minutes_unpublish", args=[event.pk]))
        client.post(publish, {"visibility": "public"})
        client.post(publish, {"visibility": "members"})
    assert followups_of(suzuki) == 1
    assert len(mail.outbox) == 1


def test_no_surfaced_issues_no_followup_until_one_is_linked(creator, event, people):
    suzuki, _ = people
    write_minutes(event)
    assert service.minutes_publish(actor=creator, event=event, visibility="members") == 0
    assert followups_of(suzuki) == 0
    issue = IssueFactory()
    service.surfaced_issue_link(actor=creator, event=event, issue_id=issue.pk)
    assert followups_of(suzuki) == 1
    service.surfaced_issue_link(actor=creator, event=event, issue_id=IssueFactory().pk)
    assert followups_of(suzuki) == 1


def test_only_visible_issues_count(creator, event, people):
    suzuki, _ = people
    write_minutes(event, issues=(hidden(),))
    assert service.minutes_publish(actor=creator, event=event, visibility="members") == 0
    assert followups_of(suzuki) == 0


def test_a_late_check_in_gets_it_when_published_again(creator, event, people):
    suzuki, takahashi = people
    write_minutes(event, issues=(IssueFactory(),))
    service.minutes_publish(actor=creator, event=event, visibility="members")
    Registration.objects.filter(event=event, user=takahashi).update(checked_in_at=timezone.now())
    assert service.minutes_publish(actor=creator, event=event, visibility="members") == 1
    assert (followups_of(suzuki), followups_of(takahashi)) == (1, 1)


def test_cancelled_registrations_and_inactive_people_get_nothing(creator, event):
    gone = UserFactory(is_active=False)
    cancelled = UserFactory()
    attend(event, gone)
    attend(event, cancelled)
    Registration.objects.filter(user=cancelled).update(status=RegistrationStatus.CANCELLED)
    write_minutes(event, issues=(IssueFactory(),))
    service.minutes_publish(actor=creator, event=event, visibility="members")
    assert followups_of(gone) == 0 and followups_of(cancelled) == 0


def test_mail_follows_the_persons_preference(
    creator, event, people, django_capture_on_commit_callbacks
):
    suzuki, _ = people
    NotificationPreference.objects.create(user=suzuki, email_frequency=EmailFrequency.NEVER)
    write_minutes(event, issues=(IssueFactory(),))
    with django_capture_on_commit_callbacks(execute=True):
        service.minutes_publish(actor=creator, event=event, visibility="members")
    assert followups_of(suzuki) == 1
    assert mail.outbox == []


def test_the_followup_page_offers_one_click_follow_and_help(client, creator, event, people):
    suzuki, _takahashi = people
    issue = IssueFactory(title="通学路が暗い")
    write_minutes(event, issues=(issue,), published=True)
    client.force_login(suzuki)
    html = client.get(reverse("events:followup", args=[event.pk])).content.decode()
    assert "通学路が暗い" in html
    assert reverse("issues:follow", args=[issue.pk]) in html
    assert reverse("issues:detail", args=[issue.pk]) + "#offers" in html
    client.post(reverse("issues:follow", args=[issue.pk]), {"on": "1"})
    html = client.get(reverse("events:followups")).content.decode()
    assert "第3回定例会" in html and "フォロー中" in html


def test_readers_do_not_see_issues_hidden_after_they_were_linked(client, creator, event, people):
    suzuki, _ = people
    shown = IssueFactory(title="見える課題")
    write_minutes(event, issues=(shown, hidden(title="非表示になった課題")), published=True)
    client.force_login(suzuki)
    for name in ("events:followup", "events:minutes"):
        html = client.get(reverse(name, args=[event.pk])).content.decode()
        assert "見える課題" in html and "非表示になった課題" not in html
    client.force_login(creator)
    html = client.get(reverse("events:minutes_edit", args=[event.pk])).content.decode()
    assert "非表示になった課題" in html  # so that the organizer can take it off


def test_attendees_see_nothing_before_the_minutes_are_out(client, event, people):
    suzuki, _ = people
    write_minutes(event, issues=(IssueFactory(title="まだ秘密の課題"),))
    client.force_login(suzuki)
    assert (
        "まだ秘密の課題"
        not in client.get(reverse("events:followup", args=[event.pk])).content.decode()
    )
    assert client.get(reverse("events:followups")).context["events"] == []
