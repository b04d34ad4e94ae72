"""iCalendar (RFC 5545) files of bookings: one booking for a mail attachment, and the feed of a
space's bookings for calendar apps (built like ``kyoso.events.ics``, decision 0008).

The feed of a space says only when it is taken (「予約済み」), never by whom: it is public.
The file of one booking, mailed to its person, names the space and the hub.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent
from icalendar.enums import STATUS

from kyoso.core.wareki import TOKYO
from kyoso.hubs.models import Booking, BookingStatus, Space

PRODID = "-//Kyoso//Kyoso hubs//JA"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _host() -> str:
    return urlsplit(settings.BASE_URL).hostname or "kyoso.invalid"


def booking_uid(booking: Booking) -> str:
    return f"hub-booking-{booking.pk}@{_host()}"


def _where(space: Space) -> str:
    hub = space.hub
    return _("、").join(part for part in (f"{hub.name} {space.name}", hub.address) if part)


def booking_component(booking: Booking, *, private: bool) -> VEvent:
    space = booking.space
    url = settings.BASE_URL + reverse(
        "hubs:space", kwargs={"slug": space.hub.slug, "space": space.slug}
    )
    stamp = booking.updated_at or timezone.now()
    cancelled = booking.status in (BookingStatus.CANCELLED, BookingStatus.REFUSED)
    return VEvent.new(
        uid=booking_uid(booking),
        summary=(f"{space.hub.name} {space.name}" if private else _("予約済み")),
        start=timezone.localtime(booking.starts_at, TOKYO),
        end=timezone.localtime(booking.ends_at, TOKYO),
        stamp=stamp,
        last_modified=stamp,
        description=(booking.purpose + "\n" + url) if private and booking.purpose else url,
        location=_where(space),
        url=url,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )


def _calendar(components: Iterable[VEvent], *, name: str, uid: str) -> bytes:
    calendar = Calendar.new(name=name, prodid=PRODID, uid=uid, method="PUBLISH")
    calendar.add("X-WR-TIMEZONE", "Asia/Tokyo")
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def booking_ics(booking: Booking) -> bytes:
    return _calendar(
        [booking_component(booking, private=True)],
        name=str(booking.space),
        uid=f"{booking_uid(booking)}-file",
    )


def booking_filename(booking: Booking) -> str:
    return f"hub-booking-{booking.pk}.ics"


def space_feed(space: Space, bookings: Iterable[Booking]) -> bytes:
    return _calendar(
        (booking_component(b, private=False) for b in bookings),
        name=str(space),
        uid=f"calendar-hub-space-{space.pk}@{_host()}",
    )
