"""Invitations to events (issue 17: "supporters … become followers of the project, invited to
its events").

:func:`invite_to_event` is the one write: it records an :class:`~kyoso.events.models.Invitation`
per person and notifies them (kind ``events.invited``, type ``events.invitations``, so each
person's delivery for that type decides: off, site only, mail now or in a digest). Whoever was
invited to an event before is left out, so publishing twice, closing a campaign twice or
calling it twice notifies nobody twice; the event row is locked first (PostgreSQL) and writers
are serialized on SQLite, and the unique ``(event, user)`` pair is the last line.

Who is never invited: anybody when the event is not published (drafts and cancelled events)
or already over; inactive and deleted accounts; the actor and the event's creator; people
already registered; and anyone who may not see the event (``events.view_event``). For the
project reasons, nobody while the project is hidden (its followers could not open it).

Two callers name the people for a reason:

- :func:`invite_project_followers` — an event held for a project is published (created
  published, published from a draft, or linked to the project while published): the
  project's followers (``kyoso.projects.selectors.follower_ids``);
- :func:`invite_to_project_events` — a campaign of the project succeeds (money moves, both
  modes): its supporters, to each of the project's upcoming published events
  (the campaigns app calls this service, never the events' models).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core.policy import check
from kyoso.events import messages
from kyoso.events.models import (
    Event,
    EventStatus,
    Invitation,
    InvitationReason,
    Registration,
    RegistrationStatus,
)
from kyoso.events.services.events import require

#: The audit action of an invitation (registered in kyoso.events.registry).
AUDIT_INVITED = "events.invite"
NOTIFICATION_KIND = "events.invited"
#: The reasons other apps pass (so they need not import the events' models).
BY_ORGANIZER = InvitationReason.ORGANIZER.value
FOLLOWS_PROJECT = InvitationReason.PROJECT_FOLLOWER.value
SUPPORTED_CAMPAIGN = InvitationReason.CAMPAIGN_SUPPORTER.value
_PROJECT_REASONS = (InvitationReason.PROJECT_FOLLOWER, InvitationReason.CAMPAIGN_SUPPORTER)
_LIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def _person_filter(people: Iterable[Any] | models.QuerySet) -> models.QuerySet | set[int]:
    """``people`` as something ``pk__in`` takes: a queryset stays a subquery, users and ids
    become a set of ids."""
    if isinstance(people, models.QuerySet):
        return people
    ids: set[int] = set()
    for person in people:
        pk = person if isinstance(person, int) else getattr(person, "pk", None)
        if pk is not None:
            ids.add(pk)
    return ids


def is_invitable(event: Event, *, now: Any = None) -> bool:
    """Whether anybody may be invited to ``event`` now: published and not over."""
    now = now or timezone.now()
    return event.status == EventStatus.PUBLISHED and event.ends_at > now


def _text(event: Event, reason: str, project: Any) -> str:
    if reason == InvitationReason.PROJECT_FOLLOWER:
        template = messages.INVITED_AS_FOLLOWER
    elif reason == InvitationReason.CAMPAIGN_SUPPORTER:
        template = messages.INVITED_AS_SUPPORTER
    else:
        template = messages.INVITED_BY_ORGANIZER
    return str(template) % {"title": event.title, "project": getattr(project, "title", "")}


def invite_to_event(
    *, actor: Any, event: Event, people: Iterable[Any] | models.QuerySet, reason: str
) -> list[int]:
    """Invite ``people`` (users, ids or a queryset of ids) to ``event`` for ``reason`` (an
    :class:`~kyoso.events.models.InvitationReason`); return the ids of those newly invited.

    ``actor``: a person must organize the event (``events.invite_event``); ``None`` is the
    platform itself (a scheduled job such as the campaigns' close), for trusted callers only.
    """
    reason = InvitationReason(reason)
    signed_in = bool(getattr(actor, "is_authenticated", False))
    if signed_in:
        require("events.invite_event", actor, event)
    wanted = _person_filter(people)
    if not isinstance(wanted, models.QuerySet) and not wanted:
        return []
    from kyoso.accounts.models import User
    from kyoso.notifications.services import notify

    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not is_invitable(locked):
            return []
        project = None
        if reason in _PROJECT_REASONS:
            from kyoso.projects.selectors import listed_project

            project = listed_project(locked.project_id)
            if project is None:  # no project, or a hidden one: its followers cannot see it
                return []
        candidates = (
            User.objects.filter(pk__in=wanted, is_active=True, deleted_at__isnull=True)
            .exclude(pk=locked.created_by_id)
            .exclude(pk__in=Invitation.objects.filter(event_id=locked.pk).values("user_id"))
            .exclude(
                pk__in=Registration.objects.filter(
                    event_id=locked.pk, status__in=_LIVE, user__isnull=False
                ).values("user_id")
            )
        )
        if signed_in:
            candidates = candidates.exclude(pk=actor.pk)
        invited = [p for p in candidates.order_by("pk") if check("events.view_event", p, locked)]
        if not invited:
            return []
        Invitation.objects.bulk_create(
            [
                Invitation(
                    event=locked,
                    user=person,
                    reason=reason,
                    invited_by=actor if signed_in else None,
                )
                for person in invited
            ],
            ignore_conflicts=True,  # the unique pair, should anything slip past the lock
        )
        ids = [p.pk for p in invited]
        notify(
            recipients=ids,
            kind=NOTIFICATION_KIND,
            actor=actor,
            target=locked,
            text=_text(locked, reason, project),
            url=reverse("events:detail", args=[locked.pk]),
        )
        audit_record(
            actor=actor,
            action=AUDIT_INVITED,
            target=locked,
            data={"reason": reason.value, "invited": len(ids)},
        )
    return ids


def invite_project_followers(*, actor: Any, event: Event) -> list[int]:
    """The event is held for a project and published: invite the project's followers."""
    if event.project_id is None or event.status != EventStatus.PUBLISHED:
        return []
    from kyoso.projects.selectors import follower_ids

    return invite_to_event(
        actor=actor,
        event=event,
        people=follower_ids(event.project_id),
        reason=InvitationReason.PROJECT_FOLLOWER,
    )


def invite_to_project_events(
    *, actor: Any, project_id: int, people: Iterable[Any] | models.QuerySet, reason: str
) -> dict[int, list[int]]:
    """Invite ``people`` to every upcoming published event of the project; returns
    ``{event id: ids newly invited}`` (events where nobody was new are left out)."""
    from kyoso.events.selectors import upcoming_project_events

    wanted = _person_filter(people)
    done: dict[int, list[int]] = {}
    for event in upcoming_project_events(project_id, limit=None):
        ids = invite_to_event(actor=actor, event=event, people=wanted, reason=reason)
        if ids:
            done[event.pk] = ids
    return done
