"""What grew out of an event, registered by the apps that hold it.

The follow-up page of an event links to what came of it — projects started from its minutes or
from one of its idea-event pitches, and whatever later apps add — without the events app
importing those apps. Each app registers, in its ``AppConfig.ready()``, a function
``(event) -> list[Outgrowth]`` that reads what everyone may see of it in one query, already in
the order to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.utils.functional import Promise


class Outgrowth(NamedTuple):
    title: str
    #: Its page, or None while the app has no page to link to.
    url: str | None
    #: A short tag shown next to the title (a project's stage, 「構想」).
    label: str | Promise


Finder = Callable[[Any], list[Outgrowth]]

_finders: dict[str, Finder] = {}


def register(key: str, finder: Finder) -> None:
    """Add a finder under the app's name; registering the same key again replaces it."""
    _finders[key] = finder


def unregister(key: str) -> None:
    """Remove a finder (tests that register their own)."""
    _finders.pop(key, None)


def of(event: Any) -> list[Outgrowth]:
    """Everything that grew out of ``event``, app by app in the order of their keys (one query
    per registered app)."""
    found: list[Outgrowth] = []
    for _key, finder in sorted(_finders.items()):
        found.extend(finder(event))
    return found
