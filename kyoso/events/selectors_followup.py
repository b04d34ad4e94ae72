"""Reads after an event: the minutes page, the follow-up pages and the conversion figure.

Conversion (also in docs/events.md, section "Conversion")
---------------------------------------------------------

*Participants* of an event are the people who attended it: distinct accounts with a
registration that was checked in and not cancelled. Walk-ins without an account and people who
registered but never came are not participants; a person counted only as a number
(``Event.counted_attendance``) cannot be followed and is not counted either.

A participant *converted* when, in the window from the event's start to exactly 90 days after
its end (``starts_at <= t <= ends_at + 90 days``, both ends included), they did at least one of:

1. offered help (「手伝えます」, ``issues.HelpOffer``) on any issue;
2. followed an issue surfaced at that event (listed in its minutes), unless they posted that
   issue themselves (posters follow their own issues automatically);
3. joined the team of a pitch at any idea event (``TeamMember``; the pitch author's own
   membership included);
4. joined a project (an active ``projects.Membership`` whose ``joined_at`` is in the window,
   the lead who started it included; an invitation or request not yet accepted is not);
5. filled a project's need (``projects.Need.filled_by`` the person, ``filled_at`` in the
   window).

Ways 4 and 5 belong to the projects app, which sits above events: it registers them in
:mod:`kyoso.core.acts` (``kyoso.projects.conversion``) and this module ORs every registered
act with its own three, each an ``EXISTS`` in the same statement, so a figure is still one
query however many apps add ways. The share is converted / participants (None when there are
no participants). A figure is *final* once the 90-day window has closed; before that it can
still grow.

The follow-up page also lists what grew out of the event (:func:`outgrowths_of`: the projects
started from its minutes or pitches, through :mod:`kyoso.core.outgrowths`).

Per fiscal year (``conversion_by_fiscal_year``), events are those that started in the fiscal
year (April–March, Asia/Tokyo) and were not drafts; participants and conversions are counted
per event and person (のべ: someone who attended two events counts twice, once for each).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.core import acts
from kyoso.core.fiscal import fiscal_year_range
from kyoso.core.wareki import TOKYO
from kyoso.events.models import (
    Event,
    EventStatus,
    Minutes,
    MinutesVisibility,
    Registration,
    RegistrationStatus,
)
from kyoso.issues.models import Follow, HelpOffer, Issue, Stage

CONVERSION_WINDOW = timedelta(days=90)

#: The events app's own ways of acting, as the figure's explanation lists them.
OWN_WAYS = (
    _("「手伝えます」を送る"),
    _("参加したイベントで見えてきた課題をフォローする"),
    _("アイデアイベントのチームに入る"),
)


def conversion_ways() -> list[Any]:
    """Every way of acting that the conversion figure counts: the events app's own, then those
    other apps registered in :mod:`kyoso.core.acts`."""
    return [*OWN_WAYS, *(act.label for act in acts.registered())]


# --- The event and its minutes ---------------------------------------------------------------


def event_for_minutes(pk: int) -> Event:
    """The event with its minutes and organizers (1 query); 404 when it does not exist."""
    event = (
        Event.objects.select_related("minutes", "minutes__author", "organization", "community")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404
    return event


def searchable_minutes(viewer: Any) -> QuerySet[Minutes]:
    """What the global search may show of the minutes, as ``events.view_minutes`` says: the
    organizers of an event (:func:`~kyoso.events.selectors.organized_by`, and the secretariat,
    who organizes every event) find its minutes in every state, unpublished and of a draft
    event included; everyone else finds published minutes of events that are not drafts, when
    public, and signed-in people also those for members."""
    from kyoso.events.selectors import organized_by
    from kyoso.roles.selectors import is_secretariat

    minutes = Minutes.objects.all()
    readable = Q(published_at__isnull=False) & ~Q(event__status=EventStatus.DRAFT)
    if not getattr(viewer, "is_authenticated", False):
        return minutes.filter(readable, visibility=MinutesVisibility.PUBLIC)
    if is_secretariat(viewer):
        return minutes
    # Per minutes row (correlated), so that the search reads only the events of its matches.
    organizes = Exists(Event.objects.filter(organized_by(viewer), pk=OuterRef("event_id")))
    return minutes.filter(readable | Q(organizes))


def public_issues(queryset: QuerySet[Issue]) -> QuerySet[Issue]:
    """Issues everyone may see (surfaced issues are shown to every reader of the minutes)."""
    return queryset.filter(hidden_at__isnull=True, awaiting_review=False).exclude(
        stage=Stage.MERGED
    )


def surfaced_issues_of(minutes: Minutes) -> QuerySet[Issue]:
    return public_issues(minutes.surfaced_issues.all()).order_by("id")


def surfaced_for_page(
    minutes: Minutes | None, viewer: Any, *, organizer: bool = False
) -> list[Issue]:
    """The surfaced issues with their stage, counts and what the viewer did (1 query).

    Readers see the issues everyone may see; the organizers (``organizer=True``) also see the
    ones hidden or awaiting review since they were linked, so that they can take them off."""
    if minutes is None:
        return []
    from kyoso.issues.selectors import _count_of, with_viewer

    issues_qs = minutes.surfaced_issues.all()
    if not organizer:
        issues_qs = public_issues(issues_qs)
    queryset = with_viewer(
        issues_qs.select_related("municipality").annotate(offer_count=_count_of(HelpOffer)),
        viewer,
    ).order_by("id")
    from kyoso.issues.rules import VIEWER_ID

    issues = list(queryset)
    if viewer is not None and viewer.is_authenticated:
        for issue in issues:
            setattr(issue, VIEWER_ID, viewer.pk)
    return issues


def linkable_issue_search(query: str, viewer: Any, *, limit: int = 10) -> list[Any]:
    """Issues matching ``query`` for the "link an existing issue" search (search hits)."""
    text = query.strip()
    if len(text) < 2:
        return []
    try:
        from kyoso.search.services import search
    except ImportError:  # the search layer is not installed
        return []
    return list(search(text, viewer=viewer, types=["issues"], limit=limit).items)


# --- Follow-ups ------------------------------------------------------------------------------


def followups_of(user: Any) -> list[Event]:
    """Events the person attended whose minutes are published and list visible surfaced issues,
    newest first, each with ``followup_issues`` (2 queries).

    1. the events (with their minutes)  2. their surfaced issues with the person's follow,
    offer and empathy.
    """
    if user is None or not user.is_authenticated:
        return []
    from kyoso.issues.selectors import _count_of, with_viewer

    issues = with_viewer(
        public_issues(Issue.objects.all()).annotate(offer_count=_count_of(HelpOffer)), user
    ).order_by("id")
    attended = Registration.objects.filter(user_id=user.pk, checked_in_at__isnull=False).exclude(
        status=RegistrationStatus.CANCELLED
    )
    events = list(
        Event.objects.filter(
            pk__in=attended.values("event_id"),
            minutes__published_at__isnull=False,
            minutes__surfaced_issues__isnull=False,
        )
        .distinct()
        .select_related("minutes")
        .prefetch_related(
            Prefetch("minutes__surfaced_issues", queryset=issues, to_attr="followup_issues")
        )
        .order_by("-starts_at", "-id")
    )
    return [event for event in events if event.minutes.followup_issues]  # type: ignore[attr-defined]


def outgrowths_of(event: Event) -> list[Any]:
    """What grew out of the event — projects and whatever other apps registered in
    :mod:`kyoso.core.outgrowths` — as ``(title, url, label)`` (one query per registering app)."""
    from kyoso.core import outgrowths

    return outgrowths.of(event)


# --- Conversion ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    participants: int
    converted: int
    #: Whether every 90-day window counted here has closed (the figure will not change).
    final: bool
    window_ends_at: datetime | None = None

    @property
    def share(self) -> float | None:
        return self.converted / self.participants if self.participants else None

    @property
    def percent(self) -> float | None:
        share = self.share
        return round(share * 100, 1) if share is not None else None

    @property
    def ways(self) -> list[Any]:
        """What counted as acting, for the figure's explanation (:func:`conversion_ways`)."""
        return conversion_ways()


@dataclass(frozen=True)
class FiscalConversion(Conversion):
    fiscal_year: int = 0
    events: int = 0


def _window_end() -> ExpressionWrapper:
    return ExpressionWrapper(
        OuterRef("event__ends_at") + Value(CONVERSION_WINDOW), output_field=DateTimeField()
    )


def _converted_participants(registrations: QuerySet[Registration]) -> dict[str, Any]:
    """Count participants and converted participants among attendee registrations (1 query)."""
    start = OuterRef("event__starts_at")
    end = _window_end()
    offered = HelpOffer.objects.filter(
        user_id=OuterRef("user_id"), created_at__gte=start, created_at__lte=end
    )
    followed = Follow.objects.filter(
        user_id=OuterRef("user_id"),
        issue__surfaced_at__event_id=OuterRef("event_id"),
        created_at__gte=start,
        created_at__lte=end,
    ).exclude(issue__author_id=OuterRef("user_id"))
    from kyoso.events.models import TeamMember

    teamed = TeamMember.objects.filter(
        user_id=OuterRef("user_id"), joined_at__gte=start, joined_at__lte=end
    )
    # The acts other apps registered (joining a project, filling a need…), one Exists each.
    registered = {
        f"did_act_{i}": clause
        for i, clause in enumerate(acts.exists_clauses(OuterRef("user_id"), start, end))
    }
    acted = Q(did_offer=True) | Q(did_follow=True) | Q(did_team=True)
    for name in registered:
        acted |= Q(**{name: True})
    return registrations.annotate(
        did_offer=Exists(offered),
        did_follow=Exists(followed),
        did_team=Exists(teamed),
        **registered,
    ).aggregate(
        participants=Count("pk"),
        converted=Count("pk", filter=acted),
        last_end=_max_end(),
    )


def _max_end() -> Any:
    from django.db.models import Max

    return Max(F("event__ends_at"))


def _attendees() -> QuerySet[Registration]:
    # One live registration per person and event (a database constraint), so counting
    # registrations counts people.
    return Registration.objects.filter(user__isnull=False, checked_in_at__isnull=False).exclude(
        status=RegistrationStatus.CANCELLED
    )


def conversion_of(event: Event) -> Conversion:
    """The conversion figure of one event (1 query)."""
    counts = _converted_participants(_attendees().filter(event_id=event.pk))
    window_ends_at = event.ends_at + CONVERSION_WINDOW
    return Conversion(
        participants=counts["participants"],
        converted=counts["converted"],
        final=timezone.now() > window_ends_at,
        window_ends_at=window_ends_at,
    )


def _fiscal_bounds(fy: int) -> tuple[datetime, datetime]:
    first, last = fiscal_year_range(fy)
    return (
        datetime.combine(first, time.min, tzinfo=TOKYO),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=TOKYO),
    )


def conversion_by_fiscal_year(fy: int) -> FiscalConversion:
    """Participants, converted participants and the share over the events that started in
    fiscal year ``fy`` (のべ: per event and person; see the module docstring) — 2 queries."""
    start, end = _fiscal_bounds(fy)
    registrations = (
        _attendees()
        .filter(event__starts_at__gte=start, event__starts_at__lt=end)
        .exclude(event__status=EventStatus.DRAFT)
    )
    counts = _converted_participants(registrations)
    events = (
        registrations.order_by().values("event_id").distinct().count()
        if counts["participants"]
        else 0
    )
    last_end = counts["last_end"]
    window_ends_at = last_end + CONVERSION_WINDOW if last_end is not None else None
    return FiscalConversion(
        participants=counts["participants"],
        converted=counts["converted"],
        final=window_ends_at is None or timezone.now() > window_ends_at,
        window_ends_at=window_ends_at,
        fiscal_year=fy,
        events=events,
    )
