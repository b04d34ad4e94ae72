"""共感, follow and 「手伝えます」 buttons. The buttons work with htmx (the button is swapped
in place) and without JavaScript (a normal POST that comes back to the issue page)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, deny, login_required, rule_required
from kyoso.issues import messages, selectors
from kyoso.issues.forms import OfferForm
from kyoso.issues.models import Issue
from kyoso.issues.services import engagement
from kyoso.issues.services.posting import IssueError
from kyoso.issues.views.listing import render_detail


def _issue(request: HttpRequest, pk: int, **kwargs: Any) -> Issue:
    return selectors.issue_for_viewer(pk, request.user)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _wanted(request: HttpRequest) -> bool:
    """The state the button asked for ("on" = 1 or 0); a missing value means on."""
    return request.POST.get("on", "1") != "0"


@rule_required("issues.add_empathy", get_object=_issue)
@require_POST
def empathy(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    state = engagement.empathy_toggle(actor=request.user, issue=obj, on=_wanted(request))
    if _is_htmx(request):
        obj.viewer_empathy = state  # type: ignore[attr-defined]
        obj.empathy_count = engagement.empathy_count_of(obj)
        return render(request, "issues/_empathy_button.html", {"issue": obj, "can_empathize": True})
    flash.success(request, messages.EMPATHY_ADDED if state else messages.EMPATHY_REMOVED)
    return redirect(reverse("issues:detail", args=[obj.pk]) + "#empathy")


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Follow (rule ``issues.follow_issue``) or stop following (always allowed)."""
    issue = selectors.issue_for_viewer(pk, request.user)
    wanted = _wanted(request)
    if wanted and not check("issues.follow_issue", request.user, issue):
        return deny(request)
    state = engagement.follow_toggle(actor=request.user, issue=issue, on=wanted)
    if _is_htmx(request):
        issue.viewer_follows = state  # type: ignore[attr-defined]
        return render(request, "issues/_follow_button.html", {"issue": issue, "can_follow": True})
    flash.success(request, messages.FOLLOW_ADDED if state else messages.FOLLOW_REMOVED)
    return redirect(reverse("issues:detail", args=[issue.pk]) + "#follow")


def _issue_page(request: HttpRequest, pk: int, **kwargs: Any) -> Issue:
    return selectors.issue_detail(pk, request.user)


@rule_required("issues.offer_help", get_object=_issue_page)
@require_POST
def offer(request: HttpRequest, pk: int, obj: Issue) -> HttpResponse:
    form = OfferForm(request.POST)
    if form.is_valid():
        try:
            engagement.offer_create(
                actor=request.user,
                issue=obj,
                kinds=form.cleaned_data["kinds"],
                message=form.cleaned_data["message"],
            )
        except IssueError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.OFFER_SENT)
            return redirect(reverse("issues:detail", args=[obj.pk]) + "#offers")
    return render_detail(request, obj, status=400, offer_form=form)


urlpatterns = [
    path("<int:pk>/empathy/", empathy, name="empathy"),
    path("<int:pk>/follow/", follow, name="follow"),
    path("<int:pk>/offers/", offer, name="offer"),
]
