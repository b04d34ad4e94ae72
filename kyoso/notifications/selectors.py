"""Reads of the notifications app."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from kyoso.notifications.models import EmailFrequency, Notification, NotificationPreference

PAGE_SIZE = 30
#: The header shows "99+" beyond this; counting stops there so a large backlog stays cheap.
UNREAD_CAP = 100


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


def inbox(user: Any) -> QuerySet[Notification]:
    """The person's notifications, unread first, then newest first, with the actor joined."""
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .select_related("actor")
        .annotate(unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()))
        .order_by("-unread", "-created_at", "-id")
    )


def inbox_page(user: Any, number: Any) -> Page:
    """One page of :func:`inbox` (a count and a page query); a page past the end shows the
    last page and anything that is not a number the first."""
    return Paginator(inbox(user), PAGE_SIZE).get_page(number)


def preference_of(user: Any) -> str:
    return (
        NotificationPreference.objects.filter(user_id=user.pk)
        .values_list("email_frequency", flat=True)
        .first()
        or EmailFrequency.IMMEDIATE
    )
