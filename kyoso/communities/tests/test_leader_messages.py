"""Leaders' mail: who gets it, the rate limit, and the one-click unsubscribe link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities import messages
from kyoso.communities.models import CommunityMembership, LeaderMessage, MembershipStatus
from kyoso.communities.services import messaging
from kyoso.communities.services.common import CommunityError
from kyoso.communities.tests.factories import add_member


@pytest.fixture
def members(open_community, suzuki, takahashi):
    """鈴木 receives mail; 高橋 opted out; 伊藤 is still pending."""
    add_member(open_community, suzuki)
    add_member(open_community, takahashi, messages_opted_out=True)
    add_member(open_community, UserFactory(email="ito@example.jp"), status=MembershipStatus.PENDING)
    return open_community


def send(community, actor, subject="定例会のお知らせ", body="第2木曜日19時からです。"):
    return messaging.message_send(actor=actor, community=community, subject=subject, body=body)


def backdate(minutes: int) -> None:
    LeaderMessage.objects.update(sent_at=timezone.now() - timedelta(minutes=minutes))


def test_only_active_members_who_did_not_opt_out_get_mail(
    members, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = send(members, leader)

    assert [m.to for m in mail.outbox] == [["suzuki@example.jp"]]
    assert message.recipient_count == 1
    sent = mail.outbox[0]
    assert sent.subject == "[庄内農業共創コミュニティ] 定例会のお知らせ"
    assert "第2木曜日19時からです。" in sent.body
    assert "/communities/unsubscribe/" in sent.body


def test_the_page_sends_and_reports_how_many(
    client, members, leader, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:message", args=[members.slug]),
            {"subject": "定例会", "body": "来週です"},
            follow=True,
        )

    assert str(messages.MESSAGE_SENT % {"count": 1}) in response.content.decode()
    assert len(mail.outbox) == 1


def test_one_message_per_ten_minutes(members, leader):
    send(members, leader)

    with pytest.raises(CommunityError) as refused:
        send(members, leader)
    assert "10分に1通まで" in str(refused.value.message)

    backdate(11)
    send(members, leader)
    assert LeaderMessage.objects.count() == 2


def test_at_most_three_messages_in_twenty_four_hours(members, leader):
    for _ in range(3):
        send(members, leader)
        backdate(60 * 3)  # every earlier message moves three hours back
    # Three messages within the last day (all at "3 hours ago" now).

    with pytest.raises(CommunityError) as refused:
        send(members, leader)
    assert "24時間に3通まで" in str(refused.value.message)
    quota = messaging.quota_of(members)
    assert quota.remaining == 0 and not quota.can_send

    LeaderMessage.objects.update(sent_at=timezone.now() - timedelta(hours=25))
    send(members, leader)
    assert LeaderMessage.objects.count() == 4


def test_the_message_page_shows_the_remaining_quota_and_refuses_clearly(client, members, leader):
    client.force_login(leader)
    url = reverse("communities:message", args=[members.slug])
    assert "いまの残り：3通" in client.get(url).content.decode()
    send(members, leader)

    response = client.post(url, {"subject": "もう一通", "body": "本文"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "10分に1通まで" in page
    assert "もう一通" in page  # what was typed is kept
    assert LeaderMessage.objects.count() == 1


def test_no_recipients_sends_nothing_and_does_not_count(open_community, leader):
    with pytest.raises(CommunityError) as refused:
        send(open_community, leader)

    assert refused.value.message == messages.MESSAGE_NO_RECIPIENTS
    assert not LeaderMessage.objects.exists()


def _link(body: str) -> str:
    return re.search(r"https?://\S+/communities/unsubscribe/\S+/", body).group(0)


def test_the_unsubscribe_link_works_without_login_and_is_honoured(
    client, members, leader, suzuki, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(members, leader)
    path = _link(mail.outbox[0].body).split("://", 1)[1].split("/", 1)[1]
    url = "/" + path

    confirm = client.get(url)  # a mail scanner following the link changes nothing
    assert confirm.status_code == 200
    assert not CommunityMembership.objects.get(user=suzuki).messages_opted_out

    done = client.post(url)
    assert str(messages.UNSUBSCRIBE_DONE % {"name": members.name}) in done.content.decode()
    assert CommunityMembership.objects.get(user=suzuki).messages_opted_out

    mail.outbox.clear()
    backdate(60)
    with pytest.raises(CommunityError) as refused:  # nobody left to mail
        send(members, leader)
    assert refused.value.message == messages.MESSAGE_NO_RECIPIENTS
    assert mail.outbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused_with_a_clear_message(client, members, suzuki, method):
    membership = CommunityMembership.objects.get(user=suzuki)
    token = messaging.unsubscribe_token(membership)
    forged = messaging.unsubscribe_token(CommunityMembership(pk=membership.pk + 1, user_id=1))
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    for bad in (tampered, forged.split(":")[0] + ":" + token.split(":", 1)[1], "nonsense"):
        response = getattr(client, method)(reverse("communities:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert str(messages.UNSUBSCRIBE_LINK_INVALID) in response.content.decode()
    assert not CommunityMembership.objects.get(user=suzuki).messages_opted_out


def test_a_link_of_someone_who_left_says_so(client, members, suzuki):
    token = messaging.unsubscribe_token(CommunityMembership.objects.get(user=suzuki))
    CommunityMembership.objects.filter(user=suzuki).delete()

    response = client.post(reverse("communities:unsubscribe", args=[token]))

    assert str(messages.UNSUBSCRIBE_MEMBERSHIP_GONE) in response.content.decode()


def test_members_switch_the_mail_on_their_community_page(client, members, suzuki):
    client.force_login(suzuki)
    url = reverse("communities:subscription", args=[members.slug])

    client.post(url, {"receive": "0"})
    assert CommunityMembership.objects.get(user=suzuki).messages_opted_out
    page = client.get(reverse("communities:detail", args=[members.slug])).content.decode()
    assert "リーダーからのメールを受け取る" in page

    client.post(url, {"receive": "1"})
    assert not CommunityMembership.objects.get(user=suzuki).messages_opted_out
