"""The organizations' provider for the site search."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from kyoso.core.search import SearchHit
from kyoso.orgs.models import Organization
from kyoso.orgs.selectors import text_match

SUMMARY_LENGTH = 120


def search_organizations(query: str, viewer: Any, limit: int) -> list[SearchHit]:
    """Organizations whose normalized name, reading or description contain the query.

    Organizations are public, so every viewer sees the same hits.
    """
    condition = text_match(query)
    if not condition:
        return []
    found = Organization.objects.filter(condition).order_by("name", "id")[:limit]
    return [
        SearchHit(
            title=org.name,
            url=reverse("orgs:detail", args=[org.slug]),
            summary=org.description[:SUMMARY_LENGTH],
        )
        for org in found
    ]
