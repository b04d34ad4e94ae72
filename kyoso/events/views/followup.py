"""The follow-up pages: one event's surfaced issues for the people who attended it, and
"my follow-ups" across every event the person attended."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from kyoso.core.policy import check, login_required, rule_required
from kyoso.events.models import Event
from kyoso.events.rules import minutes_of
from kyoso.events.selectors_followup import (
    conversion_of,
    event_for_minutes,
    followups_of,
    outgrowths_of,
    surfaced_for_page,
)


def _event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return event_for_minutes(pk)


@rule_required("events.view_followup", get_object=_event)
def followup(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    minutes = minutes_of(obj)
    published = minutes is not None and minutes.published_at is not None
    is_organizer = check("events.view_conversion", request.user, obj)
    context = {
        "event": obj,
        "minutes": minutes,
        "published": published,
        # Attendees see the issues once the minutes are out; the organizers see them at once.
        "issues": (
            surfaced_for_page(minutes, request.user, organizer=is_organizer)
            if published or is_organizer
            else []
        ),
        "is_organizer": is_organizer,
        "outgrowths": outgrowths_of(obj),
        "conversion": conversion_of(obj) if is_organizer else None,
    }
    return render(request, "events/followup.html", context)


@login_required
def my_followups(request: HttpRequest) -> HttpResponse:
    return render(request, "events/followups.html", {"events": followups_of(request.user)})


urlpatterns = [
    path("followups/", my_followups, name="followups"),
    path("<int:pk>/followup/", followup, name="followup"),
]
