"""Moderation of projects: reporting a project or a comment, the secretariat's queue, hiding
and showing again, dismissing reports. As the issues' moderation pages: every action is a POST
that goes back where it came from with a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.core.policy import rule_required
from kyoso.projects import messages_work as messages
from kyoso.projects.forms_work import HideForm, ReasonForm
from kyoso.projects.models import Comment, Project
from kyoso.projects.services import moderation as service
from kyoso.projects.services.comments import comment_anchor, comments_url
from kyoso.projects.services.work import WorkError, project_url
from kyoso.projects.views.work_common import base_context, load_project, next_url

MODERATE = service.MODERATE
REPORT = service.REPORT


def _comment(project: Project, comment_id: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("author"), pk=comment_id, project_id=project.pk
    )
    comment.project = project
    return comment


def _act(request: HttpRequest, default: str, action: Callable[[], Any], done: Any) -> HttpResponse:
    try:
        action()
    except WorkError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, done)
    return redirect(next_url(request, default))


def _report(request: HttpRequest, project: Project, comment: Comment | None) -> HttpResponse:
    form = ReasonForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            service.report_create(
                actor=request.user,
                project=project,
                comment=comment,
                reason=form.cleaned_data["reason"],
            )
        except WorkError as refusal:
            error = refusal.message
        else:
            flash.success(request, messages.REPORT_SENT)
            if comment is not None:
                return redirect(comments_url(project, comment_anchor(comment)))
            return redirect(project_url(project))
    return render(
        request,
        "projects/work/report.html",
        base_context(project, form=form, comment=comment, error=error),
        status=400 if request.method == "POST" else 200,
    )


@rule_required(REPORT, get_object=load_project)
def report_project(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    return _report(request, obj, None)


@rule_required(REPORT, get_object=load_project)
def report_comment(request: HttpRequest, pk: int, comment_id: int, obj: Project) -> HttpResponse:
    return _report(request, obj, _comment(obj, comment_id))


@rule_required(MODERATE)
def queue(request: HttpRequest) -> HttpResponse:
    page, groups = service.report_queue_page(request.GET.get("page"))
    return render(
        request,
        "projects/work/moderation.html",
        {"page": page, "groups": groups, "here": request.get_full_path()},
    )


def _hide_page(
    request: HttpRequest, project: Project, comment: Comment | None, form: HideForm, back: str
) -> HttpResponse:
    return render(
        request,
        "projects/work/hide.html",
        base_context(project, form=form, comment=comment, next=back),
        status=400 if request.method == "POST" else 200,
    )


@rule_required(MODERATE, get_object=load_project)
def hide_project(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    back = next_url(request, project_url(obj))
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _act(
            request,
            back,
            lambda: service.project_hide(
                actor=request.user,
                project=obj,
                reason=form.cleaned_data["reason"],
                request=request,
            ),
            messages.PROJECT_HIDDEN,
        )
    return _hide_page(request, obj, None, form, back)


@rule_required(MODERATE, get_object=load_project)
@require_POST
def unhide_project(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    return _act(
        request,
        project_url(obj),
        lambda: service.project_unhide(actor=request.user, project=obj, request=request),
        messages.PROJECT_UNHIDDEN,
    )


@rule_required(MODERATE, get_object=load_project)
def hide_comment(request: HttpRequest, pk: int, comment_id: int, obj: Project) -> HttpResponse:
    comment = _comment(obj, comment_id)
    back = next_url(request, comments_url(obj, comment_anchor(comment)))
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _act(
            request,
            back,
            lambda: service.comment_hide(
                actor=request.user,
                comment=comment,
                reason=form.cleaned_data["reason"],
                request=request,
            ),
            messages.COMMENT_HIDDEN,
        )
    return _hide_page(request, obj, comment, form, back)


@rule_required(MODERATE, get_object=load_project)
@require_POST
def unhide_comment(request: HttpRequest, pk: int, comment_id: int, obj: Project) -> HttpResponse:
    comment = _comment(obj, comment_id)
    return _act(
        request,
        comments_url(obj, comment_anchor(comment)),
        lambda: service.comment_unhide(actor=request.user, comment=comment, request=request),
        messages.COMMENT_UNHIDDEN,
    )


@rule_required(MODERATE, get_object=load_project)
@require_POST
def dismiss_reports(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    raw = request.POST.get("comment", "")
    comment = _comment(obj, int(raw)) if raw.isascii() and raw.isdigit() else None
    return _act(
        request,
        reverse("projects:moderation"),
        lambda: service.reports_dismiss(
            actor=request.user, project=obj, comment=comment, request=request
        ),
        messages.REPORTS_DISMISSED,
    )


urlpatterns = [
    path("moderation/", queue, name="moderation"),
    path("<int:pk>/report/", report_project, name="report"),
    path("<int:pk>/comments/<int:comment_id>/report/", report_comment, name="report_comment"),
    path("<int:pk>/hide/", hide_project, name="hide"),
    path("<int:pk>/unhide/", unhide_project, name="unhide"),
    path("<int:pk>/comments/<int:comment_id>/hide/", hide_comment, name="comment_hide"),
    path("<int:pk>/comments/<int:comment_id>/unhide/", unhide_comment, name="comment_unhide"),
    path("<int:pk>/reports/dismiss/", dismiss_reports, name="dismiss_reports"),
]
