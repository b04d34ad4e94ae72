"""Idea events (seed 001, チーム庄内): pitches, teams and the rounds the organizer runs.

Rounds (``Event.idea_round``): "" (not started) → pitch → team_up → present → closed. The
organizer may move between the first four freely (e.g. back to "pitch" for a late idea), but
"closed" is final. Pitches are posted only in the pitch round; teams are joined and left only
in the team_up round (not during pitches: everyone hears every idea before choosing); nothing
changes after "closed", and teams keep their members and pitch (a later projects capability
turns a team into a project).

A person is in at most one team per event; the author of a pitch is in its team from the start
and cannot leave it, so a person also pitches at most once per event. Who is in which team is
checked and changed inside one transaction that first locks the person's registration row
(``select_for_update`` on PostgreSQL; SQLite serializes write transactions), so two parallel
joins by one person cannot put them in two teams. ``Pitch.team_size`` moves only when a
membership row was really inserted or deleted, with a conditional ``UPDATE … SET team_size =
team_size ± 1``, so it always equals the number of members, however many people join at once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.policy import check
from kyoso.events import messages
from kyoso.events.models import (
    Event,
    IdeaRound,
    Pitch,
    Registration,
    RegistrationStatus,
    TeamMember,
)
from kyoso.events.rules import pitch_refusal, team_refusal
from kyoso.events.services.refusals import Refused

AUDIT_ROUND = AuditEvent.Action.EVENT_IDEA_ROUND_CHANGED


def _lock_participation(event: Event, actor: Any) -> None:
    """Lock the person's registration so that their team changes at this event run one at
    a time (a no-op on SQLite, whose write transactions are serialized anyway)."""
    list(
        Registration.objects.select_for_update()
        .filter(event_id=event.pk, user_id=actor.pk, status=RegistrationStatus.CONFIRMED)
        .values_list("pk", flat=True)
    )


def _current_team(event: Event, actor: Any) -> Pitch | None:
    return Pitch.objects.filter(event_id=event.pk, members__user_id=actor.pk).order_by("id").first()


def pitch_create(
    *, actor: Any, event: Event, title: str, summary: str = "", wanted: str = ""
) -> Pitch:
    """Post a pitch; its author becomes the first member of its team."""
    refusal = pitch_refusal(actor, event)
    if refusal is not None:
        raise Refused(refusal)
    if not title.strip():
        raise Refused(messages.PITCH_TITLE_REQUIRED)
    with transaction.atomic():
        _lock_participation(event, actor)
        current = _current_team(event, actor)
        if current is not None:
            raise Refused(messages.ALREADY_IN_A_TEAM % {"title": current.title})
        pitch = Pitch.objects.create(
            event=event,
            author=actor,
            title=title.strip(),
            summary=summary.strip(),
            wanted=wanted.strip(),
            team_size=1,
        )
        TeamMember.objects.create(pitch=pitch, user=actor)
    return pitch


def team_join(*, actor: Any, pitch: Pitch) -> Pitch:
    """Join the pitch's team. Refused with a message when it is the person's own pitch, when
    they are already in it or in another team of the event, or outside the team_up round."""
    event = pitch.event
    refusal = team_refusal(actor, event)
    if refusal is not None:
        raise Refused(refusal)
    if pitch.author_id == actor.pk:
        raise Refused(messages.OWN_TEAM)
    with transaction.atomic():
        _lock_participation(event, actor)
        current = _current_team(event, actor)
        if current is not None:
            if current.pk == pitch.pk:
                raise Refused(messages.ALREADY_IN_THIS_TEAM)
            raise Refused(messages.ALREADY_IN_A_TEAM % {"title": current.title})
        try:
            with transaction.atomic():
                TeamMember.objects.create(pitch=pitch, user=actor)
        except IntegrityError:  # a parallel request of the same person got there first
            raise Refused(messages.ALREADY_IN_THIS_TEAM) from None
        Pitch.objects.filter(pk=pitch.pk).update(team_size=F("team_size") + 1)
    pitch.refresh_from_db(fields=["team_size"])
    return pitch


def team_leave(*, actor: Any, pitch: Pitch) -> Pitch:
    """Leave the pitch's team (not one's own pitch), in the team_up round only."""
    refusal = team_refusal(actor, pitch.event)
    if refusal is not None:
        raise Refused(refusal)
    if pitch.author_id == actor.pk:
        raise Refused(messages.AUTHOR_CANNOT_LEAVE)
    with transaction.atomic():
        _lock_participation(pitch.event, actor)
        deleted, _ = TeamMember.objects.filter(pitch_id=pitch.pk, user_id=actor.pk).delete()
        if not deleted:
            raise Refused(messages.NOT_IN_TEAM)
        # Never below the author's own membership.
        Pitch.objects.filter(pk=pitch.pk, team_size__gt=1).update(team_size=F("team_size") - 1)
    pitch.refresh_from_db(fields=["team_size"])
    return pitch


def idea_round_set(
    *, actor: Any, event: Event, round: str, request: HttpRequest | None = None
) -> Event:
    """Move the idea event to another round (organizers). "closed" cannot be left."""
    if not check("events.run_idea_rounds", actor, event):
        raise PermissionDenied("events.run_idea_rounds")
    if round not in IdeaRound.values:
        raise Refused(messages.ROUND_INVALID)
    with transaction.atomic():
        previous = (
            Event.objects.select_for_update()
            .filter(pk=event.pk)
            .values_list("idea_round", flat=True)
            .first()
        )
        if previous == round:
            raise Refused(messages.ROUND_UNCHANGED)
        if previous == IdeaRound.CLOSED:
            raise Refused(messages.ROUND_AFTER_CLOSED)
        Event.objects.filter(pk=event.pk, idea_round=previous).update(idea_round=round)
        audit_record(
            actor=actor,
            action=AUDIT_ROUND,
            target=event,
            data={"event": event.pk, "from": previous or "", "to": round},
            request=request,
        )
    event.idea_round = round
    return event
