"""Quiet hours: immediate mail due inside them waits until they end, then send_held_mail sends
it exactly once (frozen clock, Asia/Tokyo)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from kyoso.notifications.models import Mail, Notification, NotificationPreference
from kyoso.notifications.quiet import quiet_until
from kyoso.notifications.services import notification_settings_update, notify
from kyoso.notifications.tasks import held_recipient_ids, run_held_mail, send_held_to

TOKYO = ZoneInfo("Asia/Tokyo")
NIGHT = (time(22), time(7))


def tokyo(day, hour, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=TOKYO)


@contextmanager
def frozen_clock(at):
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


@pytest.mark.parametrize(
    ("hours", "now", "until"),
    [
        (NIGHT, tokyo(5, 23), tokyo(6, 7)),  # before midnight: ends the next morning
        (NIGHT, tokyo(6, 3), tokyo(6, 7)),  # after midnight: ends this morning
        (NIGHT, tokyo(5, 22), tokyo(6, 7)),  # the start is inside
        (NIGHT, tokyo(6, 7), None),  # the end is not
        (NIGHT, tokyo(6, 12), None),
        ((time(12), time(13)), tokyo(6, 12, 30), tokyo(6, 13)),  # within one day
        ((time(12), time(13)), tokyo(6, 13, 30), None),
        ((None, None), tokyo(6, 3), None),
    ],
)
def test_quiet_until(hours, now, until):
    assert quiet_until(*hours, now) == until


def _quiet(person, start=NIGHT[0], end=NIGHT[1]):
    NotificationPreference.objects.update_or_create(
        user=person, defaults={"quiet_start": start, "quiet_end": end}
    )


def _notify(person, text="課題にコメントがありました", kind="issues.comment"):
    return notify(
        recipients=[person], kind=kind, actor=None, target=None, text=text, url="/issues/1/"
    )


def test_mail_inside_quiet_hours_waits_and_is_sent_once_when_they_end(
    suzuki, django_capture_on_commit_callbacks
):
    _quiet(suzuki)
    with frozen_clock(tokyo(5, 23, 30)), django_capture_on_commit_callbacks(execute=True):
        _notify(suzuki)
    assert mail.outbox == []
    row = Notification.objects.get()
    assert (row.mail, row.emailed_at, row.mail_after) == (Mail.IMMEDIATE, None, tokyo(6, 7))

    with django_capture_on_commit_callbacks(execute=True):
        assert run_held_mail(tokyo(6, 6, 59)) == 0  # still quiet
        assert run_held_mail(tokyo(6, 7)) == 1
        assert run_held_mail(tokyo(6, 7, 5)) == 0  # the next run finds it sent
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "【Kyoso】課題にコメントがありました"
    assert "/notifications/unsubscribe/" in mail.outbox[0].body


def test_several_held_notifications_go_in_one_mail(suzuki, django_capture_on_commit_callbacks):
    _quiet(suzuki)
    with frozen_clock(tokyo(5, 23)):
        _notify(suzuki, text="一つ目")
        _notify(suzuki, text="二つ目", kind="issues.stage")
    with django_capture_on_commit_callbacks(execute=True):
        assert run_held_mail(tokyo(6, 8)) == 1
    assert [m.subject for m in mail.outbox] == ["【Kyoso】お休み中のお知らせ（2件）"]
    body = mail.outbox[0].body
    assert body.index("一つ目") < body.index("二つ目")
    assert "「課題へのコメント」のメールを停止する" in body
    assert "「課題の段階の変更」のメールを停止する" in body


def test_outside_quiet_hours_mail_goes_at_once(suzuki, django_capture_on_commit_callbacks):
    _quiet(suzuki)
    with frozen_clock(tokyo(6, 12)), django_capture_on_commit_callbacks(execute=True):
        _notify(suzuki)
    assert len(mail.outbox) == 1
    assert Notification.objects.get().emailed_at == tokyo(6, 12)


def test_quiet_hours_hold_only_immediate_mail(suzuki):
    from kyoso.notifications.models import Delivery, NotificationSetting

    _quiet(suzuki)
    NotificationSetting.objects.create(user=suzuki, group="issues.comments", delivery="daily")
    NotificationSetting.objects.create(user=suzuki, group="issues.stages", delivery=Delivery.SITE)
    with frozen_clock(tokyo(5, 23)):
        _notify(suzuki)
        _notify(suzuki, kind="issues.stage")
    assert sorted(Notification.objects.values_list("mail", "mail_after")) == [
        (Mail.DAILY, None),
        (Mail.NONE, None),
    ]


def test_a_worker_that_lost_the_race_sends_nothing(suzuki, django_capture_on_commit_callbacks):
    _quiet(suzuki)
    with frozen_clock(tokyo(5, 23)):
        _notify(suzuki)
    due_for_a = held_recipient_ids(tokyo(6, 8))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_held_mail(tokyo(6, 8)) == 1  # worker B
        assert [send_held_to(pk, tokyo(6, 8)) for pk in due_for_a] == [0]  # worker A
    assert len(mail.outbox) == 1


def test_turning_quiet_hours_off_releases_what_they_held(
    suzuki, django_capture_on_commit_callbacks
):
    _quiet(suzuki)
    with frozen_clock(tokyo(5, 23)):
        _notify(suzuki)
    with frozen_clock(tokyo(5, 23, 10)):
        notification_settings_update(actor=suzuki, deliveries={})
    with django_capture_on_commit_callbacks(execute=True):
        assert run_held_mail(tokyo(5, 23, 15)) == 1
    assert len(mail.outbox) == 1


def test_switching_the_type_to_a_digest_moves_held_mail_there(suzuki):
    _quiet(suzuki)
    with frozen_clock(tokyo(5, 23)):
        _notify(suzuki)
    notification_settings_update(
        actor=suzuki,
        deliveries={"issues.comments": "weekly"},
        quiet_start=NIGHT[0],
        quiet_end=NIGHT[1],
    )
    row = Notification.objects.get()
    assert (row.mail, row.mail_after) == (Mail.WEEKLY, None)
    assert run_held_mail(tokyo(6, 8)) == 0


def test_inactive_people_get_no_held_mail(suzuki):
    _quiet(suzuki)
    with frozen_clock(tokyo(5, 23)):
        _notify(suzuki)
    suzuki.is_active = False
    suzuki.save()
    assert run_held_mail(tokyo(6, 8)) == 0


def test_management_command(suzuki, django_capture_on_commit_callbacks, capsys):
    _quiet(suzuki)
    with frozen_clock(tokyo(5, 23)):
        _notify(suzuki)
    with frozen_clock(tokyo(6, 8)), django_capture_on_commit_callbacks(execute=True):
        call_command("send_held_mail")
    assert "held mail sent: 1" in capsys.readouterr().out
    assert len(mail.outbox) == 1
