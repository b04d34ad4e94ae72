"""Registration with a waitlist that never oversells.

How a seat is claimed, and why it holds under concurrency:

1. The event row is locked first (``select_for_update``: on PostgreSQL every registration,
   cancellation and capacity change of one event queues on that row; on SQLite the
   transaction itself is ``BEGIN IMMEDIATE``, which serializes writers). Without that lock a
   registration whose claim failed could join the waitlist just after a cancellation had
   looked for someone to promote, leaving a free seat and a waiting person.
2. A person's live registration is looked up; a second one is refused with
   :class:`AlreadyRegistered` (which carries the existing registration). Should two requests
   still race past that look-up, the partial unique constraint
   ``one_live_registration_per_person`` makes the second insert fail inside a savepoint, and
   the same refusal is raised — never a 500.
3. The seat is claimed with ONE conditional UPDATE::

       UPDATE event SET confirmed_venue = confirmed_venue + 1
       WHERE id = … AND (capacity_venue IS NULL OR confirmed_venue < capacity_venue)

   One row changed: confirmed. None: waitlisted, with ``waitlisted_at`` taken after the failed
   claim (so every waitlisted person's time is later than every confirmed person's claim).
4. The CheckConstraints ``event_venue_not_oversold`` / ``event_online_not_oversold`` refuse an
   oversold event whatever the code above does.

Cancelling a confirmed registration frees its seat and promotes the first waitlisted person of
the same attendance (order ``waitlisted_at``, ``id``) in the same transaction; they are told by
an in-site notification and a mail. Raising a capacity promotes the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.policy import check
from kyoso.events import messages
from kyoso.events.models import (
    Answer,
    Attendance,
    Event,
    Question,
    Registration,
    RegistrationStatus,
)
from kyoso.events.rules import registration_refusal
from kyoso.events.services.events import LIVE, EventError, home_changed, offered_attendances

_COUNTERS: dict[str, str] = {
    Attendance.VENUE: "confirmed_venue",
    Attendance.ONLINE: "confirmed_online",
}
_CAPACITIES: dict[str, str] = {
    Attendance.VENUE: "capacity_venue",
    Attendance.ONLINE: "capacity_online",
}


class AlreadyRegistered(EventError):
    """The person already holds a live registration for the event (``registration``)."""

    def __init__(self, registration: Registration) -> None:
        super().__init__(
            messages.ALREADY_REGISTERED % {"status": RegistrationStatus(registration.status).label}
        )
        self.registration = registration


def _claim_seat(event_id: int, attendance: str) -> bool:
    """Take one seat of ``attendance`` if one is free: one conditional UPDATE."""
    counter, capacity = _COUNTERS[attendance], _CAPACITIES[attendance]
    free = Q(**{f"{capacity}__isnull": True}) | Q(**{f"{counter}__lt": F(capacity)})
    claimed = Event.objects.filter(Q(pk=event_id) & free).update(**{counter: F(counter) + 1}) == 1
    if claimed:
        home_changed()  # the seats left on the home
    return claimed


def _free_seat(event_id: int, attendance: str) -> None:
    counter = _COUNTERS[attendance]
    Event.objects.filter(pk=event_id, **{f"{counter}__gt": 0}).update(**{counter: F(counter) - 1})
    home_changed()


def live_registration_of(user: Any, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event_id=event.pk, user_id=user.pk, status__in=LIVE).first()


def waitlist_position(registration: Registration) -> int:
    """1 for the first person waiting (of the same attendance), 0 when not waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return 0
    queue = Registration.objects.filter(
        event_id=registration.event_id,
        attendance=registration.attendance,
        status=RegistrationStatus.WAITLISTED,
    )
    if registration.waitlisted_at is None:  # only rows written by hand; order by id then
        ahead = queue.filter(id__lt=registration.pk)
    else:
        ahead = queue.filter(
            Q(waitlisted_at__lt=registration.waitlisted_at)
            | Q(waitlisted_at=registration.waitlisted_at, id__lt=registration.pk)
        )
    return ahead.count() + 1


def _check_answers(event: Event, answers: dict[int, str]) -> list[tuple[Question, str]]:
    chosen = []
    for question in Question.objects.filter(event_id=event.pk).order_by("position", "id"):
        text = (answers.get(question.pk) or "").strip()
        if question.required and not text:
            raise EventError(messages.ANSWER_REQUIRED % {"question": question.text})
        chosen.append((question, text))
    return chosen


def registration_create(
    *,
    actor: Any,
    event: Event,
    attendance: str | None = None,
    answers: dict[int, str] | None = None,
) -> Registration:
    """Register ``actor`` for ``event``: confirmed while seats remain, else waitlisted.

    Raises :class:`EventError` with the reason when registration is not open, the attendance
    is not offered or a required answer is missing; :class:`AlreadyRegistered` for a second
    live registration (also when two requests arrive at once); ``PermissionDenied`` when the
    actor may not register at all (not signed in, email not confirmed, a draft)."""
    if not check("events.view_event", actor, event) or not check("events.add_event", actor):
        raise PermissionDenied("events.register_event")
    offered = offered_attendances(event.mode)
    if attendance is None and len(offered) == 1:
        attendance = offered[0]
    if not attendance:
        raise EventError(messages.ATTENDANCE_REQUIRED)
    if attendance not in offered:
        raise EventError(messages.ATTENDANCE_NOT_OFFERED)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        refusal = registration_refusal(locked)
        if refusal is not None:
            raise EventError(refusal)
        existing = live_registration_of(actor, locked)
        if existing is not None:
            raise AlreadyRegistered(existing)
        chosen = _check_answers(locked, answers or {})
        try:
            with transaction.atomic():
                confirmed = _claim_seat(locked.pk, attendance)
                now = timezone.now()
                registration = Registration.objects.create(
                    event=locked,
                    user=actor,
                    attendance=attendance,
                    status=RegistrationStatus.CONFIRMED
                    if confirmed
                    else RegistrationStatus.WAITLISTED,
                    confirmed_at=now if confirmed else None,
                    waitlisted_at=None if confirmed else now,
                )
        except IntegrityError:
            existing = live_registration_of(actor, locked)
            if existing is None:  # pragma: no cover - another constraint failed
                raise
            raise AlreadyRegistered(existing) from None
        Answer.objects.bulk_create(
            Answer(registration=registration, question=q, text=text) for q, text in chosen if text
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_REGISTERED,
            target=locked,
            data={"registration": registration.pk, "status": registration.status},
        )
        from kyoso.events.mail import queue_registration_mail

        queue_registration_mail(
            registration, "confirmed" if confirmed else "waitlisted", event=locked
        )
    registration.event = locked
    return registration


def registration_cancel(*, actor: Any, registration: Registration) -> Registration:
    """Cancel a registration (the registrant's own, or any by an organizer).

    A confirmed seat is freed and given to the first person waiting for the same attendance,
    in the same transaction. Cancelling an already cancelled registration is refused with
    :data:`messages.ALREADY_CANCELLED`."""
    event = registration.event
    if registration.status == RegistrationStatus.CANCELLED:
        raise EventError(messages.ALREADY_CANCELLED)
    if not check("events.cancel_registration", actor, registration):
        if getattr(actor, "pk", None) == registration.user_id:
            raise EventError(messages.CANNOT_CANCEL_AFTER_START)
        raise PermissionDenied(messages.NOT_YOUR_REGISTRATION)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        was = current.status
        now = timezone.now()
        changed = Registration.objects.filter(pk=current.pk, status__in=LIVE).update(
            status=RegistrationStatus.CANCELLED, cancelled_at=now
        )
        if not changed:
            raise EventError(messages.ALREADY_CANCELLED)
        promoted: list[Registration] = []
        if was == RegistrationStatus.CONFIRMED:
            _free_seat(locked.pk, current.attendance)
            promoted = promote_waitlisted(event=locked, actor=actor)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_REGISTRATION_CANCELLED,
            target=locked,
            data={
                "registration": current.pk,
                "was": was,
                "by_organizer": current.user_id != getattr(actor, "pk", None),
                "promoted": [r.pk for r in promoted],
            },
        )
        if current.user_id is not None and current.user_id != getattr(actor, "pk", None):
            notify_people(
                recipients=[current.user_id],
                kind="events.registration_cancelled",
                actor=actor,
                event=locked,
                text_key="cancelled_by_organizer",
            )
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    return registration


def promote_waitlisted(*, event: Event, actor: Any) -> list[Registration]:
    """Fill free seats from the waitlist, first come first served, per attendance.

    Call inside the transaction that holds the event row. Each promotion is a conditional
    claim of a seat and a conditional change of the registration from waitlisted to confirmed;
    the promoted people are told by notification and mail after commit."""
    promoted: list[Registration] = []
    for attendance in (Attendance.VENUE, Attendance.ONLINE):
        queue = Registration.objects.filter(
            event_id=event.pk, attendance=attendance, status=RegistrationStatus.WAITLISTED
        ).order_by("waitlisted_at", "id")
        while True:
            first = queue.select_related("user").first()
            if first is None or not _claim_seat(event.pk, attendance):
                break
            now = timezone.now()
            moved = Registration.objects.filter(
                pk=first.pk, status=RegistrationStatus.WAITLISTED
            ).update(status=RegistrationStatus.CONFIRMED, confirmed_at=now)
            if not moved:  # pragma: no cover - the event row lock makes this impossible
                _free_seat(event.pk, attendance)
                continue
            first.status, first.confirmed_at = RegistrationStatus.CONFIRMED, now
            promoted.append(first)
    if promoted:
        from kyoso.events.mail import queue_registration_mail

        for registration in promoted:
            queue_registration_mail(registration, "promoted", event=event)
        notify_people(
            recipients=[r.user_id for r in promoted if r.user_id is not None],
            kind="events.promoted",
            actor=actor,
            event=event,
            text_key="promoted",
            email=False,  # the promotion mail above (with the .ics) is their one mail
        )
    return promoted


def notify_people(
    *,
    recipients: Iterable[int],
    kind: str,
    actor: Any,
    event: Event,
    text_key: str,
    email: bool = True,
) -> int:
    """In-site notification about ``event``, and mail per the person's preference unless
    ``email`` is False (the caller sends its own registration mail, so nobody gets two)."""
    people = list(recipients)
    if not people:
        return 0
    from kyoso.notifications.services import notify

    texts = {
        "promoted": gettext("キャンセル待ちだった「%(title)s」の参加が確定しました。"),
        "cancelled_by_organizer": gettext("「%(title)s」への申込が主催者により取り消されました。"),
        "event_cancelled": gettext("申し込んでいた「%(title)s」は中止になりました。"),
    }
    return notify(
        recipients=people,
        kind=kind,
        actor=actor,
        target=event,
        text=texts[text_key] % {"title": event.title},
        url=reverse("events:detail", args=[event.pk]),
        email=email,
    )
