"""Applying, the candidate's applications, the host's list per mission, and one application
with its answers, history (both sides see it) and messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.core.policy import hidden_unless_visible, login_required, rule_required
from kyoso.missions import messages, selectors
from kyoso.missions.forms import ApplyForm, MessageForm, MoveForm
from kyoso.missions.models import Application, ApplicationStatus, Mission
from kyoso.missions.services import applications
from kyoso.missions.services.common import MissionError


def _mission(request: HttpRequest, pk: int, **kwargs: Any) -> Mission:
    mission = selectors.mission_detail(pk)
    return hidden_unless_visible("missions.view_mission", request.user, mission)


@rule_required("missions.apply_mission", get_object=_mission)
def application_create(request: HttpRequest, pk: int, obj: Mission) -> HttpResponse:
    questions = list(obj.questions.all())
    form = ApplyForm(request.POST or None, questions=questions)
    refusal = applications.refusal_to_apply(request.user, obj)
    status = 200
    if request.method == "POST":
        if refusal is None and form.is_valid():
            try:
                application = applications.application_submit(
                    actor=request.user,
                    mission=obj,
                    motivation=form.cleaned_data["motivation"],
                    answers=form.answers(),
                    request=request,
                )
            except MissionError as error:
                refusal = error
            else:
                flash.success(request, messages.APPLIED)
                return redirect("missions:application", pk=application.pk)
        status = 409 if refusal is not None else 400
        if refusal is None and not form.non_field_errors():
            form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "missions/apply.html",
        {"mission": obj, "form": form, "refusal": refusal},
        status=status,
    )


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "missions/mine.html",
        {
            "applications": selectors.my_applications(request.user),
            "missions": selectors.my_missions(request.user),
        },
    )


def _mission_only(request: HttpRequest, pk: int, **kwargs: Any) -> Mission:
    return selectors.mission_by_pk(pk)


@rule_required("missions.view_applications", get_object=_mission_only)
def host_applications(request: HttpRequest, pk: int, obj: Mission) -> HttpResponse:
    return render(
        request,
        "missions/host_applications.html",
        {"mission": obj, "applications": selectors.applications_for_host(obj)},
    )


def _application(request: HttpRequest, pk: int, **kwargs: Any) -> Application:
    # Someone else's application is "not found": a 403 would confirm it exists.
    return hidden_unless_visible(
        "missions.view_application", request.user, selectors.application_detail(pk)
    )


def _context(request: HttpRequest, application: Application, **extra: Any) -> dict[str, Any]:
    side = applications.side_of(request.user, application)
    moves = applications.moves_for(application, side)
    return {
        "application": application,
        "mission": application.mission,
        "side": side,
        "moves": [(m, ApplicationStatus(m).label) for m in moves],
        "message_form": MessageForm(),
        "move_form": MoveForm(),
        **extra,
    }


@rule_required("missions.view_application", get_object=_application)
def application_detail(request: HttpRequest, pk: int, obj: Application) -> HttpResponse:
    """The application; a POST writes a message on it."""
    if request.method == "POST":
        form = MessageForm(request.POST)
        error = None
        if form.is_valid():
            try:
                applications.message_send(
                    actor=request.user, application=obj, body=form.cleaned_data["body"]
                )
            except MissionError as refusal:
                error = refusal.message
            else:
                flash.success(request, messages.MESSAGE_SENT)
                return redirect("missions:application", pk=obj.pk)
        if error is not None:
            form.add_error("body", error)
        return render(
            request,
            "missions/application.html",
            _context(request, obj, message_form=form),
            status=400,
        )
    return render(request, "missions/application.html", _context(request, obj))


@require_POST
@rule_required("missions.move_application", get_object=_application)
def application_move(request: HttpRequest, pk: int, obj: Application) -> HttpResponse:
    form = MoveForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "missions/application.html",
            _context(request, obj, move_form=form),
            status=400,
        )
    try:
        applications.application_move(
            actor=request.user,
            application=obj,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except MissionError as error:
        flash.error(request, error.message)
        return redirect("missions:application", pk=obj.pk)
    flash.success(request, messages.STATUS_CHANGED % {"status": obj.get_status_display()})
    if obj.status == ApplicationStatus.ACCEPTED and obj.mission.project_id is not None:
        flash.success(request, messages.JOINED_PROJECT)
    return redirect("missions:application", pk=obj.pk)


urlpatterns = [
    path("mine/", my_applications, name="mine"),
    path("<int:pk>/apply/", application_create, name="apply"),
    path("<int:pk>/applications/", host_applications, name="applications"),
    path("applications/<int:pk>/", application_detail, name="application"),
    path("applications/<int:pk>/status/", application_move, name="application_move"),
]
