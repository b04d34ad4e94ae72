"""Writes of the notifications app: creating notifications, reading them, mail preferences.

:func:`notify` is the one entry point other apps call. It writes one in-site notification per
recipient and mails it according to the person's preference: at once (queued after commit with
:func:`kyoso.core.mail.queue_email`), later in a daily or weekly digest
(:mod:`kyoso.notifications.tasks`), or never.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kyoso.accounts.models import User
from kyoso.core.mail import queue_email
from kyoso.notifications.models import (
    TEXT_MAX,
    URL_MAX,
    EmailFrequency,
    Mail,
    Notification,
    NotificationPreference,
)

MAIL_BY_FREQUENCY = {
    EmailFrequency.IMMEDIATE: Mail.IMMEDIATE,
    EmailFrequency.DAILY: Mail.DIGEST,
    EmailFrequency.WEEKLY: Mail.DIGEST,
    EmailFrequency.NEVER: Mail.NONE,
}


def frequency_of(user: User) -> str:
    """The person's mail frequency (reads a prefetched preference when there is one)."""
    try:
        return user.notification_preference.email_frequency
    except NotificationPreference.DoesNotExist:
        return EmailFrequency.IMMEDIATE


def absolute_url(url: str) -> str:
    return settings.BASE_URL + url if url.startswith("/") else url


def _recipient_ids(recipients: Any) -> models.QuerySet | set[int]:
    if isinstance(recipients, models.QuerySet):
        return recipients.values("pk")
    ids: set[int] = set()
    for recipient in recipients:
        pk = recipient if isinstance(recipient, int) else getattr(recipient, "pk", None)
        if pk is not None:
            ids.add(pk)
    return ids


def _target_fields(target: Any) -> dict[str, Any]:
    if target is None:
        return {"target_type": None, "target_id": None, "target_label": ""}
    if isinstance(target, models.Model):
        return {
            "target_type": ContentType.objects.get_for_model(target),
            "target_id": target.pk,
            "target_label": str(target)[:200],
        }
    return {"target_type": None, "target_id": None, "target_label": str(target)[:200]}


def _send_now(notification: Notification, recipient: User, language: str) -> None:
    context: dict[str, Any] = {"notification": notification, "recipient": recipient}
    with translation.override(language):
        context["url"] = absolute_url(notification.url)
        subject = render_to_string("notifications/email/notification_subject.txt", context)
        body = render_to_string("notifications/email/notification_body.txt", context)
    queue_email(subject=" ".join(subject.split()), body=body, to=[recipient.email])


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any] | models.QuerySet,
    kind: str,
    actor: Any,
    target: Any,
    text: str,
    url: str,
    email: bool = True,
) -> int:
    """Notify each recipient once; return how many notifications were created.

    ``recipients``: users, user ids or a user queryset; duplicates count once, and the actor,
    inactive and deleted accounts are left out. ``kind``: ``"<app>.<event>"`` (e.g.
    ``"issues.comment"``). ``target``: a model instance, a plain label, or ``None``.
    ``text``: one sentence in the current language; the list shows the actor next to it, so
    the text need not repeat the actor's name. ``url``: a site path such as ``/issues/1/``.
    Immediate mail is queued after commit, so a rolled-back write notifies nobody.
    ``email=False``: only the in-site notification, no mail now nor in a digest — for callers
    that already send their own mail about the same thing (e.g. an event's promotion mail).
    """
    candidates = User.objects.filter(
        pk__in=_recipient_ids(recipients), is_active=True, deleted_at__isnull=True
    ).select_related("notification_preference")
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    if actor_id is not None:
        candidates = candidates.exclude(pk=actor_id)
    people = list(candidates.order_by("pk"))
    if not people:
        return 0
    now = timezone.now()
    common = {
        "kind": kind[:50],
        "actor_id": actor_id,
        "text": str(text)[:TEXT_MAX],
        "url": str(url)[:URL_MAX],
        "created_at": now,
        **_target_fields(target),
    }
    rows = []
    for person in people:
        mail = MAIL_BY_FREQUENCY[EmailFrequency(frequency_of(person))] if email else Mail.NONE
        rows.append(
            Notification(
                recipient=person,
                mail=mail,
                emailed_at=now if mail == Mail.IMMEDIATE else None,
                **common,
            )
        )
    Notification.objects.bulk_create(rows)
    language = translation.get_language() or settings.LANGUAGE_CODE
    for row, person in zip(rows, people, strict=True):
        if row.mail == Mail.IMMEDIATE:
            _send_now(row, person, language)
    return len(rows)


@transaction.atomic
def preference_update(*, actor: User, email_frequency: str) -> NotificationPreference:
    """Save how the person wants mail. Choosing "never" drops what waited for a digest;
    choosing "immediate" leaves it for the next daily digest, so nothing waiting is lost."""
    frequency = EmailFrequency(email_frequency)
    preference, _created = NotificationPreference.objects.update_or_create(
        user=actor, defaults={"email_frequency": frequency}
    )
    if frequency == EmailFrequency.NEVER:
        Notification.objects.filter(
            recipient=actor, mail=Mail.DIGEST, emailed_at__isnull=True
        ).update(mail=Mail.NONE)
    return preference


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the person read; return how many changed."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_mark_read(*, actor: User, notification: Notification) -> bool:
    """Mark one notification read (a no-op when it already is, or is someone else's)."""
    changed = Notification.objects.filter(
        pk=notification.pk, recipient=actor, read_at__isnull=True
    ).update(read_at=timezone.now())
    return changed == 1
