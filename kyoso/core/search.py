"""Site search: each capability registers a provider; the search page asks each of them.

Issue 4 replaces the providers' simple matching with Japanese full-text search (SudachiPy
normalized forms into SQLite FTS5 / PostgreSQL tsvector) behind this same interface.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from kyoso.core.text import normalize_text

MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class Provider:
    key: str
    label: str | Promise
    search: Callable[[str, Any, int], list[SearchHit]]


_providers: dict[str, Provider] = {}


def register(key: str, label: str | Promise, search: Callable[[str, Any, int], list[SearchHit]]):
    _providers[key] = Provider(key, label, search)


def normalize_query(raw: str) -> str:
    return normalize_text(raw or "")[:MAX_QUERY_LENGTH]


def search_all(query: str, viewer: Any, limit: int = 20) -> list[tuple[Provider, list[SearchHit]]]:
    if not query:
        return []
    return [(p, p.search(query, viewer, limit)) for p in _providers.values()]
