"""A person's pitches and team memberships at idea events, in the data download and on
account deletion (registered from :mod:`kyoso.events.registry`)."""

from __future__ import annotations

from typing import Any

from django.db.models import F

SECTION = "event_ideas"


def export_personal_data(user: Any) -> dict[str, Any]:
    from kyoso.events.models import Pitch, TeamMember

    pitches = Pitch.objects.filter(author_id=user.pk).select_related("event").order_by("id")
    teams = (
        TeamMember.objects.filter(user_id=user.pk)
        .select_related("pitch__event")
        .order_by("joined_at", "id")
    )
    return {
        "pitches": [
            {
                "event": pitch.event.title,
                "title": pitch.title,
                "summary": pitch.summary,
                "wanted": pitch.wanted,
                "created_at": pitch.created_at.isoformat(),
            }
            for pitch in pitches
        ],
        "teams": [
            {
                "event": member.pitch.event.title,
                "pitch": member.pitch.title,
                "joined_at": member.joined_at.isoformat(),
            }
            for member in teams
        ],
    }


def erase_personal_data(user: Any) -> None:
    """Keep the person's pitches (their teams stay; the author then reads 「退会したユーザー」)
    and take them out of other people's teams, with the team sizes brought down to match."""
    from kyoso.events.models import Pitch, TeamMember

    rows = TeamMember.objects.filter(user_id=user.pk).exclude(pitch__author_id=user.pk)
    pitch_ids = list(rows.values_list("pitch_id", flat=True))
    rows.delete()
    Pitch.objects.filter(pk__in=pitch_ids, team_size__gt=1).update(team_size=F("team_size") - 1)


def register() -> None:
    from kyoso.core import personal_data

    personal_data.register(SECTION, export=export_personal_data, erase=erase_personal_data)
