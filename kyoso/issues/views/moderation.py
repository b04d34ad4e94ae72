"""Moderation pages: reporting, the secretariat's queues, hiding, locking and reviewing.

Every action is a POST that goes back where it came from (``next``, when it is a page of this
site) with a message; a form that fails validation is shown again with what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kyoso.core.policy import rule_required
from kyoso.issues.models import Comment, Issue
from kyoso.issues.selectors import visible_issues
from kyoso.issues.services import moderation as service
from kyoso.issues.services.posting import IssueError

MODERATE = service.MODERATE
REPORT = service.REPORT


# --- Forms -----------------------------------------------------------------------------------


def _reason_field(label: Any, help_text: Any, required_message: Any, *, required: bool = True):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=service.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": required_message,
            "max_length": _(
                "%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。"
            ),
        },
    )


class ReportForm(forms.Form):
    reason = _reason_field(
        _("通報の理由"),
        _(
            "どこが問題なのかを具体的に書いてください。事務局だけが読み、通報した人の名前は投稿者に伝えません。"
        ),
        service.REPORT_REASON_REQUIRED,
    )


class HideForm(forms.Form):
    reason = _reason_field(
        _("非表示にする理由"),
        _("投稿者に通知され、投稿者は自分の投稿でこの理由を読めます。"),
        service.HIDE_REASON_REQUIRED,
    )


class RejectForm(forms.Form):
    reason = _reason_field(
        _("公開しない理由"),
        _("投稿者に通知され、投稿者は自分の投稿でこの理由を読めます。"),
        service.REJECT_REASON_REQUIRED,
    )


class LockForm(forms.Form):
    reason = _reason_field(
        _("締め切る理由（任意）"),
        _("書いた場合は投稿者への通知に含めます。"),
        "",
        required=False,
    )


# --- Helpers ---------------------------------------------------------------------------------


def _issue(request: HttpRequest, pk: int, **kwargs: Any) -> Issue:
    """The issue if the person may see it (hidden ones: poster and secretariat), else 404."""
    return get_object_or_404(visible_issues(request.user).select_related("author"), pk=pk)


def _comment(issue: Issue, comment_pk: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("author"), pk=comment_pk, issue_id=issue.pk
    )
    comment.issue = issue
    return comment


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _detail(issue: Issue) -> str:
    return reverse("issues:detail", args=[issue.pk])


def _act(request: HttpRequest, default: str, action, done_message: Any) -> HttpResponse:
    """Run a moderation service; flash its outcome and go back."""
    try:
        action()
    except IssueError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, done_message)
    return redirect(_next_url(request, default))


def _reason_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    issue: Issue,
    comment: Comment | None,
    title: Any,
    explanation: Any,
    button: Any,
    back: str,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "issues/moderation_reason.html",
        {
            "form": form,
            "issue": issue,
            "comment": comment,
            "title": title,
            "explanation": explanation,
            "button": button,
            "next": back,
        },
        status=status,
    )


# --- Reporting -------------------------------------------------------------------------------


def _report(request: HttpRequest, issue: Issue, comment: Comment | None) -> HttpResponse:
    form = ReportForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            service.report_create(
                actor=request.user,
                issue=issue,
                comment=comment,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except IssueError as refusal:
            error = refusal.message
        else:
            flash.success(request, service.REPORT_SENT)
            anchor = service.comment_anchor(comment) if comment else ""
            return redirect(_detail(issue) + anchor)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "issues/moderation_report.html",
        {"form": form, "issue": issue, "comment": comment, "error": error},
        status=status,
    )


@rule_required(REPORT, get_object=_issue)
def report_issue(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    return _report(request, obj, None)


@rule_required(REPORT, get_object=_issue)
def report_comment(request: HttpRequest, pk: int, comment_pk: int, obj: Issue) -> HttpResponse:
    return _report(request, obj, _comment(obj, comment_pk))


# --- The secretariat's queues ----------------------------------------------------------------


@rule_required(MODERATE)
def report_queue(request: HttpRequest) -> HttpResponse:
    page, groups = service.report_queue_page(request.GET.get("page"))
    return render(
        request,
        "issues/moderation_queue.html",
        {"page": page, "groups": groups, "tab": "reports", "here": request.get_full_path()},
    )


@rule_required(MODERATE)
def review_queue(request: HttpRequest) -> HttpResponse:
    page = service.review_queue_page(request.GET.get("page"))
    return render(
        request,
        "issues/moderation_review.html",
        {"page": page, "tab": "review", "here": request.get_full_path()},
    )


@rule_required(MODERATE)
def hidden_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "issues/moderation_hidden.html",
        {
            "issues": service.hidden_issues_page(request.GET.get("page")),
            "comments": service.hidden_comments_page(request.GET.get("comments_page")),
            "tab": "hidden",
            "here": request.get_full_path(),
        },
    )


# --- Hiding ----------------------------------------------------------------------------------


@rule_required(MODERATE, get_object=_issue)
def hide_issue(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    back = _next_url(request, _detail(obj))
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _act(
            request,
            back,
            lambda: service.issue_hide(
                actor=request.user, issue=obj, reason=form.cleaned_data["reason"], request=request
            ),
            service.ISSUE_HIDDEN,
        )
    return _reason_page(
        request,
        form=form,
        issue=obj,
        comment=None,
        title=_("課題を非表示にする"),
        explanation=_(
            "非表示にした課題は、投稿者と事務局のほかには見えなくなり、一覧と検索からも消えます。"
            "あとで再び表示できます。"
        ),
        button=_("非表示にする"),
        back=back,
        status=400 if request.method == "POST" else 200,
    )


@rule_required(MODERATE, get_object=_issue)
@require_POST
def unhide_issue(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    return _act(
        request,
        _detail(obj),
        lambda: service.issue_unhide(actor=request.user, issue=obj, request=request),
        service.ISSUE_UNHIDDEN,
    )


@rule_required(MODERATE, get_object=_issue)
def hide_comment(request: HttpRequest, pk: int, comment_pk: int, obj: Issue) -> HttpResponse:
    comment = _comment(obj, comment_pk)
    back = _next_url(request, _detail(obj) + service.comment_anchor(comment))
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
            service.COMMENT_HIDDEN,
        )
    return _reason_page(
        request,
        form=form,
        issue=obj,
        comment=comment,
        title=_("コメントを非表示にする"),
        explanation=_(
            "非表示にしたコメントは、スレッドに「事務局により非表示にされました」と表示されます。"
            "あとで再び表示できます。"
        ),
        button=_("非表示にする"),
        back=back,
        status=400 if request.method == "POST" else 200,
    )


@rule_required(MODERATE, get_object=_issue)
@require_POST
def unhide_comment(request: HttpRequest, pk: int, comment_pk: int, obj: Issue) -> HttpResponse:
    comment = _comment(obj, comment_pk)
    return _act(
        request,
        _detail(obj) + service.comment_anchor(comment),
        lambda: service.comment_unhide(actor=request.user, comment=comment, request=request),
        service.COMMENT_UNHIDDEN,
    )


@rule_required(MODERATE, get_object=_issue)
@require_POST
def dismiss_issue_reports(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    return _act(
        request,
        reverse("issues:moderation"),
        lambda: service.reports_dismiss(actor=request.user, issue=obj, request=request),
        service.REPORTS_DISMISSED,
    )


@rule_required(MODERATE, get_object=_issue)
@require_POST
def dismiss_comment_reports(
    request: HttpRequest, pk: int, comment_pk: int, obj: Issue
) -> HttpResponse:
    comment = _comment(obj, comment_pk)
    return _act(
        request,
        reverse("issues:moderation"),
        lambda: service.reports_dismiss(
            actor=request.user, issue=obj, comment=comment, request=request
        ),
        service.REPORTS_DISMISSED,
    )


# --- Locking comments ------------------------------------------------------------------------


@rule_required(MODERATE, get_object=_issue)
@require_POST
def lock_comments(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    form = LockForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request,
        _detail(obj),
        lambda: service.comments_lock(
            actor=request.user, issue=obj, locked=True, reason=reason, request=request
        ),
        service.COMMENTS_LOCKED_DONE,
    )


@rule_required(MODERATE, get_object=_issue)
@require_POST
def unlock_comments(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    return _act(
        request,
        _detail(obj),
        lambda: service.comments_lock(actor=request.user, issue=obj, locked=False, request=request),
        service.COMMENTS_UNLOCKED_DONE,
    )


# --- Reviewing first posts -------------------------------------------------------------------


@rule_required(MODERATE, get_object=_issue)
@require_POST
def approve_issue(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    return _act(
        request,
        reverse("issues:moderation_review"),
        lambda: service.issue_approve(actor=request.user, issue=obj, request=request),
        service.ISSUE_APPROVED,
    )


@rule_required(MODERATE, get_object=_issue)
def reject_issue(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    back = _next_url(request, reverse("issues:moderation_review"))
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _act(
            request,
            back,
            lambda: service.issue_reject(
                actor=request.user, issue=obj, reason=form.cleaned_data["reason"], request=request
            ),
            service.ISSUE_REJECTED,
        )
    return _reason_page(
        request,
        form=form,
        issue=obj,
        comment=None,
        title=_("課題を公開しない"),
        explanation=_(
            "公開しない課題は非表示になり、投稿者と事務局だけが見られます。あとで再び表示できます。"
        ),
        button=_("公開しない"),
        back=back,
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("moderation/", report_queue, name="moderation"),
    path("moderation/review/", review_queue, name="moderation_review"),
    path("moderation/hidden/", hidden_list, name="moderation_hidden"),
    path("<int:pk>/report/", report_issue, name="report"),
    path("<int:pk>/comments/<int:comment_pk>/report/", report_comment, name="report_comment"),
    path("<int:pk>/hide/", hide_issue, name="hide"),
    path("<int:pk>/unhide/", unhide_issue, name="unhide"),
    path("<int:pk>/comments/<int:comment_pk>/hide/", hide_comment, name="hide_comment"),
    path("<int:pk>/comments/<int:comment_pk>/unhide/", unhide_comment, name="unhide_comment"),
    path("<int:pk>/reports/dismiss/", dismiss_issue_reports, name="dismiss_reports"),
    path(
        "<int:pk>/comments/<int:comment_pk>/reports/dismiss/",
        dismiss_comment_reports,
        name="dismiss_comment_reports",
    ),
    path("<int:pk>/comments/lock/", lock_comments, name="lock_comments"),
    path("<int:pk>/comments/unlock/", unlock_comments, name="unlock_comments"),
    path("<int:pk>/approve/", approve_issue, name="approve"),
    path("<int:pk>/reject/", reject_issue, name="reject"),
]
