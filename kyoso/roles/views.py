"""The secretariat's pages for platform roles, and its small 事務局 dashboard."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kyoso.core.policy import check, rule_required
from kyoso.roles import messages, services
from kyoso.roles.forms import RoleGrantForm, RoleRevokeForm
from kyoso.roles.models import PlatformRole
from kyoso.roles.selectors import role_overview, unverified_organization_count


def _holder_label(user, organization) -> str:
    return str(user.public_name if user is not None else organization.name)


def _render_index(request: HttpRequest, form: RoleGrantForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "roles/index.html",
        {"roles": role_overview(), "form": form},
        status=status,
    )


@rule_required("roles.view_roles")
def index(request: HttpRequest) -> HttpResponse:
    return _render_index(request, RoleGrantForm())


@rule_required("roles.change_roles")
@require_POST
def grant(request: HttpRequest) -> HttpResponse:
    form = RoleGrantForm(request.POST)
    if not form.is_valid():
        return _render_index(request, form, status=400)
    role = form.cleaned_data["role"]
    user, organization = form.cleaned_data["email"], form.cleaned_data["organization"]
    try:
        changed = services.role_grant(
            actor=request.user, role=role, user=user, organization=organization, request=request
        )
    except services.RoleError as refused:
        form.add_error(None, str(refused.message))
        return _render_index(request, form, status=400)
    params = {"holder": _holder_label(user, organization), "role": PlatformRole(role).label}
    if changed:
        flash.success(request, messages.ROLE_GRANTED % params)
    else:
        flash.info(request, messages.ROLE_ALREADY_HELD % params)
    return redirect("roles:index")


@rule_required("roles.change_roles")
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    form = RoleRevokeForm(request.POST)
    if not form.is_valid():
        flash.error(request, messages.REVOKE_INVALID)
        return redirect("roles:index")
    role = form.cleaned_data["role"]
    user, organization = form.cleaned_data["user"], form.cleaned_data["organization"]
    params = {"holder": _holder_label(user, organization), "role": PlatformRole(role).label}
    try:
        changed = services.role_revoke(
            actor=request.user, role=role, user=user, organization=organization, request=request
        )
    except services.RoleError as refused:
        flash.error(request, str(refused.message))
        return redirect("roles:index")
    if changed:
        flash.success(request, messages.ROLE_REVOKED % params)
    else:
        flash.info(request, messages.ROLE_NOT_HELD % params)
    if not check("roles.view_roles", request.user):
        # Someone who just gave up their own secretariat role can no longer see the page.
        return redirect("core:home")
    return redirect("roles:index")


@rule_required("roles.view_roles")
def secretariat(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "roles/secretariat.html",
        {"unverified_organizations": unverified_organization_count()},
    )
