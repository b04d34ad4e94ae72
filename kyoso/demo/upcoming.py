"""Loading the upcoming events (data in ``kyoso/demo/data/upcoming.py``).

Through the events services, as the organizers and the people registering would: the event
is created by its organizer, each person registers with ``registration_create`` (so a seat
is claimed with the conditional UPDATE, the waitlist is what the site makes and the seat
counters equal the confirmed rows), and the idea event's rounds, pitches and teams go
through ``kyoso.events.services.ideas``. Dates are relative to the load: the event starts
``days_ahead`` days later at its local time; the event was published and the registrations
came in over the week before the load (only those timestamps are moved, in order).

Idempotent: an event whose title exists is skipped with everything it carries.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from kyoso.demo.data.upcoming import UPCOMING, ZOOM, UpcomingEvent
from kyoso.events.models import (
    Event,
    EventMode,
    Pitch,
    Registration,
    RegistrationStatus,
    TeamMember,
)
from kyoso.issues.models import Issue

#: The event was published this long before the load; registrations came in after that.
PUBLISHED_BEFORE = timedelta(days=8)


def _local(day_offset: int, start: str, now: datetime) -> datetime:
    hours, minutes = (int(part) for part in start.split(":"))
    day = timezone.localtime(now).date() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hours, minutes)))


def load_upcoming_events(run: Any) -> None:
    """The ``load_upcoming_events`` step of :mod:`kyoso.demo.services`."""
    existing = set(
        Event.objects.filter(title__in=[e.title for e in UPCOMING]).values_list("title", flat=True)
    )
    for entry in UPCOMING:
        run.totals["upcoming_events"] += 1
        if entry.title in existing:
            continue
        _create(run, entry)
        run.created["upcoming_events"] += 1


def _create(run: Any, entry: UpcomingEvent) -> Event:
    from kyoso.demo.services import DemoDataError
    from kyoso.events.services.events import event_create
    from kyoso.events.services.registration import registration_create

    organizer = run.users[entry.actor]
    starts_at = _local(entry.days_ahead, entry.start, run.now)
    issues = list(Issue.objects.filter(title__in=entry.related_issues))
    if len(issues) != len(entry.related_issues):
        raise DemoDataError(f"{entry.title}: related issues missing from the demo")
    event = event_create(
        actor=organizer,
        data={
            "title": entry.title,
            "kind": entry.kind,
            "theme": entry.theme,
            "topic": entry.topic,
            "description": entry.description,
            "audience": entry.audience,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=entry.minutes),
            "mode": entry.mode,
            "venue_name": entry.venue_name,
            "venue_address": entry.venue_address,
            "municipality": run.municipality(entry.municipality),
            "online_url": "" if entry.mode == EventMode.VENUE else ZOOM,
            "organization": run.organizations[entry.organizer],
            "capacity_venue": entry.capacity_venue,
            "capacity_online": entry.capacity_online,
            "related_issues": issues,
        },
    )
    published = run.now - PUBLISHED_BEFORE
    Event.objects.filter(pk=event.pk).update(created_at=published, updated_at=published)

    step = (PUBLISHED_BEFORE - timedelta(hours=6)) / max(len(entry.registrations), 1)
    for number, (key, attendance) in enumerate(entry.registrations, start=1):
        registration = registration_create(actor=run.users[key], event=event, attendance=attendance)
        moment = published + step * number
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        Registration.objects.filter(pk=registration.pk).update(
            created_at=moment,
            confirmed_at=moment if confirmed else None,
            waitlisted_at=None if confirmed else moment,
        )
        run.totals["event_registrations"] += 1
        run.created["event_registrations"] += 1
    if entry.pitches:
        _ideas(run, event, entry)
    return event


def _ideas(run: Any, event: Event, entry: UpcomingEvent) -> None:
    """Open the pitch round, post the pitches, let the teams form, then leave the event in
    ``entry.idea_round`` (pitches open again for late ideas)."""
    from kyoso.events.services.ideas import idea_round_set, pitch_create, team_join

    organizer = run.users[entry.actor]
    event = idea_round_set(actor=organizer, event=event, round="pitch")
    pitches = []
    for spec in entry.pitches:
        pitches.append(
            pitch_create(
                actor=run.users[spec.author],
                event=event,
                title=spec.title,
                summary=spec.summary,
                wanted=spec.wanted,
            )
        )
        run.totals["pitches"] += 1
        run.created["pitches"] += 1
    event = idea_round_set(actor=organizer, event=event, round="team_up")
    for spec, pitch in zip(entry.pitches, pitches, strict=True):
        for key in spec.members:
            team_join(actor=run.users[key], pitch=pitch)
    if entry.idea_round and entry.idea_round != "team_up":
        idea_round_set(actor=organizer, event=event, round=entry.idea_round)
    # Pitched two days before the load, teams formed the day after.
    for number, pitch in enumerate(pitches):
        pitched = run.now - timedelta(days=2, hours=-3 * number)
        Pitch.objects.filter(pk=pitch.pk).update(created_at=pitched)
        TeamMember.objects.filter(pitch=pitch, user_id=pitch.author_id).update(joined_at=pitched)
        TeamMember.objects.filter(pitch=pitch).exclude(user_id=pitch.author_id).update(
            joined_at=pitched + timedelta(days=1)
        )
