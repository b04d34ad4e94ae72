"""What every write of the network app shares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kyoso.core.policy import check


class NetworkError(Exception):
    """A refusal with a message the person can act on; ``code`` names it for the API."""

    def __init__(self, message: Any, code: str = "refused") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def too_long(limit: int, text: str) -> NetworkError:
    from kyoso.network import messages

    return NetworkError(
        messages.TEXT_TOO_LONG % {"limit_value": limit, "show_value": len(text)}, "too_long"
    )


def notify_each(*, recipients: Iterable[int], kind: str, actor: Any, text: Any, url: str) -> None:
    """Notify each person in their own language (``text`` is a lazy message, rendered once
    per recipient under ``translation.override``), so that their mail is in it too."""
    from kyoso.notifications.mail import language_of
    from kyoso.notifications.services import notify

    ids = sorted(set(recipients))
    if not ids:
        return
    people = get_user_model().objects.filter(pk__in=ids).select_related("notification_preference")
    for person in people:
        with translation.override(language_of(person)):
            notify(
                recipients=[person.pk], kind=kind, actor=actor, target=None, text=str(text), url=url
            )
