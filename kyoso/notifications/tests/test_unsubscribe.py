"""The one-click unsubscribe link in every notification mail: signed, per type, no login; GET
asks, POST stops that type's mail; a changed or cut link is refused clearly."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.notifications import messages
from kyoso.notifications.mail import unsubscribe_token
from kyoso.notifications.models import Delivery, Mail, Notification, NotificationSetting
from kyoso.notifications.services import notify
from kyoso.notifications.tasks import run_digests
from kyoso.notifications.tests.factories import waiting_for_digest

LINK = re.compile(r"http://127\.0\.0\.1:8000(/notifications/unsubscribe/[^/\s]+/)")


def _mail_to(person, kind="issues.comment", capture=None):
    with capture(execute=True):
        notify(
            recipients=[person], kind=kind, actor=None, target=None, text="通知", url="/issues/1/"
        )
    return mail.outbox[-1]


def _delivery(person, group):
    return (
        NotificationSetting.objects.filter(user=person, group=group)
        .values_list("delivery", flat=True)
        .first()
    )


def test_every_mail_has_its_types_link_and_the_settings_link(
    suzuki, django_capture_on_commit_callbacks
):
    message = _mail_to(suzuki, capture=django_capture_on_commit_callbacks)
    assert "「課題へのコメント」のメールを停止する（ログイン不要）" in message.body
    assert "http://127.0.0.1:8000/notifications/settings/" in message.body
    assert len(LINK.findall(message.body)) == 1


def test_get_asks_and_changes_nothing_post_stops_the_type(
    client, suzuki, django_capture_on_commit_callbacks
):
    path = LINK.search(_mail_to(suzuki, capture=django_capture_on_commit_callbacks).body)[1]
    # 1 the person is still there
    with assert_num_queries(1):
        response = client.get(path)
    assert response.status_code == 200
    assert "「課題へのコメント」のメールを停止します。" in response.text
    assert _delivery(suzuki, "issues.comments") is None

    response = client.post(path)
    assert response.status_code == 200
    assert str(messages.UNSUBSCRIBED % {"type": "課題へのコメント"}) in response.text
    assert _delivery(suzuki, "issues.comments") == Delivery.SITE

    mail.outbox.clear()
    _mail_to(suzuki, kind="issues.stage", capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # another type still mails
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[suzuki], kind="issues.comment", actor=None, target=None, text="x", url="/"
        )
    assert len(mail.outbox) == 1  # the stopped one does not, but is in the list
    assert Notification.objects.filter(kind="issues.comment").count() == 2


def test_posting_twice_is_harmless(client, suzuki):
    path = f"/notifications/unsubscribe/{unsubscribe_token(suzuki.pk, 'issues.comments')}/"
    assert client.post(path).status_code == 200
    assert client.post(path).status_code == 200
    assert NotificationSetting.objects.filter(user=suzuki).count() == 1


def test_unsubscribing_drops_what_waited_for_a_digest_of_that_type(client, suzuki):
    waiting_for_digest(suzuki, kind="issues.comment")
    client.post(f"/notifications/unsubscribe/{unsubscribe_token(suzuki.pk, 'issues.comments')}/")
    assert Notification.objects.get().mail == Mail.NONE
    assert run_digests("daily") == 0


def _tampered(token: str, user_id: int) -> list[str]:
    value, _sep, signature = token.rpartition(":")
    _payload, _sep, stamp = value.partition(":")
    someone_else = unsubscribe_token(user_id + 1, "issues.comments").partition(":")[0]
    return [
        token[:-3],  # cut short
        f"{value}:{signature[::-1]}",  # signature changed
        f"{someone_else}:{stamp}:{signature}",  # another person's id under this signature
        "garbage",
        "x" * 500,
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_signature_is_refused_clearly_and_changes_nothing(client, suzuki, method):
    for token in _tampered(unsubscribe_token(suzuki.pk, "issues.comments"), suzuki.pk):
        response = getattr(client, method)(f"/notifications/unsubscribe/{token}/")
        assert response.status_code == 400, token
        assert str(messages.UNSUBSCRIBE_LINK_INVALID) in response.text
    assert not NotificationSetting.objects.exists()


def test_a_signed_link_for_an_unknown_type_is_refused(client, suzuki):
    token = unsubscribe_token(suzuki.pk, "issues.nothing")
    response = client.post(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 400
    assert str(messages.UNSUBSCRIBE_LINK_INVALID) in response.text


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_deleted_person_gets_a_clear_message(client, suzuki, method):
    suzuki.deleted_at = timezone.now()
    suzuki.save()
    token = unsubscribe_token(suzuki.pk, "issues.comments")
    response = getattr(client, method)(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 400
    assert str(messages.UNSUBSCRIBE_PERSON_GONE) in response.text


def test_the_digest_has_a_link_per_type_it_holds(suzuki, django_capture_on_commit_callbacks):
    waiting_for_digest(suzuki, kind="issues.comment")
    waiting_for_digest(suzuki, kind="projects.stage")
    with django_capture_on_commit_callbacks(execute=True):
        run_digests("daily")
    body = mail.outbox[0].body
    assert "「課題へのコメント」のメールを停止する" in body
    assert "「プロジェクトの動き」のメールを停止する" in body
    assert len(LINK.findall(body)) == 2


def test_the_page_in_english(english, suzuki):
    token = unsubscribe_token(suzuki.pk, "issues.comments")
    response = english.get(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.text
