"""The screening app's block on the dashboard (kyoso.core.home): the rounds I review with the
items still waiting for my scores and their deadlines, soonest first. Nothing is shown to a
person who reviews nothing or has scored everything (the block is left out)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

ROUNDS = 5


def reviews_block(viewer: Any, filters: home.HomeFilters) -> dict[str, Any] | None:
    """Rounds with items pending for the viewer (screening.selectors.rounds_to_review)."""
    from kyoso.screening.selectors import rounds_to_review

    rounds = rounds_to_review(viewer, limit=ROUNDS)
    if not rounds:
        return None
    return {"rounds": rounds, "more_url": reverse("screening:mine")}


def register() -> None:
    home.register_dashboard(
        "screening.reviews",
        title=_("担当する審査"),
        order=30,
        template="screening/blocks/reviews.html",
        data=reviews_block,
        section=home.ATTENTION,
    )
