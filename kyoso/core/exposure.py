"""Who may know that a row exists, for the types the search registry does not hold.

The search registry's ``visible(viewer)`` says it for the public content types (issues,
events, projects, …). Personal and working rows — bookings, pledges, donations, applications,
introductions, advice requests, screening rounds, notifications, API tokens — have no search
type; each app declares them here in ``AppConfig.ready()``::

    exposure.declare(Booking, exposure.owned_by("user"))

``visible(viewer)`` returns the rows a person *without a staff role* may know exist (the
people the row names: its owner, its recipient, the reviewers of its round). It may leave out
rows that some organization's staff also see: it is read by the object-access sweep
(kyoso/core/tests/test_object_access.py), which looks up every other row as an anonymous
visitor, a person with no role, another organization's member and a read-only API token, and
expects 404. A model reachable by a detail URL or an API operation must be declared here, be a
search type, or be listed in that test with the reason it is neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Model, Q, QuerySet


@dataclass(frozen=True)
class Exposure:
    model: type[Model]
    visible: Callable[[Any], QuerySet]


_declared: dict[str, Exposure] = {}


def declare(model: type[Model], visible: Callable[[type[Model], Any], QuerySet]) -> None:
    """Declare who may know a row of ``model`` exists: ``visible(model, viewer)``."""
    _declared[model._meta.label] = Exposure(
        model=model, visible=lambda viewer: visible(model, viewer)
    )


def owned_by(*fields: str) -> Callable[[type[Model], Any], QuerySet]:
    """Rows naming the viewer in one of ``fields`` (user foreign keys, lookups allowed)."""

    def visible(model: type[Model], viewer: Any) -> QuerySet:
        if not getattr(viewer, "is_authenticated", False):
            return model._default_manager.none()
        match = reduce(or_, (Q(**{field: viewer.pk}) for field in fields))
        return model._default_manager.filter(match).distinct()

    return visible


def all_declared() -> list[Exposure]:
    return [_declared[label] for label in sorted(_declared)]
