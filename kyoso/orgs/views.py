"""Organization pages: list, detail, create/edit, members, join requests, invitations."""

from __future__ import annotations

from typing import cast

from django.contrib import messages as flash
from django.forms import ChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, login_required, public, rule_required
from kyoso.orgs import messages, selectors, services
from kyoso.orgs.forms import (
    InvitationForm,
    JoinDecisionForm,
    JoinRequestForm,
    MemberRoleForm,
    OrganizationFilterForm,
    OrganizationForm,
)
from kyoso.orgs.models import Invitation, JoinRequest, MemberRole, Membership, Organization
from kyoso.orgs.rules import (
    PREFETCHED_MEMBERS,
    WRONG_EMAIL,
    MemberChange,
    invitation_refusal,
    owner_count,
    role_in,
)
from kyoso.orgs.views_onboarding import facet_labels
from kyoso.regions.selectors import prefectures


def _org(request: HttpRequest, slug: str, **kwargs) -> Organization:
    return selectors.organization_by_slug(slug)


def _org_with_members(request: HttpRequest, slug: str, **kwargs) -> Organization:
    return selectors.organization_detail(slug)


def _flash_error(request: HttpRequest, error: services.OrgError) -> None:
    flash.error(request, error.message)


# --- Public pages ----------------------------------------------------------------------------


@public
def organization_list(request: HttpRequest) -> HttpResponse:
    form = OrganizationFilterForm(request.GET or None, prefectures=prefectures())
    filters = selectors.OrganizationFilters(**form.filter_values()) if request.GET else None
    page = selectors.organization_page(
        filters or selectors.OrganizationFilters(), request.GET.get("page")
    )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "orgs/list.html",
        {
            "form": form,
            "page": page,
            "filtered": filters is not None and filters.active,
            "query_string": query_without_page.urlencode(),
            "can_create": check("orgs.add_organization", request.user),
        },
    )


@rule_required("orgs.view_organization", get_object=_org_with_members)
def organization_detail(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    user = request.user
    my_role = role_in(user, obj)
    pending = None
    if user.is_authenticated and my_role is None:
        pending = selectors.pending_join_request_of(user, obj)
    return render(
        request,
        "orgs/detail.html",
        {
            "organization": obj,
            "members": getattr(obj, PREFETCHED_MEMBERS),
            "my_role": my_role,
            "my_role_label": MemberRole(my_role).label if my_role else "",
            # The sole owner is told how to leave instead of being offered a refused button.
            "leave_refusal": (
                messages.LAST_OWNER_PROTECTED
                if my_role == MemberRole.OWNER and owner_count(obj) <= 1
                else ""
            ),
            "pending_request": pending,
            "can_join": (
                my_role is None and pending is None and check("accounts.verified_member", user)
            ),
            "can_edit": check("orgs.change_organization", user, obj),
            "can_manage": check("orgs.manage_members", user, obj),
            "can_verify": check("orgs.verify_organization", user, obj),
            "join_form": JoinRequestForm(),
            **facet_labels(obj),
        },
    )


# --- Creating and editing ---------------------------------------------------------------------


@rule_required("orgs.add_organization")
def organization_create(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = services.organization_create(
            actor=request.user, data=form.cleaned_data, request=request
        )
        flash.success(request, messages.ORG_CREATED)
        return redirect("orgs:onboarding", slug=organization.slug, step="does")
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/form.html", {"form": form, "creating": True}, status=status)


@rule_required("orgs.change_organization", get_object=_org)
def organization_edit(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    form = OrganizationForm(request.POST or None, initial=OrganizationForm.initial_for(obj))
    if request.method == "POST" and form.is_valid():
        services.organization_update(
            actor=request.user, organization=obj, data=form.cleaned_data, request=request
        )
        flash.success(request, messages.ORG_SAVED)
        return redirect("orgs:detail", slug=obj.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "orgs/form.html", {"form": form, "organization": obj}, status=status)


@rule_required("orgs.verify_organization", get_object=_org)
@require_POST
def organization_verify(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    try:
        services.organization_verify(actor=request.user, organization=obj, request=request)
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(request, messages.ORG_VERIFIED)
    return redirect("orgs:detail", slug=obj.slug)


@rule_required("orgs.verify_organization", get_object=_org)
@require_POST
def organization_unverify(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    try:
        services.organization_unverify(actor=request.user, organization=obj, request=request)
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(request, messages.ORG_UNVERIFIED)
    return redirect("orgs:detail", slug=obj.slug)


# --- Members ---------------------------------------------------------------------------------


@rule_required("orgs.manage_members", get_object=_org_with_members)
def members(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    return _render_members(request, obj, InvitationForm())


def _render_members(
    request: HttpRequest, organization: Organization, invite_form: InvitationForm, status: int = 200
) -> HttpResponse:
    user = request.user
    rows = []
    for membership in getattr(organization, PREFETCHED_MEMBERS):
        roles = [
            (value, label)
            for value, label in MemberRole.choices
            if value == membership.role
            or check("orgs.change_member_role", user, MemberChange(organization, membership, value))
        ]
        rows.append(
            {
                "membership": membership,
                "roles": roles if len(roles) > 1 else [],
                "can_remove": membership.user_id != user.pk
                and check(
                    "orgs.change_member_role", user, MemberChange(organization, membership, None)
                ),
            }
        )
    if role_in(user, organization) != MemberRole.OWNER:
        cast(ChoiceField, invite_form.fields["role"]).choices = [
            (MemberRole.MEMBER, MemberRole.MEMBER.label)
        ]
    return render(
        request,
        "orgs/members.html",
        {
            "organization": organization,
            "rows": rows,
            "invite_form": invite_form,
            "invitations": selectors.pending_invitations(organization),
            "join_requests": selectors.pending_join_requests(organization),
            "now": timezone.now(),
        },
        status=status,
    )


def _membership(organization: Organization, membership_id: int) -> Membership:
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organization=organization
    )
    membership.organization = organization
    return membership


@rule_required("orgs.manage_members", get_object=_org)
@require_POST
def member_role(
    request: HttpRequest, slug: str, membership_id: int, obj: Organization
) -> HttpResponse:
    membership = _membership(obj, membership_id)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        flash.error(request, messages.ROLE_INVALID)
        return redirect("orgs:members", slug=obj.slug)
    role = form.cleaned_data["role"]
    try:
        changed = services.membership_change_role(
            actor=request.user, membership=membership, role=role, request=request
        )
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(
            request,
            messages.ROLE_CHANGED
            % {"name": membership.user.public_name, "role": changed.get_role_display()},
        )
    return redirect("orgs:members", slug=obj.slug)


@rule_required("orgs.manage_members", get_object=_org)
@require_POST
def member_remove(
    request: HttpRequest, slug: str, membership_id: int, obj: Organization
) -> HttpResponse:
    membership = _membership(obj, membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership, request=request)
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(request, messages.MEMBER_REMOVED % {"name": membership.user.public_name})
    return redirect("orgs:members", slug=obj.slug)


@rule_required("orgs.leave_organization", get_object=_org)
@require_POST
def leave(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    try:
        services.membership_leave(actor=request.user, organization=obj, request=request)
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(request, messages.MEMBER_LEFT)
    return redirect("orgs:detail", slug=obj.slug)


# --- Join requests ---------------------------------------------------------------------------


@rule_required("accounts.verified_member", get_object=_org)
@require_POST
def join(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    """Ask to join.

    Guarded by "verified member" rather than ``orgs.request_join`` so that a double submit or
    a member clicking an old page is told why (already a member, a request already pending)
    instead of getting a bare 403; the service checks ``orgs.request_join`` itself.
    """
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("message", []):
            flash.error(request, str(error))
        return redirect("orgs:detail", slug=obj.slug)
    try:
        services.join_request_create(
            actor=request.user,
            organization=obj,
            message=form.cleaned_data["message"],
            request=request,
        )
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(request, messages.JOIN_REQUESTED)
    return redirect("orgs:detail", slug=obj.slug)


@login_required
@require_POST
def join_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    organization = selectors.organization_by_slug(slug)
    try:
        services.join_request_withdraw(actor=request.user, organization=organization)
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(request, messages.JOIN_WITHDRAWN)
    return redirect("orgs:detail", slug=organization.slug)


@rule_required("orgs.manage_members", get_object=_org)
@require_POST
def join_decide(
    request: HttpRequest, slug: str, request_id: int, obj: Organization
) -> HttpResponse:
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user"), pk=request_id, organization=obj
    )
    join_request.organization = obj
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        flash.error(request, messages.JOIN_DECISION_INVALID)
        return redirect("orgs:members", slug=obj.slug)
    approve = form.cleaned_data["decision"] == "approve"
    decide = services.join_request_approve if approve else services.join_request_reject
    try:
        decide(actor=request.user, join_request=join_request, request=request)
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        done = messages.JOIN_APPROVED if approve else messages.JOIN_REJECTED
        flash.success(request, done % {"name": join_request.user.public_name})
    return redirect("orgs:members", slug=obj.slug)


# --- Invitations -----------------------------------------------------------------------------


@rule_required("orgs.manage_members", get_object=_org_with_members)
@require_POST
def invite(request: HttpRequest, slug: str, obj: Organization) -> HttpResponse:
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                actor=request.user,
                organization=obj,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                request=request,
            )
        except services.OrgError as error:
            form.add_error("email", error.message)
        else:
            flash.success(request, messages.INVITATION_SENT % {"email": form.cleaned_data["email"]})
            return redirect("orgs:members", slug=obj.slug)
    return _render_members(request, obj, form, status=400)


@rule_required("orgs.manage_members", get_object=_org)
@require_POST
def invitation_revoke(
    request: HttpRequest, slug: str, invitation_id: int, obj: Organization
) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id, organization=obj)
    invitation.organization = obj
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation, request=request)
    except services.OrgError as error:
        _flash_error(request, error)
    else:
        flash.success(request, messages.INVITATION_REVOKED_DONE)
    return redirect("orgs:members", slug=obj.slug)


def _answer_invitation(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """Show the invitation (GET) or accept it (POST), with the reason when it cannot be."""
    refusal = services.invitation_refusal_message(request.user, invitation)
    if request.method == "POST" and refusal is None:
        try:
            services.invitation_accept(actor=request.user, invitation=invitation, request=request)
        except services.OrgError as error:
            refusal = error.message
        else:
            flash.success(
                request, messages.INVITATION_ACCEPTED % {"org": invitation.organization.name}
            )
            return redirect("orgs:detail", slug=invitation.organization.slug)
    return render(
        request,
        "orgs/invitation_accept.html",
        {"invitation": invitation, "organization": invitation.organization, "refusal": refusal},
        status=200 if refusal is None else 403,
    )


@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email. Anonymous visitors sign in first and come back here.

    Declared "signed in" rather than ``orgs.accept_invitation`` so that a wrong address, an
    expired or a revoked invitation is explained instead of answered with a bare 403; the page
    and the service ask ``orgs.accept_invitation``'s checks for the reason.
    """
    invitation = services.invitation_by_token(token)
    if invitation is None:
        raise Http404
    return _answer_invitation(request, invitation)


@login_required
@require_POST
def mine_invitation_accept(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Accept from "my organizations": the verified account email stands in for the token."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organization", "invited_by"), pk=invitation_id
    )
    if invitation_refusal(request.user, invitation) == WRONG_EMAIL:
        raise Http404  # not addressed to this person: do not reveal that it exists
    return _answer_invitation(request, invitation)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "orgs/mine.html",
        {
            "memberships": selectors.memberships_of_user(request.user),
            "invitations": selectors.invitations_for_person(request.user),
            "can_create": check("orgs.add_organization", request.user),
        },
    )
