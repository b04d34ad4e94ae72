"""Every write of the concierge app: ``<entity>_<verb>(*, actor, …)`` in one transaction with an
audit row; mail is queued after commit (:mod:`kyoso.concierge.mail`).

Booking a slot can race: two people pressing 予約 at once both see the slot free. The partial
unique constraint ``consultation_one_live_per_slot`` (one consultation that is not cancelled per
slot) lets exactly one INSERT through on SQLite and PostgreSQL; the loser's IntegrityError is
turned into :data:`messages.SLOT_TAKEN` inside a savepoint, so nothing is half-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.concierge import audit, messages, selectors
from kyoso.concierge.models import (
    Concierge,
    Consultation,
    ConsultationStatus,
    ConsultationStatusChange,
    Introduction,
    Slot,
)
from kyoso.issues.vocab import Theme

S = ConsultationStatus

#: Which moves each side may make. The concierge holds the consultation or marks a no-show
#: (and may cancel); the person may only cancel a booking.
CONCIERGE_MOVES: dict[str, set[str]] = {
    S.BOOKED: {S.HELD, S.NO_SHOW, S.CANCELLED},
    S.NO_SHOW: {S.HELD},
}
PERSON_MOVES: dict[str, set[str]] = {S.BOOKED: {S.CANCELLED}}


class ConciergeError(Exception):
    """A refusal with a user-facing message (a constant of messages.py)."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


def _person_by_email(email: str) -> Any:
    User = get_user_model()
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def _check_themes(themes: list[str]) -> list[str]:
    unknown = [t for t in themes if t not in Theme.values]
    if unknown:
        raise ConciergeError(messages.UNKNOWN_THEME, "themes")
    return sorted(set(themes), key=Theme.values.index)


def _change(consultation: Consultation, *, from_status: str, actor: Any, reason: str = "") -> None:
    ConsultationStatusChange.objects.create(
        consultation=consultation,
        from_status=from_status,
        to_status=consultation.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )


# --- Concierges ------------------------------------------------------------------------------


def concierge_add(*, actor: Any, hub: Any, email: str, request: Any = None) -> Concierge:
    person = _person_by_email(email)
    if person is None:
        raise ConciergeError(messages.NOT_A_PERSON, "email")
    with transaction.atomic():
        if Concierge.objects.filter(hub=hub, user=person).exists():
            raise ConciergeError(messages.ALREADY_CONCIERGE, "email")
        concierge = Concierge.objects.create(hub=hub, user=person, added_by=actor)
        transaction.on_commit(selectors.forget_concierges)
        audit_record(
            actor=actor,
            action=audit.CONCIERGE_ADDED,
            target=concierge,
            data={"hub": hub.pk, "user": person.pk},
            request=request,
        )
    return concierge


def concierge_remove(*, actor: Any, concierge: Concierge, request: Any = None) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=audit.CONCIERGE_REMOVED,
            target=concierge,
            data={"hub": concierge.hub_id, "user": concierge.user_id},
            request=request,
        )
        concierge.delete()
        transaction.on_commit(selectors.forget_concierges)


# --- Slots and bookings ----------------------------------------------------------------------


def slot_create(
    *, actor: Any, hub: Any, starts_at: datetime, minutes: int, request: Any = None
) -> Slot:
    if starts_at <= timezone.now():
        raise ConciergeError(messages.SLOT_IN_PAST, "starts_at")
    try:
        with transaction.atomic():
            slot = Slot.objects.create(
                hub=hub, concierge=actor, starts_at=starts_at, minutes=minutes
            )
            audit_record(
                actor=actor,
                action=audit.SLOT_CREATED,
                target=slot,
                data={"hub": hub.pk, "minutes": minutes},
                request=request,
            )
    except IntegrityError as error:
        raise ConciergeError(messages.SLOT_DUPLICATE, "starts_at") from error
    return slot


@dataclass(frozen=True)
class Subject:
    """What a consultation is about: topic, theme keys, related issue or organization."""

    topic: str
    themes: list[str]
    issue: Any = None
    organization: Any = None


def slot_book(*, actor: Any, slot: Slot, subject: Subject, request: Any = None) -> Consultation:
    """Book ``slot`` for ``actor``; refuse their own slot, a started one or a taken one."""
    from kyoso.concierge.mail import queue_booking_mail

    themes = _check_themes(subject.themes)
    if slot.concierge_id == actor.pk:
        raise ConciergeError(messages.SLOT_OWN)
    if slot.starts_at <= timezone.now():
        raise ConciergeError(messages.SLOT_STARTED)
    try:
        with transaction.atomic():
            consultation = Consultation.objects.create(
                hub_id=slot.hub_id,
                slot=slot,
                concierge_id=slot.concierge_id,
                person=actor,
                starts_at=slot.starts_at,
                minutes=slot.minutes,
                topic=subject.topic,
                themes=themes,
                issue=subject.issue,
                organization=subject.organization,
                created_by=actor,
            )
            _change(consultation, from_status="", actor=actor)
            audit_record(
                actor=actor,
                action=audit.BOOKED,
                target=consultation,
                data={"slot": slot.pk},
                request=request,
            )
            queue_booking_mail(consultation)
    except IntegrityError as error:
        raise ConciergeError(messages.SLOT_TAKEN) from error
    return consultation


def walk_in_record(
    *,
    actor: Any,
    hub: Any,
    concierge: Any,
    email: str,
    name: str,
    subject: Subject,
    starts_at: datetime,
    minutes: int,
    request: Any = None,
) -> Consultation:
    """Record a consultation that happened without a booking (status: held)."""
    themes = _check_themes(subject.themes)
    person = None
    if email.strip():
        person = _person_by_email(email)
        if person is None:
            raise ConciergeError(messages.NOT_A_PERSON, "email")
    elif not name.strip():
        raise ConciergeError(messages.WALK_IN_NEEDS_PERSON, "name")
    with transaction.atomic():
        consultation = Consultation.objects.create(
            hub=hub,
            concierge=concierge,
            person=person,
            walk_in_name="" if person is not None else name.strip(),
            is_walk_in=True,
            starts_at=starts_at,
            minutes=minutes,
            topic=subject.topic,
            themes=themes,
            issue=subject.issue,
            organization=subject.organization,
            status=S.HELD,
            created_by=actor,
        )
        _change(consultation, from_status="", actor=actor)
        audit_record(
            actor=actor, action=audit.WALK_IN, target=consultation, data={}, request=request
        )
    return consultation


def consultation_move(
    *, actor: Any, consultation: Consultation, to_status: str, reason: str = "", request: Any = None
) -> Consultation:
    """Move the status along the side's table; one conditional UPDATE so two moves at once
    never both apply."""
    from kyoso.concierge.rules import is_concierge_of

    moves = CONCIERGE_MOVES if is_concierge_of(consultation.hub, actor) else PERSON_MOVES
    from_status = consultation.status
    if to_status not in moves.get(from_status, set()):
        if moves is PERSON_MOVES:
            raise ConciergeError(messages.CANCEL_NEEDS_BOOKED)
        raise ConciergeError(messages.MOVE_NOT_ALLOWED)
    with transaction.atomic():
        changed = Consultation.objects.filter(pk=consultation.pk, status=from_status).update(
            status=to_status
        )
        if not changed:
            raise ConciergeError(messages.MOVE_NOT_ALLOWED)
        consultation.status = to_status
        _change(consultation, from_status=from_status, actor=actor, reason=reason)
        audit_record(
            actor=actor,
            action=audit.MOVED,
            target=consultation,
            data={"from": from_status, "to": to_status},
            request=request,
        )
    return consultation


# --- The record after it ---------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    asked: str
    advised: str
    follow_up_on: date | None
    follow_up_note: str


def record_write(
    *, actor: Any, consultation: Consultation, record: Record, request: Any = None
) -> Consultation:
    if consultation.status != S.HELD:
        raise ConciergeError(messages.RECORD_NEEDS_HELD)
    if record.follow_up_note.strip() and record.follow_up_on is None:
        raise ConciergeError(messages.FOLLOW_UP_NOTE_NEEDS_DATE, "follow_up_on")
    with transaction.atomic():
        changed_date = consultation.follow_up_on != record.follow_up_on
        consultation.asked = record.asked
        consultation.advised = record.advised
        consultation.follow_up_on = record.follow_up_on
        consultation.follow_up_note = record.follow_up_note
        consultation.recorded_at = timezone.now()
        fields = ["asked", "advised", "follow_up_on", "follow_up_note", "recorded_at"]
        if changed_date:
            # A new follow-up date is a new follow-up: due again, reminded again.
            consultation.followed_up_at = None
            consultation.follow_up_reminded_at = None
            fields += ["followed_up_at", "follow_up_reminded_at"]
        consultation.save(update_fields=fields)
        audit_record(
            actor=actor, action=audit.RECORDED, target=consultation, data={}, request=request
        )
    return consultation


def introduction_add(
    *,
    actor: Any,
    consultation: Consultation,
    from_person: Any,
    to_email: str,
    to_organization: Any,
    introduced_on: date,
    request: Any = None,
) -> Introduction:
    if consultation.status != S.HELD:
        raise ConciergeError(messages.RECORD_NEEDS_HELD)
    to_person = None
    if to_email.strip():
        to_person = _person_by_email(to_email)
        if to_person is None:
            raise ConciergeError(messages.NOT_A_PERSON, "to_email")
    if (to_person is None) == (to_organization is None):
        raise ConciergeError(messages.INTRODUCTION_NEEDS_ONE_TARGET)
    if to_person is not None and to_person.pk == from_person.pk:
        raise ConciergeError(messages.INTRODUCTION_SELF, "to_email")
    with transaction.atomic():
        introduction = Introduction.objects.create(
            consultation=consultation,
            from_person=from_person,
            to_person=to_person,
            to_organization=to_organization,
            introduced_on=introduced_on,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=audit.INTRODUCED,
            target=consultation,
            data={
                "introduction": introduction.pk,
                "to_kind": "person" if to_person is not None else "organization",
            },
            request=request,
        )
    return introduction


def follow_up_done(*, actor: Any, consultation: Consultation, request: Any = None) -> Consultation:
    if consultation.follow_up_on is None:
        raise ConciergeError(messages.FOLLOW_UP_NOT_SET)
    with transaction.atomic():
        now = timezone.now()
        Consultation.objects.filter(pk=consultation.pk, followed_up_at__isnull=True).update(
            followed_up_at=now
        )
        consultation.followed_up_at = consultation.followed_up_at or now
        audit_record(
            actor=actor, action=audit.FOLLOWED_UP, target=consultation, data={}, request=request
        )
    return consultation
