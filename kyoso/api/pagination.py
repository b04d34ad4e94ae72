"""The one pagination convention of the API: ``?limit=&offset=``.

Every list answers::

    {"items": [...], "count": 123, "limit": 20, "offset": 40,
     "next": "https://…?limit=20&offset=60", "previous": "https://…?limit=20&offset=20"}

``limit`` defaults to ``NINJA_PAGINATION_PER_PAGE`` (20); a limit above
``NINJA_PAGINATION_MAX_LIMIT`` (100) is clamped to it and the response says which limit was
used. A limit below 1, a negative offset or anything that is not an integer is a 422 in the
error format. ``next`` / ``previous`` are absolute URLs that keep the other query parameters,
or ``null`` at either end.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


def per_page() -> int:
    return int(settings.NINJA_PAGINATION_PER_PAGE)


def max_limit() -> int:
    return int(settings.NINJA_PAGINATION_MAX_LIMIT)


def _page_url(request: HttpRequest, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    )


class PageQuery(PaginationBase.Input):
    limit: int = Field(
        default_factory=per_page,
        ge=1,
        description="Items per page (default 20). Values above 100 are treated as 100.",
    )
    offset: int = Field(0, ge=0, description="Items to skip from the start.")


class KyosoPagination(PaginationBase):
    class Input(PageQuery):
        pass

    class Output(Schema):
        items: list[Any]
        count: int
        limit: int
        offset: int
        next: str | None
        previous: str | None

    def paginate_queryset(
        self, queryset: Any, pagination: PageQuery, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit = min(pagination.limit, max_limit())
        offset = pagination.offset
        count = self._items_count(queryset)
        items = list(queryset[offset : offset + limit]) if offset < count else []
        following = offset + limit
        return {
            "items": items,
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": _page_url(request, limit, following) if following < count else None,
            "previous": _page_url(request, limit, max(0, offset - limit)) if offset > 0 else None,
        }
