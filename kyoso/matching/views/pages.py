"""The need's ranked people, "for you", feedback on a suggestion, and the setting page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kyoso.core.policy import rule_required
from kyoso.matching import messages, selectors
from kyoso.matching.forms import FeedbackForm, PreferenceForm
from kyoso.matching.models import Verdict
from kyoso.matching.services.feedback import (
    FeedbackRefused,
    feedback_record,
    matching_preference_set,
)


def _need(request: HttpRequest, need_id: int, **kwargs: Any) -> Any:
    return selectors.need_for_matching(need_id, request.user)


@rule_required("matching.view_need_matches", get_object=_need)
def need_matches(request: HttpRequest, need_id: int, obj: Any) -> HttpResponse:
    matches = selectors.people_for_need(obj, request.user, organizations=True)
    return render(
        request,
        "matching/need.html",
        {
            "need": obj,
            "need_ref": f"need:{obj.pk}",
            "people": matches.people,
            "organizations": matches.organizations,
            "empty_message": messages.NO_PEOPLE,
        },
    )


def _mission(request: HttpRequest, mission_id: int, **kwargs: Any) -> Any:
    return selectors.mission_for_matching(mission_id, request.user)


def _issue(request: HttpRequest, issue_id: int, **kwargs: Any) -> Any:
    return selectors.issue_for_matching(issue_id, request.user)


@rule_required("matching.view_mission_matches", get_object=_mission)
def mission_matches(request: HttpRequest, mission_id: int, obj: Any) -> HttpResponse:
    return render(
        request,
        "matching/work.html",
        {
            "title": obj.title,
            "back_url": reverse("missions:detail", args=[obj.pk]),
            "subject_ref": f"mission:{obj.pk}",
            "people": selectors.people_for_mission(obj, request.user),
            "empty_message": messages.NO_PEOPLE_FOR_WORK,
        },
    )


@rule_required("matching.view_issue_matches", get_object=_issue)
def issue_matches(request: HttpRequest, issue_id: int, obj: Any) -> HttpResponse:
    return render(
        request,
        "matching/work.html",
        {
            "title": obj.title,
            "back_url": reverse("issues:detail", args=[obj.pk]),
            "subject_ref": f"issue:{obj.pk}",
            "people": selectors.people_for_issue(obj, request.user),
            "empty_message": messages.NO_PEOPLE_FOR_WORK,
        },
    )


@rule_required("matching.view_suggestions")
def for_you(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "matching/for_you.html",
        {
            "suggestions": selectors.suggestions_for(request.user),
            "me_ref": f"user:{request.user.pk}",
            "empty_message": messages.NO_SUGGESTIONS,
        },
    )


@require_POST
@rule_required("matching.give_feedback")
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    target = back or "matching:for_you"
    if not form.is_valid():
        flash.error(request, messages.FEEDBACK_VERDICT_UNKNOWN)
        return redirect(target)
    subject = FeedbackForm.parse_ref(form.cleaned_data["subject"])
    candidate = FeedbackForm.parse_ref(form.cleaned_data["candidate"])
    if subject is None or candidate is None:
        flash.error(request, messages.FEEDBACK_TARGET_UNKNOWN)
        return redirect(target)
    try:
        feedback_record(
            actor=request.user,
            subject_kind=subject[0],
            subject_id=subject[1],
            candidate_kind=candidate[0],
            candidate_id=candidate[1],
            verdict=form.cleaned_data["verdict"],
        )
    except FeedbackRefused as error:
        flash.error(request, str(error))
    else:
        verdict = form.cleaned_data["verdict"]
        flash.success(
            request,
            messages.FEEDBACK_SAVED_INTERESTED
            if verdict == Verdict.INTERESTED
            else messages.FEEDBACK_SAVED_NOT_NOW,
        )
    return redirect(target)


@rule_required("matching.change_preference")
def preference(request: HttpRequest) -> HttpResponse:
    initial = {"suggest_me": selectors.suggest_me(request.user)}
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        matching_preference_set(
            actor=request.user, suggest_me=form.cleaned_data["suggest_me"], request=request
        )
        flash.success(request, messages.PREFERENCE_SAVED)
        return redirect("matching:preference")
    return render(request, "matching/preference.html", {"form": form})


urlpatterns = [
    path("needs/<int:need_id>/", need_matches, name="need"),
    path("missions/<int:mission_id>/", mission_matches, name="mission"),
    path("issues/<int:issue_id>/", issue_matches, name="issue"),
    path("for-you/", for_you, name="for_you"),
    path("feedback/", feedback, name="feedback"),
    path("settings/", preference, name="preference"),
]
