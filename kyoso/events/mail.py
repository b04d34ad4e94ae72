"""Registration mail: confirmation, waitlisted, promoted from the waitlist, the reminder 24
hours before, and "the event was cancelled".

Mail is rendered now (in the current language) and handed to the background worker after
commit through :func:`kyoso.core.mail.queue_email`; the confirmation, promotion and reminder
carry the event as an ``.ics`` attachment (:func:`kyoso.events.ics.event_ics`, passed as text
so that the task's arguments stay serializable). The online link is written only into the mail
of a confirmed online registrant.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from kyoso.core.mail import queue_email
from kyoso.events.formatting import when_text
from kyoso.events.models import Attendance, Event, Registration, RegistrationStatus

#: Kinds of registration mail, and whether they carry the calendar file.
KINDS: dict[str, bool] = {
    "confirmed": True,
    "waitlisted": False,
    "promoted": True,
    "reminder": True,
    "event_cancelled": False,
}


def _ics_attachment(event: Event) -> tuple[str, str, str]:
    from kyoso.events.ics import event_filename, event_ics

    return (event_filename(event), event_ics(event).decode("utf-8"), "text/calendar")


def render_registration_mail(
    registration: Registration, kind: str, *, event: Event, note: str = ""
) -> tuple[str, str]:
    """The subject and body of one registration mail."""
    from kyoso.events.ics import event_location

    user = registration.user
    show_link = (
        kind != "event_cancelled"
        and registration.status == RegistrationStatus.CONFIRMED
        and registration.attendance == Attendance.ONLINE
        and bool(event.online_url)
    )
    context: dict[str, Any] = {
        "kind": kind,
        "name": user.public_name if user is not None else registration.walk_in_name,
        "event": event,
        "registration": registration,
        "when": when_text(event),
        "where": event_location(event),
        "online_url": event.online_url if show_link else "",
        "url": settings.BASE_URL + reverse("events:detail", args=[event.pk]),
        "note": note,
    }
    subject = render_to_string("events/email/registration_subject.txt", context)
    body = render_to_string("events/email/registration_body.txt", context)
    return " ".join(subject.split()), body


def queue_registration_mail(
    registration: Registration, kind: str, *, event: Event, note: str = ""
) -> bool:
    """Queue one registration mail after commit; False when there is nobody to write to."""
    if kind not in KINDS:
        raise ValueError(f"Unknown registration mail {kind!r}")
    user = registration.user
    if user is None or not user.email or not user.is_active:
        return False
    subject, body = render_registration_mail(registration, kind, event=event, note=note)
    attachments = [_ics_attachment(event)] if KINDS[kind] else []
    queue_email(subject=subject, body=body, to=[user.email], attachments=attachments)
    return True
