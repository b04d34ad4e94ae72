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
    return sorted(_items.values(), key=lambda item: item.order)
