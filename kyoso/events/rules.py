"""Rules of the events app (named ``events.<verb>_<model>``), registered by :func:`register`."""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_secretariat_member


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    register_attendance_rules()
    register_after_event_rules()
    register_events_and_registration()


_MANAGER_ROLES = ("owner", "admin")


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _is_event(obj: Any) -> bool:
    from kyoso.events.models import Event

    return isinstance(obj, Event)


# ---------------------------------------------------------------------------------------------
# Who organizes an event (shared by every section below): the creator, an owner/admin of the
# organizing organization, an active leader of the organizing community, or the secretariat.
# One predicate, remembered on the event per viewer (a page asks several rules about the same
# event); selectors that already know the answer store it with :func:`remember_organizer`.
# ---------------------------------------------------------------------------------------------

_ORGANIZER_CACHE = "_organizer_by_viewer"


def _organizes_uncached(user: Any, event: Any) -> bool:
    """The uncached answer of :func:`organizes_event` (user is signed in, event an Event)."""
    if event.created_by_id == user.pk or is_secretariat_member(user):
        return True
    from kyoso.communities.models import CommunityMembership
    from kyoso.orgs.models import Membership

    if (
        event.organization_id is not None
        and Membership.objects.filter(
            organization_id=event.organization_id, user=user, role__in=_MANAGER_ROLES
        ).exists()
    ):
        return True
    return bool(
        event.community_id is not None
        and CommunityMembership.objects.filter(
            community_id=event.community_id, user=user, role="leader", status="active"
        ).exists()
    )


@rules.predicate
def organizes_event(user: Any, event: Any) -> bool:
    """Whether ``user`` organizes ``event`` (remembered on the event for this viewer)."""
    if not _is_event(event) or not _authenticated(user):
        return False
    cache = event.__dict__.setdefault(_ORGANIZER_CACHE, {})
    if user.pk not in cache:
        cache[user.pk] = _organizes_uncached(user, event)
    return bool(cache[user.pk])


def remember_organizer(event: Any, user: Any, answer: bool) -> None:
    """Store what a selector already knows (from an annotation) in :func:`organizes_event`'s
    cache, so that the rules of a page do not ask the memberships again."""
    event.__dict__.setdefault(_ORGANIZER_CACHE, {})[user.pk] = bool(answer)


# ---------------------------------------------------------------------------------------------
# Check-in, tickets, calendars and feeds, historic import, participation figures.
#
# - organize an event (check people in, add walk-ins, see who came): the person who created
#   it, an owner/admin of its organizing organization, an active leader of its organizing
#   community, and the secretariat;
# - download an event's .ics: whoever may see the event (``events.view_event`` below);
#   calendars and feeds list published and cancelled events only;
# - see one's ticket (QR code): a signed-in person with a live registration for the event;
# - import past events from a file: the secretariat;
# - see participation figures: everyone sees the aggregate counts; the breakdown by sector and
#   organization type (small groups can point at people) only the secretariat.
# ---------------------------------------------------------------------------------------------


@rules.predicate
def holds_live_registration(user: Any, event: Any) -> bool:
    if not _is_event(event) or not _authenticated(user):
        return False
    from kyoso.events.models import Registration, RegistrationStatus

    return Registration.objects.filter(
        event=event,
        user=user,
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
    ).exists()


def register_attendance_rules() -> None:
    rules.set_perm("events.checkin_event", organizes_event)
    rules.set_perm("events.view_ticket", holds_live_registration)
    rules.set_perm("events.import_events", is_secretariat_member)
    rules.set_perm("events.view_participation_breakdown", is_secretariat_member)


# =============================================================================================
# Events and registration.
#
# Who may do what (kyoso/events/tests/test_permissions.py enumerates this table):
#
# - see an event: everyone for a published or cancelled event; a draft only its organizers;
# - create an event: verified members (as themselves, as an organization they are owner/admin
#   of, or as a community they lead);
# - organizers of an event: its creator, the owners/admins of the organizing organization, the
#   active leaders of the organizing community, and the secretariat;
# - edit, publish, cancel an event: its organizers, while it is not cancelled;
# - register: verified members, on a published event whose registration is open
#   (:func:`registration_refusal` says why not, in words);
# - cancel a registration: the registrant (before the event starts), or an organizer;
# - see and manage the registrants (list, CSV, close/reopen, capacity): the organizers;
# - hold the event for a project: the project's active leads and the secretariat
#   (``projects.change_project``, checked by the service);
# - invite people to it: the organizers (services/invitations.py).
#
# "Organizes" is :func:`organizes_event` (at the top, cached per viewer on the event).
# =============================================================================================


def registration_refusal(event: Any, *, now: Any = None) -> Any:
    """Why nobody can register for ``event`` now (a message), or None when registration is open.

    Without an explicit closing time, registration closes when the event starts."""
    from django.utils import timezone

    from kyoso.events import messages
    from kyoso.events.formatting import moment_text
    from kyoso.events.models import EventStatus

    now = now or timezone.now()
    if event.status == EventStatus.DRAFT:
        return messages.REG_EVENT_DRAFT
    if event.status == EventStatus.CANCELLED:
        return messages.REG_EVENT_CANCELLED
    if event.starts_at <= now:
        return messages.REG_EVENT_STARTED
    if event.registration_closed:
        return messages.REG_CLOSED_BY_ORGANIZER
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        return messages.REG_NOT_OPEN_YET % {"when": moment_text(event.registration_opens_at)}
    if event.registration_closes_at is not None and now >= event.registration_closes_at:
        return messages.REG_AFTER_CLOSE
    return None


@rules.predicate
def can_view_event(user: Any, event: Any) -> bool:
    return _is_event(event) and (event.status != "draft" or organizes_event(user, event))


@rules.predicate
def event_not_cancelled(user: Any, event: Any) -> bool:
    return _is_event(event) and event.status != "cancelled"


@rules.predicate
def event_registration_open(user: Any, event: Any) -> bool:
    return _is_event(event) and registration_refusal(event) is None


@rules.predicate
def can_cancel_registration(user: Any, registration: Any) -> bool:
    from django.utils import timezone

    from kyoso.events.models import Registration, RegistrationStatus

    if not isinstance(registration, Registration) or not _authenticated(user):
        return False
    if registration.status == RegistrationStatus.CANCELLED:
        return False
    event = registration.event
    if organizes_event(user, event):
        return True
    return registration.user_id == user.pk and event.starts_at > timezone.now()


def register_events_and_registration() -> None:
    from kyoso.accounts.rules import is_email_verified
    from kyoso.core.rules import is_active_member

    verified = is_active_member & is_email_verified
    rules.set_perm("events.view_event", can_view_event)
    rules.set_perm("events.add_event", verified)
    rules.set_perm("events.change_event", organizes_event & event_not_cancelled)
    rules.set_perm("events.register_event", verified & can_view_event & event_registration_open)
    rules.set_perm("events.cancel_registration", can_cancel_registration)
    rules.set_perm("events.manage_registrations", organizes_event)
    # Invite people (kyoso.events.services.invitations): the organizers; the service then
    # leaves out drafts, cancelled and past events, and whoever may not see the event.
    rules.set_perm("events.invite_event", organizes_event)


# ---------------------------------------------------------------------------------------------
# Minutes (議事録), the follow-up after an event, idea events (pitches, teams, rounds).
#
# - see the minutes: their organizers always (drafts included); once published, signed-in
#   members ("members") or everyone ("public"); nobody else sees a draft, nor the minutes of
#   a draft event;
# - write, publish and unpublish the minutes, link and create surfaced issues, see the
#   conversion figure: the organizers (:func:`organizes_event`);
# - see the follow-up of an event: the people who attended (a checked-in registration with an
#   account, not mere registrants) and the organizers;
# - see an idea event's pitches and teams: whoever sees the event (drafts: organizers);
# - pitch: a verified member with a confirmed registration, in the "pitch" round only; join or
#   leave a team: the same people, in the "team_up" round only (the pitch round is for
#   listening; teams form once every pitch has been heard); nothing after "closed";
# - run the rounds: the organizers, on an idea event.
# ---------------------------------------------------------------------------------------------

_PARTICIPANT_CACHE = "_registration_by_viewer"


def registration_of(user: Any, event: Any) -> Any:
    """The person's live (not cancelled) registration for the event, or None (remembered)."""
    if not _is_event(event) or not _authenticated(user):
        return None
    cache = event.__dict__.setdefault(_PARTICIPANT_CACHE, {})
    if user.pk not in cache:
        from kyoso.events.models import Registration, RegistrationStatus

        cache[user.pk] = (
            Registration.objects.filter(event_id=event.pk, user_id=user.pk)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    return cache[user.pk]


def remember_registration(event: Any, user: Any, registration: Any) -> None:
    """Store the viewer's live registration (or None) that a selector already read in
    :func:`registration_of`'s cache."""
    event.__dict__.setdefault(_PARTICIPANT_CACHE, {})[user.pk] = registration


def minutes_of(event: Any) -> Any:
    """The event's minutes, or None (reads a select_related/prefetched row when there is one)."""
    from kyoso.events.models import Minutes

    try:
        return event.minutes
    except Minutes.DoesNotExist:
        return None


def attended(user: Any, event: Any) -> bool:
    registration = registration_of(user, event)
    return registration is not None and registration.checked_in_at is not None


def is_confirmed_participant(user: Any, event: Any) -> bool:
    from kyoso.events.models import RegistrationStatus

    registration = registration_of(user, event)
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


def pitch_refusal(user: Any, event: Any) -> Any:
    """Why ``user`` may not pitch at ``event`` now (a message), or None."""
    return _idea_refusal(user, event, round_needed="pitch")


def team_refusal(user: Any, event: Any) -> Any:
    """Why ``user`` may not join or leave a team of ``event`` now (a message), or None."""
    return _idea_refusal(user, event, round_needed="team_up")


def _idea_refusal(user: Any, event: Any, *, round_needed: str) -> Any:
    from kyoso.accounts.rules import is_email_verified
    from kyoso.events import messages
    from kyoso.events.models import EventKind, IdeaRound

    if not _is_event(event) or event.kind != EventKind.IDEA:
        return messages.NOT_AN_IDEA_EVENT
    if event.idea_round == IdeaRound.CLOSED:
        return messages.IDEAS_CLOSED
    if not event.idea_round:
        return messages.IDEAS_NOT_STARTED
    if event.idea_round != round_needed:
        return (
            messages.PITCH_OUTSIDE_ROUND if round_needed == "pitch" else messages.TEAM_OUTSIDE_ROUND
        )
    if not _authenticated(user) or not is_email_verified(user):
        return messages.IDEAS_VERIFY_EMAIL_FIRST
    if not is_confirmed_participant(user, event):
        return messages.NOT_A_PARTICIPANT
    return None


@rules.predicate
def can_view_minutes(user: Any, event: Any) -> bool:
    if not _is_event(event):
        return False
    if organizes_event(user, event):
        return True
    minutes = minutes_of(event)
    if minutes is None or minutes.published_at is None or event.status == "draft":
        return False
    return minutes.visibility == "public" or _authenticated(user)


@rules.predicate
def can_view_followup(user: Any, event: Any) -> bool:
    return _is_event(event) and (attended(user, event) or organizes_event(user, event))


@rules.predicate
def can_view_ideas(user: Any, event: Any) -> bool:
    if not _is_event(event) or event.kind != "idea":
        return False
    return event.status != "draft" or organizes_event(user, event)


@rules.predicate
def can_pitch(user: Any, event: Any) -> bool:
    return pitch_refusal(user, event) is None


@rules.predicate
def can_team_up(user: Any, event: Any) -> bool:
    return team_refusal(user, event) is None


@rules.predicate
def is_idea_event(user: Any, event: Any) -> bool:
    return _is_event(event) and event.kind == "idea"


def register_after_event_rules() -> None:
    from kyoso.core.rules import is_active_member

    rules.set_perm("events.view_minutes", can_view_minutes)
    rules.set_perm("events.change_minutes", organizes_event)
    rules.set_perm("events.view_followup", can_view_followup)
    rules.set_perm("events.view_conversion", organizes_event)
    rules.set_perm("events.view_ideas", can_view_ideas)
    # Pages that post pitches or join teams declare this one (sign in, see the ideas); the
    # services then refuse with a message saying why (round, registration) — see pitch_refusal.
    rules.set_perm("events.take_part_in_ideas", is_active_member & can_view_ideas)
    rules.set_perm("events.add_pitch", can_pitch)
    rules.set_perm("events.join_team", can_team_up)
    rules.set_perm("events.run_idea_rounds", is_idea_event & organizes_event)
