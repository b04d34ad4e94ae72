"""The issues app's blocks on the home and the dashboard (kyoso.core.home)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

#: How many issues the home lists.
HOME_ISSUES = 5
#: How many of my issues' stage changes the dashboard lists.
MY_STAGE_CHANGES = 5


def empathy_this_week(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """Listed issues that gained empathy in the last seven days, most gained first (1 query)."""
    from kyoso.issues.selectors import listed_issues

    since = timezone.now() - timedelta(days=7)
    issues = listed_issues(None).annotate(
        gained=Count("empathies", filter=Q(empathies__created_at__gte=since))
    )
    if filters.municipality:
        issues = issues.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    if filters.community:
        issues = issues.filter(communities__id=filters.community)
    rows = list(
        issues.filter(gained__gt=0)
        .select_related("municipality__prefecture", "municipality__parent")
        .order_by("-gained", "-empathy_count", "-id")[:HOME_ISSUES]
    )
    query = filters.query(("municipality",))
    return {
        "issues": rows,
        "more_url": reverse("issues:list") + (query + "&" if query else "?") + "sort=empathy",
    }


def attention(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The secretariat's queues: open reports, first posts awaiting review (2 queries)."""
    from kyoso.issues.models import Issue, Report

    return {
        "rows": [
            {
                "label": _("課題・コメントへの通報"),
                "count": Report.objects.filter(status=Report.Status.OPEN).count(),
                "url": reverse("issues:moderation"),
            },
            {
                "label": _("公開前の確認待ちの初投稿"),
                "count": Issue.objects.filter(awaiting_review=True, hidden_at__isnull=True).count(),
                "url": reverse("issues:moderation_review"),
            },
        ]
    }


def my_issues(viewer: Any, filters: home.HomeFilters) -> dict[str, Any] | None:
    """The latest stage changes of the viewer's issues (1 query); nothing if they have none."""
    from kyoso.issues.models import StageChange

    changes = list(
        StageChange.objects.filter(issue__author_id=viewer.pk)
        .select_related("issue")
        .order_by("-at", "-id")[:MY_STAGE_CHANGES]
    )
    return {"changes": changes, "more_url": reverse("issues:create")}


def register() -> None:
    from kyoso.core.home_filters import register_places
    from kyoso.issues.selectors import listed_issues
    from kyoso.roles.selectors import is_secretariat

    register_places("issues", rows=lambda: listed_issues(None), depends_on=["issues"])

    home.register_home(
        "issues.empathy",
        title=_("今週、共感が集まった課題"),
        order=10,
        template="issues/blocks/empathy.html",
        data=empathy_this_week,
        depends_on=["issues"],
        filters=[home.MUNICIPALITY, home.COMMUNITY],
    )
    home.register_dashboard(
        "issues.attention",
        title=_("課題のモデレーション"),
        order=10,
        template="core/blocks/_count.html",
        data=attention,
        section=home.ATTENTION,
        visible=is_secretariat,
    )
    home.register_dashboard(
        "issues.mine",
        title=_("わたしの課題の進み具合"),
        order=20,
        template="issues/blocks/mine.html",
        data=my_issues,
    )
