"""Venues other apps hold for events (the hubs' rooms, issue 18).

An app that books a room for an event registers a holder in its ``AppConfig.ready()``; the
events services tell every holder, inside their own transaction, when an event moves and when
it is cancelled. A holder that cannot follow (the room is taken at the new time) raises
:class:`VenueRefused` with a message the organizer can act on: the event's change is then
refused as a whole (nothing half-written).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class VenueRefused(Exception):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Holder:
    #: ``moved(actor=, event_id=, starts_at=, ends_at=)``
    moved: Callable[..., Any]
    #: ``cancelled(actor=, event_id=, reason=)``
    cancelled: Callable[..., Any]


_holders: dict[str, Holder] = {}


def register_holder(key: str, *, moved: Callable[..., Any], cancelled: Callable[..., Any]) -> None:
    _holders[key] = Holder(moved=moved, cancelled=cancelled)


def event_moved(*, actor: Any, event: Any) -> None:
    for key in sorted(_holders):
        _holders[key].moved(
            actor=actor, event_id=event.pk, starts_at=event.starts_at, ends_at=event.ends_at
        )


def event_cancelled(*, actor: Any, event: Any, reason: str = "") -> None:
    for key in sorted(_holders):
        _holders[key].cancelled(actor=actor, event_id=event.pk, reason=reason)
