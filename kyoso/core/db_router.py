"""Read replica routing: a few heavy public reads go to the replica, everything else to the primary.

The rule (docs/scaling.md):

- Only code inside :func:`use_replica` (or a selector decorated with :func:`replica_reads`)
  may read from the replica; every other query reads the primary, as without a replica.
- Writes always go to the primary, and so do reads inside a transaction (``atomic``): a
  service that reads then writes sees its own rows and holds its locks on the primary.
- Read-your-writes: once a request or task has written, its later reads stay on the primary;
  and :class:`ReplicaPinMiddleware` keeps every request of a browser that made a write
  (``POST``, …) on the primary for ``KYOSO_REPLICA_PIN_SECONDS`` (a cookie), so the page a
  writer is redirected to never misses what they just wrote while the replica catches up.
- Without ``DATABASE_REPLICA_URL`` (``KYOSO_READ_REPLICA`` unset) the router does nothing.

A selector wrapped in :func:`replica_reads` must evaluate its querysets before it returns:
a lazy queryset picks its database when it runs, outside the wrapper, i.e. on the primary.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "kyoso_primary"

_replica_wanted: ContextVar[bool] = ContextVar("kyoso_replica_wanted", default=False)
_pinned: ContextVar[bool] = ContextVar("kyoso_pinned_to_primary", default=False)

F = TypeVar("F", bound=Callable[..., Any])


def replica_alias() -> str | None:
    """The replica's alias in DATABASES, or None when there is no replica."""
    alias = getattr(settings, "KYOSO_READ_REPLICA", None)
    if not alias or alias not in settings.DATABASES:
        return None
    return alias


def reads_may_use_replica() -> bool:
    """Whether a read made now would go to the replica."""
    return (
        replica_alias() is not None
        and _replica_wanted.get()
        and not _pinned.get()
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


@contextmanager
def use_replica() -> Iterator[None]:
    """Reads inside go to the replica, when there is one and the rule above allows it."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


def replica_reads(func: F) -> F:
    """Run a read-only selector inside :func:`use_replica`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with use_replica():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@contextmanager
def primary_scope(pinned: bool = False) -> Iterator[None]:
    """One unit of work (a request, a task): pinned to the primary from the start when
    ``pinned``, and from its first write otherwise; the pin ends with the scope."""
    token = _pinned.set(pinned)
    try:
        yield
    finally:
        _pinned.reset(token)


class ReplicaRouter:
    """Django database router implementing the rule of this module."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if reads_may_use_replica():
            return replica_alias()
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        _pinned.set(True)  # read-your-writes for the rest of this request or task
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return None if db == DEFAULT_DB_ALIAS else False  # a replica follows the primary


class ReplicaPinMiddleware:
    """Keep a browser on the primary for a while after it wrote (see the module docstring)."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        writes = request.method not in self.SAFE_METHODS
        with primary_scope(pinned=writes or PIN_COOKIE in request.COOKIES):
            response = self.get_response(request)
        if writes:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.KYOSO_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
