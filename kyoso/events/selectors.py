"""Reads of the events app that span relations: querysets that carry their joins already.

- :func:`event_page`: the list (upcoming or past, filters, keyset pages, one query)
- :func:`event_detail`: one event with guests, questions, related issues and seat figures
- :func:`registrants`: the organizer's list (confirmed, then the waitlist in order, answers)
- :func:`my_events`: what a person registered for and what they organize
- :func:`visible_events`: what a viewer may see (search)
- :func:`upcoming_project_events`: the published events held for a project, not yet over
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.tuple_lookups import Tuple
from django.http import Http404
from django.utils import timezone

from kyoso.core.db_router import replica_reads
from kyoso.core.keyset import RowGreaterThan, RowLessThan, decode_cursor, encode_cursor
from kyoso.events.formatting import when_text
from kyoso.events.models import (
    Answer,
    Attendance,
    Event,
    EventMode,
    EventStatus,
    Invitation,
    Registration,
    RegistrationStatus,
)
from kyoso.events.rules import remember_organizer, remember_registration

PER_PAGE = 20
LIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
_MANAGER_ROLES = ("owner", "admin")


# --- Who manages what ------------------------------------------------------------------------


def managed_organizations(user: Any) -> QuerySet:
    """Organizations ``user`` may organize events as (owner or admin)."""
    from kyoso.orgs.models import Organization

    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user_id=user.pk, memberships__role__in=_MANAGER_ROLES
    ).order_by("name", "id")


def managed_communities(user: Any) -> QuerySet:
    """Communities ``user`` leads (active leader)."""
    from kyoso.communities.models import Community

    if not getattr(user, "is_authenticated", False):
        return Community.objects.none()
    return Community.objects.filter(
        memberships__user_id=user.pk, memberships__role="leader", memberships__status="active"
    ).order_by("name", "id")


def organized_by(user: Any) -> Q:
    """Events ``user`` organizes (secretariat aside): created, or as an org/community they run."""
    from kyoso.communities.models import CommunityMembership
    from kyoso.orgs.models import Membership

    return (
        Q(created_by_id=user.pk)
        | Q(
            Exists(
                Membership.objects.filter(
                    organization_id=OuterRef("organization_id"),
                    user_id=user.pk,
                    role__in=_MANAGER_ROLES,
                )
            )
        )
        | Q(
            Exists(
                CommunityMembership.objects.filter(
                    community_id=OuterRef("community_id"),
                    user_id=user.pk,
                    role="leader",
                    status="active",
                )
            )
        )
    )


def visible_events(viewer: Any) -> QuerySet[Event]:
    """Published and cancelled events; drafts only for their organizers (and the secretariat)."""
    from kyoso.roles.selectors import is_secretariat

    events = Event.objects.all()
    if not getattr(viewer, "is_authenticated", False):
        return events.exclude(status=EventStatus.DRAFT)
    if is_secretariat(viewer):
        return events
    return events.filter(~Q(status=EventStatus.DRAFT) | organized_by(viewer))


def searchable_events(viewer: Any) -> QuerySet[Event]:
    """What the global search may show: published events, and any the viewer organizes."""
    from kyoso.roles.selectors import is_secretariat

    events = Event.objects.all()
    if not getattr(viewer, "is_authenticated", False):
        return events.filter(status=EventStatus.PUBLISHED)
    if is_secretariat(viewer):
        return events
    return events.filter(Q(status=EventStatus.PUBLISHED) | organized_by(viewer))


# --- The list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    theme: str = ""
    municipality: str = ""
    community: int | None = None
    online: str = ""  # "online" (held online or hybrid), "offline" (at a venue or hybrid)
    past: bool = False

    @property
    def tab(self) -> str:
        """The tab, as the list's cursors name it (a cursor of one tab is refused by the
        other)."""
        return "past" if self.past else "upcoming"


@dataclass
class EventPage:
    items: list[Event]
    #: The cursor of the page after this one (None: this is the last page).
    next_cursor: str | None
    is_first: bool


def _list_columns(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related(
        "organization",
        "community",
        "municipality__prefecture",
        "municipality__parent",
        "created_by",
    )


def _earliest_upcoming_start(now: Any) -> Subquery:
    """``MIN(starts_at)`` of the listed events not yet over (an ongoing multi-day event started
    before now), read from the ``event_upcoming`` index (ends_at, status, starts_at) alone.

    The ``FILTER`` repeats the ``WHERE`` on purpose: a plain ``MIN(starts_at)`` invites both
    databases to walk the ``starts_at`` index from the oldest event until one is not over,
    i.e. through every past event; an aggregate with a filter is never read that way.
    """
    not_over = Q(ends_at__gte=now) & ~Q(status=EventStatus.DRAFT)
    return Subquery(
        Event.objects.filter(not_over)
        .order_by()
        .values(_all=Value(1))  # no GROUP BY: one row, the minimum over all of them
        .annotate(first=Min("starts_at", filter=not_over))
        .values("first")
    )


def filtered_events(
    filters: EventFilters, *, now: Any = None, after: tuple[datetime, int] | None = None
) -> QuerySet[Event]:
    """The listed events of the tab, filtered, in list order: upcoming (not yet over, ongoing
    ones included) soonest first, past latest first; by (starts_at, id) either way. With
    ``after`` (a decoded cursor), only the events after that key in the tab's order.

    Each tab starts with a bound on (starts_at, id) that the database seeks in an index, so
    no page walks through the other tab's events or the pages before it:

    - past: after the cursor, or before now: a past event started before now, since
      ``ends_at >= starts_at`` is a constraint (a cursor later than now means the same);
    - upcoming: after the cursor, or from the earliest start among the events not yet over.
    """
    now = now or timezone.now()
    key = Tuple(F("starts_at"), F("id"))
    events = Event.objects.exclude(status=EventStatus.DRAFT)
    if filters.past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
        if after is not None and after[0] < now:
            events = events.filter(RowLessThan(key, after))
        else:
            events = events.filter(starts_at__lt=now)
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "id")
        if after is not None:
            events = events.filter(RowGreaterThan(key, after))
        else:
            events = events.filter(starts_at__gte=_earliest_upcoming_start(now))
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.theme:
        events = events.filter(theme=filters.theme)
    if filters.municipality:
        events = events.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    if filters.community:
        events = events.filter(community_id=filters.community)
    if filters.online == "online":
        events = events.filter(mode__in=[EventMode.ONLINE, EventMode.HYBRID])
    elif filters.online == "offline":
        events = events.filter(mode__in=[EventMode.VENUE, EventMode.HYBRID])
    return _list_columns(events)


def with_when(events: Any) -> list[Event]:
    """The events as a list, each with ``when`` (in the current language,
    kyoso.events.formatting) and its seats left."""
    rows = list(events)
    for event in rows:
        event.when = when_text(event)  # type: ignore[attr-defined]
        event.seats_left = seats_left(event)  # type: ignore[attr-defined]
    return rows


@replica_reads
def event_page(filters: EventFilters, *, after: str = "", now: Any = None) -> EventPage:
    """One page of the list, in one query (organizer, community and municipality joined).

    Keyset pagination: ``after`` is the cursor of the last event of the previous page; the
    page is the events strictly after it in the tab's (starts_at, id) order, found with one
    index seek however deep (see :func:`filtered_events`). No total is counted. Raises
    CursorInvalid for a cursor that cannot be read or belongs to the other tab; a cursor past
    the end gives an empty page.
    """
    key = decode_cursor(filters.tab, after) if after else None
    events = filtered_events(filters, now=now, after=key)
    rows = list(events[: PER_PAGE + 1])
    items = with_when(rows[:PER_PAGE])
    last = items[-1] if len(rows) > PER_PAGE else None
    return EventPage(
        items=items,
        next_cursor=encode_cursor(filters.tab, last.starts_at, last.pk) if last else None,
        is_first=not after,
    )


def seats_left(event: Event) -> dict[str, int | None]:
    """Free seats per attendance offered (None: no limit)."""
    from kyoso.events.services.events import offered_attendances

    left: dict[str, int | None] = {}
    for attendance in offered_attendances(event.mode):
        if attendance == Attendance.VENUE:
            capacity, confirmed = event.capacity_venue, event.confirmed_venue
        else:
            capacity, confirmed = event.capacity_online, event.confirmed_online
        left[attendance] = None if capacity is None else max(0, capacity - confirmed)
    return left


# --- One event -------------------------------------------------------------------------------


def _waitlist_counts() -> dict[str, Count]:
    return {
        "waitlist_venue": Count(
            "registrations",
            filter=Q(
                registrations__status=RegistrationStatus.WAITLISTED,
                registrations__attendance=Attendance.VENUE,
            ),
        ),
        "waitlist_online": Count(
            "registrations",
            filter=Q(
                registrations__status=RegistrationStatus.WAITLISTED,
                registrations__attendance=Attendance.ONLINE,
            ),
        ),
    }


def event_for_viewer(pk: int, viewer: Any) -> Event:
    """The event with what the rules read (organizer, community); 404 when missing."""
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def event_detail(pk: int, viewer: Any) -> Event:
    """The event page's event: joins, guests, questions, visible related issues, waitlist
    counts, the viewer's live registration (``viewer_registration``) and whether the viewer
    organizes it (cached for the rules)."""
    from kyoso.issues.selectors import visible_issues

    events = (
        Event.objects.filter(pk=pk)
        .select_related(
            "organization",
            "community",
            "municipality__prefecture",
            "municipality__parent",
            "created_by",
            "minutes",
            "project",  # the project it is held for (kyoso.projects decides who may see it)
        )
        .prefetch_related(
            "guests",
            "questions",
            Prefetch(
                "related_issues",
                queryset=visible_issues(viewer).order_by("-id"),
                to_attr="visible_related_issues",
            ),
        )
        .annotate(**_waitlist_counts())
    )
    if getattr(viewer, "is_authenticated", False):
        from kyoso.roles.selectors import is_secretariat

        events = events.annotate(
            _organizes=Exists(Event.objects.filter(Q(pk=OuterRef("pk")) & organized_by(viewer))),
            _invited=Exists(Invitation.objects.filter(event_id=OuterRef("pk"), user_id=viewer.pk)),
        )
    event = events.first()
    if event is None:
        raise Http404
    event.when = when_text(event)  # type: ignore[attr-defined]
    event.seats_left = seats_left(event)  # type: ignore[attr-defined]
    event.viewer_registration = None  # type: ignore[attr-defined]
    event.viewer_invited = bool(getattr(event, "_invited", False))  # type: ignore[attr-defined]
    if getattr(viewer, "is_authenticated", False):
        organizes = bool(event._organizes) or is_secretariat(viewer)  # type: ignore[attr-defined]
        remember_organizer(event, viewer, organizes)
        mine = (
            Registration.objects.filter(event_id=event.pk, user_id=viewer.pk, status__in=LIVE)
            .order_by("-id")
            .first()
        )
        if mine is not None:
            mine.event = event
        event.viewer_registration = mine  # type: ignore[attr-defined]
        remember_registration(event, viewer, mine)
    return event


def registration_of(event: Event, pk: int) -> Registration:
    registration = (
        Registration.objects.filter(event_id=event.pk, pk=pk).select_related("user").first()
    )
    if registration is None:
        raise Http404
    registration.event = event
    return registration


def registrants(event: Event) -> dict[str, list[Registration]]:
    """Confirmed (by attendance, then by time), the waitlist in order, and cancelled; each
    with its user and answers (ordered like the questions). Two queries."""
    rows = list(
        Registration.objects.filter(event_id=event.pk)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.order_by("question__position", "question_id"),
            )
        )
        .order_by("attendance", "waitlisted_at", "confirmed_at", "id")
    )
    confirmed = [r for r in rows if r.status == RegistrationStatus.CONFIRMED]
    waitlist = sorted(
        (r for r in rows if r.status == RegistrationStatus.WAITLISTED),
        key=lambda r: (r.attendance, r.waitlisted_at, r.pk),
    )
    cancelled = [r for r in rows if r.status == RegistrationStatus.CANCELLED]
    return {"confirmed": confirmed, "waitlist": waitlist, "cancelled": cancelled}


# --- A person's events -----------------------------------------------------------------------


def my_registrations(user: Any, *, now: Any = None) -> list[Registration]:
    """The person's live registrations for events not yet over, soonest first (one query)."""
    now = now or timezone.now()
    rows = list(
        Registration.objects.filter(user_id=user.pk, status__in=LIVE, event__ends_at__gte=now)
        .select_related("event", "event__organization", "event__community")
        .order_by("event__starts_at", "event_id")
    )
    for registration in rows:
        registration.event.when = when_text(registration.event)  # type: ignore[attr-defined]
    return rows


def my_organized_events(user: Any) -> list[Event]:
    """Events the person organizes (drafts included), newest start first (one query)."""
    events = (
        Event.objects.filter(organized_by(user))
        .select_related("organization", "community")
        .order_by("-starts_at", "-id")
    )
    return with_when(events[:100])


def attendee_rows(start: Any, end: Any) -> Any:
    """``(event_id, user_id, starts_at)`` of the confirmed registrations of people with an
    account to published events held from ``start`` to ``end`` (dates, Japan time),
    ordered by event: the collaboration network's co-attendance ties."""
    from datetime import time as dtime
    from datetime import timedelta

    from kyoso.events.models import EventStatus, Registration, RegistrationStatus

    since = timezone.make_aware(datetime.combine(start, dtime.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), dtime.min))
    return (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            user__isnull=False,
            event__starts_at__gte=since,
            event__starts_at__lt=until,
            event__status=EventStatus.PUBLISHED,
        )
        .order_by("event_id", "user_id")
        .values_list("event_id", "user_id", "event__starts_at")
    )


def attended_event_themes(user_ids: list[int], *, now: Any = None) -> dict[int, list[str]]:
    """For each person: the theme keys of the published events they attended (a confirmed
    registration to an event that has started, or a check-in at the door), in one query —
    the matching app's "similar past work"."""
    from kyoso.events.models import EventStatus, Registration, RegistrationStatus

    now = now or timezone.now()
    rows = (
        Registration.objects.filter(
            user_id__in=user_ids,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__lt=now,
        )
        .filter(Q(status=RegistrationStatus.CONFIRMED) | Q(checked_in_at__isnull=False))
        .exclude(event__theme="")
        .values_list("user_id", "event__theme")
        .distinct()
    )
    themes: dict[int, set[str]] = {}
    for user_id, theme in rows:
        themes.setdefault(user_id, set()).add(theme)
    return {user_id: sorted(found) for user_id, found in themes.items()}


# --- Events of a project -----------------------------------------------------------------------

#: Events listed on a project's page.
PROJECT_EVENTS_SHOWN = 10


def upcoming_project_events(
    project_id: int, *, limit: int | None = PROJECT_EVENTS_SHOWN, now: Any = None
) -> list[Event]:
    """The published events held for the project that are not over yet, soonest first, each
    with ``when`` (one query; the ``event_project`` index). Drafts and cancelled events are
    left out: this is what the project's page lists and whom its supporters are invited to."""
    now = now or timezone.now()
    events = Event.objects.filter(
        project_id=project_id, status=EventStatus.PUBLISHED, ends_at__gte=now
    ).order_by("starts_at", "id")
    return with_when(events if limit is None else events[:limit])
