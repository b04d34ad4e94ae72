"""A project's needs: the list (and adding, for leads and the secretariat), editing, the
status (in talks, filled with who filled it, back to open with a reason), deleting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, deny, rule_required
from kyoso.projects import messages_work as messages
from kyoso.projects import selectors_work as selectors
from kyoso.projects.forms_work import NeedForm, NeedStatusForm
from kyoso.projects.models import Need, NeedStatus, Project
from kyoso.projects.services import needs as service
from kyoso.projects.services.work import WorkError
from kyoso.projects.views.work_common import base_context, form_error, load_project


def _need(request: HttpRequest, pk: int, need_id: int, **kwargs: Any) -> Need:
    return selectors.need_of(load_project(request, pk), need_id)


def _list_url(project_id: int, anchor: str = "") -> str:
    return reverse("projects:needs", args=[project_id]) + anchor


def _render_list(
    request: HttpRequest, project: Project, form: NeedForm | None, status: int = 200
) -> HttpResponse:
    may_fill = check("projects.fill_need", request.user, project)
    candidates = list(selectors.candidates_of(project)) if may_fill else []
    return render(
        request,
        "projects/work/needs.html",
        base_context(
            project,
            needs=list(selectors.needs_of(project)),
            form=form,
            may_fill=may_fill,
            may_manage=check("projects.change_need", request.user, project),
            candidates=candidates,
            statuses=NeedStatus,
        ),
        status=status,
    )


@rule_required("projects.view_need", get_object=load_project)
def need_list(request: HttpRequest, pk: int, obj: Project) -> HttpResponseBase:
    """GET: the needs. POST: add one (leads and the secretariat)."""
    may_add = check("projects.add_need", request.user, obj)
    if request.method == "POST":
        if not may_add:
            return deny(request)
        form = NeedForm(request.POST)
        if form.is_valid():
            try:
                need = service.need_create(
                    actor=request.user, project=obj, data=form.service_data()
                )
            except WorkError as error:
                form_error(form, error)
            else:
                flash.success(request, messages.NEED_ADDED)
                return redirect(_list_url(obj.pk, f"#need-{need.pk}"))
        return _render_list(request, obj, form, status=400)
    return _render_list(request, obj, NeedForm() if may_add else None)


@rule_required("projects.change_need", get_object=_need)
def need_edit(request: HttpRequest, pk: int, need_id: int, obj: Need) -> HttpResponse:
    initial = {
        "kind": obj.kind,
        "title": obj.title,
        "description": obj.description,
        "skills": [s.skill for s in obj.skill_list],  # type: ignore[attr-defined]
        "hours_per_month": obj.hours_per_month,
        "work_style": obj.work_style,
        "until": obj.until,
    }
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.need_update(actor=request.user, need=obj, data=form.service_data())
        except WorkError as error:
            form_error(form, error)
        else:
            flash.success(request, messages.NEED_SAVED)
            return redirect(_list_url(pk, f"#need-{obj.pk}"))
    return render(
        request,
        "projects/work/need_edit.html",
        base_context(obj.project, need=obj, form=form),
        status=400 if request.method == "POST" else 200,
    )


@rule_required("projects.view_need", get_object=_need)
@require_POST
def need_status(request: HttpRequest, pk: int, need_id: int, obj: Need) -> HttpResponseBase:
    """Leads mark a need in talks or filled; leads and the secretariat reopen it. The service
    checks which (a person who may do neither is refused with 403)."""
    if not (
        check("projects.fill_need", request.user, obj)
        or check("projects.reopen_need", request.user, obj)
    ):
        return deny(request)
    form = NeedStatusForm(request.POST, project=obj.project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            service.need_change_status(
                actor=request.user,
                need=obj,
                to_status=data["status"],
                filled_by=data.get("filled_by"),
                filled_by_organization=data.get("filled_by_organization"),
                reason=data.get("reason") or "",
                request=request,
            )
        except WorkError as error:
            flash.error(request, error.message)
        else:
            flash.success(request, messages.NEED_STATUS_CHANGED)
    else:
        for errors in form.errors.values():
            for message in errors:
                flash.error(request, str(message))
    return redirect(_list_url(pk, f"#need-{obj.pk}"))


@rule_required("projects.delete_need", get_object=_need)
@require_POST
def need_delete(request: HttpRequest, pk: int, need_id: int, obj: Need) -> HttpResponse:
    try:
        service.need_delete(actor=request.user, need=obj, request=request)
    except WorkError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.NEED_DELETED)
    return redirect(_list_url(pk))


urlpatterns = [
    path("<int:pk>/needs/", need_list, name="needs"),
    path("<int:pk>/needs/<int:need_id>/edit/", need_edit, name="need_edit"),
    path("<int:pk>/needs/<int:need_id>/status/", need_status, name="need_status"),
    path("<int:pk>/needs/<int:need_id>/delete/", need_delete, name="need_delete"),
]
