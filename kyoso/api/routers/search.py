"""Site search over every registered type (Japanese full-text search, kyoso.search)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from kyoso.api import auth, messages
from kyoso.api.pagination import KyosoPagination, PageQuery, max_limit
from kyoso.api.permissions import acting_user, rule
from kyoso.search import registry
from kyoso.search.query import ParsedQuery, parse
from kyoso.search.services import SearchHit, counted_page

router = Router(tags=["search"])

#: Longer ``q`` values are refused (the search itself uses the first 100 characters).
MAX_Q_LENGTH = 200


def _type_keys_schema(schema: dict[str, Any]) -> None:
    """``json_schema_extra`` of the ``type`` fields: the registered keys as the OpenAPI enum and
    in the description, read each time the document is built (later apps add types). On the
    optional parameter (``anyOf`` a string or null) the enum goes on the string."""
    keys = registry.type_keys()
    schema["description"] = f"{schema.get('description', '')} One of: {', '.join(keys)}."
    for string in [c for c in schema.get("anyOf", []) if c.get("type") == "string"] or [schema]:
        string["enum"] = keys


class SearchHitOut(Schema):
    type: str = Field(description="The type of the result.", json_schema_extra=_type_keys_schema)
    id: int
    title: str
    url: str = Field(description="Absolute URL of the page")
    snippet: str = Field(
        description="HTML: the text around the first match, escaped, matches in <mark>"
    )


class SearchFilter(Schema):
    q: str = Field(
        "",
        max_length=MAX_Q_LENGTH,
        description=(
            'Words (all must match), "quoted phrases", -excluded words. '
            "1–2 character words also match as the start of longer words."
        ),
    )
    type: str | None = Field(
        None,
        description="Only results of this type; an unknown type is a 422 listing the types.",
        json_schema_extra=_type_keys_schema,
    )

    @field_validator("type")
    @classmethod
    def _type(cls, value: str | None) -> str | None:
        keys = registry.type_keys()  # at request time: later apps add types
        if value and value not in keys:
            raise PydanticCustomError(
                "kyoso_choice", str(messages.FIELD_CHOICE % {"choices": ", ".join(keys)})
            )
        return value or None


class SearchResults:
    """The search of one request, run once the page is known: one query gives the hits of
    the page and the count (see :class:`SearchPagination`)."""

    def __init__(self, request: HttpRequest, parsed: ParsedQuery, types: list[str] | None):
        self.request, self.parsed, self.types = request, parsed, types
        #: Whether the page's matches include what only the expansion found (set by page()).
        self.expanded = False

    def page(self, limit: int, offset: int) -> tuple[list[dict[str, Any]], int, str]:
        """The items, the count, and what the count is (exact, or a lower bound: decision
        0009)."""
        found = counted_page(
            self.parsed,
            viewer=acting_user(self.request),
            types=self.types,
            limit=limit,
            offset=offset,
        )
        items = [self._out(hit) for hit in found.items]
        self.expanded = found.expanded
        return items, found.count(), found.relation

    def _out(self, hit: SearchHit) -> dict[str, Any]:
        return {
            "type": hit.type,
            "id": hit.id,
            "title": hit.title,
            "url": self.request.build_absolute_uri(hit.url),
            "snippet": str(hit.snippet_html),
        }


def page_url(request: HttpRequest, limit: int, offset: int) -> str:
    """As the other lists' ``next``/``previous``: absolute, other parameters kept."""
    query = request.GET.copy()
    query["limit"], query["offset"] = str(limit), str(offset)
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    )


class SearchPagination(KyosoPagination):
    """The API's ``limit``/``offset`` convention, with the count taken from the same query as
    the page instead of a separate ``COUNT``."""

    class Output(KyosoPagination.Output):
        count_relation: str = Field(
            "eq",
            description=(
                "eq: count is exact. gte: at least count match; only the newest 1,000 "
                "matches are ranked (best first) and can be paged through (decision 0009)"
            ),
            json_schema_extra={"enum": ["eq", "gte"]},
        )
        synonyms: list[str] = Field(
            default_factory=list,
            description=(
                "Synonyms the words were also searched for, from Sudachi's dictionary and the "
                "region's own list; what was typed ranks first. Quoted phrases and "
                "exclusions are never expanded, nor is a query whose words as typed match "
                "1,000 or more (decision 0010)"
            ),
        )
        expansion_capped: bool = Field(
            False, description="True when some synonyms were left out (at most 8 a word)"
        )

    def paginate_queryset(
        self, queryset: Any, pagination: PageQuery, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit = min(pagination.limit, max_limit())
        offset = pagination.offset
        items, count, relation = queryset.page(limit, offset)
        following = offset + limit
        return {
            "items": items,
            "count": count,
            "count_relation": relation,
            "limit": limit,
            "offset": offset,
            "next": page_url(request, limit, following) if following < count else None,
            "previous": page_url(request, limit, max(0, offset - limit)) if offset > 0 else None,
            "synonyms": queryset.parsed.synonyms_used if queryset.expanded else [],
            "expansion_capped": queryset.parsed.expansion_capped and queryset.expanded,
        }


@router.get(
    "/search",
    response=list[SearchHitOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Search",
)
@paginate(SearchPagination)
@rule("core.public")
def search(request: HttpRequest, filters: Query[SearchFilter]):
    """Ranked by relevance; only what the caller may see (hidden or unpublished content is
    left out). An empty ``q`` or one with no searchable word gives no items."""
    return SearchResults(request, parse(filters.q), [filters.type] if filters.type else None)
