"""Template tags other apps' pages use to show projects (the issue page shows the projects
addressing the issue, with a link to start one)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def issue_projects(context: Any, issue: Any) -> SafeString:
    """The projects taking ``issue`` up and, for who may, 「プロジェクトを始める」 (1 query)."""
    from kyoso.core.policy import check
    from kyoso.projects.selectors import projects_of_issue

    request = context.get("request")
    user = getattr(request, "user", None)
    can_start = (
        user is not None
        and check("projects.add_project", user)
        and issue.stage != "merged"
        and issue.hidden_at is None
    )
    return render_to_string(
        "projects/_issue_projects.html",
        {"issue": issue, "projects": projects_of_issue(issue, user), "can_start": can_start},
        request=request,
    )
