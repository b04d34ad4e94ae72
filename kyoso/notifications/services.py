"""Writes of the notifications app: creating notifications, reading them, mail settings.

:func:`notify` is the one entry point other apps call. It finds the *type* of the kind
(:mod:`kyoso.notifications.types`) and each recipient's delivery for that type:

- ``off``: no notification at all — no row in the list, no mail (the person said they do not
  want to hear about this type);
- ``site``: the in-site notification only;
- ``immediate``: the notification and its mail, queued after commit — unless the person's quiet
  hours are on, then the mail waits until they end (``send_held_mail`` sends it);
- ``daily`` / ``weekly``: the notification, mailed with that period's digest
  (:mod:`kyoso.notifications.tasks`).

A type the person never set follows their one mail frequency of before
(:data:`~kyoso.notifications.models.DELIVERY_BY_FREQUENCY`), so nobody's mail changed when
types arrived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import time
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone, translation

from kyoso.accounts.models import User
from kyoso.notifications import mail as notification_mail
from kyoso.notifications import types
from kyoso.notifications.models import (
    DELIVERY_BY_FREQUENCY,
    DIGEST_MAILS,
    TEXT_MAX,
    URL_MAX,
    Delivery,
    EmailFrequency,
    Mail,
    Notification,
    NotificationPreference,
    NotificationSetting,
)
from kyoso.notifications.quiet import quiet_until

# Kept for callers of before: the helpers now live in kyoso.notifications.mail.
absolute_url = notification_mail.absolute_url


def frequency_of(user: User) -> str:
    """The person's default mail frequency (reads a prefetched preference when there is one)."""
    try:
        return user.notification_preference.email_frequency
    except NotificationPreference.DoesNotExist:
        return EmailFrequency.IMMEDIATE


def default_delivery(user: User) -> Delivery:
    return DELIVERY_BY_FREQUENCY[EmailFrequency(frequency_of(user))]


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


def _mail_fields(person: User, delivery: str, email: bool, now: Any) -> dict[str, Any]:
    if not email or delivery == Delivery.SITE:
        return {"mail": Mail.NONE}
    if delivery in (Delivery.DAILY, Delivery.WEEKLY):
        return {"mail": Mail(delivery)}
    preference = getattr(person, "notification_preference", None)
    held_until = quiet_until(
        getattr(preference, "quiet_start", None), getattr(preference, "quiet_end", None), now
    )
    if held_until is not None:
        return {"mail": Mail.IMMEDIATE, "mail_after": held_until}
    return {"mail": Mail.IMMEDIATE, "emailed_at": now}


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
    """Notify each recipient once, as their setting for the kind's type says; return how many
    notifications were created.

    ``recipients``: users, user ids or a user queryset; duplicates count once, and the actor,
    inactive and deleted accounts are left out, as are those who turned the type off.
    ``kind``: ``"<app>.<event>"`` (e.g. ``"issues.comment"``), registered in a type.
    ``target``: a model instance, a plain label, or ``None``. ``text``: one sentence in the
    current language; the list shows the actor next to it, so the text need not repeat the
    actor's name. ``url``: a site path such as ``/issues/1/``. Immediate mail is queued after
    commit, so a rolled-back write notifies nobody. ``email=False``: only the in-site
    notification, no mail now nor in a digest — for callers that already send their own mail
    about the same thing (e.g. an event's promotion mail).
    """
    group = types.group_of(kind)
    own_setting = NotificationSetting.objects.filter(user_id=OuterRef("pk"), group=group)
    candidates = (
        User.objects.filter(
            pk__in=_recipient_ids(recipients), is_active=True, deleted_at__isnull=True
        )
        .select_related("notification_preference")
        .annotate(type_delivery=Subquery(own_setting.values("delivery")[:1]))
    )
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    if actor_id is not None:
        candidates = candidates.exclude(pk=actor_id)
    people = list(candidates.order_by("pk"))
    now = timezone.now()
    common = {
        "kind": kind[:50],
        "actor_id": actor_id,
        "text": str(text)[:TEXT_MAX],
        "url": str(url)[:URL_MAX],
        "created_at": now,
        **_target_fields(target),
    }
    rows: list[tuple[Notification, User]] = []
    for person in people:
        delivery = person.type_delivery or default_delivery(person)  # type: ignore[attr-defined]
        if delivery == Delivery.OFF:
            continue
        notification = Notification(
            recipient=person, **common, **_mail_fields(person, delivery, email, now)
        )
        rows.append((notification, person))
    if not rows:
        return 0
    Notification.objects.bulk_create([row for row, _person in rows])
    language = translation.get_language() or settings.LANGUAGE_CODE
    for row, recipient in rows:
        if row.mail == Mail.IMMEDIATE and row.emailed_at is not None:
            in_language = notification_mail.language_of(recipient, language)
            notification_mail.send_one(row, recipient, in_language)
    return len(rows)


# --- Settings ----------------------------------------------------------------------------


def _of_type(group: str) -> Q:
    if group == types.OTHER:
        return ~Q(kind__in=types.registered_kinds())
    return Q(kind__in=types.kinds_of(group))


def _retarget_waiting(user_id: int, groups: Iterable[str], delivery: str) -> None:
    """Move the mail that has not gone out yet for ``groups`` to their new delivery: to the
    new digest, to the next daily digest when switched to immediate (nothing waiting is lost),
    and nowhere when switched to site only or off."""
    of_types = Q()
    for group in groups:
        of_types |= _of_type(group)
    if not of_types:
        return
    waiting = Notification.objects.filter(of_types, recipient_id=user_id, emailed_at__isnull=True)
    digests = waiting.filter(mail__in=DIGEST_MAILS)
    held = waiting.filter(mail=Mail.IMMEDIATE)
    if delivery in (Delivery.SITE, Delivery.OFF):
        waiting.exclude(mail=Mail.NONE).update(mail=Mail.NONE, mail_after=None)
    elif delivery in (Delivery.DAILY, Delivery.WEEKLY):
        digests.exclude(mail=delivery).update(mail=delivery)
        held.update(mail=delivery, mail_after=None)
    else:  # immediate: what waited for a digest goes with the next daily one
        digests.filter(mail=Mail.WEEKLY).update(mail=Mail.DAILY)


@transaction.atomic
def preference_update(*, actor: User, email_frequency: str) -> NotificationPreference:
    """Save the person's default mail frequency (the delivery of every type they have not set
    one for) and move what waits for those types accordingly."""
    frequency = EmailFrequency(email_frequency)
    preference, _created = NotificationPreference.objects.update_or_create(
        user=actor, defaults={"email_frequency": frequency}
    )
    own = set(NotificationSetting.objects.filter(user=actor).values_list("group", flat=True))
    _retarget_waiting(
        actor.pk, [k for k in types.type_keys() if k not in own], DELIVERY_BY_FREQUENCY[frequency]
    )
    return preference


def _set_delivery(user_id: int, group: str, delivery: str) -> None:
    NotificationSetting.objects.update_or_create(
        user_id=user_id, group=group, defaults={"delivery": Delivery(delivery)}
    )
    _retarget_waiting(user_id, [group], delivery)


@transaction.atomic
def notification_settings_update(
    *,
    actor: User,
    deliveries: Mapping[str, str],
    quiet_start: time | None = None,
    quiet_end: time | None = None,
    language: str = "",
) -> NotificationPreference:
    """Save the settings page: a delivery per type (unknown types are ignored; only a type
    whose delivery changes is written, so the others keep following the default), the quiet
    hours (both or neither) and the language of mail."""
    if (quiet_start is None) != (quiet_end is None) or (quiet_start and quiet_start == quiet_end):
        raise ValueError("Quiet hours need a start and a different end, or neither.")
    from kyoso.notifications.selectors import settings_of

    current = settings_of(actor)  # each type's delivery now, set or by default
    for group, delivery in deliveries.items():
        if group in current.deliveries and current.deliveries[group] != delivery:
            _set_delivery(actor.pk, group, delivery)
    preference, _created = NotificationPreference.objects.update_or_create(
        user=actor,
        defaults={"quiet_start": quiet_start, "quiet_end": quiet_end, "language": language},
    )
    if quiet_start is None and current.preference.quiet_start is not None:
        # Nothing is held any more: what waited goes with the next run.
        Notification.objects.filter(
            recipient=actor, mail=Mail.IMMEDIATE, emailed_at__isnull=True
        ).update(mail_after=timezone.now())
    return preference


@transaction.atomic
def notification_unsubscribe(*, token: str) -> tuple[User, types.NotificationType]:
    """Stop the mail of the type the token names (it stays in the site); no login needed.

    Raises :class:`~kyoso.notifications.mail.UnsubscribeInvalid` for a token that was changed
    or cut short, and ``User.DoesNotExist`` when the person is gone.
    """
    user_id, group = notification_mail.read_unsubscribe_token(token)
    user = User.objects.get(pk=user_id, is_active=True, deleted_at__isnull=True)
    _set_delivery(user.pk, group, Delivery.SITE)
    return user, types.get_type(group)  # type: ignore[return-value]


# --- Reading -------------------------------------------------------------------------------


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
