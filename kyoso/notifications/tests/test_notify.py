"""notify(): who is notified, what is stored, and when mail goes out."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import Issue
from kyoso.notifications.models import EmailFrequency, Mail, Notification, NotificationPreference
from kyoso.notifications.services import notify


def _notify(recipients, actor=None, target="ラベル", **kwargs):
    return notify(
        recipients=recipients,
        kind=kwargs.pop("kind", "issues.comment"),
        actor=actor,
        target=target,
        text=kwargs.pop("text", "フォロー中の課題にコメントがありました"),
        url=kwargs.pop("url", "/issues/1/"),
        **kwargs,
    )


def test_actor_inactive_deleted_and_duplicates_are_left_out(suzuki, takahashi, sato):
    inactive = UserFactory(is_active=False)
    deleted = UserFactory(deleted_at=timezone.now())
    created = _notify([suzuki, takahashi, takahashi, sato, inactive, deleted], actor=sato)
    assert created == 2
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        [suzuki.pk, takahashi.pk]
    )


def test_a_queryset_and_ids_are_accepted(suzuki, takahashi):
    from kyoso.accounts.models import User

    assert _notify(User.objects.filter(pk=suzuki.pk)) == 1
    assert _notify([takahashi.pk]) == 1
    assert Notification.objects.count() == 2


def test_nobody_left_creates_nothing(suzuki):
    assert _notify([suzuki], actor=suzuki) == 0
    assert _notify([]) == 0
    assert Notification.objects.count() == 0


def test_stores_every_field_with_a_model_target(suzuki, sato):
    issue = Issue.objects.create(title="空き家の活用", body="本文", author=sato)
    _notify([suzuki], actor=sato, target=issue, kind="issues.stage", url="/issues/1/")
    row = Notification.objects.get()
    assert row.recipient == suzuki
    assert row.actor == sato
    assert row.kind == "issues.stage"
    assert row.target_type == ContentType.objects.get_for_model(Issue)
    assert row.target_id == issue.pk
    assert row.target_label == "空き家の活用"
    assert row.text == "フォロー中の課題にコメントがありました"
    assert row.url == "/issues/1/"
    assert row.read_at is None


@pytest.mark.parametrize(("target", "label"), [("週間のまとめ", "週間のまとめ"), (None, "")])
def test_a_label_or_no_target(suzuki, target, label):
    _notify([suzuki], target=target)
    row = Notification.objects.get()
    assert (row.target_type, row.target_id, row.target_label) == (None, None, label)


def test_overlong_text_is_cut_not_refused(suzuki):
    _notify([suzuki], text="長" * 2000)
    assert len(Notification.objects.get().text) == 500


def test_immediate_mail_by_default_after_commit(suzuki, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([suzuki], text="課題「空き家の活用」にコメントがありました")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [suzuki.email]
    assert message.subject == "【Kyoso】課題「空き家の活用」にコメントがありました"
    assert "http://127.0.0.1:8000/issues/1/" in message.body
    row = Notification.objects.get()
    assert row.mail == Mail.IMMEDIATE
    assert row.emailed_at is not None


@pytest.mark.parametrize(
    ("frequency", "expected_mail"),
    [
        (EmailFrequency.DAILY, Mail.DAILY),
        (EmailFrequency.WEEKLY, Mail.WEEKLY),
        (EmailFrequency.NEVER, Mail.NONE),
    ],
)
def test_digest_and_never_send_no_mail_now(
    suzuki, frequency, expected_mail, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=suzuki, email_frequency=frequency)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([suzuki])
    assert mail.outbox == []
    row = Notification.objects.get()
    assert (row.mail, row.emailed_at) == (expected_mail, None)


@pytest.mark.parametrize("frequency", [EmailFrequency.IMMEDIATE, EmailFrequency.DAILY])
def test_email_false_records_the_notification_and_mails_nothing_now_or_later(
    suzuki, frequency, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=suzuki, email_frequency=frequency)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([suzuki], email=False) == 1
    assert mail.outbox == []
    row = Notification.objects.get()
    assert (row.recipient, row.mail, row.emailed_at) == (suzuki, Mail.NONE, None)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_notifies_nobody():
    person = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify([person])
        raise RuntimeError("the write failed")
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_query_count_does_not_grow_with_recipients(db):
    people = UserFactory.create_batch(5)
    NotificationPreference.objects.create(user=people[0], email_frequency=EmailFrequency.DAILY)
    issue = Issue.objects.create(title="課題", body="本文", author=people[0])
    ContentType.objects.get_for_model(Issue)  # cached for the process, as in a running site
    # 1 recipients with their preference (one join) and their setting for the type (a
    # subquery), 2 savepoint, 3 insert all, 4 release
    with assert_num_queries(4):
        assert _notify(people, target=issue) == 5
