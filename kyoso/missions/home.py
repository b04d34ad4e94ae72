"""The missions app's blocks on the home and the dashboard (kyoso.core.home)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

HOME_MISSIONS = 4
MY_APPLICATIONS = 5


def open_missions(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """Missions taking applications, newest first, with their owner (1 query)."""
    from kyoso.missions.selectors import listed_missions

    missions = listed_missions()
    if filters.municipality:
        missions = missions.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    rows = list(
        missions.select_related("project", "organization").order_by("-published_at", "-id")[
            :HOME_MISSIONS
        ]
    )
    return {
        "missions": rows,
        "more_url": reverse("missions:list") + filters.query((home.MUNICIPALITY,)),
    }


def my_applications(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The viewer's applications, newest first, with their status (1 query)."""
    from kyoso.missions.models import Application

    rows = list(
        Application.objects.filter(applicant_id=viewer.pk)
        .select_related("mission")
        .order_by("-created_at", "-id")[:MY_APPLICATIONS]
    )
    return {"applications": rows, "more_url": reverse("missions:mine")}


def register() -> None:
    from kyoso.core.home_filters import register_places
    from kyoso.missions.selectors import listed_missions

    register_places("missions", rows=listed_missions, depends_on=["missions"])
    home.register_home(
        "missions.open",
        title=_("外部の力を求めるミッション"),
        order=40,
        template="missions/blocks/open.html",
        data=open_missions,
        depends_on=["missions"],
        filters=[home.MUNICIPALITY],
    )
    home.register_dashboard(
        "missions.mine",
        title=_("わたしの応募"),
        order=40,
        template="missions/blocks/mine.html",
        data=my_applications,
    )
