"""The challenges app's blocks on the home and the dashboard (kyoso.core.home)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

HOME_CHALLENGES = 4
MY_PROPOSALS = 5


def open_challenges(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """Challenges taking proposals, newest first, with their poster (1 query)."""
    from kyoso.challenges.selectors import open_challenges as open_rows

    rows = open_rows()
    if filters.municipality:
        rows = rows.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    return {
        "challenges": list(
            rows.select_related("organization").order_by("-published_at", "-id")[:HOME_CHALLENGES]
        ),
        "more_url": reverse("challenges:list") + filters.query((home.MUNICIPALITY,)),
    }


def my_proposals(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The proposals of the viewer's organizations (1 query)."""
    from kyoso.challenges.selectors import my_proposals as mine

    return {"proposals": mine(viewer, limit=MY_PROPOSALS), "more_url": reverse("challenges:mine")}


def register() -> None:
    home.register_home(
        "challenges.open",
        title=_("募集中のチャレンジ"),
        order=42,
        template="challenges/blocks/open.html",
        data=open_challenges,
        depends_on=["challenges"],
        filters=[home.MUNICIPALITY],
    )
    home.register_dashboard(
        "challenges.mine",
        title=_("団体の提案"),
        order=42,
        template="challenges/blocks/mine.html",
        data=my_proposals,
    )
