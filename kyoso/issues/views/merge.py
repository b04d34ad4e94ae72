"""Merging a duplicate issue into another: choose the target, check what will happen, merge."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core.policy import rule_required
from kyoso.issues.models import Issue
from kyoso.issues.selectors import visible_issues
from kyoso.issues.services import merge as service
from kyoso.issues.services.posting import IssueError


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("統合先の課題"),
        help_text=_("統合先の課題の番号（例：42）か、課題ページのURLを貼り付けてください。"),
        max_length=300,
        error_messages={"required": service.MERGE_TARGET_REQUIRED},
    )
    reason = forms.CharField(
        label=_("統合する理由"),
        help_text=_("統合される課題の段階の履歴に残り、フォローしている人に伝わります。"),
        max_length=service.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": service.MERGE_REASON_REQUIRED,
            "max_length": _(
                "%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。"
            ),
        },
    )

    def clean_target(self) -> Issue:
        try:
            number = service.parse_target(self.cleaned_data["target"])
        except IssueError as error:
            raise forms.ValidationError(error.message) from None
        target = Issue.objects.select_related("merged_into").filter(pk=number).first()
        if target is None:
            raise forms.ValidationError(service.MERGE_TARGET_NOT_FOUND)
        return target


def _duplicate(request: HttpRequest, pk: int, **kwargs) -> Issue:
    """The issue if the person may see it (a hidden one is 404 to others), else 404."""
    return get_object_or_404(
        visible_issues(request.user).select_related("author", "merged_into"), pk=pk
    )


@rule_required(service.MERGE, get_object=_duplicate)
def merge_issue(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    """GET: the form. POST: check and show what will happen; POST confirming it: merge."""
    form = MergeForm(request.POST or None)
    target = None
    refusal = None
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        refusal = service.merge_refusal(obj, target)
        # ``confirm`` carries the id that was previewed: changing the target previews again.
        if refusal is None and request.POST.get("confirm") == str(target.pk):
            try:
                moved = service.issue_merge(
                    actor=request.user,
                    duplicate=obj,
                    target=target,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except IssueError as error:
                refusal = error.message
            else:
                flash.success(
                    request,
                    service.MERGED
                    % {
                        "duplicate": obj.title,
                        "target": target.title,
                        "empathy": moved["empathy"],
                        "followers": moved["followers"],
                    },
                )
                return redirect(reverse("issues:detail", args=[target.pk]))
    failed = request.method == "POST" and (not form.is_valid() or refusal is not None)
    return render(
        request,
        "issues/merge.html",
        {
            "issue": obj,
            "form": form,
            "target": target if refusal is None else None,
            "refusal": refusal,
            "already_merged": obj.merged_into_id is not None,
        },
        status=400 if failed else 200,
    )


urlpatterns = [
    path("<int:pk>/merge/", merge_issue, name="merge"),
]
