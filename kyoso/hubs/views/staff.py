"""Pages of hub staff: setting up the hub (hub, spaces, hours, closures), the approval queue,
today's board, check-in at the desk (a code typed or the QR opened), no-shows, payments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kyoso.core.policy import login_required, rule_required
from kyoso.hubs import messages, selectors
from kyoso.hubs import selectors_bookings as bookings
from kyoso.hubs.forms import (
    ClosureForm,
    CodeForm,
    HoursForm,
    HubForm,
    PhotoForm,
    RefuseForm,
    SpaceForm,
)
from kyoso.hubs.models import Closure, Hub, Space
from kyoso.hubs.services import desk
from kyoso.hubs.services import hubs as hub_services
from kyoso.hubs.services.common import BookingError


def _hub(request: HttpRequest, slug: str, **kwargs: Any) -> Hub:
    return selectors.hub_get_by_slug(slug)


@login_required
def hub_new(request: HttpRequest) -> HttpResponse:
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user

    organizations = [
        m.organization for m in memberships_of_user(request.user).filter(role__in=MANAGER_ROLES)
    ]
    if not organizations:
        return render(
            request, "hubs/no_organization.html", {"message": messages.NO_ORGANIZATION}, status=403
        )
    form = HubForm(request.POST or None)
    chosen = request.POST.get("organization") or str(organizations[0].pk)
    organization = next((o for o in organizations if str(o.pk) == chosen), organizations[0])
    if request.method == "POST":
        if form.is_valid():
            hub = hub_services.hub_create(
                actor=request.user,
                organization=organization,
                data=form.cleaned_data,
                request=request,
            )
            flash.success(request, messages.SAVED)
            return redirect("hubs:hours", slug=hub.slug)
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "hubs/hub_form.html",
        {"form": form, "organizations": organizations, "organization": organization},
        status=400 if form.is_bound and form.errors else 200,
    )


@rule_required("hubs.change_hub", get_object=_hub)
def hub_edit(request: HttpRequest, slug: str, obj: Hub) -> HttpResponse:
    form = HubForm(request.POST or None, instance=Hub.objects.get(pk=obj.pk))
    if request.method == "POST":
        if form.is_valid():
            hub = hub_services.hub_update(
                actor=request.user, hub=obj, data=form.cleaned_data, request=request
            )
            flash.success(request, messages.SAVED)
            return redirect("hubs:detail", slug=hub.slug)
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "hubs/hub_form.html",
        {"form": form, "hub": obj},
        status=400 if form.is_bound and form.errors else 200,
    )


@rule_required("hubs.change_hub", get_object=_hub)
def hub_hours(request: HttpRequest, slug: str, obj: Hub) -> HttpResponse:
    current = {w: (h.opens, h.closes) for w, h in selectors.hub_hours(obj) if h is not None}
    form = HoursForm(request.POST or None, current=current)
    if request.method == "POST":
        if form.is_valid():
            hub_services.hours_save(
                actor=request.user, hub=obj, hours=form.hours(), request=request
            )
            flash.success(request, messages.SAVED)
            return redirect("hubs:hours", slug=obj.slug)
        form.add_error(None, messages.FORM_HAS_ERRORS)
    rows = [(form[f"opens_{w}"], form[f"closes_{w}"]) for w in range(7)]
    return render(
        request,
        "hubs/hours.html",
        {"hub": obj, "form": form, "rows": rows},
        status=400 if form.is_bound and form.errors else 200,
    )


@rule_required("hubs.change_hub", get_object=_hub)
def hub_closures(request: HttpRequest, slug: str, obj: Hub) -> HttpResponse:
    form = ClosureForm(request.POST or None if "remove" not in request.POST else None)
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                closure_id = int(request.POST["remove"])
            except ValueError as error:
                raise Http404 from error
            hub_services.closure_remove(
                actor=request.user, hub=obj, closure_id=closure_id, request=request
            )
            flash.success(request, messages.SAVED)
            return redirect("hubs:closures", slug=obj.slug)
        if form.is_valid():
            hub_services.closure_add(
                actor=request.user, hub=obj, request=request, **form.cleaned_data
            )
            flash.success(request, messages.SAVED)
            return redirect("hubs:closures", slug=obj.slug)
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "hubs/closures.html",
        {"hub": obj, "form": form, "closures": Closure.objects.filter(hub=obj)},
        status=400 if form.is_bound and form.errors else 200,
    )


@rule_required("hubs.change_hub", get_object=_hub)
def hub_photos(request: HttpRequest, slug: str, obj: Hub) -> HttpResponse:
    """The hub's photos: add one (checked and re-encoded) or remove one."""
    form = PhotoForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("remove"):
            try:
                photo_id = int(request.POST["remove"])
            except ValueError:
                raise Http404 from None
            if not hub_services.photo_remove(
                actor=request.user, hub=obj, photo_id=photo_id, request=request
            ):
                raise Http404
            flash.success(request, messages.PHOTO_REMOVED)
            return redirect("hubs:photos", slug=obj.slug)
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["image"]
            try:
                hub_services.photo_add(
                    actor=request.user,
                    hub=obj,
                    name=upload.name,
                    data=upload.read(hub_services.PHOTO_MAX_BYTES + 1),
                    caption=form.cleaned_data["caption"],
                    request=request,
                )
            except BookingError as error:
                form.add_error("image" if error.code != "photos_full" else None, error.message)
            else:
                flash.success(request, messages.PHOTO_ADDED)
                return redirect("hubs:photos", slug=obj.slug)
        status = 400
    return render(
        request,
        "hubs/photos.html",
        {"hub": obj, "form": form, "photos": selectors.hub_photos(obj)},
        status=status,
    )


@rule_required("hubs.change_hub", get_object=_hub)
def space_edit(request: HttpRequest, slug: str, obj: Hub, space: str | None = None) -> HttpResponse:
    instance = bookings.space_get(obj, space) if space else Space(hub=obj)
    form = SpaceForm(request.POST or None, instance=instance, hub=obj)
    if request.method == "POST":
        if form.is_valid():
            saved = hub_services.space_save(
                actor=request.user, space=form.save(commit=False), request=request
            )
            flash.success(request, messages.SAVED)
            return redirect("hubs:space", slug=obj.slug, space=saved.slug)
        form.add_error(None, messages.FORM_HAS_ERRORS)
    return render(
        request,
        "hubs/space_form.html",
        {"hub": obj, "form": form, "space": instance if instance.pk else None},
        status=400 if form.is_bound and form.errors else 200,
    )


@rule_required("hubs.staff_hub", get_object=_hub)
def approvals(request: HttpRequest, slug: str, obj: Hub) -> HttpResponse:
    return render(
        request,
        "hubs/approvals.html",
        {"hub": obj, "requests": bookings.pending_requests(obj), "refuse_form": RefuseForm()},
    )


@rule_required("hubs.staff_hub", get_object=_hub)
@require_POST
def approval_decide(request: HttpRequest, slug: str, pk: int, obj: Hub) -> HttpResponse:
    booking = bookings.booking_of_hub(obj, pk)
    try:
        if request.POST.get("decision") == "approve":
            desk.booking_approve(actor=request.user, booking=booking, request=request)
            flash.success(request, messages.APPROVED)
        else:
            form = RefuseForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            desk.booking_refuse(actor=request.user, booking=booking, reason=reason, request=request)
            flash.success(request, messages.REFUSED)
    except BookingError as error:
        flash.error(request, error.message)
    return redirect("hubs:approvals", slug=obj.slug)


@rule_required("hubs.staff_hub", get_object=_hub)
def board(request: HttpRequest, slug: str, obj: Hub) -> HttpResponse:
    return render(
        request,
        "hubs/board.html",
        {"hub": obj, "rows": bookings.day_board(obj), "code_form": CodeForm()},
    )


@rule_required("hubs.staff_hub", get_object=_hub)
def checkin(request: HttpRequest, slug: str, obj: Hub) -> HttpResponse:
    """A code typed at the desk leads to the booking's confirmation page."""
    form = CodeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = "".join(form.cleaned_data["code"].split()).upper()
        return redirect("hubs:checkin_confirm", slug=obj.slug, code=code)
    return render(request, "hubs/checkin.html", {"hub": obj, "form": form})


@rule_required("hubs.staff_hub", get_object=_hub)
def checkin_confirm(request: HttpRequest, slug: str, code: str, obj: Hub) -> HttpResponse:
    try:
        booking = desk.booking_by_code(obj, code)
    except BookingError as error:
        return render(
            request,
            "hubs/checkin.html",
            {"hub": obj, "form": CodeForm(initial={"code": code}), "refusal": error},
            status=404,
        )
    return render(request, "hubs/checkin_confirm.html", {"hub": obj, "booking": booking})


@rule_required("hubs.staff_hub", get_object=_hub)
@require_POST
def desk_action(request: HttpRequest, slug: str, pk: int, obj: Hub) -> HttpResponse:
    booking = bookings.booking_of_hub(obj, pk)
    action = request.POST.get("action")
    try:
        if action == "check_in":
            desk.booking_check_in(actor=request.user, booking=booking, request=request)
            name = booking.user.public_name if booking.user else ""
            flash.success(request, messages.CHECKED_IN % {"name": name})
        elif action == "no_show":
            desk.booking_mark_no_show(actor=request.user, booking=booking, request=request)
            flash.success(request, messages.MARKED_NO_SHOW)
        elif action == "paid":
            desk.booking_record_payment(actor=request.user, booking=booking, request=request)
            flash.success(request, messages.PAYMENT_RECORDED)
        else:
            raise Http404
    except BookingError as error:
        flash.error(request, error.message)
    return redirect("hubs:board", slug=obj.slug)
