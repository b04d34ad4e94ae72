"""The projects app's blocks on the home and the dashboard (kyoso.core.home)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

HOME_NEEDS = 5
MY_NEEDS = 5


def needs_help(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """Open needs of listed projects, newest first, with their project (1 query: the block
    does not show the skills, so their prefetch is dropped)."""
    from kyoso.projects.selectors_work import open_needs

    needs = list(
        open_needs(municipality=filters.municipality or None).prefetch_related(None)[:HOME_NEEDS]
    )
    query = filters.query((home.MUNICIPALITY,))
    return {
        "needs": needs,
        "more_url": reverse("projects:list") + (query + "&" if query else "?") + "needs_help=on",
    }


def attention(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """For the secretariat: open reports of projects and their comments (1 query)."""
    from kyoso.projects.models import Report

    return {
        "rows": [
            {
                "label": _("プロジェクト・コメントへの通報"),
                "count": Report.objects.filter(status=Report.Status.OPEN).count(),
                "url": reverse("projects:moderation"),
            }
        ]
    }


def my_open_needs(viewer: Any, filters: home.HomeFilters) -> dict[str, Any] | None:
    """Open needs of the projects the viewer is an active member of (1 query)."""
    from kyoso.projects.models import MemberStatus
    from kyoso.projects.selectors_work import open_needs

    needs = list(
        open_needs()
        .prefetch_related(None)
        .filter(
            project__memberships__user_id=viewer.pk,
            project__memberships__status=MemberStatus.ACTIVE,
        )[:MY_NEEDS]
    )
    return {"needs": needs, "more_url": reverse("projects:list")}


def _listed_project_places() -> Any:
    """Where listed projects are (a project has several places)."""
    from kyoso.projects.models import Project

    return Project.municipalities.through.objects.filter(project__hidden_at__isnull=True)


def register() -> None:
    from kyoso.core.home_filters import register_places
    from kyoso.roles.selectors import is_secretariat

    register_places("projects", rows=_listed_project_places, depends_on=["projects"])

    home.register_home(
        "projects.needs",
        title=_("手伝いを求めているプロジェクト"),
        order=30,
        template="projects/blocks/needs.html",
        data=needs_help,
        depends_on=["projects"],
        filters=[home.MUNICIPALITY],
    )
    home.register_dashboard(
        "projects.attention",
        title=_("プロジェクトのモデレーション"),
        order=20,
        template="core/blocks/_count.html",
        data=attention,
        section=home.ATTENTION,
        visible=is_secretariat,
    )
    home.register_dashboard(
        "projects.mine",
        title=_("わたしのプロジェクトの募集"),
        order=30,
        template="projects/blocks/mine.html",
        data=my_open_needs,
    )
