"""The list of communities (filters, pages) and a community's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse

from kyoso.communities import selectors
from kyoso.communities.forms import FilterForm, JoinForm
from kyoso.communities.models import Community
from kyoso.communities.rules import is_leader_of, membership_of
from kyoso.communities.services.messaging import quota_of
from kyoso.core.policy import check, public, rule_required
from kyoso.regions.selectors import municipalities_where

#: URL names the events app may give the iCal feed of a community's events.
ICAL_URL_NAMES = ("events:community_feed", "events:community_ics", "communities:events_ics")


@public
def community_list(request: HttpRequest) -> HttpResponse:
    # Where communities are, and the cities of the wards among them (a city finds its wards).
    municipalities = municipalities_where(Community.objects.all())
    form = FilterForm(request.GET or None, municipalities=municipalities)
    values, dropped = form.filter_values() if request.GET else ({}, False)
    filters = selectors.CommunityFilters(**values)
    page = selectors.community_page(filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "communities/list.html",
        {
            "form": form,
            "page": page,
            "filtered": filters.active,
            "dropped": dropped,
            "query_string": query.urlencode(),
            "can_create": check("communities.add_community", request.user),
        },
    )


def ical_url(community: Community) -> str:
    for name in ICAL_URL_NAMES:
        try:
            return reverse(name, args=[community.slug])
        except NoReverseMatch:
            continue
    return reverse("communities:detail", args=[community.slug]) + "events.ics"


def _with_urls(events: list[Any]) -> list[Any]:
    """Give each event the address of its page (``/events/<id>/``)."""
    for event in events:
        try:
            event.page_url = reverse("events:detail", args=[event.pk])
        except NoReverseMatch:
            event.page_url = f"/events/{event.pk}/"
    return events


def detail_context(request: HttpRequest, community: Community) -> dict[str, Any]:
    user = request.user
    membership = membership_of(user, community)
    can_message = check("communities.message_members", user, community)
    return {
        "community": community,
        "leaders": selectors.leaders_of(community),
        "membership": membership,
        "is_leader": is_leader_of(user, community),
        "events": _with_urls(selectors.upcoming_events(community)),
        "issues": selectors.issues_of(community, user),
        "ical_url": ical_url(community),
        "can_join": check("communities.join_community", user, community),
        "can_leave": check("communities.leave_community", user, community),
        "can_edit": check("communities.change_community", user, community),
        "can_view_members": check("communities.view_members", user, community),
        "can_view_board": check("communities.view_board", user, community),
        "can_message": can_message,
        "can_subscribe": check("communities.change_subscription", user, community),
        "quota": quota_of(community) if can_message else None,
        "join_form": JoinForm(),
    }


def _community_page(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return selectors.community_detail(slug, request.user)


@rule_required("communities.view_community", get_object=_community_page)
def community_detail(request: HttpRequest, slug: str, obj: Community) -> HttpResponse:
    return render(request, "communities/detail.html", detail_context(request, obj))


urlpatterns = [
    path("", community_list, name="list"),
    path("<slug:slug>/", community_detail, name="detail"),
]
