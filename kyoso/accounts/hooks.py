"""Other apps hear that a person's profile changed, without accounts knowing them.

``register_profile_changed(fn)`` in an app's ``ready()``; the profile services call
:func:`profile_changed` inside their transaction and each ``fn(user_id)`` runs once it commits
(matching recomputes its precomputed features this way).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db import transaction

ProfileListener = Callable[[int], None]

_listeners: list[ProfileListener] = []


def register_profile_changed(listener: ProfileListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def profile_changed(user_id: int) -> None:
    """Tell every listener after the current transaction commits (nothing if it rolls back)."""
    for listener in _listeners:
        transaction.on_commit(partial(listener, user_id))
