"""What every write of the hubs app shares."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import OperationalError

from kyoso.core.policy import check


class BookingError(Exception):
    """A refusal with a message the person can act on (shown as is); ``code`` names it for
    the API's error format; ``dates`` lists the colliding dates of a series."""

    def __init__(self, message: Any, code: str = "refused", dates: list[Any] | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.dates = dates or []


P = ParamSpec("P")
R = TypeVar("R")


def is_lock_timeout(error: OperationalError) -> bool:
    """SQLite gave up waiting for the write lock ("database is locked")."""
    return "locked" in str(error).lower()


def refuse_when_busy(service: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite's lock timeout under a crowd of writers into the refusal ``busy`` ("try
    again"), never a 500: nothing was written, the transaction never began or rolled back."""

    @functools.wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from kyoso.hubs import messages

        try:
            return service(*args, **kwargs)
        except OperationalError as error:
            if is_lock_timeout(error):
                raise BookingError(messages.BUSY, code="busy") from error
            raise

    return wrapper


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)
