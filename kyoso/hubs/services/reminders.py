"""The reminder the day before: each confirmed booking of tomorrow gets one mail with its
``.ics``, claimed with a conditional UPDATE so that two runs never send it twice."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kyoso.hubs.models import Booking, BookingStatus
from kyoso.hubs.opening import local


def send_reminders() -> int:
    """Mail tomorrow's confirmed bookings not reminded yet; return how many were sent."""
    now = timezone.now()
    tomorrow = local(now).date() + timedelta(days=1)
    ids = list(
        Booking.objects.filter(
            day=tomorrow,
            status=BookingStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            user__isnull=False,
        ).values_list("pk", flat=True)
    )
    sent = 0
    from kyoso.hubs.notify import queue_booking_mail

    for pk in ids:
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed != 1:
                continue
            booking = Booking.objects.select_related("space__hub", "user").get(pk=pk)
            sent += int(queue_booking_mail(booking, "reminder"))
    return sent
