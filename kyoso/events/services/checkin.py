"""Check-in at the door: by the registration's code (typed or scanned), walk-ins by name, and
walk-ins counted without names.

What counts as attendance (the basis of the participation figures, not registrations):
checked-in confirmed registrations (people with accounts and named walk-ins) plus
``Event.counted_attendance``.

Walk-ins and seats: a named walk-in is a confirmed, checked-in :class:`Registration` without
a user. It does **not** claim a seat counter (``confirmed_venue`` / ``confirmed_online``):
those count seats promised ahead of the day, are capped by the database at the capacity, and
are what the waitlist is promoted against. A person standing at the door is recorded even
when the room is already full (whether to let them in is the organizer's call, not the
software's), and recording them must never fail on the capacity constraint nor move
someone off the waitlist. Seat counts therefore equal the confirmed registrations *with a
user*; walk-ins are the ones with ``user`` null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.text import normalize_text
from kyoso.core.wareki import TOKYO
from kyoso.events import messages_attendance as messages
from kyoso.events.models import (
    Attendance,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from kyoso.events.services.events import home_changed

#: How much one request may change the counted attendance.
COUNT_DELTA_LIMIT = 100
WALK_IN_NAME_MAX = 100


class CheckinError(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class CheckinResult:
    registration: Registration
    #: True when the person had already been checked in (the first time is kept).
    already: bool

    @property
    def message(self) -> str:
        name = person_name(self.registration)
        if self.already:
            assert self.registration.checked_in_at is not None
            when = timezone.localtime(self.registration.checked_in_at, TOKYO)
            return str(
                messages.ALREADY_CHECKED_IN % {"name": name, "time": date_format(when, "H:i")}
            )
        return str(messages.CHECKED_IN % {"name": name})


_CODE_NOISE = re.compile(r"[\s\-‐‑‒–—―ー－]")


def normalize_code(text: str) -> str:
    """What people type for ``AB3D-5FGH``: full-width, lower case, spaces, dashes."""
    return _CODE_NOISE.sub("", normalize_text(text)).upper()


def person_name(registration: Registration) -> str:
    if registration.user_id is None:
        return registration.walk_in_name
    user = registration.user
    return str(getattr(user, "display_name", "") or user)


def _refuse_cancelled_event(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise CheckinError(str(messages.EVENT_CANCELLED))


def find_registration(event: Event, code: str) -> Registration:
    """The registration of ``event`` with this code, refused unless it can be checked in."""
    normalized = normalize_code(code)
    if not normalized:
        raise CheckinError(str(messages.CODE_REQUIRED))
    registration = (
        Registration.objects.select_related("user").filter(event=event, code=normalized).first()
    )
    if registration is None:
        # Another event's code is "unknown" too: nothing is said about other events.
        raise CheckinError(str(messages.CODE_UNKNOWN % {"code": normalized}))
    name = person_name(registration)
    if registration.status == RegistrationStatus.WAITLISTED:
        raise CheckinError(str(messages.CODE_WAITLISTED % {"name": name}))
    if registration.status == RegistrationStatus.CANCELLED:
        raise CheckinError(str(messages.CODE_CANCELLED % {"name": name}))
    return registration


def registration_check_in(
    *, actor: Any, event: Event, code: str, request: Any = None
) -> CheckinResult:
    """Check in the confirmed registration with ``code``; a second check-in only says so.

    One conditional UPDATE (``WHERE checked_in_at IS NULL``): two organizers scanning the same
    code at once record one check-in, the other is told it was already done.
    """
    _refuse_cancelled_event(event)
    registration = find_registration(event, code)
    now = timezone.now()
    # Not audited: the row itself records who checked the person in, and when.
    updated = Registration.objects.filter(
        pk=registration.pk,
        status=RegistrationStatus.CONFIRMED,
        checked_in_at__isnull=True,
    ).update(checked_in_at=now, checked_in_by=actor)
    if updated:
        home_changed()  # のべ participants on the home
    registration.refresh_from_db(fields=["status", "checked_in_at", "checked_in_by"])
    if not updated and registration.status != RegistrationStatus.CONFIRMED:
        # Cancelled between the lookup and the update.
        return registration_check_in(actor=actor, event=event, code=code, request=request)
    return CheckinResult(registration=registration, already=not updated)


def registration_undo_check_in(
    *, actor: Any, event: Event, registration_id: int, request: Any = None
) -> Registration:
    """Take back a check-in made by mistake (a named walk-in is removed altogether)."""
    registration = (
        Registration.objects.select_related("user").filter(event=event, pk=registration_id).first()
    )
    if registration is None:
        raise CheckinError(str(messages.CODE_UNKNOWN % {"code": registration_id}))
    name = person_name(registration)
    with transaction.atomic():
        if registration.user_id is None:
            deleted, _rows = Registration.objects.filter(pk=registration.pk).delete()
            changed = bool(deleted)
        else:
            changed = bool(
                Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=False).update(
                    checked_in_at=None, checked_in_by=None
                )
            )
        if not changed:
            raise CheckinError(str(messages.NOT_CHECKED_IN % {"name": name}))
        home_changed()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_CHECK_IN_UNDONE,
            target=event,
            data={"registration": registration.pk, "walk_in": registration.user_id is None},
            request=request,
        )
    return registration


def walk_in_add(
    *,
    actor: Any,
    event: Event,
    name: str,
    attendance: str = Attendance.VENUE,
    request: Any = None,
) -> Registration:
    """Record a named walk-in: confirmed and checked in, without claiming a seat (see above)."""
    _refuse_cancelled_event(event)
    name = normalize_text(name)[:WALK_IN_NAME_MAX]
    if not name:
        raise CheckinError(str(messages.WALK_IN_NAME_REQUIRED))
    now = timezone.now()
    with transaction.atomic():
        registration = Registration.objects.create(
            event=event,
            user=None,
            walk_in_name=name,
            attendance=attendance,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=now,
            checked_in_at=now,
            checked_in_by=actor,
        )
        home_changed()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_WALK_IN,
            target=event,
            data={"registration": registration.pk},
            request=request,
        )
    return registration


def counted_attendance_change(*, actor: Any, event: Event, delta: int, request: Any = None) -> int:
    """Add (or, negative, take back) walk-ins counted without names; returns the new count.

    A conditional ``UPDATE … SET counted_attendance = counted_attendance + delta`` so that two
    organizers counting at two doors both count, and the count never goes below zero.
    """
    _refuse_cancelled_event(event)
    if delta == 0 or abs(delta) > COUNT_DELTA_LIMIT:
        raise CheckinError(str(messages.COUNT_DELTA_INVALID))
    with transaction.atomic():
        rows = Event.objects.filter(pk=event.pk)
        if delta < 0:
            rows = rows.filter(counted_attendance__gte=-delta)
        if not rows.update(counted_attendance=F("counted_attendance") + delta):
            raise CheckinError(str(messages.COUNT_CANNOT_GO_BELOW_ZERO))
        event.refresh_from_db(fields=["counted_attendance"])
        home_changed()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_ATTENDANCE_COUNTED,
            target=event,
            data={"delta": delta, "count": event.counted_attendance},
            request=request,
        )
    return event.counted_attendance
