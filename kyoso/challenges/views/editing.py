"""Posting a challenge for an organization (``?organization=<slug>``), editing, publishing,
closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.challenges import messages, selectors
from kyoso.challenges.forms import ChallengeForm
from kyoso.challenges.models import Challenge
from kyoso.challenges.rules import visible_or_404
from kyoso.challenges.services import challenges
from kyoso.challenges.services.common import ChallengeError
from kyoso.core.policy import rule_required


def _organization(request: HttpRequest, **kwargs: Any) -> Any:
    from kyoso.orgs.selectors import organization_by_slug

    slug = request.GET.get("organization", "")
    if not slug or len(slug) > 60:
        raise Http404
    return organization_by_slug(slug)


def _render(request: HttpRequest, form: ChallengeForm, organization: Any, challenge: Any):
    if request.method == "POST" and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "challenges/form.html",
        {"form": form, "organization": organization, "challenge": challenge},
        status=400 if request.method == "POST" else 200,
    )


@rule_required("challenges.add_challenge", get_object=_organization)
def challenge_create(request: HttpRequest, obj: Any) -> HttpResponse:
    form = ChallengeForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = challenges.challenge_create(
                actor=request.user, organization=obj, data=form.cleaned_data, request=request
            )
        except ChallengeError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.CHALLENGE_CREATED)
            return redirect("challenges:detail", pk=challenge.pk)
    return _render(request, form, obj, None)


def _challenge(request: HttpRequest, pk: int, **kwargs: Any) -> Challenge:
    return visible_or_404(request.user, selectors.challenge_detail(pk))


@rule_required("challenges.change_challenge", get_object=_challenge)
def challenge_edit(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    form = ChallengeForm(request.POST or None, viewer=request.user, challenge=obj)
    if request.method == "POST" and form.is_valid():
        try:
            challenges.challenge_update(
                actor=request.user, challenge=obj, data=form.cleaned_data, request=request
            )
        except ChallengeError as error:
            form.add_error(None, error.message)
        else:
            flash.success(request, messages.CHALLENGE_SAVED)
            return redirect("challenges:detail", pk=obj.pk)
    return _render(request, form, obj.organization, obj)


@require_POST
@rule_required("challenges.publish_challenge", get_object=_challenge)
def challenge_publish(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    try:
        challenges.challenge_publish(actor=request.user, challenge=obj, request=request)
    except ChallengeError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.CHALLENGE_PUBLISHED)
    return redirect("challenges:detail", pk=obj.pk)


@require_POST
@rule_required("challenges.close_challenge", get_object=_challenge)
def challenge_close(request: HttpRequest, pk: int, obj: Challenge) -> HttpResponse:
    try:
        challenges.challenge_close(actor=request.user, challenge=obj, request=request)
    except ChallengeError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.CHALLENGE_CLOSED)
    return redirect("challenges:detail", pk=obj.pk)


urlpatterns = [
    path("new/", challenge_create, name="create"),
    path("<int:pk>/edit/", challenge_edit, name="edit"),
    path("<int:pk>/publish/", challenge_publish, name="publish"),
    path("<int:pk>/close/", challenge_close, name="close"),
]
