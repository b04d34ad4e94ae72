"""Drafting a mission (from a project's page or for an organization), editing it, the
completeness panel, publishing, closing, and the questions editor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.core.policy import hidden_unless_visible, rule_required
from kyoso.missions import messages, selectors
from kyoso.missions.forms import MissionForm, QuestionsForm
from kyoso.missions.models import Mission
from kyoso.missions.services import missions
from kyoso.missions.services.common import MissionError


def _owner(request: HttpRequest, **kwargs: Any) -> Any:
    """The project (``?project=<id>``) or organization (``?organization=<slug>``) the new
    mission belongs to; 404 without one (or for one that does not exist)."""
    from kyoso.orgs.models import Organization
    from kyoso.projects.models import Project

    project = request.GET.get("project", "")
    organization = request.GET.get("organization", "")
    if project.isascii() and project.isdigit() and len(project) < 19:
        return get_object_or_404(Project, pk=int(project))
    if organization and len(organization) <= 60:
        return get_object_or_404(Organization, slug=organization)
    raise Http404(messages.OWNER_MISSING)


def _render_form(request: HttpRequest, form: MissionForm, owner: Any, mission: Mission | None):
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "missions/form.html",
        {
            "form": form,
            "owner": owner,
            "mission": mission,
            "creating": mission is None,
            "completeness": missions.completeness_of(mission) if mission else None,
        },
        status=status,
    )


@rule_required("missions.add_mission", get_object=_owner)
def mission_create(request: HttpRequest, obj: Any) -> HttpResponse:
    form = MissionForm(request.POST or None, owner=obj, initial={"host": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            mission = missions.mission_create(
                actor=request.user, owner=obj, data=form.cleaned_data, request=request
            )
        except MissionError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.MISSION_CREATED)
            return redirect("missions:detail", pk=mission.pk)
    return _render_form(request, form, obj, None)


def _mission(request: HttpRequest, pk: int, **kwargs: Any) -> Mission:
    mission = selectors.mission_detail(pk)
    return hidden_unless_visible("missions.view_mission", request.user, mission)


@rule_required("missions.change_mission", get_object=_mission)
def mission_edit(request: HttpRequest, pk: int, obj: Mission) -> HttpResponse:
    form = MissionForm(request.POST or None, owner=obj.owner, mission=obj)
    if request.method == "POST" and form.is_valid():
        try:
            missions.mission_update(
                actor=request.user, mission=obj, data=form.cleaned_data, request=request
            )
        except MissionError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.MISSION_SAVED)
            return redirect("missions:detail", pk=obj.pk)
    return _render_form(request, form, obj.owner, obj)


@require_POST
@rule_required("missions.publish_mission", get_object=_mission)
def mission_publish(request: HttpRequest, pk: int, obj: Mission) -> HttpResponse:
    try:
        missions.mission_publish(actor=request.user, mission=obj, request=request)
    except MissionError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.MISSION_PUBLISHED)
    return redirect("missions:detail", pk=obj.pk)


@require_POST
@rule_required("missions.close_mission", get_object=_mission)
def mission_close(request: HttpRequest, pk: int, obj: Mission) -> HttpResponse:
    try:
        missions.mission_close(actor=request.user, mission=obj, request=request)
    except MissionError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.MISSION_CLOSED)
    return redirect("missions:detail", pk=obj.pk)


@rule_required("missions.change_questions", get_object=_mission)
def mission_questions(request: HttpRequest, pk: int, obj: Mission) -> HttpResponse:
    questions = list(obj.questions.all())
    form = QuestionsForm(request.POST or None, questions=questions)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                missions.questions_set(
                    actor=request.user, mission=obj, texts=form.texts(), request=request
                )
            except MissionError as error:
                form.add_error(None, error.message)
            else:
                flash.success(request, messages.QUESTIONS_SAVED)
                return redirect("missions:detail", pk=obj.pk)
        status = 400
    return render(request, "missions/questions.html", {"mission": obj, "form": form}, status=status)


urlpatterns = [
    path("new/", mission_create, name="create"),
    path("<int:pk>/edit/", mission_edit, name="edit"),
    path("<int:pk>/publish/", mission_publish, name="publish"),
    path("<int:pk>/close/", mission_close, name="close"),
    path("<int:pk>/questions/", mission_questions, name="questions"),
]
