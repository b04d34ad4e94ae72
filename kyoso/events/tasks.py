"""Reminders 24 hours before an event, sent exactly once per registration.

Run by ``kyoso manage send_event_reminders`` (cron, e.g. every 15 minutes) or enqueued as the
:func:`send_event_reminders` task. For every confirmed registration of a published event that
starts within :data:`REMINDER_WINDOW`, the reminder is claimed with one conditional
``UPDATE … SET reminder_sent_at = now WHERE id = … AND reminder_sent_at IS NULL``; only the run
whose UPDATE changed the row queues the mail (after the claim commits). Two runs at once
therefore never remind anyone twice: on PostgreSQL the second UPDATE waits for the first and
then finds the row taken, and SQLite runs one write transaction at a time.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from kyoso.events.mail import queue_registration_mail
from kyoso.events.models import EventStatus, Registration, RegistrationStatus
from kyoso.notifications.mail import language_of

REMINDER_WINDOW = timedelta(hours=24)


def due_reminder_ids(*, now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            user__isnull=False,
            user__is_active=True,
            reminder_sent_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_WINDOW,
        )
        .order_by("event__starts_at", "id")
        .values_list("id", flat=True)
    )


def send_reminder(registration_id: int) -> bool:
    """Claim one registration's reminder and queue its mail; False when already claimed (or
    no longer confirmed)."""
    with transaction.atomic():
        claimed = Registration.objects.filter(
            pk=registration_id,
            reminder_sent_at__isnull=True,
            status=RegistrationStatus.CONFIRMED,
        ).update(reminder_sent_at=timezone.now())
        if not claimed:
            return False
        registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
        # A scheduled job has no request: write in the language the person chose for mail.
        with translation.override(language_of(registration.user)):
            queue_registration_mail(registration, "reminder", event=registration.event)
    return True


@task()
def send_event_reminders() -> int:
    """Remind everyone whose event starts within 24 hours; return how many were reminded."""
    return sum(1 for pk in due_reminder_ids() if send_reminder(pk))
