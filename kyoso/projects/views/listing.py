"""The project list (filters, keyset pages), the map, and a project's page."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kyoso.campaigns.selectors import campaign_of_project
from kyoso.core.keyset import CursorInvalid
from kyoso.core.policy import check, public, rule_required
from kyoso.events.selectors import upcoming_project_events
from kyoso.issues.vocab import Theme
from kyoso.projects import messages, selectors, selectors_work
from kyoso.projects.forms import FilterForm, JoinForm
from kyoso.projects.models import Outcome, Project, Stage
from kyoso.projects.rules import membership_of
from kyoso.regions.selectors import municipalities_where


def _municipalities_with_projects() -> Any:
    """Where listed projects are, and the cities of the wards among them (1 query)."""
    return municipalities_where(
        Project.municipalities.through.objects.filter(project__hidden_at__isnull=True)
    )


@public
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, municipalities=_municipalities_with_projects())
    values, dropped = form.filter_values() if request.GET else ({}, False)
    filters = selectors.ProjectFilters(**values)
    after = request.GET.get("after", "")[:200]
    notices = [messages.FILTER_INVALID] if dropped else []
    try:
        page = selectors.project_page(request.user, filters, after=after)
    except CursorInvalid:
        notices.append(messages.CURSOR_INVALID)
        page = selectors.project_page(request.user, filters)
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "projects/list.html",
        {
            "form": form,
            "page": page,
            "filtered": filters.active,
            "notices": notices,
            "query_string": query.urlencode(),
            "can_create": check("projects.add_project", request.user),
        },
    )


#: Messages of the map script that name projects instead of issues.
MAP_MESSAGES = {
    "loadFailed": _(
        "プロジェクトを読み込めませんでした。時間をおいてページを再読み込みしてください。"
    ),
    "none": _(
        "地図の範囲に表示できるプロジェクトはありません。地図を動かすか、条件を変えてください。"
    ),
    "count": _("地図の範囲に%(count)s件のプロジェクトがあります。"),
    "truncated": _(
        "件数が多いため、新しい順に%(count)s件だけを表示しています。"
        "地図を拡大するか、条件で絞り込んでください。"
    ),
    "clusterLabel": _("件のプロジェクト（選ぶと拡大します）"),
}


@public
@require_GET
def project_map(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "projects/map.html",
        {
            "map_messages": json.dumps(
                {key: str(value) for key, value in MAP_MESSAGES.items()}, ensure_ascii=False
            ),
            "stages": Stage.choices,
            "themes": Theme.choices,
            "selected_stage": request.GET.get("stage", ""),
            "selected_theme": request.GET.get("theme", ""),
            "query_string": request.GET.urlencode(),
        },
    )


def detail_context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    user = request.user
    membership = membership_of(user, project)
    can_join = check("projects.join_project", user, project)
    members = selectors.members_of(project)
    leads = [m for m in members if m.role == "lead"]
    return {
        "partners": selectors.partners_of(project),
        "project": project,
        "members": members,
        # The only lead cannot leave (the service says so too); the button is not offered.
        "is_sole_lead": len(leads) == 1 and leads[0].user_id == getattr(user, "pk", None),
        "issues": getattr(project, "visible_issues", []),
        "history": list(project.stage_changes.all()),
        "membership": membership,
        "outcome_label": Outcome(project.outcome).label if project.outcome else "",
        "can_edit": check("projects.change_project", user, project),
        "can_change_stage": check("projects.change_stage", user, project),
        "can_manage_members": check("projects.invite_member", user, project),
        "can_join": can_join,
        "can_leave": check("projects.leave_project", user, project),
        "can_answer": check("projects.answer_invitation", user, project),
        "can_follow": check("projects.follow_project", user, project),
        "join_form": extra.get("join_form") or (JoinForm() if can_join else None),
        "work": selectors_work.work_summary(project, user),
        # Held for the project (kyoso.events) and its campaign (kyoso.campaigns): one query each.
        "project_events": upcoming_project_events(project.pk),
        "campaign": campaign_of_project(project.pk),
    }


def _project_page(request: HttpRequest, pk: int, **kwargs: Any) -> Project:
    return selectors.project_detail(pk, request.user)


@rule_required("projects.view_project", get_object=_project_page)
def project_detail(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    return render(request, "projects/detail.html", detail_context(request, obj))


urlpatterns = [
    path("", project_list, name="list"),
    path("map/", project_map, name="map"),
    path("<int:pk>/", project_detail, name="detail"),
]
