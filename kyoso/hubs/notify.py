"""Mail and notifications of bookings, queued after commit.

The person gets a confirmation (with the booking as ``.ics``) or "your request waits for
approval", a mail when staff approve or refuse (with the reason), and a reminder the day
before (``send_hub_reminders``). Hub staff are notified of each request to approve.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kyoso.core.mail import queue_email
from kyoso.core.money import format_yen_ja
from kyoso.core.wareki import TOKYO
from kyoso.hubs.models import Booking, BookingStatus

#: Kinds of booking mail, and whether they carry the calendar file.
KINDS: dict[str, bool] = {
    "confirmed": True,
    "requested": False,
    "approved": True,
    "refused": False,
    "cancelled": False,
    "reminder": True,
}


def when_text(booking: Booking) -> str:
    start = timezone.localtime(booking.starts_at, TOKYO)
    end = timezone.localtime(booking.ends_at, TOKYO)
    return f"{start:%Y-%m-%d %H:%M}〜{end:%H:%M}"


def render_booking_mail(booking: Booking, kind: str, *, reason: str = "") -> tuple[str, str]:
    space = booking.space
    context: dict[str, Any] = {
        "kind": kind,
        "name": booking.user.public_name if booking.user else "",
        "booking": booking,
        "space": space,
        "hub": space.hub,
        "when": when_text(booking),
        "owed": format_yen_ja(booking.owed_yen),
        "free_cancel_until": timezone.localtime(booking.free_cancel_until, TOKYO),
        "code": booking.code,
        "reason": reason,
        "url": settings.BASE_URL + reverse("hubs:my_bookings"),
    }
    subject = render_to_string("hubs/email/booking_subject.txt", context)
    body = render_to_string("hubs/email/booking_body.txt", context)
    return " ".join(subject.split()), body


def queue_booking_mail(booking: Booking, kind: str, *, reason: str = "") -> bool:
    """Queue one booking mail after commit; False when there is nobody to write to."""
    if kind not in KINDS:
        raise ValueError(f"Unknown booking mail {kind!r}")
    user = booking.user
    if user is None or not user.email or not user.is_active:
        return False
    subject, body = render_booking_mail(booking, kind, reason=reason)
    attachments = []
    if KINDS[kind]:
        from kyoso.hubs.ics import booking_filename, booking_ics

        attachments = [
            (booking_filename(booking), booking_ics(booking).decode("utf-8"), "text/calendar")
        ]
    queue_email(subject=subject, body=body, to=[user.email], attachments=attachments)
    return True


def staff_ids(booking: Booking) -> list[int]:
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import members_with_users

    return list(
        members_with_users()
        .filter(organization_id=booking.space.hub.organization_id, role__in=MANAGER_ROLES)
        .values_list("user_id", flat=True)
    )


def booked_on_commit(booking: Booking) -> None:
    """Mail the person; notify staff of a request to approve."""
    if booking.status == BookingStatus.REQUESTED:
        queue_booking_mail(booking, "requested")
        from django.utils.translation import gettext as _

        from kyoso.notifications.services import notify

        notify(
            recipients=staff_ids(booking),
            kind="hubs.request",
            actor=booking.user,
            target=booking.space,
            text=_("%(space)sの予約の承認をお願いします（%(when)s）。")
            % {"space": booking.space.name, "when": when_text(booking)},
            url=reverse("hubs:approvals", args=[booking.space.hub.slug]),
        )
    elif booking.event_id is None:
        queue_booking_mail(booking, "confirmed")


def cancelled_on_commit(booking: Booking, *, actor: Any) -> None:
    if actor is not None and booking.user_id is not None and actor.pk != booking.user_id:
        queue_booking_mail(booking, "cancelled")


def decided(booking: Booking, *, reason: str = "") -> None:
    """Mail the person the staff's decision (approved with .ics, or refused with why)."""
    kind = "approved" if booking.status == BookingStatus.CONFIRMED else "refused"
    queue_booking_mail(booking, kind, reason=reason)
