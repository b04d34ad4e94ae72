"""Pitches and team memberships in the data download, and on leaving the site."""

from __future__ import annotations

from kyoso.accounts.services.privacy import user_delete
from kyoso.accounts.tests.factories import UserFactory
from kyoso.core import personal_data
from kyoso.events.models import IdeaRound, Pitch, RegistrationStatus, TeamMember
from kyoso.events.services import ideas
from kyoso.events.tests.after_event import idea_event, organizer
from kyoso.events.tests.builders import RegistrationBuilder


def test_export_and_erase(db, suzuki):
    event = idea_event(created_by=organizer(), round=IdeaRound.PITCH)
    ito = UserFactory()
    for person in (suzuki, ito):
        RegistrationBuilder(event=event, user=person, status=RegistrationStatus.CONFIRMED)
    own = ideas.pitch_create(actor=ito, event=event, title="庄内の食で起業", summary="給食から")
    event.idea_round = IdeaRound.TEAM_UP
    event.save()
    ideas.team_join(actor=suzuki, pitch=own)

    exported = personal_data.export_sections(suzuki)["event_ideas"]
    assert exported["pitches"] == []
    assert [team["pitch"] for team in exported["teams"]] == ["庄内の食で起業"]
    assert personal_data.export_sections(ito)["event_ideas"]["pitches"][0]["summary"] == "給食から"

    user_delete(actor=suzuki, user=suzuki)
    own.refresh_from_db()
    assert (own.team_size, own.members.count()) == (1, 1)

    user_delete(actor=ito, user=ito)
    assert Pitch.objects.filter(pk=own.pk).exists()  # the pitch and its team stay
    assert TeamMember.objects.filter(pitch=own, user=ito).exists()
