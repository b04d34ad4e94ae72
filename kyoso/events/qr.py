"""QR codes for check-in (segno): the code of a registration, as the absolute URL of the
organizer's check-in confirmation, so that an organizer's phone camera opens it directly."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from kyoso.events.models import Registration


def checkin_url(registration: Registration) -> str:
    """``<BASE_URL>/events/<id>/checkin/<code>/``: only organizers may open it."""
    path = reverse(
        "events:checkin_confirm",
        kwargs={"pk": registration.event_id, "code": registration.code},
    )
    return settings.BASE_URL + path


def qr_svg(data: str, *, title: str) -> SafeString:
    """An inline SVG QR code (error correction M, dark on white with the quiet zone)."""
    qr = segno.make(data, error="m", micro=False)
    svg = qr.svg_inline(
        scale=6, title=title, dark="#000", light="#fff", svgclass="ticket-qr", omitsize=True
    )
    # segno escapes the title and writes only its own markup.
    return mark_safe(svg)  # noqa: S308
