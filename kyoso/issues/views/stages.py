"""Moving an issue to another stage, with a reason (shown on the issue's timeline)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.core.policy import rule_required
from kyoso.issues import messages, selectors
from kyoso.issues.forms import StageForm
from kyoso.issues.models import Issue, Stage
from kyoso.issues.rules import stage_choices_for
from kyoso.issues.services import stages
from kyoso.issues.services.posting import IssueError
from kyoso.issues.views.listing import render_detail


def _issue_page(request: HttpRequest, pk: int, **kwargs: Any) -> Issue:
    return selectors.issue_detail(pk, request.user)


@rule_required("issues.change_stage", get_object=_issue_page)
@require_POST
def change_stage(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    form = StageForm(request.POST, stages=stage_choices_for(request.user, obj))
    if form.is_valid():
        to_stage = form.cleaned_data["to_stage"]
        try:
            stages.issue_change_stage(
                actor=request.user,
                issue=obj,
                to_stage=to_stage,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except IssueError as error:
            if error.message == messages.STAGE_CHANGED_ELSEWHERE:
                flash.error(request, error.message)
                return redirect(reverse("issues:detail", args=[obj.pk]) + "#timeline")
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.STAGE_CHANGED % {"stage": Stage(to_stage).label})
            return redirect(reverse("issues:detail", args=[obj.pk]) + "#timeline")
    return render_detail(request, obj, status=400, stage_form=form)


urlpatterns = [
    path("<int:pk>/stage/", change_stage, name="change_stage"),
]
