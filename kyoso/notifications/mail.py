"""Notification mail: the one-by-one mail, the digests and the mail held by quiet hours, each
with a signed one-click unsubscribe link per type and a link to the settings page.

The unsubscribe token follows the communities' leaders' mail
(:mod:`kyoso.communities.services.messaging`): ``django.core.signing`` over
``[user id, type key]``, no login needed, and it never expires (a link in an old mail must
still work; it can only ever stop mail to the person it was sent to). Opening it shows a
confirmation page; the POST from that page switches that type to "site only".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kyoso.core.mail import queue_email
from kyoso.notifications import types
from kyoso.notifications.models import Notification, NotificationPreference

UNSUBSCRIBE_SALT = "kyoso.notifications.unsubscribe"


class UnsubscribeInvalid(ValueError):
    """The token was cut short, changed, or names a type that no longer exists."""


def absolute_url(url: str) -> str:
    return settings.BASE_URL + url if url.startswith("/") else url


def unsubscribe_token(user_id: int, group: str) -> str:
    return signing.dumps([user_id, group], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user_id: int, group: str) -> str:
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, group)])
    return absolute_url(path)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """The (user id, type key) a token names; raises :class:`UnsubscribeInvalid`."""
    try:
        user_id, group = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise UnsubscribeInvalid(token) from None
    if not isinstance(user_id, int) or not isinstance(group, str) or types.get_type(group) is None:
        raise UnsubscribeInvalid(token)
    return user_id, group


def language_of(user: Any, fallback: str | None = None) -> str:
    """The language of the person's mail: the one they chose on the settings page, else
    ``fallback`` (the request's, for mail sent from a request), else the site's."""
    try:
        chosen = user.notification_preference.language
    except NotificationPreference.DoesNotExist:
        chosen = ""
    return chosen or fallback or settings.LANGUAGE_CODE


def _links(recipient: Any, kinds: Iterable[str]) -> dict[str, Any]:
    groups = sorted({types.group_of(kind) for kind in kinds}, key=types.type_keys().index)
    return {
        "settings_url": absolute_url(reverse("notifications:settings")),
        "unsubscribe_links": [
            (types.get_type(group).label, unsubscribe_url(recipient.pk, group))  # type: ignore[union-attr]
            for group in groups
        ],
    }


def send_one(notification: Notification, recipient: Any, language: str) -> None:
    """Queue the mail of one notification (after commit)."""
    context: dict[str, Any] = {"notification": notification, "recipient": recipient}
    with translation.override(language):
        context["url"] = absolute_url(notification.url)
        context.update(_links(recipient, [notification.kind]))
        subject = render_to_string("notifications/email/notification_subject.txt", context)
        body = render_to_string("notifications/email/notification_body.txt", context)
    queue_email(subject=" ".join(subject.split()), body=body, to=[recipient.email])


def send_many(items: list[Notification], recipient: Any, *, period: str) -> None:
    """Queue one mail listing ``items``: a digest (``period`` "daily"/"weekly") or what quiet
    hours held (``period`` "held"), in the person's language."""
    context: dict[str, Any] = {"recipient": recipient, "items": items, "period": period}
    with translation.override(language_of(recipient)):
        context["rows"] = [(item, absolute_url(item.url)) for item in items]
        context.update(_links(recipient, [item.kind for item in items]))
        subject = render_to_string("notifications/email/digest_subject.txt", context)
        body = render_to_string("notifications/email/digest_body.txt", context)
    queue_email(subject=" ".join(subject.split()), body=body, to=[recipient.email])
