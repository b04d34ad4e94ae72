"""Members: the member page (invitations and requests for the leads), inviting, answering an
invitation, asking to join, deciding requests, leaving, removing, roles; following."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, rule_required
from kyoso.projects import messages, selectors
from kyoso.projects.forms import InviteForm, JoinForm, RoleForm
from kyoso.projects.models import MemberRole, MemberStatus, Project
from kyoso.projects.services import follows
from kyoso.projects.services import membership as services
from kyoso.projects.services.common import ProjectError
from kyoso.projects.views.listing import detail_context


def _project(request: HttpRequest, pk: int, **kwargs: Any) -> Project:
    return selectors.project_for_viewer(pk, request.user)


def _page(request: HttpRequest, pk: int, **kwargs: Any) -> Project:
    return selectors.project_detail(pk, request.user)


def _back(project: Project) -> HttpResponse:
    return redirect("projects:members", pk=project.pk)


def _render_members(
    request: HttpRequest, project: Project, *, form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    can_manage = check("projects.invite_member", user, project)
    return render(
        request,
        "projects/members.html",
        {
            "project": project,
            "members": selectors.members_of(project),
            "open": selectors.open_memberships(project) if can_manage else None,
            "can_manage": can_manage,
            "can_remove": check("projects.remove_member", user, project),
            "can_change_role": check("projects.change_member_role", user, project),
            "invite_form": form or (InviteForm() if can_manage else None),
            "roles": MemberRole.choices,
        },
        status=status,
    )


@rule_required("projects.view_members", get_object=_project)
def members(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    return _render_members(request, obj)


@rule_required("projects.invite_member", get_object=_project)
@require_POST
def invite(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    from kyoso.accounts.models import User

    form = InviteForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        person = User.objects.filter(
            email__iexact=email, is_active=True, deleted_at__isnull=True
        ).first()
        if person is None:
            form.add_error("email", messages.INVITEE_NOT_FOUND % {"email": email})
        else:
            try:
                services.member_invite(
                    actor=request.user,
                    project=obj,
                    user=person,
                    role=form.cleaned_data["role"],
                    message=form.cleaned_data["message"],
                    request=request,
                )
            except ProjectError as error:
                form.add_error(None, error.message)
            else:
                flash.success(request, messages.INVITED % {"name": person.public_name})
                return _back(obj)
    return _render_members(request, obj, form=form, status=400)


@rule_required("projects.answer_invitation", get_object=_project)
@require_POST
def answer(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    accept = request.POST.get("answer") == "accept"
    try:
        services.invitation_answer(actor=request.user, project=obj, accept=accept)
    except ProjectError as error:
        flash.error(request, error.message)
    else:
        flash.success(
            request, messages.INVITATION_ACCEPTED if accept else messages.INVITATION_DECLINED
        )
    return redirect("projects:detail", pk=obj.pk)


@rule_required("projects.join_project", get_object=_page)
@require_POST
def join(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            services.membership_request(
                actor=request.user, project=obj, message=form.cleaned_data["message"]
            )
        except ProjectError as error:
            flash.error(request, error.message)
        else:
            flash.success(request, messages.JOIN_REQUESTED)
        return redirect("projects:detail", pk=obj.pk)
    return render(
        request, "projects/detail.html", detail_context(request, obj, join_form=form), status=400
    )


@rule_required("projects.leave_project", get_object=_project)
@require_POST
def leave(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    try:
        was_active = services.membership_leave(actor=request.user, project=obj, request=request)
    except ProjectError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.LEFT if was_active else messages.WITHDRAWN)
    return redirect("projects:detail", pk=obj.pk)


@rule_required("projects.decide_membership", get_object=_project)
@require_POST
def decide(request: HttpRequest, pk: int, membership_id: int, obj: Project) -> HttpResponse:
    membership = selectors.membership_in(obj, membership_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.request_decide(
            actor=request.user, membership=membership, approve=approve, request=request
        )
    except ProjectError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.REQUEST_APPROVED if approve else messages.REQUEST_DECLINED)
    return _back(obj)


@rule_required("projects.remove_member", get_object=_project)
@require_POST
def remove(request: HttpRequest, pk: int, membership_id: int, obj: Project) -> HttpResponse:
    membership = selectors.membership_in(obj, membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership, request=request)
    except ProjectError as error:
        flash.error(request, error.message)
    else:
        if membership.status == MemberStatus.ACTIVE:
            flash.success(request, messages.MEMBER_REMOVED % {"name": membership.user.public_name})
    return _back(obj)


@rule_required("projects.change_member_role", get_object=_project)
@require_POST
def role(request: HttpRequest, pk: int, membership_id: int, obj: Project) -> HttpResponse:
    membership = selectors.membership_in(obj, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        flash.error(request, messages.CHOICE_INVALID)
        return _back(obj)
    new_role = form.cleaned_data["role"]
    try:
        services.member_role_change(
            actor=request.user, membership=membership, role=new_role, request=request
        )
    except ProjectError as error:
        flash.error(request, error.message)
    else:
        flash.success(
            request,
            messages.ROLE_CHANGED
            % {"name": membership.user.public_name, "role": MemberRole(new_role).label},
        )
    return _back(obj)


@rule_required("projects.follow_project", get_object=_project)
@require_POST
def follow(request: HttpRequest, pk: int, obj: Project) -> HttpResponse:
    on = request.POST.get("follow") != "0"
    follows.follow_set(actor=request.user, project=obj, on=on)
    flash.success(request, messages.FOLLOWED if on else messages.UNFOLLOWED)
    return redirect("projects:detail", pk=obj.pk)


urlpatterns = [
    path("<int:pk>/members/", members, name="members"),
    path("<int:pk>/members/invite/", invite, name="invite"),
    path("<int:pk>/members/<int:membership_id>/decide/", decide, name="decide"),
    path("<int:pk>/members/<int:membership_id>/remove/", remove, name="member_remove"),
    path("<int:pk>/members/<int:membership_id>/role/", role, name="member_role"),
    path("<int:pk>/invitation/", answer, name="answer"),
    path("<int:pk>/join/", join, name="join"),
    path("<int:pk>/leave/", leave, name="leave"),
    path("<int:pk>/follow/", follow, name="follow"),
]
