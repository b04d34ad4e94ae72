"""The events app's blocks on the home and the dashboard (kyoso.core.home)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.core import home
from kyoso.core.fiscal import fiscal_year, fiscal_year_label

HOME_EVENTS = 4
MY_REGISTRATIONS = 5
WEEK_EVENTS = 10
#: Events that ended within this many days without published minutes are follow-ups due.
FOLLOWUP_DAYS = 30


def _place(filters: home.HomeFilters, prefix: str = "") -> Q:
    q = Q()
    if filters.municipality:
        q &= Q(**{f"{prefix}municipality_id": filters.municipality}) | Q(
            **{f"{prefix}municipality__parent_id": filters.municipality}
        )
    if filters.community:
        q &= Q(**{f"{prefix}community_id": filters.community})
    return q


def _has_seats() -> Q:
    """A seat left in a way of taking part the event offers (no capacity: no limit)."""
    from kyoso.events.models import EventMode

    venue = Q(mode__in=[EventMode.VENUE, EventMode.HYBRID]) & (
        Q(capacity_venue__isnull=True) | Q(confirmed_venue__lt=F("capacity_venue"))
    )
    online = Q(mode__in=[EventMode.ONLINE, EventMode.HYBRID]) & (
        Q(capacity_online__isnull=True) | Q(confirmed_online__lt=F("capacity_online"))
    )
    return venue | online


def upcoming_with_seats(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """Published events not yet started, taking registrations, with a seat left (1 query)."""
    from kyoso.events.models import Event, EventStatus
    from kyoso.events.selectors import with_when

    now = timezone.now()
    events = (
        Event.objects.filter(
            status=EventStatus.PUBLISHED, starts_at__gte=now, registration_closed=False
        )
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gte=now))
        .filter(_has_seats())
        .filter(_place(filters))
        .select_related(
            "organization", "community", "municipality__prefecture", "municipality__parent"
        )
        .order_by("starts_at", "id")
    )
    return {
        "events": with_when(events[:HOME_EVENTS]),
        "more_url": reverse("events:list") + filters.query(),
    }


def figures_this_year(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """This fiscal year's events held so far and のべ participants, as in the participation
    figures (kyoso.events.figures) but narrowed by the filter (2 queries)."""
    from kyoso.events.figures import attended_registrations, counted_events, fiscal_year_bounds

    now = timezone.now()
    fy = fiscal_year(timezone.localtime(now))
    start, _end = fiscal_year_bounds(fy)
    held = counted_events().filter(_place(filters), starts_at__gte=start, starts_at__lt=now)
    # 1. events held and their counted attendance
    totals = held.aggregate(events=Count("id"), counted=Sum("counted_attendance"))
    # 2. checked-in registrations at those events
    named = (
        attended_registrations()
        .filter(_place(filters, "event__"), event__starts_at__gte=start, event__starts_at__lt=now)
        .count()
    )
    return {
        "label": fiscal_year_label(fy),
        "figures": [
            {"label": _("開催したイベント"), "value": totals["events"], "unit": _("回")},
            {
                "label": _("のべ参加者"),
                "value": named + (totals["counted"] or 0),
                "unit": _("人"),
            },
        ],
        "more_url": reverse("events:figures"),
    }


def this_week(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """For the secretariat: the events of the next seven days with their registrations, and the
    events ended in the last 30 days whose minutes are not published (2 queries)."""
    from kyoso.events.models import Event, EventStatus, RegistrationStatus

    now = timezone.now()
    week = list(
        Event.objects.filter(
            status=EventStatus.PUBLISHED, starts_at__gte=now, starts_at__lt=now + timedelta(days=7)
        )
        .annotate(
            waitlisted=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            )
        )
        .order_by("starts_at", "id")[:WEEK_EVENTS]
    )
    for event in week:
        event.confirmed = event.confirmed_venue + event.confirmed_online  # type: ignore[attr-defined]
    due = (
        Event.objects.filter(
            status=EventStatus.PUBLISHED,
            ends_at__lt=now,
            ends_at__gte=now - timedelta(days=FOLLOWUP_DAYS),
        )
        .filter(Q(minutes__isnull=True) | Q(minutes__published_at__isnull=True))
        .count()
    )
    return {
        "week": week,
        "followups_due": due,
        "more_url": reverse("events:list"),
    }


def my_registrations(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The viewer's live registrations for events not yet over, soonest first (1 query)."""
    from kyoso.events.formatting import when_text
    from kyoso.events.models import Registration
    from kyoso.events.selectors import LIVE

    rows = list(
        Registration.objects.filter(
            user_id=viewer.pk, status__in=LIVE, event__ends_at__gte=timezone.now()
        )
        .select_related("event")
        .order_by("event__starts_at", "event_id")[:MY_REGISTRATIONS]
    )
    for registration in rows:
        registration.event.when = when_text(registration.event)  # type: ignore[attr-defined]
    return {"registrations": rows, "more_url": reverse("events:mine")}


def register() -> None:
    from kyoso.core.home_filters import register_places
    from kyoso.events.selectors_calendar import listed_events
    from kyoso.roles.selectors import is_secretariat

    register_places("events", rows=listed_events, depends_on=["events"])

    home.register_home(
        "events.upcoming",
        title=_("席のある近日のイベント"),
        order=20,
        template="events/blocks/upcoming.html",
        data=upcoming_with_seats,
        depends_on=["events"],
        filters=[home.MUNICIPALITY, home.COMMUNITY],
    )
    home.register_home(
        "events.figures",
        title=_("今年度のイベント"),
        order=10,
        template="events/blocks/figures.html",
        data=figures_this_year,
        depends_on=["events"],
        filters=[home.MUNICIPALITY, home.COMMUNITY],
        section=home.FIGURES,
    )
    home.register_dashboard(
        "events.this_week",
        title=_("今週のイベントとフォローアップ"),
        order=30,
        template="events/blocks/this_week.html",
        data=this_week,
        section=home.ATTENTION,
        visible=is_secretariat,
    )
    home.register_dashboard(
        "events.mine",
        title=_("わたしの申し込み"),
        order=10,
        template="events/blocks/mine.html",
        data=my_registrations,
    )
