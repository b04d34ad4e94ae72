"""What every write of the hubs app shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from kyoso.core.policy import check


class BookingError(Exception):
    """A refusal with a message the person can act on (shown as is); ``code`` names it for
    the API's error format; ``dates`` lists the colliding dates of a series."""

    def __init__(self, message: Any, code: str = "refused", dates: list[Any] | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.dates = dates or []


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)
