"""A hub's concierge page (open slots, booking, the concierges, walk-ins), the concierge's desk
(bookings to come, records to write, follow-ups due) and the person's own page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from kyoso.concierge import messages, selectors, services
from kyoso.concierge.forms import ConciergeAddForm, SlotForm, SubjectForm, WalkInForm
from kyoso.concierge.services import ConciergeError
from kyoso.core.policy import check, login_required, rule_required
from kyoso.hubs.selectors import hub_get_by_slug


def _hub(request: HttpRequest, slug: str, **kwargs: Any) -> Any:
    return hub_get_by_slug(slug)


def _refuse(form: Any, error: ConciergeError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@login_required
def hub_page(request: HttpRequest, slug: str) -> HttpResponse:
    hub = hub_get_by_slug(slug)
    manage = check("concierge.manage_concierges", request.user, hub)
    return render(
        request,
        "concierge/hub.html",
        {
            "hub": hub,
            "slots": selectors.open_slots(hub),
            "manage": manage,
            "concierges": selectors.concierges_of(hub) if manage else [],
            "add_form": ConciergeAddForm() if manage else None,
            "may_offer": check("concierge.add_slot", request.user, hub),
            "may_walk_in": check("concierge.record_walk_in", request.user, hub),
            "may_see_figures": check("concierge.view_figures", request.user, hub),
        },
    )


@require_POST
@rule_required("concierge.manage_concierges", get_object=_hub)
def concierge_add(request: HttpRequest, slug: str, obj: Any) -> HttpResponse:
    form = ConciergeAddForm(request.POST)
    if form.is_valid():
        try:
            services.concierge_add(
                actor=request.user, hub=obj, email=form.cleaned_data["email"], request=request
            )
        except ConciergeError as error:
            _refuse(form, error)
        else:
            flash.success(request, messages.CONCIERGE_ADDED)
            return redirect("concierge:hub", slug=obj.slug)
    return render(
        request,
        "concierge/hub.html",
        {
            "hub": obj,
            "slots": selectors.open_slots(obj),
            "manage": True,
            "concierges": selectors.concierges_of(obj),
            "add_form": form,
        },
        status=400,
    )


@require_POST
@rule_required("concierge.manage_concierges", get_object=_hub)
def concierge_remove(request: HttpRequest, slug: str, pk: int, obj: Any) -> HttpResponse:
    concierge = selectors.concierge_of(obj, pk)
    services.concierge_remove(actor=request.user, concierge=concierge, request=request)
    flash.success(request, messages.CONCIERGE_REMOVED)
    return redirect("concierge:hub", slug=obj.slug)


@rule_required("concierge.add_slot", get_object=_hub)
def slot_create(request: HttpRequest, slug: str, obj: Any) -> HttpResponse:
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.slot_create(
                actor=request.user,
                hub=obj,
                starts_at=form.cleaned_data["starts_at"],
                minutes=form.cleaned_data["minutes"],
                request=request,
            )
        except ConciergeError as error:
            _refuse(form, error)
        else:
            flash.success(request, messages.SLOT_CREATED)
            return redirect("concierge:hub", slug=obj.slug)
    status = 400 if form.errors else 200
    return render(request, "concierge/slot_form.html", {"hub": obj, "form": form}, status=status)


def _slot(request: HttpRequest, pk: int, **kwargs: Any) -> Any:
    return selectors.slot_get(pk)


@rule_required("concierge.book_slot", get_object=_slot)
def slot_book(request: HttpRequest, pk: int, obj: Any) -> HttpResponse:
    form = SubjectForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.slot_book(
                actor=request.user, slot=obj, subject=form.subject(), request=request
            )
        except ConciergeError as error:
            _refuse(form, error)
        else:
            flash.success(request, messages.BOOKED)
            return redirect("concierge:consultation", pk=consultation.pk)
    if form.errors and not form.non_field_errors():
        form.add_error(None, messages.FORM_HAS_ERRORS)
    status = 400 if form.errors else 200
    return render(request, "concierge/book.html", {"slot": obj, "form": form}, status=status)


@rule_required("concierge.record_walk_in", get_object=_hub)
def walk_in(request: HttpRequest, slug: str, obj: Any) -> HttpResponse:
    form = WalkInForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.walk_in_record(
                actor=request.user,
                hub=obj,
                concierge=request.user,
                email=data.get("email") or "",
                name=normalize(data.get("name") or ""),
                subject=form.subject(),
                starts_at=data["starts_at"],
                minutes=data["minutes"],
                request=request,
            )
        except ConciergeError as error:
            _refuse(form, error)
        else:
            flash.success(request, messages.WALK_IN_RECORDED)
            if check("concierge.write_record", request.user, consultation):
                return redirect("concierge:record", pk=consultation.pk)
            return redirect("concierge:hub", slug=obj.slug)
    status = 400 if form.errors else 200
    return render(request, "concierge/walk_in.html", {"hub": obj, "form": form}, status=status)


def normalize(text: str) -> str:
    from kyoso.core.text import normalize_text

    return normalize_text(text)


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The concierge's list: follow-ups due, records to write, bookings to come."""
    return render(
        request,
        "concierge/desk.html",
        {
            "hubs": selectors.hubs_of_concierge(request.user),
            "follow_ups": selectors.follow_ups_due(request.user),
            "to_record": selectors.to_record(request.user),
            "upcoming": selectors.desk_upcoming(request.user),
        },
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "concierge/mine.html",
        {
            "consultations": selectors.my_consultations(request.user),
            "follow_ups": selectors.my_follow_ups(request.user),
        },
    )


urlpatterns = [
    path("", desk, name="desk"),
    path("mine/", mine, name="mine"),
    path("hubs/<slug:slug>/", hub_page, name="hub"),
    path("hubs/<slug:slug>/concierges/", concierge_add, name="concierge_add"),
    path("hubs/<slug:slug>/concierges/<int:pk>/remove/", concierge_remove, name="concierge_remove"),
    path("hubs/<slug:slug>/slots/new/", slot_create, name="slot_create"),
    path("hubs/<slug:slug>/walk-in/", walk_in, name="walk_in"),
    path("slots/<int:pk>/book/", slot_book, name="book"),
]
