"""Pages of introductions: ask, the list of one's introductions, one introduction with its
answer buttons and (once accepted) the other side's contact, brokering, blocks and settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.core import ratelimit
from kyoso.core.policy import login_required, rule_required
from kyoso.network import messages, selectors
from kyoso.network.forms import IntroductionForm, PreferenceForm
from kyoso.network.models import Introduction
from kyoso.network.services import introductions as intro_services
from kyoso.network.services.common import NetworkError


def parse_target(value: str) -> tuple[Any, Any]:
    """``user:{id}`` or ``org:{slug}`` to (user, None) / (None, organization); (None, None)
    when unknown."""
    kind, _sep, key = (value or "").partition(":")
    if kind == "user":
        return intro_services.user_by_id(key), None
    if kind == "org" and key:
        from kyoso.orgs.selectors import organization_by_slug

        try:
            return None, organization_by_slug(key)
        except Http404:
            return None, None
    return None, None


@rule_required("network.add_introduction")
def introduction_create(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("to", "")
    about = request.GET.get("about", "")[:40]
    to_user, to_org = parse_target(target)
    form = IntroductionForm(request.POST or None)
    refusal = None
    if to_user is None and to_org is None:
        refusal = NetworkError(messages.INTRO_TARGET_INVALID, "target_invalid")
    else:
        refusal = intro_services.refusal_to_introduce(
            request.user, to_user=to_user, to_organization=to_org
        )
    status = 200
    wait = ratelimit.refuse_form(request, form, "introduction", field="reason")
    if request.method == "POST":
        if refusal is None and form.is_valid():
            try:
                intro = intro_services.introduction_request(
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    to_user=to_user,
                    to_organization=to_org,
                    about=about,
                    request=request,
                )
            except NetworkError as error:
                refusal = error
            else:
                flash.success(request, messages.INTRO_SENT)
                return redirect("introductions:detail", pk=intro.pk)
        status = 409 if refusal is not None else 400
    response = render(
        request,
        "network/introduction_new.html",
        {"form": form, "refusal": refusal, "to_user": to_user, "to_org": to_org},
        status=status,
    )
    return ratelimit.answer(response, wait)


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/introduction_list.html",
        {"introductions": list(selectors.introductions_for(request.user)[:100])},
    )


def _intro(request: HttpRequest, pk: int, **kwargs: Any) -> Introduction:
    """The introduction, or 404 for a signed-in person who is no party of it (they may not
    know it exists)."""
    from kyoso.core.policy import check

    intro = selectors.introduction_detail(pk)
    if request.user.is_authenticated and not check(
        "network.view_introduction", request.user, intro
    ):
        raise Http404
    return intro


@rule_required("network.view_introduction", get_object=_intro)
def introduction_detail(request: HttpRequest, pk: int, obj: Introduction) -> HttpResponse:
    from kyoso.core.policy import check

    user = request.user
    is_requester = obj.requester_id == user.pk
    return render(
        request,
        "network/introduction_detail.html",
        {
            "intro": obj,
            "is_requester": is_requester,
            # The asker of a declined request sees only "not now".
            "status_label": (
                messages.NOT_NOW
                if is_requester and obj.status == "declined"
                else obj.get_status_display()
            ),
            "may_answer": check("network.answer_introduction", user, obj),
            "contact": intro_services.contact_for(user, obj),
        },
    )


def _answer(request: HttpRequest, obj: Introduction, accept: bool) -> HttpResponse:
    try:
        intro_services.introduction_answer(
            actor=request.user, introduction=obj, accept=accept, request=request
        )
    except NetworkError as error:
        flash.error(request, error.message)
    else:
        if not accept:
            flash.success(request, messages.INTRO_DECLINED)
        elif obj.status == "accepted":
            flash.success(request, messages.INTRO_ACCEPTED_BOTH)
        else:
            flash.success(request, messages.INTRO_ACCEPTED)
    return redirect("introductions:detail", pk=obj.pk)


@require_POST
@rule_required("network.answer_introduction", get_object=_intro)
def introduction_accept(request: HttpRequest, pk: int, obj: Introduction) -> HttpResponse:
    return _answer(request, obj, True)


@require_POST
@rule_required("network.answer_introduction", get_object=_intro)
def introduction_decline(request: HttpRequest, pk: int, obj: Introduction) -> HttpResponse:
    return _answer(request, obj, False)


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """The person's introduction settings and the people they blocked."""
    preference = selectors.preference_of(request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={
            "introductions_open": preference.introductions_open,
            "shown_in_network": preference.shown_in_network,
        },
    )
    if request.method == "POST" and form.is_valid():
        intro_services.preference_update(actor=request.user, **form.cleaned_data)
        flash.success(request, messages.SETTINGS_SAVED)
        return redirect("introductions:settings")
    return render(
        request,
        "network/settings.html",
        {"form": form, "blocks": list(selectors.blocks_of(request.user))},
    )


@require_POST
@rule_required("network.change_block")
def block(request: HttpRequest) -> HttpResponse:
    person = intro_services.user_by_id(request.POST.get("user"))
    if person is None:
        raise Http404
    try:
        intro_services.block_create(actor=request.user, blocked=person, request=request)
    except NetworkError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.BLOCKED % {"name": person.display_name})
    return redirect("introductions:settings")


@require_POST
@rule_required("network.change_block")
def unblock(request: HttpRequest) -> HttpResponse:
    try:
        blocked_id = int(request.POST.get("user", ""))
    except ValueError:
        raise Http404 from None
    intro_services.block_delete(actor=request.user, blocked_id=blocked_id, request=request)
    flash.success(request, messages.UNBLOCKED)
    return redirect("introductions:settings")


app_name = "introductions"

urlpatterns = [
    path("", introduction_list, name="list"),
    path("new", introduction_create, name="new"),
    path("settings/", settings_page, name="settings"),
    path("block/", block, name="block"),
    path("unblock/", unblock, name="unblock"),
    path("<int:pk>/", introduction_detail, name="detail"),
    path("<int:pk>/accept/", introduction_accept, name="accept"),
    path("<int:pk>/decline/", introduction_decline, name="decline"),
]
