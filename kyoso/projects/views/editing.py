"""Starting a project (from scratch, ``?issue=``, ``?minutes=<event id>``, ``?pitch=``),
editing it, and moving its stage."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from kyoso.core.policy import rule_required
from kyoso.projects import messages, selectors
from kyoso.projects.forms import ProjectForm, StageForm
from kyoso.projects.models import Origin, Outcome, Project, Stage
from kyoso.projects.services import projects as services
from kyoso.projects.services import stages
from kyoso.projects.services.common import ProjectError


def _positive_int(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 2**63 else None


def _source(request: HttpRequest) -> tuple[str, Any]:
    """What the new project starts from, read from the query string (404 if the viewer may not
    see it): ("scratch", None), ("issue", Issue), ("minutes", Event) or ("pitch", Pitch)."""
    for key in ("issue", "minutes", "pitch"):
        raw = request.GET.get(key)
        if raw is None:
            continue
        pk = _positive_int(raw)
        if pk is None:
            raise Http404
        if key == "issue":
            from kyoso.issues.selectors import issue_detail

            issue = issue_detail(pk, request.user)
            if not services.issue_is_available(request.user, issue):
                raise Http404
            return Origin.ISSUE, issue
        if key == "minutes":
            from kyoso.events.selectors_followup import event_for_minutes

            event = event_for_minutes(pk)
            if not services.minutes_are_available(request.user, event):
                raise Http404
            return Origin.MINUTES, event
        from kyoso.events.selectors_ideas import pitch_with_team

        pitch = pitch_with_team(pk)
        if not services.pitch_is_available(request.user, pitch):
            raise PermissionDenied
        return Origin.PITCH, pitch
    return Origin.SCRATCH, None


def _initial(origin: str, source: Any) -> dict[str, Any]:
    if origin == Origin.ISSUE:
        return services.draft_from_issue(source)
    if origin == Origin.MINUTES:
        return services.draft_from_minutes(source)
    if origin == Origin.PITCH:
        return services.draft_from_pitch(source)
    return {}


def _render_form(
    request: HttpRequest, form: ProjectForm, project: Project | None, **extra: Any
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "projects/form.html",
        {"form": form, "project": project, "creating": project is None, **extra},
        status=status,
    )


@rule_required("projects.add_project")
def project_create(request: HttpRequest) -> HttpResponse:
    origin, source = _source(request)
    if origin == Origin.PITCH:
        existing = selectors.project_from_pitch(source.pk)
        if existing is not None:
            flash.info(request, messages.PITCH_ALREADY_STARTED % {"title": existing.title})
            return redirect("projects:detail", pk=existing.pk)
    initial = _initial(origin, source)
    if origin == Origin.MINUTES:
        from kyoso.events.rules import minutes_of
        from kyoso.events.selectors_followup import surfaced_issues_of

        surfaced = list(surfaced_issues_of(minutes_of(source)))
    else:
        surfaced = []
    form = ProjectForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if origin == Origin.ISSUE:
                project = services.project_create_from_issue(
                    actor=request.user, issue=source, data=data, request=request
                )
            elif origin == Origin.MINUTES:
                project = services.project_create_from_minutes(
                    actor=request.user, event=source, data=data, request=request
                )
            elif origin == Origin.PITCH:
                project = services.project_create_from_pitch(
                    actor=request.user, pitch=source, data=data, request=request
                )
            else:
                project = services.project_create(actor=request.user, data=data, request=request)
        except ProjectError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.PROJECT_CREATED)
            return redirect("projects:detail", pk=project.pk)
    return _render_form(request, form, None, origin=origin, source=source, surfaced=surfaced)


def _project(request: HttpRequest, pk: int, **kwargs: Any) -> Project:
    return selectors.project_for_viewer(pk, request.user)


@rule_required("projects.change_project", get_object=_project)
def project_edit(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    form = ProjectForm(
        request.POST or None,
        user=request.user,
        project=obj,
        initial=ProjectForm.initial_for(obj),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                actor=request.user, project=obj, data=form.cleaned_data, request=request
            )
        except ProjectError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.PROJECT_SAVED)
            return redirect("projects:detail", pk=obj.pk)
    return _render_form(request, form, obj)


@rule_required("projects.change_stage", get_object=_project)
def stage_change(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    """The stage history and, for leads and the secretariat, the form that moves it."""
    form = StageForm(request.POST or None, initial={"to_stage": obj.stage})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            # The stage the person saw when the page was drawn (a concurrent move is refused).
            seen = request.POST.get("seen_stage", obj.stage)
            if seen in Stage.values:
                obj.stage = seen
            try:
                stages.project_change_stage(
                    actor=request.user,
                    project=obj,
                    to_stage=data["to_stage"],
                    reason=data["reason"],
                    outcome=data["outcome"],
                    lesson=data["lesson"],
                    request=request,
                )
            except ProjectError as error:
                form.add_error(None, error.message)
            else:
                flash.success(
                    request, messages.STAGE_CHANGED % {"stage": Stage(data["to_stage"]).label}
                )
                return redirect("projects:detail", pk=obj.pk)
        status = 400
    return render(
        request,
        "projects/stage.html",
        {
            "project": obj,
            "form": form,
            "history": list(selectors.stage_history(obj)),
            "outcomes": Outcome.choices,
        },
        status=status,
    )


urlpatterns = [
    path("new/", project_create, name="create"),
    path("<int:pk>/edit/", project_edit, name="edit"),
    path("<int:pk>/stage/", stage_change, name="stage"),
]
