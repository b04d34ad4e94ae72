"""Hubs (拠点), their spaces, a space's availability, and the caller's bookings.

The same rules, services and selectors as the hub pages. Bookings are the caller's own; create
and cancel them with the write scope. A refused booking is a 409 with the service's ``code``
(``overlap``, ``closed_day``, ``outside_hours`` …) and its message; malformed input a 422.
"""

from datetime import date, datetime, timedelta
from datetime import date as Date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kyoso.api import auth
from kyoso.api.errors import ApiError
from kyoso.api.permissions import acting_user, rule
from kyoso.hubs import messages, selectors
from kyoso.hubs import selectors_bookings as booking_selectors
from kyoso.hubs.models import Booking, BookingKind, BookingStatus, SpaceKind, WhoMayBook
from kyoso.hubs.services import bookings as booking_services
from kyoso.hubs.services.common import BookingError

router = Router(tags=["hubs"])

#: At most this many days of availability per request.
AVAILABILITY_MAX_DAYS = 62


def _error(error: BookingError) -> ApiError:
    return ApiError(409, error.code, error.message)


class HubOut(Schema):
    slug: str
    name: str
    organization: str
    address: str
    municipality: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    access_notes: str
    booking_window_days: int
    free_cancel_hours: int
    url: str

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_municipality(obj) -> str | None:
        return obj.municipality.full_name if obj.municipality_id else None

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("hubs:detail", args=[obj.slug])


class SpaceOut(Schema):
    slug: str
    name: str
    kind: str = Field(json_schema_extra={"enum": list(SpaceKind.values)})
    kind_label: str
    capacity: int
    equipment: str
    accessibility_notes: str
    who_may_book: str = Field(json_schema_extra={"enum": list(WhoMayBook.values)})
    price_unit: str
    price_yen: int
    free_for_members: bool
    needs_approval: bool
    min_minutes: int
    max_minutes: int
    buffer_minutes: int

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())


class IntervalOut(Schema):
    starts_at: datetime
    ends_at: datetime


class DayOut(Schema):
    date: Date
    open: bool
    opens: str | None
    closes: str | None
    closed_reason: str
    free: list[IntervalOut]
    taken: list[IntervalOut]
    seats_left: int | None


class BookingOut(Schema):
    id: int
    hub: str
    space: str
    kind: str = Field(json_schema_extra={"enum": list(BookingKind.values)})
    status: str = Field(json_schema_extra={"enum": list(BookingStatus.values)})
    status_label: str
    starts_at: datetime
    ends_at: datetime
    purpose: str
    attendees: int
    owed_yen: int
    paid: bool
    free_cancel_until: datetime
    code: str
    series: int | None = Field(None, alias="series_id")

    @staticmethod
    def resolve_hub(obj) -> str:
        return obj.space.hub.slug

    @staticmethod
    def resolve_space(obj) -> str:
        return obj.space.slug

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_paid(obj) -> bool:
        return obj.paid_at is not None


class BookingIn(Schema):
    hub: str
    space: str
    #: A room: ``starts_at`` and ``ends_at``; a desk pool: ``date``.
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    day: Date | None = Field(None, alias="date")
    purpose: str = Field("", max_length=200)
    attendees: int = Field(1, ge=1, le=500)


def _hub(request: HttpRequest, slug: str, **kwargs: Any) -> Any:
    return selectors.hub_get_by_slug(slug)


def _space(request: HttpRequest, slug: str, space: str, **kwargs: Any) -> Any:
    hub = selectors.hub_get_by_slug(slug)
    found = booking_selectors.space_get(hub, space)
    if not found.active and not selectors.is_hub_staff(hub, acting_user(request)):
        raise Http404
    return found


@router.get(
    "/hubs",
    response=list[HubOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Hubs",
)
@paginate
@rule("core.public")
def hub_list(request: HttpRequest):
    """Every hub, by name."""
    return selectors.hub_list().order_by("name", "id")


@router.get(
    "/hubs/{slug}/spaces",
    response=list[SpaceOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="The spaces of a hub",
)
@paginate
@rule("hubs.view_hub", get_object=_hub)
def space_list(request: HttpRequest, slug: str, obj: Any):
    """Its active spaces, in the hub's order."""
    return obj.spaces.filter(active=True).order_by("position", "id")


@router.get(
    "/hubs/{slug}/spaces/{space}/availability",
    response=list[DayOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Availability of a space for a date range",
)
@rule("hubs.view_hub", get_object=_space)
def space_availability(
    request: HttpRequest, slug: str, space: str, start: date, end: date, obj: Any
):
    """Each day ``start``–``end`` (at most 62 days): opening hours or why closed, free and taken
    ranges of a room (buffer included), seats left in a desk pool. Never who booked."""
    if end < start or (end - start) > timedelta(days=AVAILABILITY_MAX_DAYS - 1):
        raise ApiError(
            422,
            "validation_error",
            messages.AVAILABILITY_RANGE % {"days": AVAILABILITY_MAX_DAYS},
        )
    return [
        {
            "date": d.day,
            "open": d.hours.is_open,
            "opens": f"{d.hours.opens:%H:%M}" if d.hours.is_open and d.hours.opens else None,
            "closes": f"{d.hours.closes:%H:%M}" if d.hours.is_open and d.hours.closes else None,
            "closed_reason": d.hours.closed_reason,
            "free": [{"starts_at": i.starts_at, "ends_at": i.ends_at} for i in d.free],
            "taken": [{"starts_at": i.starts_at, "ends_at": i.ends_at} for i in d.taken],
            "seats_left": d.seats_left,
        }
        for d in booking_selectors.availability(obj, start, end)
    ]


@router.get("/bookings", response=list[BookingOut], summary="The caller's bookings")
@paginate
@rule("core.authenticated")
def booking_list(request: HttpRequest):
    """Newest day first."""
    return booking_selectors.my_bookings(acting_user(request))


def _space_of_payload(request: HttpRequest, payload: BookingIn, **kwargs: Any) -> Any:
    return _space(request, payload.hub, payload.space)


@router.post("/bookings", response={201: BookingOut}, summary="Book a space")
@rule("hubs.book_space", get_object=_space_of_payload)
def booking_create(request: HttpRequest, payload: BookingIn, obj: Any):
    """A room: ``starts_at`` and ``ends_at`` (with an offset; without one, Japan time). A
    desk pool: ``date`` (a day pass). 409 with the reason when refused (``overlap``,
    ``closed_day``, ``outside_hours``, ``too_long``, ``full`` …)."""
    user = acting_user(request)
    try:
        if obj.is_desk_pool:
            if payload.day is None:
                raise ApiError(422, "validation_error", messages.DAY_REQUIRED)
            booking = booking_services.day_pass_create(actor=user, space=obj, day=payload.day)
        else:
            if payload.starts_at is None or payload.ends_at is None:
                raise ApiError(422, "validation_error", messages.RANGE_REQUIRED)
            from kyoso.hubs.opening import TOKYO

            starts_at, ends_at = (
                v if v.tzinfo else v.replace(tzinfo=TOKYO)
                for v in (payload.starts_at, payload.ends_at)
            )
            booking = booking_services.booking_create(
                actor=user,
                space=obj,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=payload.purpose,
                attendees=payload.attendees,
            )
    except BookingError as error:
        raise _error(error) from None
    return Status(201, Booking.objects.select_related("space__hub").get(pk=booking.pk))


def _own_booking(request: HttpRequest, booking_id: int, **kwargs: Any) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("space__hub"), pk=booking_id, user_id=acting_user(request).pk
    )


@router.delete("/bookings/{booking_id}", response={200: BookingOut}, summary="Cancel a booking")
@rule("hubs.cancel_booking", get_object=_own_booking)
def booking_cancel(request: HttpRequest, booking_id: int, obj: Booking):
    """Cancels one of the caller's bookings (one occurrence of a series). Free until
    ``free_cancel_until``; later ``owed_yen`` stays. 409 ``not_cancellable`` when it has
    started, ended or was already cancelled. Someone else's booking is a 404."""
    try:
        booking = booking_services.booking_cancel(actor=acting_user(request), booking=obj)
    except BookingError as error:
        raise _error(error) from None
    return Booking.objects.select_related("space__hub").get(pk=booking.pk)
