"""Creating, editing, publishing and cancelling events; capacity and the registration switch.

Every service checks its rule again (a forged POST must not get past the view by calling the
service), runs in ``transaction.atomic`` and, after commit, asks the search layer to reindex
the event. Refusals a person can act on are :class:`EventError` with a message from
:mod:`kyoso.events.messages`.

Capacity below the number of confirmed registrants is **refused** (the issue let us choose):
nobody who was told 「参加確定」 loses the seat through an edit. Raising a capacity promotes
people from the waitlist in order (``waitlisted_at``, ``id``).

``data`` keys (the cleaned data of :class:`kyoso.events.forms.EventForm`): the editable
fields of :class:`~kyoso.events.models.Event` (:data:`EDITABLE_FIELDS`), ``related_issues``
(issues), ``guests`` (dicts with ``name``, ``affiliation``, ``title``, ``profile``) and
``questions`` (dicts with ``text``, ``required``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.policy import check
from kyoso.events import messages
from kyoso.events.models import (
    Attendance,
    Event,
    EventMode,
    EventStatus,
    Guest,
    Minutes,
    Question,
    Registration,
    RegistrationStatus,
)
from kyoso.search.services import index_on_commit

EDITABLE_FIELDS = (
    "title",
    "kind",
    "theme",
    "topic",
    "description",
    "audience",
    "starts_at",
    "ends_at",
    "all_day",
    "mode",
    "venue_name",
    "venue_address",
    "municipality",
    "latitude",
    "longitude",
    "online_url",
    "registration_opens_at",
    "registration_closes_at",
    "organization",
    "community",
    "project",
)
LIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class EventError(Exception):
    """A refusal with a message the person can act on (shown as is)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def require(rule: str, actor: Any, obj: Any = None) -> None:
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def reindex_on_commit(event_id: int) -> None:
    """After commit, give the search layer the event and its minutes as they are then (the
    minutes are found under the event's title)."""
    index_on_commit(Event.objects.filter(pk=event_id))
    reindex_minutes_on_commit(event_id)
    home_changed()


def home_changed() -> None:
    """After commit, re-render the home's event blocks (seats, figures; kyoso.core.home)."""
    from kyoso.core.home import touch_on_commit

    touch_on_commit("events")


def reindex_minutes_on_commit(event_id: int) -> None:
    """After commit, give the search layer the event's minutes as they are then (a write to the
    minutes leaves the event's own document as it is)."""
    index_on_commit(Minutes.objects.select_related("event").filter(event_id=event_id))


def offered_attendances(mode: str) -> tuple[str, ...]:
    """How one may take part in an event held in ``mode``."""
    if mode == EventMode.VENUE:
        return (Attendance.VENUE,)
    if mode == EventMode.ONLINE:
        return (Attendance.ONLINE,)
    return (Attendance.VENUE, Attendance.ONLINE)


def check_times(*, starts_at: Any, ends_at: Any, opens_at: Any, closes_at: Any) -> None:
    if starts_at is not None and ends_at is not None and ends_at < starts_at:
        raise EventError(messages.ENDS_BEFORE_START)
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise EventError(messages.CLOSES_BEFORE_OPENS)


def _check_organizer(actor: Any, data: dict[str, Any]) -> None:
    from kyoso.events.selectors import managed_communities, managed_organizations

    organization, community = data.get("organization"), data.get("community")
    if organization is not None and community is not None:
        raise EventError(messages.ONE_ORGANIZER_ONLY)
    if (
        organization is not None
        and not managed_organizations(actor).filter(pk=organization.pk).exists()
    ):
        raise EventError(messages.ORGANIZER_NOT_ALLOWED)
    if community is not None and not managed_communities(actor).filter(pk=community.pk).exists():
        raise EventError(messages.ORGANIZER_NOT_ALLOWED)


def _check_project(actor: Any, project: Any) -> None:
    """An event is held for a project only by someone who may act for it: its active leads
    and the secretariat (``projects.change_project``, kyoso.projects' rule)."""
    if project is not None and not check("projects.change_project", actor, project):
        raise EventError(messages.PROJECT_NOT_ALLOWED)


def _invite_followers(actor: Any, event: Event) -> None:
    """Invite the followers of the event's project (kyoso.events.services.invitations), in
    the caller's transaction: a rolled-back publish invites nobody."""
    from kyoso.events.services.invitations import invite_project_followers

    invite_project_followers(actor=actor, event=event)


def _capacity_text(attendance: str) -> str:
    return str(Attendance(attendance).label)


def _check_capacity(event: Event, *, capacity_venue: Any, capacity_online: Any) -> None:
    for attendance, capacity, confirmed in (
        (Attendance.VENUE, capacity_venue, event.confirmed_venue),
        (Attendance.ONLINE, capacity_online, event.confirmed_online),
    ):
        if capacity is not None and capacity < confirmed:
            raise EventError(
                messages.CAPACITY_BELOW_CONFIRMED
                % {
                    "attendance": _capacity_text(attendance),
                    "capacity": capacity,
                    "confirmed": confirmed,
                }
            )


def _save_guests(event: Event, guests: list[dict[str, Any]]) -> None:
    Guest.objects.filter(event=event).delete()
    Guest.objects.bulk_create(
        Guest(
            event=event,
            position=i,
            name=g["name"],
            affiliation=g.get("affiliation", ""),
            title=g.get("title", ""),
            profile=g.get("profile", ""),
        )
        for i, g in enumerate(guests)
    )


def _save_questions(event: Event, questions: list[dict[str, Any]]) -> None:
    """Questions keep their rows by position, so answers already given stay attached."""
    existing = list(Question.objects.filter(event=event).order_by("position", "id"))
    for i, q in enumerate(questions):
        if i < len(existing):
            row = existing[i]
            if (row.text, row.required, row.position) != (q["text"], q["required"], i):
                row.text, row.required, row.position = q["text"], bool(q["required"]), i
                row.save(update_fields=["text", "required", "position"])
        else:
            Question.objects.create(
                event=event, text=q["text"], required=bool(q["required"]), position=i
            )
    for row in existing[len(questions) :]:
        row.delete()


def event_create(*, actor: Any, data: dict[str, Any], publish: bool = True) -> Event:
    """Create an event, published at once or as a draft; capacities are in ``data`` too."""
    require("events.add_event", actor)
    _check_organizer(actor, data)
    _check_project(actor, data.get("project"))
    check_times(
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        opens_at=data.get("registration_opens_at"),
        closes_at=data.get("registration_closes_at"),
    )
    with transaction.atomic():
        event = Event(
            created_by=actor,
            status=EventStatus.PUBLISHED if publish else EventStatus.DRAFT,
            capacity_venue=data.get("capacity_venue"),
            capacity_online=data.get("capacity_online"),
            **{f: data[f] for f in EDITABLE_FIELDS if f in data},
        )
        event.save()
        event.related_issues.set(data.get("related_issues") or [])
        _save_guests(event, data.get("guests") or [])
        _save_questions(event, data.get("questions") or [])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_CREATED,
            target=event,
            data={"status": event.status},
        )
        _invite_followers(actor, event)
        reindex_on_commit(event.pk)
    return event


def event_update(*, actor: Any, event: Event, data: dict[str, Any]) -> Event:
    """Save an edit. Capacities go through the same check and promotion as
    :func:`event_set_capacity`; the organizer stays whoever was chosen unless the actor may
    choose the new one."""
    require("events.change_event", actor, event)
    check_times(
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        opens_at=data.get("registration_opens_at"),
        closes_at=data.get("registration_closes_at"),
    )
    changed_organizer = {
        k: data.get(k)
        for k in ("organization", "community")
        if getattr(event, f"{k}_id") != getattr(data.get(k), "pk", None)
    }
    if changed_organizer:
        _check_organizer(
            actor,
            {"organization": data.get("organization"), "community": data.get("community")},
        )
    project_changed = "project" in data and event.project_id != getattr(data["project"], "pk", None)
    if project_changed:
        _check_project(actor, data["project"])
    from kyoso.events.services.registration import promote_waitlisted

    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        offered = offered_attendances(data.get("mode", locked.mode))
        for attendance in Attendance:
            if attendance in offered:
                continue
            if Registration.objects.filter(
                event=locked, attendance=attendance, status__in=LIVE
            ).exists():
                raise EventError(messages.MODE_HAS_REGISTRATIONS % {"attendance": attendance.label})
        _check_capacity(
            locked,
            capacity_venue=data.get("capacity_venue"),
            capacity_online=data.get("capacity_online"),
        )
        before = {f: getattr(locked, f) for f in ("title", "starts_at", "ends_at", "mode")}
        for field in EDITABLE_FIELDS:
            if field in data:
                setattr(locked, field, data[field])
        locked.capacity_venue = data.get("capacity_venue")
        locked.capacity_online = data.get("capacity_online")
        locked.save()
        if (locked.starts_at, locked.ends_at) != (before["starts_at"], before["ends_at"]):
            _venues_follow(actor, locked)
        locked.related_issues.set(data.get("related_issues") or [])
        _save_guests(locked, data.get("guests") or [])
        _save_questions(locked, data.get("questions") or [])
        promoted = promote_waitlisted(event=locked, actor=actor)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_UPDATED,
            target=locked,
            data={
                "before": {k: str(v) for k, v in before.items()},
                "promoted": [r.pk for r in promoted],
            },
        )
        if project_changed:
            _invite_followers(actor, locked)
        reindex_on_commit(locked.pk)
    return locked


def _venues_follow(actor: Any, event: Event) -> None:
    """Move the rooms held for the event (kyoso.events.venues); a room taken at the new time
    refuses the whole edit."""
    from kyoso.events import venues

    try:
        venues.event_moved(actor=actor, event=event)
    except venues.VenueRefused as error:
        raise EventError(error.message) from error


def event_publish(*, actor: Any, event: Event) -> Event:
    require("events.change_event", actor, event)
    with transaction.atomic():
        changed = Event.objects.filter(pk=event.pk, status=EventStatus.DRAFT).update(
            status=EventStatus.PUBLISHED, updated_at=timezone.now()
        )
        if not changed:
            raise EventError(messages.ALREADY_PUBLISHED)
        event.status = EventStatus.PUBLISHED
        audit_record(actor=actor, action=AuditEvent.Action.EVENT_PUBLISHED, target=event)
        _invite_followers(actor, event)
        reindex_on_commit(event.pk)
    return event


def event_cancel(*, actor: Any, event: Event, reason: str = "") -> Event:
    """Call the event off: it stays visible (struck out) and nobody can register any more.
    Live registrants are told by notification and mail; their registrations stay as they were
    (the record of who had signed up)."""
    require("events.change_event", actor, event)
    from kyoso.events.mail import queue_registration_mail

    with transaction.atomic():
        changed = (
            Event.objects.filter(pk=event.pk)
            .exclude(status=EventStatus.CANCELLED)
            .update(status=EventStatus.CANCELLED, updated_at=timezone.now())
        )
        if not changed:
            raise EventError(messages.EVENT_IS_CANCELLED)
        event.status = EventStatus.CANCELLED
        from kyoso.events import venues

        venues.event_cancelled(actor=actor, event=event, reason=reason)  # rooms held: freed
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_CANCELLED,
            target=event,
            data={"reason": reason},
        )
        live = list(
            Registration.objects.filter(event=event, status__in=LIVE, user__isnull=False)
            .select_related("user")
            .order_by("id")
        )
        for registration in live:
            queue_registration_mail(registration, "event_cancelled", event=event, note=reason)
        from kyoso.events.services.registration import notify_people

        notify_people(
            recipients=[r.user_id for r in live if r.user_id is not None],
            kind="events.cancelled",
            actor=actor,
            event=event,
            text_key="event_cancelled",
            email=False,  # the "cancelled" mail above is their one mail
        )
        reindex_on_commit(event.pk)
    return event


def event_set_capacity(
    *, actor: Any, event: Event, capacity_venue: int | None, capacity_online: int | None
) -> list[Registration]:
    """Change the capacities; returns the registrations promoted from the waitlist.

    Refused (:data:`messages.CAPACITY_BELOW_CONFIRMED`) below the confirmed count."""
    require("events.manage_registrations", actor, event)
    from kyoso.events.services.registration import promote_waitlisted

    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _check_capacity(locked, capacity_venue=capacity_venue, capacity_online=capacity_online)
        before = (locked.capacity_venue, locked.capacity_online)
        # Conditional: the database re-checks the confirmed counts at the moment of writing.
        Event.objects.filter(pk=locked.pk).update(
            capacity_venue=capacity_venue,
            capacity_online=capacity_online,
            updated_at=timezone.now(),
        )
        locked.capacity_venue, locked.capacity_online = capacity_venue, capacity_online
        promoted = promote_waitlisted(event=locked, actor=actor)
        home_changed()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_CAPACITY_CHANGED,
            target=locked,
            data={
                "before": list(before),
                "after": [capacity_venue, capacity_online],
                "promoted": [r.pk for r in promoted],
            },
        )
    event.capacity_venue, event.capacity_online = capacity_venue, capacity_online
    return promoted


def registration_set_closed(*, actor: Any, event: Event, closed: bool) -> Event:
    """Close (``closed=True``) or reopen registration by hand."""
    require("events.manage_registrations", actor, event)
    with transaction.atomic():
        Event.objects.filter(pk=event.pk).update(
            registration_closed=closed, updated_at=timezone.now()
        )
        event.registration_closed = closed
        home_changed()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EVENT_REGISTRATION_CLOSED
            if closed
            else AuditEvent.Action.EVENT_REGISTRATION_REOPENED,
            target=event,
        )
    return event
