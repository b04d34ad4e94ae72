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
appears to someone who may not see it, even before its document is updated. The type key
is the one name of the type everywhere (search page, API, results) and follows one rule: a
lower-case English plural (see :func:`register`).
"""

from __future__ import annotations

import re
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

    def objects(self) -> QuerySet:
        """The objects to index: ``queryset()`` (with what ``document()`` needs), else all."""
        if self.queryset is not None:
            return self.queryset()
        return self.model._default_manager.all()


_types: dict[str, SearchType] = {}

#: Plurals that do not end in "s" and may still be keys (add the next one here). "archive"
#: names a collection (the Knowledge Core's items), as issue 19 asks.
IRREGULAR_PLURALS = frozenset({"people", "archive"})
#: Lower-case ASCII letters ending in one "s" (``issues``; not ``class`` or ``address``).
_PLURAL = re.compile(r"[a-z]*[a-rt-z]s")
MAX_KEY_LENGTH = 40


def is_valid_key(type_key: str) -> bool:
    """Whether ``type_key`` follows the rule of :func:`register`."""
    if not isinstance(type_key, str) or len(type_key) > MAX_KEY_LENGTH:
        return False
    return type_key in IRREGULAR_PLURALS or _PLURAL.fullmatch(type_key) is not None


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

    ``type_key`` is what the search page's ``type=`` and the API's ``type`` accept and what each
    result's ``type`` says, so every type is named by one rule: the English plural of what it
    finds, whole words (``organizations``, not ``orgs``), in lower-case ASCII letters only (no
    digits, ``_`` or ``-``), at most 40 characters, ending in a single ``s`` (``issues``,
    ``events``, ``minutes``, ``communities``) or one of :data:`IRREGULAR_PLURALS` (``people``;
    add a new irregular plural there). A key that breaks the rule (``issue``, ``Issues``,
    ``class``, ``event_series``) is a ``ValueError`` when the app starts.

    Optional: ``order`` sorts the tabs of the search page; ``queryset()`` gives the objects
    ``rebuild_search_index`` walks, with the ``select_related``/``prefetch_related`` that
    ``document()`` needs (default: every object of ``model``).
    """
    if not is_valid_key(type_key):
        raise ValueError(
            f"A search type key is a lower-case ASCII plural: letters only, at most "
            f"{MAX_KEY_LENGTH}, ending in one 's' or one of {sorted(IRREGULAR_PLURALS)} "
            f"(got {type_key!r})"
        )
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
