"""Navigation slots: each capability registers its entry in its AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int
    #: The entry's path, filled in by :func:`items`.
    url: str = ""


_items: dict[str, NavItem] = {}
#: items() per (URLconf, script prefix, registered entries): every page shows the menu twice,
#: and reversing its twenty URLs each time was a fifth of a small page's time (issue 20).
_resolved: dict[tuple, list[NavItem]] = {}


def register(label: str | Promise, url_name: str, order: int) -> None:
    _items[url_name] = NavItem(label=label, url_name=url_name, order=order)
    _resolved.clear()


def items() -> list[NavItem]:
    """Registered entries whose page exists (a capability may register before its URLs), each
    with its ``url``."""
    from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

    key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), tuple(_items))
    found = _resolved.get(key)
    if found is not None:
        return found
    available = []
    for item in sorted(_items.values(), key=lambda item: item.order):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        available.append(replace(item, url=url))
    _resolved[key] = available
    return available
