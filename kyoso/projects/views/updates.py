"""Updates (活動報告): the list (and posting, for active members, with an optional image
that is re-encoded before it is stored), deleting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.core import ratelimit
from kyoso.core.policy import check, deny, rule_required
from kyoso.projects import messages_work as messages
from kyoso.projects import selectors_work as selectors
from kyoso.projects.forms_work import UpdateForm
from kyoso.projects.models import Project, Update
from kyoso.projects.services import updates as service
from kyoso.projects.services.work import WorkError
from kyoso.projects.views.work_common import base_context, form_error, load_project


def _update(request: HttpRequest, pk: int, update_id: int, **kwargs: Any) -> Update:
    project = load_project(request, pk)
    update = get_object_or_404(Update, pk=update_id, project_id=project.pk)
    update.project = project
    return update


def _list_url(project_id: int, anchor: str = "") -> str:
    return reverse("projects:updates", args=[project_id]) + anchor


@rule_required("projects.view_update", get_object=load_project)
def update_list(request: HttpRequest, pk: int, obj: Project) -> HttpResponseBase:
    may_add = check("projects.add_update", request.user, obj)
    form = None
    status = 200
    wait = 0
    if request.method == "POST":
        if not may_add:
            return deny(request)
        form = UpdateForm(request.POST, request.FILES)
        wait = ratelimit.refuse_form(request, form, "posting", field="body")
        if form.is_valid():
            try:
                update = service.update_create(
                    actor=request.user,
                    project=obj,
                    body=form.cleaned_data["body"],
                    image=form.cleaned_data.get("image"),
                )
            except WorkError as error:
                form_error(form, error)
            else:
                flash.success(request, messages.UPDATE_POSTED)
                return redirect(_list_url(obj.pk, f"#update-{update.pk}"))
        status = 400
    elif may_add:
        form = UpdateForm()
    page = selectors.page_of(selectors.updates_of(obj), request.GET.get("page"))
    for update in page:
        update.project = obj  # the delete rule reads the project (and the viewer's membership)
    response = render(
        request,
        "projects/work/updates.html",
        base_context(obj, page=page, form=form),
        status=status,
    )
    return ratelimit.answer(response, wait)


@rule_required("projects.delete_update", get_object=_update)
@require_POST
def update_delete(request: HttpRequest, pk: int, update_id: int, obj: Update) -> HttpResponse:
    try:
        service.update_delete(actor=request.user, update=obj, request=request)
    except WorkError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.UPDATE_DELETED)
    return redirect(_list_url(pk))


urlpatterns = [
    path("<int:pk>/updates/", update_list, name="updates"),
    path("<int:pk>/updates/<int:update_id>/delete/", update_delete, name="update_delete"),
]
