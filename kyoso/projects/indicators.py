"""The projects' figure as a computed KPI source (kyoso.core.indicators): projects started in
the 年度 (region-wide: a project belongs to no community)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyoso.core.indicators import register


def projects_started(fiscal_year: int, community_id: int | None) -> int:
    from kyoso.events.figures import fiscal_year_bounds
    from kyoso.projects.models import Project

    start, end = fiscal_year_bounds(fiscal_year)
    return Project.objects.filter(
        created_at__gte=start, created_at__lt=end, hidden_at__isnull=True
    ).count()


def register_sources() -> None:
    register(
        "projects.started",
        label=_("始まったプロジェクトの数"),
        unit="count",
        compute=projects_started,
    )
