"""The event page: what, who, when, where, seats, the viewer's registration."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from kyoso.core.policy import check, rule_required
from kyoso.events import selectors
from kyoso.events.forms import RegistrationForm
from kyoso.events.models import Attendance, Event, EventMode, RegistrationStatus
from kyoso.events.rules import organizes_event, registration_refusal
from kyoso.events.services.registration import waitlist_position


def detail_context(
    request: HttpRequest, event: Event, *, form: RegistrationForm | None = None
) -> dict[str, Any]:
    user = request.user
    registration = getattr(event, "viewer_registration", None)
    organizer = organizes_event(user, event)
    can_register = registration is None and check("events.register_event", user, event)
    confirmed_online = (
        registration is not None
        and registration.status == RegistrationStatus.CONFIRMED
        and registration.attendance == Attendance.ONLINE
    )
    show_online_url = bool(event.online_url) and (organizer or confirmed_online)
    # The project it is held for, to those who may see the project (a hidden one: its members
    # and the secretariat; kyoso.projects' rule, no query for a visible project).
    project = event.project if event.project_id is not None else None
    if project is not None and not check("projects.view_project", user, project):
        project = None
    return {
        "event": event,
        "guests": list(event.guests.all()),
        "related_issues": event.visible_related_issues,  # type: ignore[attr-defined]
        "registration": registration,
        "position": waitlist_position(registration) if registration else 0,
        "can_cancel": registration is not None
        and check("events.cancel_registration", user, registration),
        "can_register": can_register,
        "refusal": None if registration else registration_refusal(event),
        "form": form or (RegistrationForm(event=event) if can_register else None),
        "is_organizer": organizer,
        "can_edit": check("events.change_event", user, event),
        "can_manage": check("events.manage_registrations", user, event),
        "show_online_url": show_online_url,
        "hybrid": event.mode == EventMode.HYBRID,
        "project": project,
        "invited": bool(getattr(event, "viewer_invited", False)) and registration is None,
    }


def render_detail(
    request: HttpRequest, event: Event, *, status: int = 200, form: Any = None
) -> HttpResponse:
    return render(
        request, "events/detail.html", detail_context(request, event, form=form), status=status
    )


def _event_page(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return selectors.event_detail(pk, request.user)


@rule_required("events.view_event", get_object=_event_page)
def event_detail(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    return render_detail(request, obj)


urlpatterns = [
    path("<int:pk>/", event_detail, name="detail"),
]
