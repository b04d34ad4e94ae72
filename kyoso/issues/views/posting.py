"""Posting and editing an issue, and the similar-issue suggestions while a title is typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from kyoso.accounts import messages as account_messages
from kyoso.core import ratelimit
from kyoso.core.policy import check, login_required, public, rule_required
from kyoso.issues import messages, selectors
from kyoso.issues.forms import IssueForm
from kyoso.issues.models import Issue
from kyoso.issues.services import posting

SIMILAR_MIN_LENGTH = 2
SIMILAR_LIMIT = 5


def _form_status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


@login_required
def issue_create(request: HttpRequest) -> HttpResponse:
    """The posting form. Declared "signed in" rather than ``issues.add_issue`` so that a person
    whose email address is not yet confirmed is told why instead of getting a bare 403."""
    if not check("issues.add_issue", request.user):
        return render(
            request,
            "issues/verify_first.html",
            {"message": account_messages.VERIFICATION_REQUIRED},
            status=403,
        )
    form = IssueForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        organizations=selectors.posting_organizations(request.user),
    )
    wait = ratelimit.refuse_form(request, form, "posting")
    if request.method == "POST" and form.is_valid():
        try:
            issue = posting.issue_create(
                actor=request.user,
                data=form.service_data(),
                attachments=form.uploads,
                request=request,
            )
        except posting.IssueError as error:
            form.add_error(None, error.message)
        else:
            done = (
                messages.ISSUE_POSTED_FOR_REVIEW
                if issue.awaiting_review
                else (messages.ISSUE_POSTED)
            )
            flash.success(request, done)
            return redirect("issues:detail", pk=issue.pk)
    return ratelimit.answer(_render_form(request, form, creating=True), wait)


def _render_form(
    request: HttpRequest, form: IssueForm, *, creating: bool, issue: Issue | None = None
) -> HttpResponse:
    files_lost = request.method == "POST" and bool(request.FILES) and bool(form.errors)
    return render(
        request,
        "issues/form.html",
        {
            "form": form,
            "creating": creating,
            "issue": issue,
            "files_lost": files_lost,
            "files_lost_message": messages.FILES_MUST_BE_CHOSEN_AGAIN,
            "form_error_message": messages.FORM_HAS_ERRORS,
        },
        status=_form_status(request),
    )


def _issue_to_edit(request: HttpRequest, pk: int, **kwargs: Any) -> Issue:
    issue = selectors.issue_for_viewer(pk, request.user)
    return issue


@rule_required("issues.change_issue", get_object=_issue_to_edit)
def issue_edit(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    form = IssueForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        issue=obj,
        initial=IssueForm.initial_for(obj),
    )
    if request.method == "POST" and form.is_valid():
        try:
            posting.issue_update(
                actor=request.user,
                issue=obj,
                data=form.service_data(),
                attachments=form.uploads,
                remove_attachments=[a.pk for a in form.cleaned_data.get("remove_attachments", [])],
                request=request,
            )
        except posting.IssueError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.ISSUE_SAVED)
            return redirect("issues:detail", pk=obj.pk)
    return _render_form(request, form, creating=False, issue=obj)


@public
def similar(request: HttpRequest) -> HttpResponse:
    """Issues like the title being typed (htmx fragment under the title field)."""
    title = request.GET.get("title", "")[:200].strip()
    exclude = request.GET.get("exclude", "")
    hits: list[Any] = []
    if len(title) >= SIMILAR_MIN_LENGTH:
        hits = _similar_hits(
            title, request.user, int(exclude) if exclude.isdigit() and exclude.isascii() else None
        )
    return render(request, "issues/_similar.html", {"hits": hits, "title": title})


def _similar_hits(title: str, viewer: Any, exclude_id: int | None) -> list[Any]:
    try:
        from kyoso.search.services import similar as similar_issues
    except ImportError:  # the search layer is not installed yet
        return []
    return list(
        similar_issues(
            title, viewer=viewer, type="issues", limit=SIMILAR_LIMIT, exclude_id=exclude_id
        )
    )


urlpatterns = [
    path("new/", issue_create, name="create"),
    path("similar/", similar, name="similar"),
    path("<int:pk>/edit/", issue_edit, name="edit"),
]
