"""Registering and cancelling, and the organizer's registrant list, capacity and switch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core import spreadsheet
from kyoso.core.policy import check, deny, login_required, rule_required
from kyoso.events import messages, selectors
from kyoso.events.forms import CapacityForm, RegistrationForm
from kyoso.events.models import Event, RegistrationStatus
from kyoso.events.services import events as event_services
from kyoso.events.services import registration as services
from kyoso.events.views.detail import render_detail


def _event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return selectors.event_detail(pk, request.user)


@require_POST
@rule_required("events.view_event", get_object=_event)
def register(request: HttpRequest, pk: int, obj: Event) -> HttpResponseBase:
    """Declared ``events.view_event``: whether registration is open is told in words (closed,
    not open yet, cancelled, …) on the event page rather than as a bare 403."""
    if not request.user.is_authenticated:
        return deny(request)
    if not check("events.add_event", request.user):
        flash.error(request, messages.VERIFY_EMAIL_FIRST)
        return redirect("events:detail", pk=obj.pk)
    form = RegistrationForm(request.POST, event=obj)
    if not form.is_valid():
        return render_detail(request, obj, status=400, form=form)
    try:
        registration = services.registration_create(
            actor=request.user,
            event=obj,
            attendance=form.cleaned_data.get("attendance") or None,
            answers=form.answers(),
        )
    except services.AlreadyRegistered as error:
        flash.info(request, error.message)
    except event_services.EventError as error:
        form.add_error(None, error.message)
        return render_detail(request, obj, status=400, form=form)
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            flash.success(request, messages.REGISTERED_CONFIRMED)
        else:
            position = services.waitlist_position(registration)
            flash.success(request, messages.REGISTERED_WAITLISTED % {"position": position})
    return redirect("events:detail", pk=obj.pk)


@require_POST
@login_required
def cancel_registration(request: HttpRequest, pk: int, registration_id: int) -> HttpResponse:
    """Declared "signed in"; the rule ``events.cancel_registration`` is checked here so that a
    refusal says why (someone else's registration, already cancelled, the event has started)
    instead of a bare 403."""
    event = selectors.event_for_viewer(pk, request.user)
    registration = selectors.registration_of(event, registration_id)
    by_organizer = registration.user_id != request.user.pk
    if not check("events.cancel_registration", request.user, registration):
        if registration.status == RegistrationStatus.CANCELLED:
            reason = messages.ALREADY_CANCELLED
        elif by_organizer:
            reason = messages.NOT_YOUR_REGISTRATION
        else:
            reason = messages.CANNOT_CANCEL_AFTER_START
        return render(
            request, "events/refused.html", {"event": event, "message": reason}, status=403
        )
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except event_services.EventError as error:
        flash.error(request, error.message)
    else:
        flash.success(
            request,
            messages.REGISTRATION_CANCELLED_BY_ORGANIZER
            if by_organizer
            else messages.REGISTRATION_CANCELLED_DONE,
        )
    if by_organizer:
        return redirect("events:registrants", pk=pk)
    return redirect("events:detail", pk=pk)


@rule_required("events.manage_registrations", get_object=_event)
def registrants(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    groups = selectors.registrants(obj)
    return render(
        request,
        "events/registrants.html",
        {
            "event": obj,
            "questions": list(obj.questions.all()),
            "capacity_form": CapacityForm(
                initial={
                    "capacity_venue": obj.capacity_venue,
                    "capacity_online": obj.capacity_online,
                }
            ),
            **groups,
        },
    )


@rule_required("events.manage_registrations", get_object=_event)
def registrants_csv(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    """Every registration with its answers, as CSV for spreadsheets (kyoso.core.spreadsheet:
    a BOM for Excel, typed answers that look like formulas kept as text)."""
    groups = selectors.registrants(obj)
    questions = list(obj.questions.all())
    header: list[object] = [_("状態"), _("順番"), _("参加方法"), _("氏名"), _("メールアドレス")]
    rows: list[Sequence[object]] = [header + [_("申込日時")] + [q.text for q in questions]]
    for status in ("confirmed", "waitlist", "cancelled"):
        for number, r in enumerate(groups[status], start=1):
            answers = {a.question_id: a.text for a in r.answers.all()}
            rows.append(
                [
                    r.get_status_display(),
                    number if status == "waitlist" else "",
                    r.get_attendance_display(),
                    r.user.public_name if r.user else r.walk_in_name,
                    r.user.email if r.user else "",
                    timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
                ]
                + [answers.get(q.pk, "") for q in questions]
            )
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.EVENT_REGISTRANTS_EXPORTED,
        target=obj,
        request=request,
    )
    content = "".join(spreadsheet.csv_lines(rows))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{obj.pk}-registrants.csv"'
    return response


@require_POST
@rule_required("events.manage_registrations", get_object=_event)
def capacity(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            promoted = event_services.event_set_capacity(
                actor=request.user,
                event=obj,
                capacity_venue=form.cleaned_data.get("capacity_venue"),
                capacity_online=form.cleaned_data.get("capacity_online"),
            )
        except event_services.EventError as error:
            form.add_error(None, error.message)
        else:
            flash.success(
                request,
                messages.CAPACITY_SAVED_PROMOTED % {"count": len(promoted)}
                if promoted
                else messages.CAPACITY_SAVED,
            )
            return redirect("events:registrants", pk=obj.pk)
    groups = selectors.registrants(obj)
    return render(
        request,
        "events/registrants.html",
        {
            "event": obj,
            "questions": list(obj.questions.all()),
            "capacity_form": form,
            **groups,
        },
        status=400,
    )


@require_POST
@rule_required("events.manage_registrations", get_object=_event)
def registration_switch(request: HttpRequest, pk: int, obj: Event) -> HttpResponse:
    closed = request.POST.get("closed") == "1"
    event_services.registration_set_closed(actor=request.user, event=obj, closed=closed)
    flash.success(
        request,
        messages.REGISTRATION_CLOSED_DONE if closed else messages.REGISTRATION_REOPENED_DONE,
    )
    return redirect("events:registrants", pk=obj.pk)


urlpatterns = [
    path("<int:pk>/register/", register, name="register"),
    path(
        "<int:pk>/registrations/<int:registration_id>/cancel/",
        cancel_registration,
        name="cancel_registration",
    ),
    path("<int:pk>/registrants/", registrants, name="registrants"),
    path("<int:pk>/registrants.csv", registrants_csv, name="registrants_csv"),
    path("<int:pk>/capacity/", capacity, name="capacity"),
    path("<int:pk>/registration-switch/", registration_switch, name="registration_switch"),
]
