"""The month calendar of events and the iCal downloads and feeds.

- ``/events/calendar/?month=2021-06`` (filters: kind, theme, municipality, community, where)
- ``/events.ics``: every listed event (mounted in ``kyoso/urls.py`` at the site root)
- ``/events/community/<slug>.ics``: the events of one community
- ``/events/<id>/event.ics``: one event
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kyoso.core.policy import public, rule_required
from kyoso.events import ics
from kyoso.events import selectors_calendar as selectors
from kyoso.events.forms_calendar import CalendarForm
from kyoso.events.models import Event, EventStatus
from kyoso.events.selectors_checkin import event_for_attendance

#: How long calendar apps and proxies may keep a feed.
FEED_MAX_AGE = 15 * 60


def _ics_response(data: bytes, *, filename: str, inline: bool, shared: bool = True) -> HttpResponse:
    """``shared``: proxies may keep it (never for a draft only its organizers may see)."""
    response = HttpResponse(data, content_type=ics.CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}" if shared else "private, no-store"
    return response


@public
@require_GET
def month(request: HttpRequest) -> HttpResponse:
    form = CalendarForm(request.GET, choices=selectors.filter_choices())
    form.is_valid()
    first, filters = form.result()
    cal = selectors.month_calendar(first, filters)
    query = request.GET.copy()
    query.pop("month", None)
    return render(
        request,
        "events/calendar.html",
        {
            "form": form,
            "month": cal,
            "weekday_names": selectors.WEEKDAY_NAMES,
            "filter_query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@public
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    data = ics.calendar_bytes(selectors.feed_events(), name=_("Kyosoのイベント"), key="all")
    return _ics_response(data, filename="events.ics", inline=True)


@public
@require_GET
def community_feed(request: HttpRequest, slug: str) -> HttpResponse:
    from kyoso.communities.selectors import community_by_slug

    community = community_by_slug(slug)
    data = ics.calendar_bytes(
        selectors.feed_events(community=community),
        name=_("%(name)sのイベント") % {"name": community.name},
        key=f"community-{community.pk}",
    )
    return _ics_response(data, filename=f"{community.slug}.ics", inline=True)


def _event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return event_for_attendance(pk)


@rule_required("events.view_event", get_object=_event)
@require_GET
def event_file(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    return _ics_response(
        ics.event_ics(obj),
        filename=ics.event_filename(obj),
        inline=False,
        shared=obj.status != EventStatus.DRAFT,
    )


urlpatterns = [
    path("calendar/", month, name="calendar"),
    path("community/<slug:slug>.ics", community_feed, name="community_feed"),
    path("<int:pk>/event.ics", event_file, name="event_ics"),
]
