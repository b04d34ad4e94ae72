"""The registry of notification types: groups of kinds a person sets one delivery for.

Each app declares its groups in ``AppConfig.ready()`` (its ``registry.py``)::

    from kyoso.notifications.types import register_type
    register_type("issues.comments", _("課題へのコメント"), kinds=["issues.comment"], order=10)

A *kind* is what :func:`kyoso.notifications.services.notify` is called with
(``"<app>.<event>"``); a *type* (group) is what the settings page shows, one row each, and what
an unsubscribe link names. A kind nobody registered falls in :data:`OTHER`, which follows the
person's default (``NotificationPreference.email_frequency``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

OTHER = "other"


@dataclass(frozen=True)
class NotificationType:
    key: str
    label: Any  # a lazy translation
    kinds: tuple[str, ...]
    order: int


_types: dict[str, NotificationType] = {}
_group_of_kind: dict[str, str] = {}


def register_type(key: str, label: Any, *, kinds: list[str] | tuple[str, ...], order: int) -> None:
    """Declare a type ``key`` (``"<app>.<group>"``) holding ``kinds``; registering the same
    type again (tests reload apps) replaces it, a kind in two types is refused."""
    if key == OTHER or "." not in key or len(key) > 40:
        raise ValueError(f"A notification type is '<app>.<group>', at most 40 characters: {key!r}")
    for kind in kinds:
        owner = _group_of_kind.get(kind)
        if owner is not None and owner != key:
            raise ValueError(f"The kind {kind!r} is already in the type {owner!r}")
    _types[key] = NotificationType(key=key, label=label, kinds=tuple(kinds), order=order)
    for kind in kinds:
        _group_of_kind[kind] = key


def all_types() -> list[NotificationType]:
    """Every registered type in display order, then :data:`OTHER`."""
    return [*sorted(_types.values(), key=lambda t: (t.order, t.key)), other_type()]


def other_type() -> NotificationType:
    return NotificationType(key=OTHER, label=_("そのほかのお知らせ"), kinds=(), order=10_000)


def type_keys() -> list[str]:
    return [t.key for t in all_types()]


def get_type(key: str) -> NotificationType | None:
    if key == OTHER:
        return other_type()
    return _types.get(key)


def group_of(kind: str) -> str:
    """The type a kind belongs to (:data:`OTHER` when nobody registered it)."""
    return _group_of_kind.get(kind, OTHER)


def kinds_of(key: str) -> list[str]:
    """The kinds of a registered type (empty for :data:`OTHER`: match it with
    :func:`registered_kinds` excluded)."""
    found = _types.get(key)
    return list(found.kinds) if found else []


def registered_kinds() -> list[str]:
    return list(_group_of_kind)
