"""The reviewers of a challenge's screening round (the poster's managers add and remove)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from kyoso.challenges import messages, screening_link, selectors
from kyoso.challenges.models import Challenge
from kyoso.challenges.rules import visible_or_404
from kyoso.challenges.services import reviewers
from kyoso.challenges.services.common import ChallengeError
from kyoso.core.policy import rule_required


class ReviewerForm(forms.Form):
    email = forms.EmailField(label=_("審査員のメールアドレス"))
    may_decide = forms.BooleanField(label=_("採否を決定できる"), required=False)


def _challenge(request: HttpRequest, pk: int, **kwargs: Any) -> Challenge:
    return visible_or_404(request.user, selectors.challenge_by_pk(pk))


@rule_required("challenges.manage_reviewers", get_object=_challenge)
def reviewer_list(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    form = ReviewerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.POST.get("remove"):
            try:
                reviewers.reviewer_remove(
                    actor=request.user,
                    challenge=obj,
                    user_id=int(request.POST["remove"]) if request.POST["remove"].isdigit() else 0,
                    request=request,
                )
            except ChallengeError as error:
                flash.error(request, error.message)
            else:
                flash.success(request, messages.REVIEWER_REMOVED)
            return redirect("challenges:reviewers", pk=obj.pk)
        if form.is_valid():
            try:
                reviewers.reviewer_add(
                    actor=request.user,
                    challenge=obj,
                    email=form.cleaned_data["email"],
                    may_decide=form.cleaned_data["may_decide"],
                    request=request,
                )
            except ChallengeError as error:
                form.add_error(None, error.message)
            else:
                flash.success(request, messages.REVIEWER_ADDED)
                return redirect("challenges:reviewers", pk=obj.pk)
        status = 400
    return render(
        request,
        "challenges/reviewers.html",
        {
            "challenge": obj,
            "form": form,
            "reviewers": screening_link.reviewers(obj),
            "round_id": obj.screening_round_id,
        },
        status=status,
    )


urlpatterns = [path("<int:pk>/reviewers/", reviewer_list, name="reviewers")]
