"""Daily and weekly digests: one mail per person with everything that waited for it.

Run by ``kyoso manage send_digests --period daily`` (cron, once a day) and ``--period weekly``
(once a week), or enqueued as the :func:`send_digests` task. Each person's waiting
notifications are claimed with one conditional ``UPDATE … WHERE emailed_at IS NULL`` that
stamps a batch id; the mail is built from exactly the rows of that batch and queued after the
claim commits. Two workers running at once therefore never mail the same notification twice:
on PostgreSQL the second ``UPDATE`` waits for the first and then finds the rows taken, and
SQLite runs one write transaction at a time.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from kyoso.accounts.models import User
from kyoso.core.mail import queue_email
from kyoso.notifications.models import EmailFrequency, Mail, Notification
from kyoso.notifications.services import absolute_url

PERIODS = ("daily", "weekly")

#: Who gets which digest. "immediate" is here so that what waited when someone switched from a
#: digest to immediate mail still goes out, once, with the next daily digest.
FREQUENCIES_BY_PERIOD = {
    "daily": [EmailFrequency.DAILY, EmailFrequency.IMMEDIATE],
    "weekly": [EmailFrequency.WEEKLY],
}


def _waiting() -> Q:
    return Q(mail=Mail.DIGEST, emailed_at__isnull=True)


def digest_recipient_ids(period: str) -> list[int]:
    """Active people with notifications waiting for this period's digest."""
    if period not in FREQUENCIES_BY_PERIOD:
        raise ValueError(f"Unknown digest period {period!r}")
    by_preference = Q(
        recipient__notification_preference__email_frequency__in=FREQUENCIES_BY_PERIOD[period]
    )
    if period == "daily":
        by_preference |= Q(recipient__notification_preference__isnull=True)
    return list(
        Notification.objects.filter(
            _waiting(),
            by_preference,
            recipient__is_active=True,
            recipient__deleted_at__isnull=True,
        )
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def send_digest_to(recipient_id: int, *, period: str) -> int:
    """Claim what waits for one person and queue one mail with it; return how many it held.

    The claim is a plain ``UPDATE`` on the notification table (no join), so PostgreSQL
    re-checks ``emailed_at IS NULL`` on rows another worker changed while this one waited.
    """
    batch = uuid.uuid4()
    with transaction.atomic():
        claimed = Notification.objects.filter(_waiting(), recipient_id=recipient_id).update(
            emailed_at=timezone.now(), digest_batch=batch
        )
        if not claimed:
            return 0
        recipient = User.objects.get(pk=recipient_id)
        items = list(
            Notification.objects.filter(digest_batch=batch)
            .select_related("actor")
            .order_by("created_at", "id")
        )
        context = {"recipient": recipient, "items": items, "period": period}
        with translation.override(settings.LANGUAGE_CODE):
            context["rows"] = [(item, absolute_url(item.url)) for item in items]
            context["settings_url"] = absolute_url(reverse("notifications:settings"))
            subject = render_to_string("notifications/email/digest_subject.txt", context)
            body = render_to_string("notifications/email/digest_body.txt", context)
        queue_email(subject=" ".join(subject.split()), body=body, to=[recipient.email])
    return claimed


def run_digests(period: str) -> int:
    """Send this period's digests; return how many mails were queued."""
    return sum(
        1
        for recipient_id in digest_recipient_ids(period)
        if send_digest_to(recipient_id, period=period)
    )


@task()
def send_digests(period: str) -> int:
    return run_digests(period)
