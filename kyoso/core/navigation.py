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


#: The signed-out menu's HTML per language and cache_key() ({% nav_links %}).
rendered: dict[tuple, str] = {}


def register(label: str | Promise, url_name: str, order: int) -> None:
    _items[url_name] = NavItem(label=label, url_name=url_name, order=order)
    _resolved.clear()
    rendered.clear()


def cache_key(*extra: str) -> tuple:
    """What the menu's links depend on: the URLconf, the script prefix, the entries."""
    from django.urls import get_script_prefix, get_urlconf

    return (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), tuple(_items), *extra)


def items() -> list[NavItem]:
    """Registered entries whose page exists (a capability may register before its URLs), each
    with its ``url``."""
    from django.urls import NoReverseMatch, reverse

    key = cache_key()
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
