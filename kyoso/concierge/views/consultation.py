"""One consultation: what the person and the concierge see, the private record (concierges
and the secretariat), introductions, status moves and the follow-up. Anyone who may not see the
consultation gets a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.concierge import messages, selectors, services
from kyoso.concierge.forms import IntroductionForm, MoveForm, RecordForm
from kyoso.concierge.services import CONCIERGE_MOVES, PERSON_MOVES, ConciergeError
from kyoso.core.policy import check, rule_required


def _consultation(request: HttpRequest, pk: int, **kwargs: Any) -> Any:
    return selectors.consultation_for_viewer(pk, request.user)


def _context(request: HttpRequest, consultation: Any, **extra: Any) -> dict[str, Any]:
    user = request.user
    read_record = check("concierge.view_record", user, consultation)
    write = check("concierge.write_record", user, consultation)
    moves = (
        CONCIERGE_MOVES if write else (PERSON_MOVES if consultation.person_id == user.pk else {})
    )
    context: dict[str, Any] = {
        "consultation": consultation,
        "read_record": read_record,
        "write": write,
        "moves": sorted(moves.get(consultation.status, set())),
        "move_labels": dict(consultation._meta.get_field("status").choices),
    }
    if read_record:
        context.update(selectors.consultation_record_parts(consultation))
    context.update(extra)
    return context


@rule_required("concierge.view_consultation", get_object=_consultation)
def consultation_detail(request: HttpRequest, pk: int, obj: Any) -> HttpResponse:
    return render(request, "concierge/consultation.html", _context(request, obj))


@rule_required("concierge.write_record", get_object=_consultation)
def record(request: HttpRequest, pk: int, obj: Any) -> HttpResponse:
    initial = {
        "asked": obj.asked,
        "advised": obj.advised,
        "follow_up_on": obj.follow_up_on,
        "follow_up_note": obj.follow_up_note,
    }
    form = RecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_write(
                actor=request.user, consultation=obj, record=form.record(), request=request
            )
        except ConciergeError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            flash.success(request, messages.RECORD_SAVED)
            return redirect("concierge:record", pk=obj.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "concierge/record.html",
        _context(request, obj, form=form, intro_form=IntroductionForm()),
        status=status,
    )


@require_POST
@rule_required("concierge.write_record", get_object=_consultation)
def introduction_add(request: HttpRequest, pk: int, obj: Any) -> HttpResponse:
    form = IntroductionForm(request.POST)
    if form.is_valid() and obj.person is not None:
        try:
            services.introduction_add(
                actor=request.user,
                consultation=obj,
                from_person=obj.person,
                to_email=form.cleaned_data.get("to_email") or "",
                to_organization=form.cleaned_data.get("to_organization"),
                introduced_on=form.cleaned_data["introduced_on"],
                request=request,
            )
        except ConciergeError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            flash.success(request, messages.INTRODUCTION_ADDED)
            return redirect("concierge:record", pk=obj.pk)
    if obj.person is None:
        form.add_error(None, messages.WALK_IN_NEEDS_PERSON)
    record_form = RecordForm(
        initial={
            "asked": obj.asked,
            "advised": obj.advised,
            "follow_up_on": obj.follow_up_on,
            "follow_up_note": obj.follow_up_note,
        }
    )
    return render(
        request,
        "concierge/record.html",
        _context(request, obj, form=record_form, intro_form=form),
        status=400,
    )


@require_POST
@rule_required("concierge.move_consultation", get_object=_consultation)
def move(request: HttpRequest, pk: int, obj: Any) -> HttpResponse:
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_move(
                actor=request.user,
                consultation=obj,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ConciergeError as error:
            flash.error(request, error.message)
            return render(
                request, "concierge/consultation.html", _context(request, obj), status=409
            )
        flash.success(request, messages.MOVED)
    return redirect("concierge:consultation", pk=obj.pk)


@require_POST
@rule_required("concierge.write_record", get_object=_consultation)
def followed_up(request: HttpRequest, pk: int, obj: Any) -> HttpResponse:
    try:
        services.follow_up_done(actor=request.user, consultation=obj, request=request)
    except ConciergeError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, messages.FOLLOWED_UP)
    return redirect("concierge:desk")


urlpatterns = [
    path("consultations/<int:pk>/", consultation_detail, name="consultation"),
    path("consultations/<int:pk>/record/", record, name="record"),
    path("consultations/<int:pk>/introductions/", introduction_add, name="introduction_add"),
    path("consultations/<int:pk>/move/", move, name="move"),
    path("consultations/<int:pk>/followed-up/", followed_up, name="followed_up"),
]
