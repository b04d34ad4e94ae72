"""Participation figures per fiscal year (年度, April–March): the numbers of the yearly report
and of the KPI reports.

Definitions (docs/events-import.md, "Participation figures"):

- events: published events (not drafts, not cancelled) starting within the fiscal year
  (Asia/Tokyo dates), by kind;
- のべ participants (attendance): checked-in confirmed registrations (people with accounts and
  named walk-ins) plus each event's counted attendance (walk-ins counted at the door, or the
  attendance of an imported past event). Registrations alone never count;
- unique people: distinct people with accounts who were checked in at one of those events;
- first-time participants: of those, the people whose first attended event ever is in this
  fiscal year;
- by sector (the profile's sectors) and by organization type (the types of the organizations
  the person is a member of): unique people, a person counted once in each of their sectors
  or types; people without one are counted under ``""`` (not stated / no organization).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from kyoso.core.fiscal import fiscal_year_range
from kyoso.core.wareki import TOKYO
from kyoso.events.models import (
    Event,
    EventKind,
    EventStatus,
    Guest,
    Registration,
    RegistrationStatus,
)


@dataclass(frozen=True)
class ParticipationFigures:
    fiscal_year: int
    #: Every kind, in EventKind order, zero included.
    events_by_kind: dict[str, int]
    #: のべ participants.
    attendance: int
    #: Of the attendance, people counted without names (counted_attendance).
    counted: int
    unique_people: int
    first_time: int
    #: Only filled when asked for (``breakdown=True``): sector / org type → unique people.
    by_sector: dict[str, int] = field(default_factory=dict)
    by_org_type: dict[str, int] = field(default_factory=dict)

    @property
    def events(self) -> int:
        return sum(self.events_by_kind.values())


def fiscal_year_bounds(fy: int) -> tuple[datetime, datetime]:
    """The fiscal year as [start, end) aware datetimes in Asia/Tokyo."""
    first, last = fiscal_year_range(fy)
    return (
        datetime.combine(first, time.min, tzinfo=TOKYO),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=TOKYO),
    )


def counted_events() -> QuerySet[Event]:
    """Events that count in figures: held (published), not drafts or cancelled ones."""
    return Event.objects.filter(status=EventStatus.PUBLISHED)


def attended_registrations() -> QuerySet[Registration]:
    """Registrations that are attendance: confirmed and checked in, at a counted event."""
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        checked_in_at__isnull=False,
        event__status=EventStatus.PUBLISHED,
    )


def participation_figures(
    fy: int, *, breakdown: bool = False, community_id: int | None = None
) -> ParticipationFigures:
    """The figures of fiscal year ``fy`` (three queries; two more with ``breakdown``).

    ``community_id``: only that community's events (the KPIs per community); first-time
    participants are then the people at its events whose first attended event ever (anywhere)
    is in the year.
    """
    start, end = fiscal_year_bounds(fy)
    in_year = Q(starts_at__gte=start, starts_at__lt=end)
    if community_id is not None:
        in_year &= Q(community_id=community_id)
    # 1. events by kind, with their counted attendance
    per_kind = {
        row["kind"]: row
        for row in counted_events()
        .filter(in_year)
        .values("kind")
        .annotate(events=Count("id"), counted=Sum("counted_attendance"))
        .order_by()
    }
    year_attended = attended_registrations().filter(
        event__starts_at__gte=start, event__starts_at__lt=end
    )
    if community_id is not None:
        year_attended = year_attended.filter(event__community_id=community_id)
    # 2. checked-in registrations and the distinct people among them
    named = year_attended.aggregate(
        registrations=Count("id"), people=Count("user_id", distinct=True)
    )
    # 3. people whose first attended event ever falls in the year
    first_attended = (
        attended_registrations()
        .filter(user__isnull=False)
        .values("user_id")
        .annotate(first=Min("event__starts_at"))
        .filter(first__gte=start, first__lt=end)
    )
    if community_id is not None:
        first_attended = first_attended.filter(user_id__in=year_attended.values("user_id"))
    first_time = first_attended.count()
    counted = sum(row["counted"] or 0 for row in per_kind.values())
    figures = ParticipationFigures(
        fiscal_year=fy,
        events_by_kind={
            kind.value: per_kind[kind.value]["events"] if kind.value in per_kind else 0
            for kind in EventKind
        },
        attendance=named["registrations"] + counted,
        counted=counted,
        unique_people=named["people"],
        first_time=first_time,
    )
    if not breakdown:
        return figures
    people = year_attended.filter(user__isnull=False).values("user_id").distinct()
    by_sector, by_org_type = _breakdown(people, figures.unique_people)
    return replace(figures, by_sector=by_sector, by_org_type=by_org_type)


def _breakdown(people: QuerySet, total: int) -> tuple[dict[str, int], dict[str, int]]:
    from kyoso.accounts.models import Profile
    from kyoso.orgs.models import Membership

    # 4. the sectors of each person's profile (no profile or no sector: not stated)
    sectors: Counter[str] = Counter()
    stated_people = 0
    for values in Profile.objects.filter(user_id__in=people).values_list("sectors", flat=True):
        stated = set(values or ())
        sectors.update(stated)
        stated_people += bool(stated)
    sectors[""] += total - stated_people
    # 5. the organization types of each person's memberships (none: no organization)
    org_types: Counter[str] = Counter()
    members: set[int] = set()
    for user_id, org_type in (
        Membership.objects.filter(user_id__in=people)
        .values_list("user_id", "organization__org_type")
        .distinct()
    ):
        org_types[org_type] += 1
        members.add(user_id)
    org_types[""] += total - len(members)
    return (
        {k: v for k, v in sectors.items() if v},
        {k: v for k, v in org_types.items() if v},
    )


@dataclass(frozen=True)
class HeldEvent:
    """One counted event of a fiscal year, as the yearly report's table lists it."""

    pk: int
    title: str
    kind: str
    topic: str
    starts_at: datetime
    #: "所属 役職 氏名" of each guest, in their order.
    guests: tuple[str, ...]
    #: のべ participants of this event, by the definition of ``participation_figures``.
    attendance: int

    @property
    def kind_label(self) -> str:
        return str(EventKind(self.kind).label)


def event_kinds() -> list[tuple[str, str]]:
    """Every kind of event as (value, label), in the order of ``events_by_kind``."""
    return [(kind.value, str(kind.label)) for kind in EventKind]


def held_events(fy: int) -> list[HeldEvent]:
    """The counted events of fiscal year ``fy`` in date order, each with its のべ attendance
    (checked-in confirmed registrations plus its counted attendance). The attendances add up to
    ``participation_figures(fy).attendance``: the same definitions, per event (two queries:
    the events with their attendance, then their guests)."""
    start, end = fiscal_year_bounds(fy)
    checked_in = (
        attended_registrations()
        .filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("id"))
        .values("n")
    )
    events = (
        counted_events()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .annotate(checked_in=Coalesce(Subquery(checked_in), 0))
        .only("id", "title", "kind", "topic", "starts_at", "counted_attendance")
        .prefetch_related(Prefetch("guests", queryset=Guest.objects.order_by("position", "id")))
        .order_by("starts_at", "id")
    )
    return [
        HeldEvent(
            pk=event.pk,
            title=event.title,
            kind=event.kind,
            topic=event.topic,
            starts_at=event.starts_at,
            guests=tuple(
                " ".join(part for part in (g.affiliation, g.title, g.name) if part)
                for g in event.guests.all()
            ),
            attendance=event.checked_in + event.counted_attendance,
        )
        for event in events
    ]
