"""Reads of the notifications app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple

from kyoso.core import keyset
from kyoso.notifications import types
from kyoso.notifications.models import (
    DELIVERY_BY_FREQUENCY,
    EmailFrequency,
    Notification,
    NotificationPreference,
    NotificationSetting,
)

PAGE_SIZE = 30
#: The header shows "99+" beyond this; counting stops there so a large backlog stays cheap.
UNREAD_CAP = 100
#: The cursor tags of the two lists (all, unread only): a cursor of one is refused by the other.
CURSOR_TAGS = {False: "inbox", True: "unread"}


def unread_count(user: Any) -> int:
    """Unread notifications of the person, up to :data:`UNREAD_CAP` (one query; none when
    signed out). Served by the partial index ``notification_unread``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return (
        Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
        .order_by()
        .values("pk")[:UNREAD_CAP]
        .count()
    )


def inbox(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The person's notifications, newest first, with the actor joined (served by the index
    ``notification_inbox``; unread only by ``notification_unread``)."""
    rows = Notification.objects.filter(recipient_id=user.pk).select_related("actor")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-id")


@dataclass
class InboxPage:
    items: list[Notification]
    next_cursor: str | None
    is_first: bool
    unread_only: bool


def inbox_page(
    user: Any, *, unread_only: bool = False, after: str = "", page_size: int = PAGE_SIZE
) -> InboxPage:
    """One page of :func:`inbox` in one query: keyset pagination on (created_at, id), ``after``
    being the cursor of the previous page's last row. Raises ``keyset.CursorInvalid`` for a
    cursor that cannot be read or was made for the other list."""
    tag = CURSOR_TAGS[unread_only]
    rows = inbox(user, unread_only=unread_only)
    if after:
        moment, pk = keyset.decode_cursor(tag, after)
        rows = rows.filter(keyset.RowLessThan(Tuple(F("created_at"), F("id")), (moment, pk)))
    found = list(rows[: page_size + 1])
    items = found[:page_size]
    more = len(found) > page_size
    return InboxPage(
        items=items,
        next_cursor=keyset.encode_cursor(tag, items[-1].created_at, items[-1].pk) if more else None,
        is_first=not after,
        unread_only=unread_only,
    )


def preference_of(user: Any) -> str:
    return (
        NotificationPreference.objects.filter(user_id=user.pk)
        .values_list("email_frequency", flat=True)
        .first()
        or EmailFrequency.IMMEDIATE
    )


@dataclass
class Settings:
    """What the settings page shows: each type's delivery, the quiet hours, the language."""

    deliveries: dict[str, str]
    preference: NotificationPreference


def settings_of(user: Any) -> Settings:
    """The person's delivery for every registered type (their own setting, else the default
    from their mail frequency) and their preference row (unsaved when they have none).
    Two queries."""
    preference = NotificationPreference.objects.filter(user_id=user.pk).first()
    if preference is None:
        preference = NotificationPreference(user_id=user.pk)
    default = DELIVERY_BY_FREQUENCY[EmailFrequency(preference.email_frequency)]
    own = dict(NotificationSetting.objects.filter(user_id=user.pk).values_list("group", "delivery"))
    return Settings(
        deliveries={key: own.get(key, default) for key in types.type_keys()},
        preference=preference,
    )
