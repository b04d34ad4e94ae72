"""Starting a community, editing it, and linking the issues it works on."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from kyoso.communities import messages, selectors
from kyoso.communities.forms import CommunityForm, IssueLinkForm
from kyoso.communities.models import Community
from kyoso.communities.services import communities
from kyoso.communities.services.common import CommunityError
from kyoso.core.policy import check, rule_required


def _community(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return selectors.community_by_slug(slug)


def _render_form(request: HttpRequest, form: CommunityForm, community: Community | None):
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "communities/form.html",
        {"form": form, "community": community, "creating": community is None},
        status=status,
    )


@rule_required("communities.add_community")
def community_create(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            community = communities.community_create(
                actor=request.user, data=form.cleaned_data, request=request
            )
        except CommunityError as error:
            form.add_error("slug", error.message)
        else:
            flash.success(request, messages.COMMUNITY_CREATED)
            return redirect("communities:detail", slug=community.slug)
    return _render_form(request, form, None)


@rule_required("communities.change_community", get_object=_community)
def community_edit(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    form = CommunityForm(request.POST or None, community=obj)
    if request.method == "POST" and form.is_valid():
        communities.community_update(
            actor=request.user, community=obj, data=form.cleaned_data, request=request
        )
        flash.success(request, messages.COMMUNITY_SAVED)
        return redirect("communities:detail", slug=obj.slug)
    return _render_form(request, form, obj)


@rule_required("communities.change_community", get_object=_community)
def issue_links(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    """The issues the community works on: add one by its number, remove one."""
    form = IssueLinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if "remove" in request.POST:
            raw = request.POST["remove"]
            if raw.isascii() and raw.isdigit():
                communities.community_unlink_issue(
                    actor=request.user, community=obj, issue_id=int(raw)
                )
                flash.success(request, messages.ISSUE_UNLINKED)
            return redirect("communities:issues", slug=obj.slug)
        if form.is_valid():
            number = form.cleaned_data["issue"]
            issue = _visible_issue(request, number)
            if issue is None:
                form.add_error("issue", messages.ISSUE_NOT_FOUND % {"number": number})
            else:
                try:
                    communities.community_link_issue(actor=request.user, community=obj, issue=issue)
                except CommunityError as error:
                    form.add_error("issue", error.message)
                else:
                    flash.success(request, messages.ISSUE_LINKED)
                    return redirect("communities:issues", slug=obj.slug)
        status = 400
    return render(
        request,
        "communities/issues.html",
        {
            "community": obj,
            "form": form,
            "issues": selectors.issues_of(obj, request.user),
        },
        status=status,
    )


def _visible_issue(request: HttpRequest, number: int) -> Any:
    from kyoso.issues.selectors import issue_for_viewer

    try:
        issue = issue_for_viewer(number, request.user)
    except Http404:
        return None
    return issue if check("issues.view_issue", request.user, issue) else None


urlpatterns = [
    path("new/", community_create, name="create"),
    path("<slug:slug>/edit/", community_edit, name="edit"),
    path("<slug:slug>/issues/", issue_links, name="issues"),
]
