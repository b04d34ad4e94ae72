"""Read-side queries of the search app's own pages (the staff list of local synonyms).

What the query side reads is in kyoso.search.synonyms_local (cached in memory)."""

from __future__ import annotations

from django.db.models import QuerySet

from kyoso.search.models import LocalSynonymGroup


def local_synonym_groups() -> QuerySet[LocalSynonymGroup]:
    """Every group, the most recently changed first, with its author and (one more query
    per page) its words in the order entered."""
    return (
        LocalSynonymGroup.objects.select_related("created_by")
        .prefetch_related("words")
        .order_by("-updated_at", "-id")
    )


def local_synonym_group(pk: int) -> LocalSynonymGroup | None:
    return LocalSynonymGroup.objects.prefetch_related("words").filter(pk=pk).first()
