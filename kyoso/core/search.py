"""The site search page's reads: counts per type, one page of hits, the notices to show.

The search itself is :mod:`kyoso.search` (Japanese full-text search over SQLite FTS5 or
PostgreSQL tsvector, docs/decisions/0007-japanese-search.md); capabilities register their
types with :func:`kyoso.search.registry.register`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kyoso.core.text import normalize_text
from kyoso.search import messages, registry
from kyoso.search.query import MAX_QUERY_LENGTH, parse
from kyoso.search.registry import SearchType
from kyoso.search.services import CountedPage, SearchHit, counted_page, run_search

PAGE_SIZE = 20
#: At most this many synonyms are named in the notice (the rest are "…").
SYNONYMS_SHOWN = 6

__all__ = ["MAX_QUERY_LENGTH", "PAGE_SIZE", "SearchHit", "normalize_query", "site_search"]


def normalize_query(raw: str) -> str:
    return normalize_text(raw or "")[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class ShownHit:
    hit: SearchHit
    label: str | Promise


@dataclass(frozen=True)
class Tab:
    key: str  # "" for every type
    label: str | Promise
    count: int
    current: bool


@dataclass
class SiteSearch:
    query: str
    type_key: str
    searched: bool = False
    #: The query had characters but no word that can be searched for (only punctuation…).
    nothing_to_search: bool = False
    truncated: bool = False
    #: The synonyms the query was expanded to, and whether a bound left some out.
    synonyms_used: list[str] = field(default_factory=list)
    expansion_capped: bool = False
    #: The ``type`` asked for when it is not a registered type (every type is searched).
    unknown_type: str = ""
    #: "Label (key)" of every registered type, for the notice of an unknown type.
    known_types: str = ""
    tabs: list[Tab] = field(default_factory=list)
    page: Page | None = None
    #: How many match: exactly ("eq") or at least ("gte": more matched than are ranked, and
    #: only those can be paged through) — see kyoso.search.services.CountedPage.
    total: int = 0
    relation: str = "eq"

    @property
    def query_string(self) -> str:
        """``q`` and ``type`` for the pagination links."""
        params = {"q": self.query, **({"type": self.type_key} if self.type_key else {})}
        return urlencode(params)

    @property
    def empty_message(self) -> str | Promise | None:
        """What to say instead of results, or None when there are results."""
        if not self.query:
            return messages.EMPTY_QUERY
        if self.nothing_to_search:
            return messages.NOTHING_TO_SEARCH
        if not self.total:
            return messages.NO_RESULTS % {"query": self.query}
        return None

    @property
    def hint(self) -> Promise | None:
        return messages.NO_RESULTS_HINT if self.searched and not self.total else None

    @property
    def notices(self) -> list[str]:
        """What the page says above the results about how it read the request."""
        notices = []
        if self.unknown_type:
            notices.append(
                messages.UNKNOWN_TYPE % {"type": self.unknown_type, "choices": self.known_types}
            )
        if self.truncated:
            notices.append(messages.QUERY_TRUNCATED % {"length": len(self.query)})
        if self.synonyms_used:
            shown = self.synonyms_used[:SYNONYMS_SHOWN]
            more = ["…"] if len(self.synonyms_used) > len(shown) else []
            notices.append(messages.SYNONYMS_SEARCHED % {"words": _listed([*shown, *more])})
        if self.expansion_capped:
            notices.append(str(messages.EXPANSION_CAPPED))
        return notices


def _page_number(raw: Any) -> int:
    try:
        return max(1, int(str(raw)))
    except (TypeError, ValueError):
        return 1


def site_search(raw_query: str, viewer: Any, *, type_key: str = "", page_number: Any = 1):
    """Everything the search page shows: tabs with counts, then one page of ranked hits.

    One query (the counts per type come with the page); two when the page number is past the
    end, which shows the last page. An unknown type (a mistyped or old link) searches every type,
    with a notice that lists the types there are.
    """
    cleaned = normalize_text(raw_query or "")
    query = cleaned[:MAX_QUERY_LENGTH]
    types = registry.all_types()
    unknown = type_key if type_key and type_key not in {t.key for t in types} else ""
    result = SiteSearch(
        query=query,
        type_key="" if unknown else type_key,
        truncated=len(cleaned) > len(query),
        unknown_type=unknown[:MAX_QUERY_LENGTH],
        known_types=_known_types(types) if unknown else "",
    )
    type_key = result.type_key
    if not query:
        return result
    parsed = parse(query)
    if not parsed.is_searchable:
        result.nothing_to_search = True
        return result
    result.searched = True
    keys = [t.key for t in types]
    selected = [type_key] if type_key else keys
    number = _page_number(page_number)

    def fetch(number: int) -> CountedPage:
        return counted_page(
            parsed,
            viewer=viewer,
            types=keys,
            page_types=selected,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )

    found = fetch(number)
    # The count is of the ranking window at most: nothing past it to page to (decision 0009).
    paginator = Paginator(range(found.count(selected)), PAGE_SIZE)
    if number > paginator.num_pages:
        number = paginator.num_pages
        found = fetch(number)
    labels = {t.key: t.label for t in types}
    shown = [ShownHit(hit, labels.get(hit.type, hit.type)) for hit in found.items]
    result.tabs = _tabs(types, found.counts, type_key)
    result.page = Page(shown, number, paginator)
    result.total = paginator.count
    result.relation = found.relation
    if found.expanded:
        result.synonyms_used = parsed.synonyms_used
        result.expansion_capped = parsed.expansion_capped
    return result


def _known_types(types: list[SearchType]) -> str:
    return _listed(f"{t.label} ({t.key})" for t in types)


def _listed(items: Iterable[str]) -> str:
    """Items joined as a list in the page's language (、 in Japanese, a comma in English)."""
    return str(_("、")).join(items)


def _tabs(types: list[SearchType], counts: dict[str, int], current: str) -> list[Tab]:
    tabs = [Tab("", messages.ALL_TYPES, sum(counts.values()), current == "")]
    tabs += [Tab(t.key, t.label, counts.get(t.key, 0), current == t.key) for t in types]
    return tabs


# --- Issue-3 entry points kept for callers not yet moved ---------------------------------------


@dataclass(frozen=True)
class Provider:
    key: str
    label: str | Promise


def register(key: str, label: str | Promise, setup: Callable[[str, str | Promise], None]):
    """Issue 3's provider registration. ``setup(key, label)`` now registers a search type
    with :func:`kyoso.search.registry.register`; new code calls that directly."""
    setup(key, label)


def search_all(query: str, viewer: Any, limit: int = 20) -> list[tuple[Provider, list[SearchHit]]]:
    """The best hits of each registered type (types without hits included, empty)."""
    parsed = parse(normalize_query(query))
    if not parsed.is_searchable:
        return []
    return [
        (Provider(t.key, t.label), run_search(parsed, viewer=viewer, types=[t.key], limit=limit))
        for t in registry.all_types()
    ]
