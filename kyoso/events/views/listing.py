"""The event list (upcoming / past, filters, keyset pages) and 「マイイベント」."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from kyoso.core.keyset import CursorInvalid
from kyoso.core.policy import check, login_required, public
from kyoso.events import messages, selectors
from kyoso.events.forms import EventFilterForm


def _communities() -> list:
    from kyoso.communities.models import Community

    return list(Community.objects.order_by("name", "id").only("pk", "name"))


@public
def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    form = EventFilterForm(request.GET or None, communities=_communities())
    values, dropped = form.filter_values() if request.GET else ({}, False)
    filters = selectors.EventFilters(past=past, **values)
    after = request.GET.get("after", "")[:200]
    notices = [messages.FILTER_INVALID] if dropped else []
    try:
        page = selectors.event_page(filters, after=after)
    except CursorInvalid:
        notices.append(messages.PAGE_INVALID)
        page = selectors.event_page(filters)
    if not after and request.GET.get("page", "1") not in ("", "1"):
        # A page number from before the list had cursors (a bookmark, a shared link).
        notices.append(messages.PAGE_INVALID)
    query = request.GET.copy()
    query.pop("after", None)
    query.pop("page", None)
    tab_query = query.copy()
    tab_query.pop("when", None)
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "page": page,
            "past": past,
            "notices": notices,
            "query_string": query.urlencode(),
            "tab_query_string": tab_query.urlencode(),
            "filtered": bool(values),
            "can_create": check("events.add_event", request.user),
        },
    )


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/mine.html",
        {
            "registrations": selectors.my_registrations(request.user),
            "organized": selectors.my_organized_events(request.user),
            "can_create": check("events.add_event", request.user),
        },
    )


urlpatterns = [
    path("", event_list, name="list"),
    path("mine/", my_events, name="mine"),
]
