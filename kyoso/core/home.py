"""Blocks of the home page and of the personal dashboard, registered by the apps that own them.

Each capability registers its blocks in its ``AppConfig.ready()`` (through its ``registry.py``),
as it does its navigation and search entries, so that capabilities that land later (the fund,
the hub, the archive, matching) appear on the home and the dashboard without editing them.

A block is a key (``<app>.<name>``), an order, a template and a function
``data(viewer, filters) -> dict | None`` that reads what the block shows in a constant number
of queries (``None``: the block shows nothing, e.g. a dashboard queue the viewer has no part
in).

Home blocks are public: the same for every visitor. Their rendered HTML is cached per filter
and language under the *versions* of the apps they read (``depends_on``); an app bumps its
version with :func:`touch` / :func:`touch_on_commit` when it writes something a home block
shows, so the next request renders the block again. A warm home runs no query for its blocks.
Fragments also expire after ``FRAGMENT_SECONDS`` since "this week" and "upcoming" move with the
clock, not only with writes.

Dashboard blocks are personal and never cached; ``visible(viewer)`` decides who sees one (the
secretariat's queues are never shown to a citizen, whatever their data would be).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

#: Seconds a rendered home block is kept at most (writes invalidate it sooner).
FRAGMENT_SECONDS = 300

BlockData = Callable[[Any, "HomeFilters"], dict[str, Any] | None]

_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_VERSION_PREFIX = "kyoso:home:version:"
_FRAGMENT_PREFIX = "kyoso:home:block:"

#: Home sections: the pulse (cards with lists) and the live figures (a strip of numbers).
PULSE = "pulse"
FIGURES = "figures"
#: Dashboard sections.
ATTENTION = "attention"
FOR_YOU = "for_you"
#: Filters a home block may honour.
MUNICIPALITY = "municipality"
COMMUNITY = "community"


@dataclass(frozen=True)
class HomeFilters:
    """What the whole home is narrowed to: a municipality (JIS code; a city includes its
    wards) or a community (its id). Empty: the whole region."""

    municipality: str = ""
    community: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.municipality or self.community)

    def names(self) -> frozenset[str]:
        """The filters in use, as the names blocks declare in ``filters``."""
        used = set()
        if self.municipality:
            used.add(MUNICIPALITY)
        if self.community:
            used.add(COMMUNITY)
        return frozenset(used)

    def cache_part(self) -> str:
        return f"m={self.municipality};c={self.community or ''}"

    def query(self, honoured: Iterable[str] = (MUNICIPALITY, COMMUNITY)) -> str:
        """``?municipality=…&community=…`` for a full list that understands those filters."""
        params: dict[str, Any] = {}
        if self.municipality and MUNICIPALITY in honoured:
            params["municipality"] = self.municipality
        if self.community and COMMUNITY in honoured:
            params["community"] = self.community
        return f"?{urlencode(params)}" if params else ""


@dataclass(frozen=True)
class Block:
    key: str
    title: str | Promise
    order: int
    template: str
    data: BlockData
    section: str
    #: Home: the app versions the block reads (its cache is keyed by them).
    depends_on: tuple[str, ...] = ()
    #: Home: the filters the block honours; others in use are mentioned in the block.
    filters: frozenset[str] = field(default_factory=frozenset)
    #: Dashboard: who sees the block at all (None: every signed-in person).
    visible: Callable[[Any], bool] | None = None


_home: dict[str, Block] = {}
_dashboard: dict[str, Block] = {}


def _check_key(key: str) -> None:
    if not _KEY.match(key):
        raise ValueError(f"A block's key is '<app>.<name>' in lower case, not {key!r}.")


def register_home(
    key: str,
    *,
    title: str | Promise,
    order: int,
    template: str,
    data: BlockData,
    depends_on: Iterable[str],
    filters: Iterable[str] = (),
    section: str = PULSE,
) -> None:
    """Add a public home block; registering a key again replaces it (``ready()`` may run
    twice). ``depends_on`` names the versions (see :func:`touch`) whose bump re-renders it."""
    _check_key(key)
    if section not in (PULSE, FIGURES):
        raise ValueError(f"Unknown home section {section!r}.")
    _home[key] = Block(
        key=key,
        title=title,
        order=order,
        template=template,
        data=data,
        section=section,
        depends_on=tuple(sorted(set(depends_on))),
        filters=frozenset(filters),
    )


def register_dashboard(
    key: str,
    *,
    title: str | Promise,
    order: int,
    template: str,
    data: BlockData,
    section: str = FOR_YOU,
    visible: Callable[[Any], bool] | None = None,
) -> None:
    """Add a personal dashboard block (``filters`` passed to ``data`` are always empty)."""
    _check_key(key)
    if section not in (ATTENTION, FOR_YOU):
        raise ValueError(f"Unknown dashboard section {section!r}.")
    _dashboard[key] = Block(
        key=key,
        title=title,
        order=order,
        template=template,
        data=data,
        section=section,
        visible=visible,
    )


def unregister(key: str) -> None:
    """Remove a block from both registries (tests that register their own)."""
    _home.pop(key, None)
    _dashboard.pop(key, None)


def home_blocks() -> list[Block]:
    return sorted(_home.values(), key=lambda b: (b.order, b.key))


def dashboard_blocks() -> list[Block]:
    return sorted(_dashboard.values(), key=lambda b: (b.order, b.key))


# --- Versions: invalidation on write ---------------------------------------------------------


def _version_key(name: str) -> str:
    return f"{_VERSION_PREFIX}{name}"


def touch(name: str) -> None:
    """Bump version ``name`` (usually an app label): every home block that ``depends_on`` it
    is rendered again on the next request. Call it after the write is committed."""
    key = _version_key(name)
    try:
        cache.incr(key)
    except ValueError:  # never read since the cache was cleared: any fresh value will do
        cache.set(key, time.time_ns(), None)


def touch_on_commit(name: str) -> None:
    """:func:`touch` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: touch(name))


def versions_of(names: Iterable[str]) -> dict[str, int]:
    """The current versions (one cache read); missing ones start at a fresh value, so that a
    fragment cached before the cache lost its versions is never taken as current."""
    wanted = sorted(set(names))
    found = cache.get_many([_version_key(n) for n in wanted])
    versions: dict[str, int] = {}
    for name in wanted:
        value = found.get(_version_key(name))
        if value is None:
            value = time.time_ns()
            if not cache.add(_version_key(name), value, None):
                value = cache.get(_version_key(name), value)
        versions[name] = value
    return versions


_versions = versions_of  # the name the places filter and other apps read


# --- Rendering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    block: Block
    html: str


def _context(block: Block, filters: HomeFilters, data: dict[str, Any]) -> dict[str, Any]:
    unhonoured = filters.names() - block.filters
    return {"block": block, "filters": filters, "filter_ignored": bool(unhonoured), **data}


def render_home(filters: HomeFilters) -> list[Rendered]:
    """Every home block that has something to show, rendered; from the cache when warm.

    Cold: each block's ``data`` queries; warm: two cache reads (versions, fragments) and no
    query. Fragments are keyed by block, versions of ``depends_on``, filters and language."""
    blocks = home_blocks()
    versions = versions_of(name for block in blocks for name in block.depends_on)
    language = translation.get_language() or ""
    keys = {
        block.key: _FRAGMENT_PREFIX
        + ":".join(
            [
                block.key,
                ",".join(f"{n}{versions[n]}" for n in block.depends_on),
                filters.cache_part(),
                language,
            ]
        )
        for block in blocks
    }
    cached = cache.get_many(list(keys.values()))
    fresh: dict[str, str] = {}
    rendered = []
    for block in blocks:
        html = cached.get(keys[block.key])
        if html is None:
            data = block.data(None, filters)
            html = (
                ""
                if data is None
                else render_to_string(block.template, _context(block, filters, data))
            )
            fresh[keys[block.key]] = html
        if html:
            rendered.append(Rendered(block=block, html=mark_safe(html)))  # noqa: S308
    if fresh:
        cache.set_many(fresh, FRAGMENT_SECONDS)
    return rendered


def render_dashboard(viewer: Any) -> list[Rendered]:
    """The viewer's dashboard blocks (never cached), each ``data`` in its constant queries."""
    rendered = []
    filters = HomeFilters()
    for block in dashboard_blocks():
        if block.visible is not None and not block.visible(viewer):
            continue
        data = block.data(viewer, filters)
        if data is None:
            continue
        context = {**_context(block, filters, data), "viewer": viewer, "heading_level": 3}
        html = render_to_string(block.template, context)
        rendered.append(Rendered(block=block, html=html))
    return rendered
