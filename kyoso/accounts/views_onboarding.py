"""Onboarding after sign-up: three skippable steps, then a first page built from the answers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kyoso.accounts import messages
from kyoso.accounts.models import Offer
from kyoso.accounts.onboarding_forms import STEP_FORMS
from kyoso.accounts.selectors import own_profile
from kyoso.accounts.services import onboarding
from kyoso.accounts.services.profile import profile_of
from kyoso.core.http import AuthenticatedHttpRequest
from kyoso.core.policy import login_required
from kyoso.core.skills import Skill
from kyoso.issues.vocab import Theme


def _initial(profile, step: str) -> dict:
    if step == "place":
        return {"municipality": profile.municipality_id}
    return {field: getattr(profile, field) for field in onboarding.STEP_FIELDS[step]}


@login_required
def onboarding_step(request: AuthenticatedHttpRequest, step: str) -> HttpResponse:
    if step not in onboarding.STEPS:
        raise Http404
    form_class = STEP_FORMS[step]
    after = onboarding.next_step(step)
    target = reverse("accounts:onboarding", kwargs={"step": after}) if after else None
    target = target or reverse("accounts:onboarding_done")
    if request.method == "POST":
        if "skip" in request.POST:
            onboarding.profile_onboarding_answer(actor=request.user, step=step, data=None)
            return redirect(target)
        form = form_class(request.POST)
        if form.is_valid():
            onboarding.profile_onboarding_answer(
                actor=request.user, step=step, data=form.cleaned_data
            )
            return redirect(target)
        status = 400
    else:
        form = form_class(initial=_initial(profile_of(request.user), step))
        status = 200
    return render(
        request,
        "accounts/onboarding_step.html",
        {
            "form": form,
            "step": step,
            "number": onboarding.STEPS.index(step) + 1,
            "total": len(onboarding.STEPS),
        },
        status=status,
    )


def _list_url(name: str, **filters: str) -> str:
    query = urlencode({k: v for k, v in filters.items() if v})
    return reverse(name) + (f"?{query}" if query else "")


@login_required
def onboarding_done(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The first page: links to the lists already filtered by the answers."""
    profile = own_profile(request.user)
    code = profile.municipality.code if profile.municipality is not None else ""
    theme_labels = dict(Theme.choices)
    skill_labels = dict(Skill.choices)
    themes = [t for t in profile.theme_keys if t in theme_labels]
    skills = [s for s in profile.skill_keys if s in skill_labels]
    context = {
        "profile": profile,
        "place_issues_url": _list_url("issues:list", municipality=code),
        "theme_links": [
            {
                "label": theme_labels[t],
                "issues": _list_url("issues:list", theme=t, municipality=code),
                "projects": _list_url("projects:list", theme=t, municipality=code),
            }
            for t in themes
        ],
        "needs_help_url": _list_url("projects:list", municipality=code, needs_help="on"),
        "skill_links": [
            {"label": skill_labels[s], "missions": _list_url("missions:list", skill=s)}
            for s in skills
        ],
        "offers": [label for value, label in Offer.choices if value in profile.offers],
    }
    context["lead"] = messages.ONBOARDING_DONE
    return render(request, "accounts/onboarding_done.html", context)
