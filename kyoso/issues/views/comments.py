"""Commenting on an issue, replying (one level), editing within the window, deleting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.core import ratelimit
from kyoso.core.policy import check, deny, login_required, rule_required
from kyoso.issues import messages, selectors
from kyoso.issues.forms import CommentForm
from kyoso.issues.models import Comment, Issue
from kyoso.issues.rules import COMMENT_EDIT_WINDOW
from kyoso.issues.services import comments
from kyoso.issues.services.posting import IssueError
from kyoso.issues.views.listing import render_detail


def _issue_page(request: HttpRequest, pk: int, **kwargs: Any) -> Issue:
    return selectors.issue_detail(pk, request.user)


def _comment(request: HttpRequest, pk: int, comment_id: int, **kwargs: Any) -> Comment:
    issue = selectors.issue_for_viewer(pk, request.user)
    return selectors.comment_of(issue, comment_id)


def _at_comment(issue_id: int, comment_id: int) -> str:
    return reverse("issues:detail", args=[issue_id]) + f"?comment={comment_id}#comment-{comment_id}"


def _parent(issue: Issue, raw: str) -> Comment | None:
    """The comment a reply answers, from the form's ``parent`` value (blank: not a reply)."""
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise IssueError(messages.REPLY_PARENT_MISSING)
    try:
        return selectors.comment_of(issue, int(raw))
    except Http404:
        raise IssueError(messages.REPLY_PARENT_MISSING) from None


@rule_required("issues.add_comment", get_object=_issue_page)
@require_POST
def comment_create(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    form = CommentForm(request.POST)
    wait = ratelimit.refuse_form(request, form, "posting", field="body")
    valid = form.is_valid()
    parent: Comment | None = None
    try:
        parent = _parent(obj, request.POST.get("parent", "").strip())
        if valid:
            comment = comments.comment_create(
                actor=request.user, issue=obj, body=form.cleaned_data["body"], parent=parent
            )
            flash.success(request, messages.COMMENT_POSTED)
            return redirect(_at_comment(obj.pk, comment.pk))
    except IssueError as error:
        form.add_error("body", error.message)
    # Errors show under the reply box when the reply went to a comment that can take one,
    # else under the main comment box (what was typed is kept either way).
    reply_to = None
    if parent is not None and parent.parent_id is None and parent.deleted_at is None:
        reply_to = parent.pk
    return ratelimit.answer(
        render_detail(request, obj, status=400, comment_form=form, reply_to=reply_to), wait
    )


@login_required
def comment_edit(request: HttpRequest, pk: int, comment_id: int) -> HttpResponseBase:
    """Declared "signed in" rather than ``issues.change_comment`` so that an author whose edit
    window has passed is told so; everyone else is refused by the rule as usual."""
    comment = _comment(request, pk, comment_id)
    if not check("issues.change_comment", request.user, comment):
        if comment.author_id == request.user.pk and comment.deleted_at is None:
            flash.error(
                request,
                messages.EDIT_WINDOW_OVER
                % {"minutes": int(COMMENT_EDIT_WINDOW.total_seconds() // 60)},
            )
            return redirect(_at_comment(pk, comment.pk))
        return deny(request)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            comments.comment_edit(
                actor=request.user, comment=comment, body=form.cleaned_data["body"]
            )
        except IssueError as error:
            form.add_error("body", error.message)
        else:
            flash.success(request, messages.COMMENT_SAVED)
            return redirect(_at_comment(pk, comment.pk))
    return render(
        request,
        "issues/comment_edit.html",
        {
            "form": form,
            "comment": comment,
            "issue": comment.issue,
            "minutes": int(COMMENT_EDIT_WINDOW.total_seconds() // 60),
        },
        status=400 if request.method == "POST" else 200,
    )


@rule_required("issues.delete_comment", get_object=_comment)
@require_POST
def comment_delete(request: HttpRequest, pk: int, comment_id: int, obj: Comment) -> HttpResponse:
    try:
        comments.comment_delete(actor=request.user, comment=obj, request=request)
    except IssueError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.COMMENT_DELETED)
    return redirect(_at_comment(pk, obj.pk))


urlpatterns = [
    path("<int:pk>/comments/", comment_create, name="comment_create"),
    path("<int:pk>/comments/<int:comment_id>/edit/", comment_edit, name="comment_edit"),
    path("<int:pk>/comments/<int:comment_id>/delete/", comment_delete, name="comment_delete"),
]
