"""QR codes for check-in at the desk (segno, as the events app does): the booking's code as the
absolute URL of the staff's confirmation page, so that a staff phone camera opens it."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from kyoso.hubs.models import Booking


def checkin_url(booking: Booking) -> str:
    path = reverse(
        "hubs:checkin_confirm", kwargs={"slug": booking.space.hub.slug, "code": booking.code}
    )
    return settings.BASE_URL + path


def qr_svg(data: str, *, title: str) -> SafeString:
    qr = segno.make(data, error="m", micro=False)
    svg = qr.svg_inline(
        scale=5, title=title, dark="#000", light="#fff", svgclass="ticket-qr", omitsize=True
    )
    # segno escapes the title and writes only its own markup.
    return mark_safe(svg)  # noqa: S308
