"""Comments on a project: the thread (and the box to comment), editing one's own, deleting,
and locking or reopening the comments (leads and the secretariat)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.core import ratelimit
from kyoso.core.policy import check, deny, rule_required
from kyoso.projects import messages_work as messages
from kyoso.projects import selectors_work as selectors
from kyoso.projects.forms_work import CommentForm
from kyoso.projects.models import Comment, Project
from kyoso.projects.services import comments as service
from kyoso.projects.services import moderation
from kyoso.projects.services.work import WorkError
from kyoso.projects.views.work_common import base_context, form_error, load_project


def _comment(request: HttpRequest, pk: int, comment_id: int, **kwargs: Any) -> Comment:
    project = load_project(request, pk)
    comment = get_object_or_404(
        Comment.objects.select_related("author"), pk=comment_id, project_id=project.pk
    )
    comment.project = project
    return comment


def render_thread(
    request: HttpRequest, project: Project, form: CommentForm | None, status: int = 200
) -> HttpResponse:
    page = selectors.page_of(
        selectors.comments_of(project).order_by("created_at", "id"), request.GET.get("page")
    )
    return render(
        request,
        "projects/work/comments.html",
        base_context(
            project,
            page=page,
            form=form,
            may_moderate=check("projects.hide_comment", request.user, project),
            may_lock=check("projects.lock_comments", request.user, project),
            may_report=check("projects.report_project", request.user, project),
            tombstone=messages.COMMENT_DELETED_TOMBSTONE,
            hidden_comment=messages.COMMENT_HIDDEN_TOMBSTONE,
        ),
        status=status,
    )


@rule_required("projects.view_comment", get_object=load_project)
def comment_list(request: HttpRequest, pk: int, obj: Project) -> HttpResponseBase:
    """GET: the thread. POST: comment (verified members, comments not locked)."""
    may_add = check("projects.add_comment", request.user, obj)
    if request.method == "POST":
        form = CommentForm(request.POST)
        if not may_add and not (obj.comments_locked and request.user.is_authenticated):
            return deny(request)
        wait = ratelimit.refuse_form(request, form, "posting", field="body")
        if not wait and (form.is_valid() or obj.comments_locked):
            try:
                comment = service.comment_create(
                    actor=request.user, project=obj, body=request.POST.get("body", "")
                )
            except WorkError as error:
                form_error(form, error)
            else:
                flash.success(request, messages.COMMENT_POSTED)
                return redirect(service.comments_url(obj, service.comment_anchor(comment)))
        return ratelimit.answer(render_thread(request, obj, form, status=400), wait)
    return render_thread(request, obj, CommentForm() if may_add else None)


@rule_required("projects.change_comment", get_object=_comment)
def comment_edit(request: HttpRequest, pk: int, comment_id: int, obj: Comment) -> HttpResponse:
    form = CommentForm(request.POST or None, initial={"body": obj.body})
    if request.method == "POST" and form.is_valid():
        try:
            service.comment_edit(actor=request.user, comment=obj, body=form.cleaned_data["body"])
        except WorkError as error:
            form_error(form, error)
        else:
            flash.success(request, messages.COMMENT_SAVED)
            return redirect(service.comments_url(pk, service.comment_anchor(obj)))
    return render(
        request,
        "projects/work/comment_edit.html",
        base_context(obj.project, comment=obj, form=form),
        status=400 if request.method == "POST" else 200,
    )


@rule_required("projects.delete_comment", get_object=_comment)
@require_POST
def comment_delete(request: HttpRequest, pk: int, comment_id: int, obj: Comment) -> HttpResponse:
    try:
        service.comment_delete(actor=request.user, comment=obj, request=request)
    except WorkError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.COMMENT_DELETED)
    return redirect(service.comments_url(pk, service.comment_anchor(obj)))


def _lock(request: HttpRequest, project: Project, locked: bool) -> HttpResponse:
    try:
        moderation.comments_lock(
            actor=request.user, project=project, locked=locked, request=request
        )
    except WorkError as error:
        flash.error(request, error.message)
    else:
        flash.success(
            request,
            messages.COMMENTS_LOCKED_DONE if locked else messages.COMMENTS_UNLOCKED_DONE,
        )
    return redirect(service.comments_url(project))


@rule_required("projects.lock_comments", get_object=load_project)
@require_POST
def comments_lock(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    return _lock(request, obj, True)


@rule_required("projects.lock_comments", get_object=load_project)
@require_POST
def comments_unlock(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    return _lock(request, obj, False)


urlpatterns = [
    path("<int:pk>/comments/", comment_list, name="comments"),
    path("<int:pk>/comments/<int:comment_id>/edit/", comment_edit, name="comment_edit"),
    path("<int:pk>/comments/<int:comment_id>/delete/", comment_delete, name="comment_delete"),
    path("<int:pk>/comments/lock/", comments_lock, name="comments_lock"),
    path("<int:pk>/comments/unlock/", comments_unlock, name="comments_unlock"),
]
