"""An organization's onboarding pages, right after it is created."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from kyoso.core.policy import rule_required
from kyoso.orgs import messages, services_onboarding
from kyoso.orgs.models import Organization
from kyoso.orgs.onboarding_forms import STEP_FORMS


def _org(request: HttpRequest, slug: str, **kwargs) -> Organization:
    return get_object_or_404(Organization.objects.select_related("municipality"), slug=slug)


def _initial(organization: Organization, step: str) -> dict:
    if step == "where":
        return {"municipality": organization.municipality_id}
    return {f: getattr(organization, f) for f in services_onboarding.STEP_FIELDS[step]}


@rule_required("orgs.change_organization", get_object=_org)
def onboarding_step(request: HttpRequest, slug: str, step: str, obj: Organization) -> HttpResponse:
    if step not in services_onboarding.STEPS:
        raise Http404
    after = services_onboarding.next_step(step)
    target = (
        reverse("orgs:onboarding", kwargs={"slug": obj.slug, "step": after})
        if after
        else reverse("orgs:detail", kwargs={"slug": obj.slug})
    )
    form_class = STEP_FORMS[step]
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        skip = "skip" in request.POST
        if skip or form.is_valid():
            services_onboarding.organization_onboarding_answer(
                actor=request.user,
                organization=obj,
                step=step,
                data=None if skip else form.cleaned_data,
                request=request,
            )
            if after is None:
                flash.success(request, messages.ONBOARDING_DONE)
            return redirect(target)
        status = 400
    else:
        form = form_class(initial=_initial(obj, step))
    return render(
        request,
        "orgs/onboarding_step.html",
        {
            "form": form,
            "organization": obj,
            "step": step,
            "number": services_onboarding.STEPS.index(step) + 1,
            "total": len(services_onboarding.STEPS),
        },
        status=status,
    )


def facet_labels(organization: Organization) -> dict[str, list[str]]:
    """The onboarding's answers as labels for the organization's page (no query)."""
    from kyoso.core.skills import Skill
    from kyoso.issues.vocab import Theme
    from kyoso.orgs.models import OrgOffer

    def labels(keys: list[str], choices: list) -> list[str]:
        known = dict(choices)
        return [str(known[k]) for k in keys if k in known]

    return {
        "theme_labels": labels(organization.theme_keys, Theme.choices),
        "skill_labels": labels(organization.skill_keys, Skill.choices),
        "offer_labels": labels(organization.offers, OrgOffer.choices),
    }
