"""The notification list, opening a notification, marking all read, and the settings page."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.notifications import messages
from kyoso.notifications.models import Notification
from kyoso.notifications.selectors import PAGE_SIZE
from kyoso.notifications.tests.factories import NotificationFactory

LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:settings")
READ_ALL = reverse("notifications:mark_all_read")


def _flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _shown(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("method", "url"), [("get", LIST), ("post", READ_ALL), ("get", SETTINGS), ("post", SETTINGS)]
)
def test_anonymous_is_sent_to_log_in(client, db, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_empty_state(client, suzuki):
    client.force_login(suzuki)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "通知はまだありません。" in response.text
    assert "すべて既読にする" not in response.text


def test_newest_first_read_or_not(client, suzuki, sato):
    now = timezone.now()
    old_unread = NotificationFactory(
        recipient=suzuki, actor=sato, text="古い未読", created_at=now - timedelta(days=3)
    )
    new_read = NotificationFactory(recipient=suzuki, text="新しい既読", read_at=now)
    new_unread = NotificationFactory(
        recipient=suzuki, text="新しい未読", created_at=now - timedelta(hours=1)
    )
    NotificationFactory(text="他の人の通知")
    client.force_login(suzuki)
    response = client.get(LIST)
    assert [n.pk for n in response.context["page"].items] == [
        new_read.pk,
        new_unread.pk,
        old_unread.pk,
    ]
    assert "他の人の通知" not in response.text
    assert "佐藤（事務局）" in response.text

    response = client.get(LIST, {"unread": "1"})
    assert [n.pk for n in response.context["page"].items] == [new_unread.pk, old_unread.pk]


def test_unread_filter_empty_state(client, suzuki):
    NotificationFactory(recipient=suzuki, read_at=timezone.now())
    client.force_login(suzuki)
    response = client.get(LIST, {"unread": "1"})
    assert response.context["page"].items == []
    assert str(messages.NOTHING_UNREAD) in response.text


def test_text_is_escaped(client, suzuki):
    NotificationFactory(recipient=suzuki, text="<script>alert(1)</script>")
    client.force_login(suzuki)
    response = client.get(LIST)
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize("unread", ["", "1"])
def test_keyset_pages_in_a_constant_number_of_queries(client, suzuki, sato, unread):
    NotificationFactory.create_batch(PAGE_SIZE + 5, recipient=suzuki, actor=sato)
    client.force_login(suzuki)
    query = {"unread": unread} if unread else {}
    # 1 session, 2 user, 3 roles (2FA policy), 4 one page + 1 of notifications with actors
    with assert_num_queries(4):
        response = client.get(LIST, query)
    first = response.context["page"]
    assert len(first.items) == PAGE_SIZE
    assert first.next_cursor
    with assert_num_queries(4):
        response = client.get(LIST, {**query, "after": first.next_cursor})
    second = response.context["page"]
    assert len(second.items) == 5
    assert second.next_cursor is None
    assert not {n.pk for n in first.items} & {n.pk for n in second.items}


@pytest.mark.parametrize("after", ["99", "abc", "-1", "0", "x" * 300])
def test_a_cursor_that_cannot_be_read_shows_the_first_page(client, suzuki, after):
    NotificationFactory.create_batch(3, recipient=suzuki)
    client.force_login(suzuki)
    response = client.get(LIST, {"after": after})
    assert response.status_code == 200
    assert len(response.context["page"].items) == 3
    assert str(messages.CURSOR_INVALID) in response.text


def test_the_unread_list_refuses_a_cursor_of_the_full_list(client, suzuki):
    NotificationFactory.create_batch(PAGE_SIZE + 1, recipient=suzuki)
    client.force_login(suzuki)
    cursor = client.get(LIST).context["page"].next_cursor
    response = client.get(LIST, {"unread": "1", "after": cursor})
    assert response.context["page"].is_first
    assert str(messages.CURSOR_INVALID) in response.text


def test_mark_one_read(client, suzuki, takahashi):
    mine, other = NotificationFactory.create_batch(2, recipient=suzuki)
    theirs = NotificationFactory(recipient=takahashi)
    client.force_login(suzuki)
    response = client.post(reverse("notifications:mark_read", args=[mine.pk]))
    assert (response.status_code, response.url) == (302, LIST)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.read_at is not None
    assert other.read_at is None
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:mark_read", args=[other.pk])).status_code == 405
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_mine(client, suzuki, takahashi):
    NotificationFactory.create_batch(2, recipient=suzuki)
    theirs = NotificationFactory(recipient=takahashi)
    client.force_login(suzuki)
    response = client.post(READ_ALL, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert _shown(response) == [str(messages.ALL_MARKED_READ)]
    assert not Notification.objects.filter(recipient=suzuki, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None

    response = client.post(READ_ALL, follow=True)
    assert _shown(response) == [str(messages.NOTHING_UNREAD)]


def test_mark_all_read_needs_post(client, suzuki):
    NotificationFactory(recipient=suzuki)
    client.force_login(suzuki)
    assert client.get(READ_ALL).status_code == 405
    assert Notification.objects.get().read_at is None


def test_opening_marks_read_and_goes_to_the_target(client, suzuki):
    notification = NotificationFactory(recipient=suzuki, url="/issues/7/")
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 the notification, 5 mark it read
    with assert_num_queries(5):
        response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert (response.status_code, response.url) == (302, "/issues/7/")
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("takahashi", 404), ("suzuki", 302)]
)
def test_only_the_recipient_opens_a_notification(client, login_as, suzuki, persona, status):
    notification = NotificationFactory(recipient=suzuki)
    login_as(persona)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == status
    if persona == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))
    notification.refresh_from_db()
    assert (notification.read_at is not None) == (persona == "suzuki")


def test_an_outside_link_is_never_followed(client, suzuki):
    notification = NotificationFactory(recipient=suzuki, url="https://evil.example/")
    client.force_login(suzuki)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == LIST


def test_missing_notification_is_404(client, suzuki):
    client.force_login(suzuki)
    assert client.get(reverse("notifications:open", args=[999999])).status_code == 404
