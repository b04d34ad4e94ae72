"""The event list (upcoming / past, filters, keyset pages) and 「マイイベント」."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone

from kyoso.communities.selectors import community_choices
from kyoso.core.keyset import CursorInvalid
from kyoso.core.pagecache import anonymous_fragment
from kyoso.core.policy import check, login_required, public
from kyoso.events import messages, selectors
from kyoso.events.forms import EventFilterForm


@public
def event_list(request: HttpRequest) -> HttpResponse:
    """The list; for signed-out visitors its body comes from the cache (kyoso.core.pagecache)
    until an event or a community changes, a listed event ends (it moves to the past tab that
    moment), or a minute has passed."""
    content = anonymous_fragment(
        request, "events.list", depends_on=["events", "communities"], render=lambda: _body(request)
    )
    return render(request, "events/list.html", {"content": content})


def _body(request: HttpRequest) -> tuple[str, datetime | None]:
    """The list's body and the last moment it is right: on the upcoming tab, until the first of
    its events ends (it moves to the past tab that moment; the events after this page's cursor
    are the next page's); the past tab, which an event joins the moment it ends, is not kept."""
    context = _list_context(request)
    html = render_to_string("events/_list_content.html", context, request=request)
    if context["past"]:
        return html, timezone.now() - timedelta(microseconds=1)
    ends = [event.ends_at for event in context["page"].items]
    return html, min(ends, default=None)


def _list_context(request: HttpRequest) -> dict[str, Any]:
    past = request.GET.get("when") == "past"
    form = EventFilterForm(request.GET or None, communities=community_choices())
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
    return {
        "form": form,
        "page": page,
        "past": past,
        "notices": notices,
        "query_string": query.urlencode(),
        "tab_query_string": tab_query.urlencode(),
        "filtered": bool(values),
        "can_create": check("events.add_event", request.user),
    }


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
