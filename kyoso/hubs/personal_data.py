"""What the hubs app holds about one person: their bookings (export and erasure).

Erasure cancels the person's bookings still to come (a desk seat is given back) and takes
their name and purpose off every booking; the anonymous rows stay for the hub's figures
(hours booked, occupancy)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from kyoso.hubs.models import (
    HOLDING_STATUSES,
    Booking,
    BookingKind,
    BookingSeries,
    BookingStatus,
    BookingTransition,
    DeskDay,
)


def export(user: Any) -> dict[str, Any]:
    bookings = (
        Booking.objects.filter(user_id=user.pk)
        .select_related("space__hub")
        .prefetch_related("transitions")
        .order_by("starts_at", "id")
    )
    return {
        "bookings": [
            {
                "hub": b.space.hub.name,
                "space": b.space.name,
                "kind": b.kind,
                "status": b.status,
                "starts_at": b.starts_at,
                "ends_at": b.ends_at,
                "purpose": b.purpose,
                "attendees": b.attendees,
                "owed_yen": b.owed_yen,
                "paid_at": b.paid_at,
                "checked_in_at": b.checked_in_at,
                "series": b.series_id,
                "created_at": b.created_at,
                "history": [
                    {"from": t.from_status, "to": t.to_status, "reason": t.reason, "at": t.at}
                    for t in b.transitions.all()
                ],
            }
            for b in bookings
        ]
    }


def erase(user: Any) -> None:
    now = timezone.now()
    upcoming = Booking.objects.filter(
        user_id=user.pk, status__in=HOLDING_STATUSES, ends_at__gt=now
    ).exclude(status=BookingStatus.CHECKED_IN)
    for booking in upcoming.select_for_update():
        BookingTransition.objects.create(
            booking=booking, from_status=booking.status, to_status=BookingStatus.CANCELLED
        )
        if booking.kind == BookingKind.DAY_PASS:
            DeskDay.objects.filter(space_id=booking.space_id, day=booking.day, taken__gt=0).update(
                taken=F("taken") - 1
            )
    upcoming.update(status=BookingStatus.CANCELLED, owed_yen=0)
    Booking.objects.filter(user_id=user.pk).update(user=None, purpose="")
    BookingTransition.objects.filter(actor_id=user.pk).update(actor=None)
    BookingSeries.objects.filter(user_id=user.pk).update(user=None, description="")
