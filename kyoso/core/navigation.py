"""Navigation slots: each capability registers its entry in its AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int


_items: dict[str, NavItem] = {}


def register(label: str | Promise, url_name: str, order: int) -> None:
    _items[url_name] = NavItem(label=label, url_name=url_name, order=order)


def items() -> list[NavItem]:
    """Registered entries whose page exists (a capability may register before its URLs)."""
    from django.urls import NoReverseMatch, reverse

    available = []
    for item in sorted(_items.values(), key=lambda item: item.order):
        try:
            reverse(item.url_name)
        except NoReverseMatch:
            continue
        available.append(item)
    return available
