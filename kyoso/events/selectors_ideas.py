"""Reads of an idea event's board: pitches with their teams, and the viewer's team."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kyoso.events.models import Event, Pitch, TeamMember


def event_for_ideas(pk: int) -> Event:
    """The event with its organizers (1 query); 404 when it does not exist."""
    event = Event.objects.select_related("organization", "community").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def _pitches(event: Event) -> QuerySet[Pitch]:
    return (
        Pitch.objects.filter(event_id=event.pk)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related("user").order_by("joined_at", "id"),
            )
        )
        .order_by("created_at", "id")
    )


def _viewer_team_id(pitches: list[Pitch], viewer: Any) -> int | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    for pitch in pitches:
        if any(member.user_id == viewer.pk for member in pitch.members.all()):
            return pitch.pk
    return None


@dataclass(frozen=True)
class Board:
    pitches: list[Pitch]
    #: The pitch whose team the viewer is in, or None.
    viewer_team_id: int | None

    @property
    def people(self) -> int:
        return sum(pitch.team_size for pitch in self.pitches)


def idea_board(event: Event, viewer: Any) -> Board:
    """Every pitch with its author and members (2 queries: pitches, members)."""
    pitches = list(_pitches(event))
    return Board(pitches=pitches, viewer_team_id=_viewer_team_id(pitches, viewer))


def pitch_card(event: Event, pitch_id: int, viewer: Any) -> Pitch:
    """One pitch as its card shows it (after join/leave), with ``viewer_team_id``: the viewer's
    team at the event (3 queries: pitch, members, the viewer's team)."""
    pitch = _pitches(event).filter(pk=pitch_id).first()
    if pitch is None:
        raise Http404
    team = None
    if viewer is not None and viewer.is_authenticated:
        team = (
            TeamMember.objects.filter(pitch__event_id=event.pk, user_id=viewer.pk)
            .values_list("pitch_id", flat=True)
            .first()
        )
    pitch.viewer_team_id = team  # type: ignore[attr-defined]
    return pitch


def pitch_with_team(pk: int) -> Pitch:
    """A pitch with its event (and the event's organizers), author and team members, for
    starting a project from it (2 queries); 404 when it does not exist."""
    pitch = (
        Pitch.objects.select_related("event__organization", "event__community", "author")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related("user").order_by("joined_at", "id"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if pitch is None:
        raise Http404
    return pitch
