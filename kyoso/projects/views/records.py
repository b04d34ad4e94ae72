"""Trials (実験), hearings (ヒアリング) and resources (地域資源): one list page each (with the
form to add one, for active members), an edit page and a delete button. The three kinds share
these views; :data:`KINDS` says what differs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, deny, rule_required
from kyoso.projects import messages_work as messages
from kyoso.projects import selectors_work as selectors
from kyoso.projects.forms_work import HearingForm, ResourceForm, TrialForm
from kyoso.projects.models import Hearing, Project, Resource, Trial
from kyoso.projects.services import records as service
from kyoso.projects.services.work import WorkError
from kyoso.projects.views.work_common import base_context, form_error, load_project


@dataclass(frozen=True)
class Kind:
    name: str  # the model name, also the rule suffix
    plural: str  # the URL segment and name
    model: type[models.Model]
    form: type[forms.Form]
    heading: Any
    add_heading: Any
    empty: Any
    saved: Any
    deleted: Any

    def rows(self, project: Project) -> QuerySet:
        return {
            "trial": selectors.trials_of,
            "hearing": selectors.hearings_of,
            "resource": selectors.resources_of,
        }[self.name](project)


KINDS: dict[str, Kind] = {
    "trials": Kind(
        "trial",
        "trials",
        Trial,
        TrialForm,
        _("実験"),
        _("実験を記録する"),
        _("まだ実験の記録はありません。"),
        messages.TRIAL_SAVED,
        messages.TRIAL_DELETED,
    ),
    "hearings": Kind(
        "hearing",
        "hearings",
        Hearing,
        HearingForm,
        _("ヒアリング"),
        _("ヒアリングを記録する"),
        _("まだヒアリングの記録はありません。"),
        messages.HEARING_SAVED,
        messages.HEARING_DELETED,
    ),
    "resources": Kind(
        "resource",
        "resources",
        Resource,
        ResourceForm,
        _("地域資源"),
        _("地域資源を加える"),
        _("まだ地域資源の記録はありません。"),
        messages.RESOURCE_SAVED,
        messages.RESOURCE_DELETED,
    ),
}


def _list_url(kind: Kind, project_id: int, anchor: str = "") -> str:
    return reverse(f"projects:{kind.plural}", args=[project_id]) + anchor


def _form(kind: Kind, project: Project, *args: Any, **kwargs: Any) -> forms.Form:
    return kind.form(*args, project=project, **kwargs)  # type: ignore[call-arg]


def _initial(kind: Kind, record: Any) -> dict[str, Any]:
    initial = {name: getattr(record, name, None) for name in kind.form.base_fields}
    if kind.name == "hearing":
        initial["heard_user"] = record.heard_user_id
        initial["heard_organization"] = getattr(record.heard_organization, "slug", "")
    if kind.name == "resource":
        initial["user"] = record.user_id
        initial["organization"] = getattr(record.organization, "slug", "")
    return initial


def _render_list(
    request: HttpRequest, kind: Kind, project: Project, form: forms.Form | None, status: int = 200
) -> HttpResponse:
    page = selectors.page_of(kind.rows(project), request.GET.get("page"))
    rows = list(page)
    if kind.name == "hearing":
        rows = selectors.without_private_notes(rows, project, request.user)
    return render(
        request,
        "projects/work/records.html",
        base_context(
            project,
            kind=kind,
            page=page,
            rows=rows,
            form=form,
            may_edit=check(f"projects.change_{kind.name}", request.user, project),
            show_notes=check("projects.view_hearing_notes", request.user, project),
        ),
        status=status,
    )


def _list_view(kind: Kind):
    @rule_required(f"projects.view_{kind.name}", get_object=load_project)
    def view(request: HttpRequest, pk: int, obj: Project) -> HttpResponseBase:
        may_add = check(f"projects.add_{kind.name}", request.user, obj)
        if request.method == "POST":
            if not may_add:
                return deny(request)
            form = _form(kind, obj, request.POST)
            if form.is_valid():
                try:
                    record = service.record_create(
                        actor=request.user, project=obj, model=kind.model, data=form.cleaned_data
                    )
                except WorkError as error:
                    form_error(form, error)
                else:
                    flash.success(request, kind.saved)
                    return redirect(_list_url(kind, obj.pk, f"#{kind.name}-{record.pk}"))
            return _render_list(request, kind, obj, form, status=400)
        return _render_list(request, kind, obj, _form(kind, obj) if may_add else None)

    view.__name__ = f"{kind.name}_list"
    return view


def _record_getter(kind: Kind):
    def get(request: HttpRequest, pk: int, record_id: int, **kwargs: Any) -> Any:
        project = load_project(request, pk)
        record: Any = get_object_or_404(kind.model, pk=record_id, project_id=project.pk)
        record.project = project
        return record

    return get


def _edit_view(kind: Kind):
    @rule_required(f"projects.change_{kind.name}", get_object=_record_getter(kind))
    def view(request: HttpRequest, pk: int, record_id: int, obj: Any) -> HttpResponseBase:
        form = _form(kind, obj.project, request.POST or None, initial=_initial(kind, obj))
        if request.method == "POST" and form.is_valid():
            try:
                service.record_update(actor=request.user, record=obj, data=form.cleaned_data)
            except WorkError as error:
                form_error(form, error)
            else:
                flash.success(request, kind.saved)
                return redirect(_list_url(kind, pk, f"#{kind.name}-{obj.pk}"))
        return render(
            request,
            "projects/work/record_edit.html",
            base_context(obj.project, kind=kind, record=obj, form=form),
            status=400 if request.method == "POST" else 200,
        )

    view.__name__ = f"{kind.name}_edit"
    return view


def _delete_view(kind: Kind):
    @rule_required(f"projects.delete_{kind.name}", get_object=_record_getter(kind))
    @require_POST
    def view(request: HttpRequest, pk: int, record_id: int, obj: Any) -> HttpResponseBase:
        try:
            service.record_delete(actor=request.user, record=obj)
        except WorkError as error:
            flash.error(request, error.message)
        else:
            flash.success(request, kind.deleted)
        return redirect(_list_url(kind, pk))

    view.__name__ = f"{kind.name}_delete"
    return view


urlpatterns = []
for _kind in KINDS.values():
    urlpatterns += [
        path(f"<int:pk>/{_kind.plural}/", _list_view(_kind), name=_kind.plural),
        path(
            f"<int:pk>/{_kind.plural}/<int:record_id>/edit/",
            _edit_view(_kind),
            name=f"{_kind.name}_edit",
        ),
        path(
            f"<int:pk>/{_kind.plural}/<int:record_id>/delete/",
            _delete_view(_kind),
            name=f"{_kind.name}_delete",
        ),
    ]
