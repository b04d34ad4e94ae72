"""The check-in desk of an event's organizers, the per-code confirmation an organizer's phone
opens from a ticket's QR code, and the registrant's ticket."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from kyoso.core.policy import rule_required
from kyoso.events import messages_attendance as messages
from kyoso.events import selectors_checkin as selectors
from kyoso.events.forms_checkin import CodeForm, CountForm, WalkInForm
from kyoso.events.models import Event
from kyoso.events.qr import checkin_url, qr_svg
from kyoso.events.services import checkin
from kyoso.events.services.checkin import CheckinError, normalize_code, person_name


def _event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return selectors.event_for_attendance(pk)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _desk(
    request: HttpRequest,
    event: Event,
    *,
    code_form: CodeForm | None = None,
    walk_in_form: WalkInForm | None = None,
    count_form: CountForm | None = None,
    result: str = "",
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "event": event,
        "overview": selectors.checkin_overview(event),
        "code_form": code_form or CodeForm(),
        "walk_in_form": walk_in_form or WalkInForm(),
        "count_form": count_form or CountForm(),
        "result": result,
        "refusal": refusal,
    }
    template = "events/checkin_panel.html" if _is_htmx(request) else "events/checkin.html"
    # htmx swaps error responses only when told to; the panel carries the message either way.
    return render(request, template, context, status=200 if _is_htmx(request) else status)


@rule_required("events.checkin_event", get_object=_event)
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    if request.method == "GET":
        return _desk(request, obj)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _desk(request, obj, code_form=form, status=400)
    try:
        outcome = checkin.registration_check_in(
            actor=request.user, event=obj, code=form.cleaned_data["code"], request=request
        )
    except CheckinError as error:
        return _desk(request, obj, code_form=form, refusal=error.message, status=400)
    return _desk(request, obj, result=outcome.message)


@rule_required("events.checkin_event", get_object=_event)
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, pk: int, code: str, obj: Event) -> HttpResponse:
    """Opened from the QR code: shows whose code it is, checks in on the button."""
    desk_url = reverse("events:checkin", args=[obj.pk])
    if request.method == "POST":
        try:
            outcome = checkin.registration_check_in(
                actor=request.user, event=obj, code=code, request=request
            )
        except CheckinError as error:
            flash.error(request, error.message)
        else:
            (flash.info if outcome.already else flash.success)(request, outcome.message)
        return redirect(desk_url)
    refusal = ""
    registration = None
    try:
        registration = checkin.find_registration(obj, code)
    except CheckinError as error:
        refusal = error.message
    return render(
        request,
        "events/checkin_confirm.html",
        {
            "event": obj,
            "code": normalize_code(code),
            "registration": registration,
            "name": person_name(registration) if registration else "",
            "refusal": refusal,
            "desk_url": desk_url,
        },
        status=400 if refusal else 200,
    )


@rule_required("events.checkin_event", get_object=_event)
@require_POST
def walk_in(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _desk(request, obj, walk_in_form=form, status=400)
    try:
        registration = checkin.walk_in_add(
            actor=request.user,
            event=obj,
            name=form.cleaned_data["name"],
            attendance=form.cleaned_data["attendance"],
            request=request,
        )
    except CheckinError as error:
        return _desk(request, obj, walk_in_form=form, refusal=error.message, status=400)
    return _desk(
        request, obj, result=str(messages.WALK_IN_ADDED % {"name": registration.walk_in_name})
    )


@rule_required("events.checkin_event", get_object=_event)
@require_POST
def count(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    form = CountForm(request.POST)
    if not form.is_valid():
        return _desk(request, obj, count_form=form, status=400)
    try:
        total = checkin.counted_attendance_change(
            actor=request.user, event=obj, delta=form.cleaned_data["delta"], request=request
        )
    except CheckinError as error:
        return _desk(request, obj, refusal=error.message, status=400)
    return _desk(request, obj, result=str(messages.COUNT_CHANGED % {"count": total}))


@rule_required("events.checkin_event", get_object=_event)
@require_POST
def undo(request: HttpRequest, pk: int, registration_id: int, obj: Event) -> HttpResponse:
    try:
        registration = checkin.registration_undo_check_in(
            actor=request.user, event=obj, registration_id=registration_id, request=request
        )
    except CheckinError as error:
        return _desk(request, obj, refusal=error.message, status=400)
    return _desk(
        request, obj, result=str(messages.CHECKIN_UNDONE % {"name": person_name(registration)})
    )


@rule_required("events.view_ticket", get_object=_event)
def ticket(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    registration = selectors.live_registration_of(obj, request.user)
    url = checkin_url(registration)
    return render(
        request,
        "events/ticket.html",
        {
            "event": obj,
            "registration": registration,
            "qr": qr_svg(url, title=f"{obj.title} {registration.code}"),
        },
    )


urlpatterns = [
    path("<int:pk>/ticket/", ticket, name="ticket"),
    path("<int:pk>/checkin/", desk, name="checkin"),
    # Fixed paths before the code: a code never contains "-" (see new_checkin_code).
    path("<int:pk>/checkin/walk-in/", walk_in, name="checkin_walk_in"),
    path("<int:pk>/checkin/count/", count, name="checkin_count"),
    path("<int:pk>/checkin/undo/<int:registration_id>/", undo, name="checkin_undo"),
    path("<int:pk>/checkin/<str:code>/", confirm, name="checkin_confirm"),
]
