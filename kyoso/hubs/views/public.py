"""Hubs and spaces for everyone; booking, series and my bookings for people signed in."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kyoso.core.money import format_yen_ja
from kyoso.core.policy import login_required, public, rule_required
from kyoso.hubs import messages, selectors
from kyoso.hubs import selectors_bookings as bookings
from kyoso.hubs.forms import DayPassForm, EventHoldForm, SeriesForm, SlotForm
from kyoso.hubs.models import Space
from kyoso.hubs.services import bookings as services
from kyoso.hubs.services import series as series_services
from kyoso.hubs.services.common import BookingError


def _month(request: HttpRequest) -> date:
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def _space(request: HttpRequest, slug: str, space: str, **kwargs: Any) -> Space:
    hub = selectors.hub_get_by_slug(slug)
    found = bookings.space_get(hub, space)
    if not found.active and not selectors.is_hub_staff(hub, request.user):
        raise Http404
    return found


@public
def hub_list(request: HttpRequest) -> HttpResponse:
    hubs = list(selectors.hub_list())
    counts = bookings.hub_counts()
    for hub in hubs:
        hub.space_count = counts.get(hub.pk, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "hubs/list.html",
        {"hubs": hubs, "my_hubs": list(selectors.hubs_for_staff(request.user))},
    )


@public
def hub_detail(request: HttpRequest, slug: str) -> HttpResponse:
    hub = selectors.hub_get_by_slug(slug)
    return render(
        request,
        "hubs/detail.html",
        {
            "hub": hub,
            "spaces": hub.active_spaces,  # type: ignore[attr-defined]
            "is_staff": selectors.is_hub_staff(hub, request.user),
            "hours": selectors.hub_hours(hub),
            "photos": selectors.hub_photos(hub),
        },
    )


def _price_text(space: Space) -> str:
    if space.price_yen == 0:
        return format_yen_ja(0)
    return f"{format_yen_ja(space.price_yen)} / {space.get_price_unit_display()}"


@public
def space_detail(request: HttpRequest, slug: str, space: str) -> HttpResponse:
    obj = _space(request, slug, space)
    first = _month(request)
    weeks = bookings.month_weeks(obj, first)
    day_param = request.GET.get("date", "")
    chosen = None
    try:
        chosen_day = date.fromisoformat(day_param) if day_param else None
    except ValueError:
        chosen_day = None
    if chosen_day is not None:
        chosen = next((d for w in weeks for d in w if d.day == chosen_day), None)
        if chosen is None:
            chosen = bookings.availability(obj, chosen_day, chosen_day)[0]
    prev_month = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    next_month = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    form = DayPassForm() if obj.is_desk_pool else SlotForm(initial={"day": chosen_day})
    return render(
        request,
        "hubs/space.html",
        {
            "hub": obj.hub,
            "space": obj,
            "weeks": weeks,
            "month": first,
            "prev_month": prev_month,
            "next_month": next_month,
            "chosen": chosen,
            "price": _price_text(obj),
            "form": form,
            "may_book": selectors.may_book(request.user, obj),
        },
    )


@rule_required("hubs.book_space", get_object=_space)
def space_book(request: HttpRequest, slug: str, space: str, obj: Space) -> HttpResponse:
    """Two steps: the form shows the price and conditions, the person confirms."""
    form_class = DayPassForm if obj.is_desk_pool else SlotForm
    form: DayPassForm | SlotForm = form_class(request.POST or request.GET or None)
    refusal: BookingError | None = None
    quote = None
    status = 200
    if form.is_bound and form.is_valid():
        if obj.is_desk_pool:
            from kyoso.hubs.opening import hub_calendar

            day = form.cleaned_data["day"]
            hours = hub_calendar(obj.hub, start=day, end=day).on(day)
            if hours.is_open:
                quote = services.quote(
                    space=obj, user=request.user, starts_at=hours.opens_at, ends_at=hours.closes_at
                )
        else:
            assert isinstance(form, SlotForm)
            starts_at, ends_at = form.range()
            quote = services.quote(
                space=obj, user=request.user, starts_at=starts_at, ends_at=ends_at
            )
        if request.method == "POST" and request.POST.get("confirm") == "1":
            try:
                if obj.is_desk_pool:
                    booking = services.day_pass_create(
                        actor=request.user, space=obj, day=form.cleaned_data["day"], request=request
                    )
                else:
                    assert isinstance(form, SlotForm)
                    starts_at, ends_at = form.range()
                    booking = services.booking_create(
                        actor=request.user,
                        space=obj,
                        starts_at=starts_at,
                        ends_at=ends_at,
                        purpose=form.cleaned_data["purpose"],
                        attendees=form.cleaned_data["attendees"],
                        request=request,
                    )
            except BookingError as error:
                refusal = error
                status = 409
            else:
                flash.success(
                    request,
                    messages.REQUESTED if booking.status == "requested" else messages.BOOKED,
                )
                return redirect("hubs:my_bookings")
    elif form.is_bound:
        status = 400
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "hubs/book.html",
        {
            "hub": obj.hub,
            "space": obj,
            "form": form,
            "quote": quote,
            "owed": format_yen_ja(quote.owed_yen) if quote else "",
            "refusal": refusal,
            "price": _price_text(obj),
        },
        status=status,
    )


@rule_required("hubs.book_space", get_object=_space)
def space_hold_for_event(request: HttpRequest, slug: str, space: str, obj: Space) -> HttpResponse:
    """An organizer holds this room as the venue of one of their coming events: the booking
    takes the event's times, and follows the event when it moves or is cancelled."""
    from kyoso.events.selectors import my_organized_events
    from kyoso.hubs.services import events as event_services

    now = timezone.now()
    events = [
        e
        for e in my_organized_events(request.user)
        if e.status != "cancelled" and e.starts_at > now
    ]
    holding = event_services.events_holding([e.pk for e in events])
    events = sorted((e for e in events if e.pk not in holding), key=lambda e: e.starts_at)
    form = EventHoldForm(
        request.POST or None, events=events, initial={"event": request.GET.get("event", "")}
    )
    refusal: BookingError | None = None
    status = 200
    if obj.is_desk_pool:
        raise Http404
    if request.method == "POST":
        if form.is_valid():
            event = form.cleaned_data["event"]
            try:
                event_services.booking_hold_for_event(
                    actor=request.user,
                    space=obj,
                    event_id=event.pk,
                    starts_at=event.starts_at,
                    ends_at=event.ends_at,
                    title=event.title,
                    attendees=event.capacity_venue or 1,
                )
            except BookingError as error:
                refusal = error
                status = 409
            else:
                flash.success(
                    request, messages.EVENT_HELD % {"title": event.title, "space": obj.name}
                )
                return redirect("events:detail", event.pk)
        else:
            status = 400
    return render(
        request,
        "hubs/hold_for_event.html",
        {
            "hub": obj.hub,
            "space": obj,
            "form": form,
            "events": events,
            "refusal": refusal,
            "no_event": messages.NO_EVENT_TO_HOLD,
        },
        status=status,
    )


@rule_required("hubs.book_space", get_object=_space)
def space_series(request: HttpRequest, slug: str, space: str, obj: Space) -> HttpResponse:
    """Preview the dates (which collide and why), then book all or only the free ones."""
    form = SeriesForm(request.POST or None)
    plan = None
    refusal: BookingError | None = None
    status = 200
    if obj.is_desk_pool:
        raise Http404
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        choice = request.POST.get("choice", "")
        try:
            if choice in ("all", "free"):
                created = series_services.series_create(
                    actor=request.user,
                    space=obj,
                    rule=form.rule(),
                    start=data["start"],
                    end=data["end"],
                    description=form.description(),
                    purpose=data["purpose"],
                    only_free=choice == "free",
                    request=request,
                )
                flash.success(request, messages.SERIES_BOOKED % {"count": len(created)})
                return redirect("hubs:my_bookings")
            plan = series_services.series_plan(
                space=obj, user=request.user, rule=form.rule(), start=data["start"], end=data["end"]
            )
        except BookingError as error:
            refusal = error
            status = 409
            plan = (
                series_services.series_plan(
                    space=obj,
                    user=request.user,
                    rule=form.rule(),
                    start=data["start"],
                    end=data["end"],
                )
                if error.code == "series_collides"
                else None
            )
    elif form.is_bound:
        status = 400
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "hubs/series.html",
        {
            "hub": obj.hub,
            "space": obj,
            "form": form,
            "plan": plan,
            "collisions": [o for o in plan or [] if o.problem],
            "free_count": sum(1 for o in plan or [] if not o.problem),
            "refusal": refusal,
        },
        status=status,
    )


@public
def space_feed(request: HttpRequest, slug: str, space: str) -> HttpResponse:
    """The space's iCal feed: when it is taken, never by whom."""
    from kyoso.hubs.ics import CONTENT_TYPE
    from kyoso.hubs.ics import space_feed as feed

    obj = _space(request, slug, space)
    response = HttpResponse(feed(obj, bookings.feed_bookings(obj)), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{obj.hub.slug}-{obj.slug}.ics"'
    return response


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    from kyoso.hubs.qr import checkin_url, qr_svg

    rows = list(bookings.my_bookings(request.user)[:200])
    now = timezone.now()
    upcoming = [b for b in rows if b.ends_at > now]
    past = [b for b in rows if b.ends_at <= now]
    for b in upcoming:
        if b.status == "confirmed":
            b.qr = qr_svg(checkin_url(b), title=f"{b.space.name} {b.code}")  # type: ignore[attr-defined]
    return render(request, "hubs/mine.html", {"upcoming": upcoming, "past": past, "now": now})


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = bookings.booking_of_user(request.user, pk)
    try:
        booking = services.booking_cancel(actor=request.user, booking=booking, request=request)
    except BookingError as error:
        flash.error(request, error.message)
    else:
        if booking.owed_yen:
            flash.success(
                request, messages.CANCELLED_CHARGED % {"owed": format_yen_ja(booking.owed_yen)}
            )
        else:
            flash.success(request, messages.CANCELLED_FREE)
    return redirect("hubs:my_bookings")
