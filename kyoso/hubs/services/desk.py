"""The front desk: staff approve or refuse requests (with a reason), check people in (the
booking's code from its QR), mark no-shows and record what was paid."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.hubs import audit, messages
from kyoso.hubs.models import Booking, BookingKind, BookingStatus, Hub
from kyoso.hubs.opening import local
from kyoso.hubs.services.bookings import release_seat, transition
from kyoso.hubs.services.common import BookingError, require


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("space__hub", "user")
        .get(pk=booking.pk)
    )


def booking_approve(*, actor: Any, booking: Booking, request: Any = None) -> Booking:
    require("hubs.decide_booking", actor, booking)
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.REQUESTED:
            raise BookingError(messages.NOT_PENDING, code="not_pending")
        transition(booking, BookingStatus.CONFIRMED, actor=actor)
        booking.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=audit.APPROVED, target=booking, request=request)
        from kyoso.hubs.notify import decided

        decided(booking)
    return booking


def booking_refuse(*, actor: Any, booking: Booking, reason: str, request: Any = None) -> Booking:
    require("hubs.decide_booking", actor, booking)
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(messages.REFUSAL_REASON_REQUIRED, code="reason_required")
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.REQUESTED:
            raise BookingError(messages.NOT_PENDING, code="not_pending")
        booking.owed_yen = 0
        transition(booking, BookingStatus.REFUSED, actor=actor, reason=reason)
        booking.save(update_fields=["status", "owed_yen", "updated_at"])
        release_seat(booking)
        audit_record(
            actor=actor,
            action=audit.REFUSED,
            target=booking,
            data={"reason": reason},
            request=request,
        )
        from kyoso.hubs.notify import decided

        decided(booking, reason=reason)
    return booking


def booking_by_code(hub: Hub, code: str) -> Booking:
    code = "".join(code.split()).upper()
    booking = (
        Booking.objects.select_related("space__hub", "user")
        .filter(hub_id=hub.pk, code=code)
        .first()
    )
    if booking is None:
        raise BookingError(messages.CODE_UNKNOWN, code="unknown_code")
    return booking


def booking_check_in(*, actor: Any, booking: Booking, request: Any = None) -> Booking:
    """At the desk, on the day: a confirmed booking becomes checked in."""
    require("hubs.staff_hub", actor, booking)
    now = timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.CONFIRMED:
            raise BookingError(
                messages.NOT_CHECKABLE % {"status": booking.get_status_display()},
                code="not_checkable",
            )
        if booking.day != local(now).date():
            raise BookingError(messages.NOT_TODAY, code="not_today")
        booking.checked_in_at = now
        booking.checked_in_by = actor
        transition(booking, BookingStatus.CHECKED_IN, actor=actor)
        booking.save(update_fields=["status", "checked_in_at", "checked_in_by", "updated_at"])
        audit_record(actor=actor, action=audit.CHECKED_IN, target=booking, request=request)
    return booking


def booking_mark_no_show(*, actor: Any, booking: Booking, request: Any = None) -> Booking:
    """Once the start has passed, a confirmed booking nobody came to; a day pass's seat is
    given back."""
    require("hubs.staff_hub", actor, booking)
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.CONFIRMED:
            raise BookingError(
                messages.NOT_CHECKABLE % {"status": booking.get_status_display()},
                code="not_checkable",
            )
        if booking.starts_at > timezone.now():
            raise BookingError(messages.NO_SHOW_TOO_EARLY, code="too_early")
        transition(booking, BookingStatus.NO_SHOW, actor=actor)
        booking.save(update_fields=["status", "updated_at"])
        if booking.kind == BookingKind.DAY_PASS:
            release_seat(booking)
        audit_record(actor=actor, action=audit.NO_SHOW, target=booking, request=request)
    return booking


def booking_record_payment(*, actor: Any, booking: Booking, request: Any = None) -> Booking:
    """What is owed was paid at the desk (payment itself is out of scope)."""
    require("hubs.staff_hub", actor, booking)
    with transaction.atomic():
        booking = _locked(booking)
        if booking.paid_at is not None:
            raise BookingError(messages.ALREADY_PAID, code="already_paid")
        booking.paid_at = timezone.now()
        booking.paid_recorded_by = actor
        booking.save(update_fields=["paid_at", "paid_recorded_by", "updated_at"])
        audit_record(
            actor=actor,
            action=audit.PAID,
            target=booking,
            data={"owed_yen": booking.owed_yen},
            request=request,
        )
    return booking
