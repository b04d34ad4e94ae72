"""Joining and leaving, the member list with requests and leaders, removing a member, the mail
switch."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.communities import messages, selectors
from kyoso.communities.forms import JoinForm, RemoveMemberForm
from kyoso.communities.models import Community, MembershipStatus
from kyoso.communities.services import membership as services
from kyoso.communities.services.common import CommunityError
from kyoso.communities.views.listing import detail_context
from kyoso.core.policy import check, rule_required


def _community(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return selectors.community_detail(slug, request.user)


@rule_required("communities.join_community", get_object=_community)
@require_POST
def join(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            membership = services.membership_join(
                actor=request.user, community=obj, message=form.cleaned_data["message"]
            )
        except CommunityError as error:
            flash.error(request, error.message)
        else:
            pending = membership.status == MembershipStatus.PENDING
            flash.success(request, messages.JOIN_REQUESTED if pending else messages.JOINED)
        return redirect("communities:detail", slug=obj.slug)
    context = detail_context(request, obj)
    context["join_form"] = form
    return render(request, "communities/detail.html", context, status=400)


@rule_required("communities.leave_community", get_object=_community)
@require_POST
def leave(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    try:
        was_active = services.membership_leave(actor=request.user, community=obj)
    except CommunityError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.LEFT if was_active else messages.REQUEST_WITHDRAWN)
    return redirect("communities:detail", slug=obj.slug)


@rule_required("communities.change_subscription", get_object=_community)
@require_POST
def subscription(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    receive = request.POST.get("receive") == "1"
    services.subscription_set(actor=request.user, community=obj, receive=receive)
    flash.success(request, messages.SUBSCRIBED if receive else messages.UNSUBSCRIBED)
    return redirect("communities:detail", slug=obj.slug)


@rule_required("communities.view_members", get_object=_community)
def members(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    can_decide = check("communities.decide_membership", request.user, obj)
    return render(
        request,
        "communities/members.html",
        {
            "community": obj,
            "members": selectors.members_of(obj),
            "pending": selectors.pending_requests(obj) if can_decide else None,
            "can_decide": can_decide,
            "can_appoint": check("communities.appoint_leader", request.user, obj),
            "can_remove": check("communities.remove_member", request.user, obj),
        },
    )


@rule_required("communities.decide_membership", get_object=_community)
@require_POST
def decide(request: HttpRequest, slug: str, membership_id: int, obj: Community) -> HttpResponse:
    membership = selectors.membership_in(obj, membership_id)
    membership.community = obj
    approve = request.POST.get("decision") == "approve"
    try:
        services.membership_decide(
            actor=request.user, membership=membership, approve=approve, request=request
        )
    except CommunityError as error:
        flash.error(request, error.message)
    else:
        flash.success(
            request, messages.MEMBERSHIP_APPROVED if approve else messages.MEMBERSHIP_DECLINED
        )
    return redirect("communities:members", slug=obj.slug)


@rule_required("communities.appoint_leader", get_object=_community)
@require_POST
def leader(request: HttpRequest, slug: str, membership_id: int, obj: Community) -> HttpResponse:
    membership = selectors.membership_in(obj, membership_id)
    membership.community = obj
    appoint = request.POST.get("leader") == "1"
    try:
        if appoint:
            services.leader_appoint(actor=request.user, membership=membership, request=request)
        else:
            services.leader_remove(actor=request.user, membership=membership, request=request)
    except CommunityError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.LEADER_APPOINTED if appoint else messages.LEADER_REMOVED)
    return redirect("communities:members", slug=obj.slug)


@rule_required("communities.remove_member", get_object=_community)
def remove(request: HttpRequest, slug: str, membership_id: int, obj: Community) -> HttpResponse:
    """GET asks for confirmation (and an optional reason for the person); POST removes."""
    membership = selectors.membership_in(obj, membership_id)
    membership.community = obj
    form = RemoveMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_remove(
                actor=request.user,
                membership=membership,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except CommunityError as error:
            flash.error(request, error.message)
        else:
            flash.success(request, messages.MEMBER_REMOVED % {"name": membership.user.public_name})
        return redirect("communities:members", slug=obj.slug)
    return render(
        request,
        "communities/remove_member.html",
        {"community": obj, "membership": membership, "form": form},
        status=400 if form.is_bound else 200,
    )


urlpatterns = [
    path("<slug:slug>/join/", join, name="join"),
    path("<slug:slug>/leave/", leave, name="leave"),
    path("<slug:slug>/subscription/", subscription, name="subscription"),
    path("<slug:slug>/members/", members, name="members"),
    path("<slug:slug>/members/<int:membership_id>/decide/", decide, name="decide"),
    path("<slug:slug>/members/<int:membership_id>/leader/", leader, name="leader"),
    path("<slug:slug>/members/<int:membership_id>/remove/", remove, name="member_remove"),
]
