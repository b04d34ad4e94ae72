"""The reminder 24 hours before: confirmed registrants of published events starting within a
day get one mail with the calendar file, exactly once, even when two runs overlap."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.events.models import EventStatus, Registration
from kyoso.events.tasks import send_event_reminders, send_reminder
from kyoso.events.tests.factories import EventFactory, RegistrationFactory


def soon(**kwargs):
    start = timezone.now() + timedelta(hours=20)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), **kwargs)


@pytest.mark.django_db
def test_reminds_confirmed_registrants_of_events_within_a_day_once(
    django_capture_on_commit_callbacks,
):
    event = soon(title="明日の定例会")
    confirmed = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waitlisted", waitlisted_at=timezone.now())
    RegistrationFactory(event=event, status="cancelled")
    RegistrationFactory(event=EventFactory())  # next week: not yet
    RegistrationFactory(event=soon(status=EventStatus.CANCELLED))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders.call() == 0

    assert [m.to for m in mail.outbox] == [[confirmed.user.email]]
    message = mail.outbox[0]
    assert message.subject == "【明日開催】明日の定例会"
    assert message.attachments[0][0] == f"event-{event.pk}.ics"
    assert Registration.objects.get(pk=confirmed.pk).reminder_sent_at is not None


@pytest.mark.django_db
def test_the_reminder_is_written_in_the_language_the_person_chose(
    django_capture_on_commit_callbacks,
):
    from kyoso.notifications.models import NotificationPreference

    event = soon(title="明日の定例会")
    english, japanese = RegistrationFactory(event=event), RegistrationFactory(event=event)
    NotificationPreference.objects.create(user=english.user, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        send_event_reminders.call()

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[japanese.user.email] == "【明日開催】明日の定例会"
    assert subjects[english.user.email] != subjects[japanese.user.email]
    assert "明日開催" not in subjects[english.user.email]


@pytest.mark.django_db
def test_an_event_already_started_gets_no_reminder():
    start = timezone.now() - timedelta(minutes=5)
    registration = RegistrationFactory(
        event=EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    )
    assert send_event_reminders.call() == 0
    assert Registration.objects.get(pk=registration.pk).reminder_sent_at is None


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_remind_each_person_once(tmp_path):
    event = soon()
    registrations = RegistrationFactory.create_batch(5, event=event)

    with thread_databases(tmp_path) as open_connection:
        claimed = in_parallel(
            open_connection,
            [
                (lambda: [send_reminder(r.pk) for r in registrations]),
                (lambda: [send_reminder(r.pk) for r in reversed(registrations)]),
            ],
        )
        stamped = read(
            open_connection,
            lambda: Registration.objects.filter(reminder_sent_at__isnull=False).count(),
        )

    assert sum(claimed[0]) + sum(claimed[1]) == 5
    assert stamped == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in registrations)
