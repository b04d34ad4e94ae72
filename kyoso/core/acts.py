"""Ways a person *acts* after an event, registered by the apps that hold the acts.

The events app counts a participant as converted when they act within a window after the
event (docs/events.md, "Conversion"). Its own acts (offering help, following a surfaced issue,
joining an idea-event team) it knows; acts of apps above it (joining a project, filling a
need…) it must not import, so those apps register them here in their ``AppConfig.ready()``.

An act is a function ``(user_id, start, end) -> QuerySet``: given expressions for the person's
id and the window's first and last moment (``OuterRef`` expressions of the outer query; both
ends included), it returns a queryset of the rows that show the person acted in the window,
fit to be wrapped in ``Exists(...)``. It must not evaluate anything: the figure stays one
query whatever the number of acts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, QuerySet
from django.utils.functional import Promise

ActQuery = Callable[[Any, Any, Any], QuerySet[Any]]

_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Act:
    #: ``<app>.<act>``, e.g. ``projects.joined``.
    key: str
    #: What the person did, as a short phrase (「プロジェクトに参加する」).
    label: str | Promise
    query: ActQuery


_acts: dict[str, Act] = {}


def register(key: str, *, label: str | Promise, query: ActQuery) -> None:
    """Add an act; registering the same key again replaces it (``ready()`` may run twice)."""
    if not _KEY.match(key):
        raise ValueError(f"An act's key is '<app>.<act>' in lower case, not {key!r}.")
    _acts[key] = Act(key=key, label=label, query=query)


def unregister(key: str) -> None:
    """Remove an act (tests that register their own)."""
    _acts.pop(key, None)


def registered() -> list[Act]:
    """Every registered act, in the order of their keys (stable SQL, stable page text)."""
    return [_acts[key] for key in sorted(_acts)]


def exists_clauses(user_id: Any, start: Any, end: Any) -> list[Exists]:
    """One ``Exists`` per registered act, for the person and window given as expressions."""
    return [Exists(act.query(user_id, start, end)) for act in registered()]
