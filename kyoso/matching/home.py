"""The matching app's dashboard block "for you" (kyoso.core.home)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home


def for_you(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The best few missions, needs and issues for the viewer, with their reasons."""
    from kyoso.matching.selectors import FOR_YOU_BLOCK, suggestions_for

    return {
        "suggestions": suggestions_for(viewer, limit=FOR_YOU_BLOCK),
        "more_url": reverse("matching:for_you"),
        "me_ref": f"user:{viewer.pk}",
    }


def register() -> None:
    home.register_dashboard(
        "matching.for_you",
        title=_("あなたへのおすすめ"),
        order=15,
        template="matching/blocks/for_you.html",
        data=for_you,
    )
