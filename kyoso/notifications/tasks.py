"""Scheduled mail: the daily and weekly digests, and the mail that quiet hours held.

Digests: ``kyoso manage send_digests --period daily`` (cron, once a day) and ``--period weekly``
(once a week), or the :func:`send_digests` task. A digest holds the notifications whose type
the person set to that period (``Notification.mail`` is ``daily`` or ``weekly``, decided when
the notification was created and moved when the person changes the setting).

Exactly once, twice over:

- each notification: one conditional ``UPDATE … WHERE emailed_at IS NULL`` claims a person's
  waiting rows and stamps a batch id; the mail is built from exactly the rows of that batch and
  queued after the claim commits;
- each person and period: before claiming, a :class:`DigestSent` row keyed
  ``(user, period, period_start)`` is inserted; a second run in the same day (or week) meets
  the unique key and sends nothing, so no person ever gets two digests in one period, however
  the runs overlap. What arrives after the day's digest waits for the next day's.

On PostgreSQL the second worker's insert waits for the first's transaction and then fails on
the key (or its ``UPDATE`` finds the rows taken); SQLite runs one write transaction at a time.

Held mail: ``kyoso manage send_held_mail`` (every few minutes) sends, once quiet hours have
ended, the immediate mail they held — one mail per person, claimed the same way.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from kyoso.accounts.models import User
from kyoso.notifications import mail as notification_mail
from kyoso.notifications.models import DigestSent, Mail, Notification

PERIODS = ("daily", "weekly")


def period_start(period: str, now: datetime) -> date:
    """The Tokyo date the period around ``now`` starts: today, or this week's Monday."""
    day = timezone.localtime(now, timezone.get_default_timezone()).date()
    return day - timedelta(days=day.weekday()) if period == "weekly" else day


def _waiting(period: str) -> Q:
    return Q(mail=Mail(period), emailed_at__isnull=True)


def digest_recipient_ids(period: str, now: datetime | None = None) -> list[int]:
    """Active people with notifications waiting for this period's digest who have not had
    this period's digest yet."""
    if period not in PERIODS:
        raise ValueError(f"Unknown digest period {period!r}")
    now = now or timezone.now()
    already = DigestSent.objects.filter(period=period, period_start=period_start(period, now))
    return list(
        Notification.objects.filter(
            _waiting(period), recipient__is_active=True, recipient__deleted_at__isnull=True
        )
        .exclude(recipient_id__in=already.values("user_id"))
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def _claim(rows: Q, recipient_id: int, now: datetime) -> list[Notification]:
    batch = uuid.uuid4()
    claimed = Notification.objects.filter(rows, recipient_id=recipient_id).update(
        emailed_at=now, digest_batch=batch
    )
    if not claimed:
        return []
    return list(
        Notification.objects.filter(digest_batch=batch)
        .select_related("actor")
        .order_by("created_at", "id")
    )


def send_digest_to(recipient_id: int, *, period: str, now: datetime | None = None) -> int:
    """Claim this period for one person and what waits for them, and queue one mail with it;
    return how many notifications it held (0: nothing waited, or the period's digest went).

    The claim is a plain ``UPDATE`` on the notification table (no join), so PostgreSQL
    re-checks ``emailed_at IS NULL`` on rows another worker changed while this one waited.
    """
    now = now or timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                sent = DigestSent.objects.create(
                    user_id=recipient_id,
                    period=period,
                    period_start=period_start(period, now),
                    sent_at=now,
                )
        except IntegrityError:
            return 0  # this person's digest of this period went already
        items = _claim(_waiting(period), recipient_id, now)
        if not items:
            transaction.set_rollback(True)  # nothing sent: the period is not used up
            return 0
        DigestSent.objects.filter(pk=sent.pk).update(count=len(items))
        recipient = User.objects.select_related("notification_preference").get(pk=recipient_id)
        notification_mail.send_many(items, recipient, period=period)
    return len(items)


def run_digests(period: str, now: datetime | None = None) -> int:
    """Send this period's digests; return how many mails were queued."""
    return sum(
        1
        for recipient_id in digest_recipient_ids(period, now)
        if send_digest_to(recipient_id, period=period, now=now)
    )


@task()
def send_digests(period: str) -> int:
    return run_digests(period)


# --- Mail held by quiet hours --------------------------------------------------------------


def _held(now: datetime) -> Q:
    return Q(mail=Mail.IMMEDIATE, emailed_at__isnull=True, mail_after__lte=now)


def held_recipient_ids(now: datetime | None = None) -> list[int]:
    return list(
        Notification.objects.filter(
            _held(now or timezone.now()),
            recipient__is_active=True,
            recipient__deleted_at__isnull=True,
        )
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def send_held_to(recipient_id: int, now: datetime | None = None) -> int:
    """Claim one person's held mail whose quiet hours are over and queue it: the usual mail
    for one notification, one mail listing them for several. Returns how many it held."""
    now = now or timezone.now()
    with transaction.atomic():
        items = _claim(_held(now), recipient_id, now)
        if not items:
            return 0
        recipient = User.objects.select_related("notification_preference").get(pk=recipient_id)
        if len(items) == 1:
            language = notification_mail.language_of(recipient)
            notification_mail.send_one(items[0], recipient, language)
        else:
            notification_mail.send_many(items, recipient, period="held")
    return len(items)


def run_held_mail(now: datetime | None = None) -> int:
    """Send the mail held by quiet hours that have ended; return how many mails were queued."""
    return sum(1 for pk in held_recipient_ids(now) if send_held_to(pk, now))


@task()
def send_held_mail() -> int:
    return run_held_mail()
