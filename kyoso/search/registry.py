"""Searchable types: each capability registers what to index and who may see it.

::

    registry.register(
        "issues",
        label=_("課題"),
        model=Issue,
        document=issue_document,    # obj -> Document(title, body) | None (None: not indexed)
        visible=visible_issues,     # viewer -> QuerySet of the objects the viewer may see
        url=lambda issue: reverse("issues:detail", args=[issue.pk]),
    )

Call it from the app's ``AppConfig.ready()``. Results are always filtered through
``visible(viewer)`` at query time, so content that is hidden, awaiting review or deleted never
appears to someone who may not see it, even before its document is updated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class Document:
    """What is indexed for one object: plain text (no Markdown or HTML)."""

    title: str
    body: str = ""


@dataclass(frozen=True)
class SearchType:
    key: str
    label: str | Promise
    model: type[Model]
    document: Callable[[Any], Document | None]
    visible: Callable[[Any], QuerySet]
    url: Callable[[Any], str]
    order: int = 100
    queryset: Callable[[], QuerySet] | None = None


_types: dict[str, SearchType] = {}


def register(
    type_key: str,
    *,
    label: str | Promise,
    model: type[Model],
    document: Callable[[Any], Document | None],
    visible: Callable[[Any], QuerySet],
    url: Callable[[Any], str],
    order: int = 100,
    queryset: Callable[[], QuerySet] | None = None,
) -> SearchType:
    """Register (or re-register) a searchable type.

    Optional: ``order`` sorts the tabs of the search page; ``queryset()`` gives the objects
    ``rebuild_search_index`` walks, with the ``select_related``/``prefetch_related`` that
    ``document()`` needs (default: every object of ``model``).
    """
    if not type_key or len(type_key) > 40:
        raise ValueError("A search type key has 1 to 40 characters")
    for existing in _types.values():
        if existing.model is model and existing.key != type_key:
            raise ValueError(f"{model.__name__} is already registered as {existing.key!r}")
    search_type = SearchType(type_key, label, model, document, visible, url, order, queryset)
    _types[type_key] = search_type
    return search_type


def unregister(type_key: str) -> None:
    _types.pop(type_key, None)


def get(type_key: str) -> SearchType | None:
    return _types.get(type_key)


def all_types() -> list[SearchType]:
    """Every registered type, by ``order`` then key."""
    return sorted(_types.values(), key=lambda t: (t.order, t.key))


def type_keys() -> list[str]:
    return [t.key for t in all_types()]


def for_object(obj: Any) -> SearchType | None:
    return for_model(type(obj))


def for_model(model: type[Model]) -> SearchType | None:
    for search_type in _types.values():
        if issubclass(model, search_type.model):
            return search_type
    return None
