"""Events (セッション) in the API: list, detail, and registering / cancelling for the caller.

The same rules, selectors and services as the event pages: the same people may do the same
things and get the same messages. ``online_url`` is given only to organizers and to
confirmed online registrants; it is ``null`` for everyone else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from kyoso.api import auth
from kyoso.api import messages as api_messages
from kyoso.api.errors import ApiError
from kyoso.api.permissions import acting_user, rule
from kyoso.core.policy import check
from kyoso.events import messages, selectors
from kyoso.events.models import Attendance, Event, Registration, RegistrationStatus
from kyoso.events.rules import organizes_event, registration_refusal
from kyoso.events.services import events as event_services
from kyoso.events.services import registration as services

router = Router(tags=["events"])


# --- Shapes ----------------------------------------------------------------------------------


class OrganizerOut(Schema):
    kind: str = Field(description="person, organization or community")
    name: str


class SeatsOut(Schema):
    attendance: str = Field(description="venue or online")
    capacity: int | None = Field(description="null: no limit")
    confirmed: int
    left: int | None


class EventOut(Schema):
    id: int
    title: str
    kind: str
    theme: str
    status: str = Field(description="published or cancelled (drafts are never listed)")
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    when: str = Field(description="As the pages show it: 和暦 and 西暦 in Japanese, else Gregorian")
    mode: str
    venue_name: str
    municipality: str | None = Field(description="JIS municipality code")
    organizer: OrganizerOut
    seats: list[SeatsOut]
    url: str


class GuestOut(Schema):
    name: str
    affiliation: str
    title: str
    profile: str


class EventQuestionOut(Schema):
    id: int
    text: str
    required: bool


class RegistrationOut(Schema):
    id: int
    status: str = Field(description="confirmed, waitlisted or cancelled")
    attendance: str
    waitlist_position: int = Field(description="1 for the first in line; 0 when not waiting")
    created_at: datetime


class EventDetailOut(EventOut):
    topic: str
    description: str = Field(description="Markdown")
    audience: str
    venue_address: str
    latitude: float | None
    longitude: float | None
    online_url: str | None = Field(
        description="Only for organizers and confirmed online registrants; null otherwise"
    )
    registration_open: bool
    registration_refusal: str | None = Field(description="Why registration is not open")
    waitlist: dict[str, int]
    guests: list[GuestOut]
    questions: list[EventQuestionOut]
    related_issues: list[int]
    my_registration: RegistrationOut | None


class EventAnswerIn(Schema):
    question: int
    text: str = Field("", max_length=2000)


class RegistrationIn(Schema):
    attendance: str | None = Field(
        None, description="venue or online; needed only for a hybrid event"
    )
    answers: list[EventAnswerIn] = Field(default_factory=list)


class EventListQuery(Schema):
    when: str = Field("upcoming", pattern="^(upcoming|past)$")
    kind: str = ""
    theme: str = ""
    municipality: str = ""
    community: int | None = None
    online: str = Field("", pattern="^(|online|offline)$")


def _organizer(event: Event) -> dict[str, str]:
    if event.organization is not None:
        return {"kind": "organization", "name": event.organization.name}
    if event.community is not None:
        return {"kind": "community", "name": event.community.name}
    return {"kind": "person", "name": event.created_by.public_name}


def _seats(event: Event) -> list[dict[str, Any]]:
    left = selectors.seats_left(event)
    return [
        {
            "attendance": attendance,
            "capacity": event.capacity_venue
            if attendance == Attendance.VENUE
            else event.capacity_online,
            "confirmed": event.confirmed_venue
            if attendance == Attendance.VENUE
            else event.confirmed_online,
            "left": value,
        }
        for attendance, value in left.items()
    ]


def event_out(event: Event) -> dict[str, Any]:
    from django.urls import reverse

    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "theme": event.theme,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "all_day": event.all_day,
        "when": getattr(event, "when", ""),
        "mode": event.mode,
        "venue_name": event.venue_name,
        "municipality": event.municipality_id,
        "organizer": _organizer(event),
        "seats": _seats(event),
        "url": reverse("events:detail", args=[event.pk]),
    }


def registration_out(registration: Registration) -> dict[str, Any]:
    return {
        "id": registration.pk,
        "status": registration.status,
        "attendance": registration.attendance,
        "waitlist_position": services.waitlist_position(registration),
        "created_at": registration.created_at,
    }


def event_detail_out(event: Event, viewer: Any) -> dict[str, Any]:
    mine = getattr(event, "viewer_registration", None)
    confirmed_online = (
        mine is not None
        and mine.status == RegistrationStatus.CONFIRMED
        and mine.attendance == Attendance.ONLINE
    )
    show_url = bool(event.online_url) and (organizes_event(viewer, event) or confirmed_online)
    refusal = registration_refusal(event)
    return {
        **event_out(event),
        "topic": event.topic,
        "description": event.description,
        "audience": event.audience,
        "venue_address": event.venue_address,
        "latitude": float(event.latitude) if event.latitude is not None else None,
        "longitude": float(event.longitude) if event.longitude is not None else None,
        "online_url": event.online_url if show_url else None,
        "registration_open": refusal is None,
        "registration_refusal": str(refusal) if refusal is not None else None,
        "waitlist": {
            "venue": getattr(event, "waitlist_venue", 0),
            "online": getattr(event, "waitlist_online", 0),
        },
        "guests": [
            {"name": g.name, "affiliation": g.affiliation, "title": g.title, "profile": g.profile}
            for g in event.guests.all()
        ],
        "questions": [
            {"id": q.pk, "text": q.text, "required": q.required} for q in event.questions.all()
        ],
        "related_issues": [i.pk for i in event.visible_related_issues],  # type: ignore[attr-defined]
        "my_registration": registration_out(mine) if mine is not None else None,
    }


# --- Loading and refusals --------------------------------------------------------------------


def _event(request: HttpRequest, event_id: int, **kwargs: Any) -> Event:
    return selectors.event_detail(event_id, acting_user(request))


def _register_refusal(request: HttpRequest, event: Event) -> ApiError | None:
    user = acting_user(request)
    if not user.is_authenticated:
        return None
    if not user.is_email_verified:
        return ApiError(
            403, "email_verification_required", api_messages.EMAIL_VERIFICATION_REQUIRED
        )
    if event.status == "draft":
        return None  # 403: drafts are not for others to know about
    refusal = registration_refusal(event)
    if refusal is not None:
        return ApiError(409, "registration_not_open", refusal)
    return None


def _refusal(error: event_services.EventError) -> ApiError:
    if isinstance(error, services.AlreadyRegistered):
        return ApiError(409, "already_registered", error.message)
    return ApiError(409, "registration_refused", error.message)


# --- Operations ------------------------------------------------------------------------------


@router.get(
    "/events",
    response=list[EventOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Events",
)
@paginate
@rule("core.public")
def event_list(request: HttpRequest, filters: Query[EventListQuery]):
    """Published and cancelled events: ``when=upcoming`` (the default, soonest first) or
    ``past`` (latest first), with the list page's filters."""
    values = filters.model_dump()
    past = values.pop("when") == "past"
    events = selectors.filtered_events(selectors.EventFilters(past=past, **values))
    return _EventPage(events)


class _EventPage:
    """The queryset, turned into output rows only for the page that is sliced out."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:  # pragma: no cover - the paginator calls count()
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [event_out(e) for e in selectors.with_when(self.queryset[item])]


@router.get(
    "/events/{event_id}",
    response=EventDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One event",
)
@rule("events.view_event", get_object=_event)
def event_detail(request: HttpRequest, event_id: int, obj: Event):
    """A draft is seen only by its organizers (403 / 401 for others)."""
    return event_detail_out(obj, acting_user(request))


@router.post(
    "/events/{event_id}/registration",
    response={201: RegistrationOut},
    summary="Register for an event",
)
@rule("events.register_event", get_object=_event, refusal=_register_refusal)
def registration_create(request: HttpRequest, event_id: int, payload: RegistrationIn, obj: Event):
    """Confirmed while seats remain, otherwise waitlisted (``waitlist_position`` says where).
    409 ``already_registered`` when the caller already holds a registration;
    409 ``registration_not_open`` with the reason when registration is closed."""
    try:
        registration = services.registration_create(
            actor=acting_user(request),
            event=obj,
            attendance=payload.attendance or None,
            answers={a.question: a.text for a in payload.answers},
        )
    except event_services.EventError as error:
        raise _refusal(error) from None
    return Status(201, registration_out(registration))


@router.delete(
    "/events/{event_id}/registration",
    response=RegistrationOut,
    summary="Cancel your registration",
)
@rule("events.view_event", get_object=_event)
def registration_cancel(request: HttpRequest, event_id: int, obj: Event):
    """Cancels the caller's own registration (404 when there is none). A freed seat goes to
    the first person on the waitlist, who is told by mail."""
    user = acting_user(request)
    mine = services.live_registration_of(user, obj)
    if mine is None:
        raise ApiError(404, "not_registered", messages.NOT_REGISTERED)
    mine.event = obj
    if not check("events.cancel_registration", user, mine):
        raise ApiError(409, "cannot_cancel", messages.CANNOT_CANCEL_AFTER_START)
    try:
        cancelled = services.registration_cancel(actor=user, registration=mine)
    except event_services.EventError as error:
        raise _refusal(error) from None
    return registration_out(cancelled)
