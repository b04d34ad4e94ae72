"""Follow-up reminders: mailed once on the date, in the person's mail language."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from kyoso.concierge import mail as concierge_mail
from kyoso.concierge.models import Consultation
from kyoso.concierge.tasks import send_followup_reminders

pytestmark = pytest.mark.django_db


def test_due_follow_ups_are_mailed_once(held, suzuki, django_capture_on_commit_callbacks):
    not_yet = Consultation.objects.create(
        hub=held.hub,
        person=held.person,
        concierge=held.concierge,
        starts_at=held.starts_at,
        status="held",
        topic="later",
        follow_up_on=timezone.localdate() + timedelta(days=1),
        follow_up_note="また今度",
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_followup_reminders", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_followup_reminders.call() == 0
    assert [m.to for m in mail.outbox] == [[suzuki.email]]
    assert "道の駅の担当者と会えましたか" in mail.outbox[0].body
    assert "直売所の始め方" not in mail.outbox[0].body  # never the private record
    assert Consultation.objects.get(pk=not_yet.pk).follow_up_reminded_at is None


def test_a_follow_up_already_done_is_not_reminded(held):
    held.followed_up_at = timezone.now()
    held.save()
    assert send_followup_reminders.call() == 0


def test_the_reminder_is_written_in_the_persons_mail_language(monkeypatch, held, suzuki):
    from kyoso.notifications.models import NotificationPreference

    NotificationPreference.objects.create(user=suzuki, language="en")
    seen = []
    real = concierge_mail._render

    def spy(kind, recipient, consultation):
        seen.append(translation.get_language())
        return real(kind, recipient, consultation)

    monkeypatch.setattr(concierge_mail, "_render", spy)
    assert send_followup_reminders.call() == 1
    assert seen == ["en"]
