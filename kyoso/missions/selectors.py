"""Reads of the missions app: querysets that already carry what their pages show.

The list is keyset-paginated on (published_at, id), newest first, in one query for the rows
and one for their skills; the index ``mission_list`` (status, -published_at, -id) (and one per
equality filter) serves it. Missions past their deadline are left out on read
(``deadline >= today``), whether or not ``close_missions`` has closed them yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyoso.core.keyset import RowLessThan, decode_cursor, encode_cursor
from kyoso.missions.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    Mission,
    MissionStatus,
    RewardKind,
)
from kyoso.missions.services.missions import close_if_past_deadline

PER_PAGE = 20
CURSOR_TAG = "missions"
FEED_SIZE = 30
MAP_LIMIT = 500

_REGION = ("municipality__prefecture", "municipality__parent")
_OWNER = ("project", "organization")

#: Values of the reward filter.
REWARD_FILTERS = {
    "paid": [RewardKind.PAID],
    "unpaid": [RewardKind.COSTS, RewardKind.UNPAID],
}


@dataclass(frozen=True)
class MissionFilters:
    kind: str = ""
    work_style: str = ""
    skill: str = ""
    municipality: str = ""  # JIS code; a city also finds its wards
    reward: str = ""  # "paid" or "unpaid"

    @property
    def active(self) -> bool:
        return any((self.kind, self.work_style, self.skill, self.municipality, self.reward))


@dataclass
class MissionPage:
    items: list[Mission] = field(default_factory=list)
    next_cursor: str | None = None
    is_first: bool = True


def listed_missions(today: date | None = None) -> QuerySet[Mission]:
    """Missions taking applications: published and not past their deadline (the deadline day
    itself included, in Japan's calendar)."""
    today = today or timezone.localdate()
    return Mission.objects.filter(status=MissionStatus.PUBLISHED).filter(
        Q(deadline__isnull=True) | Q(deadline__gte=today)
    )


def filtered_missions(
    filters: MissionFilters, *, today: date | None = None, after: tuple[datetime, int] | None = None
) -> QuerySet[Mission]:
    missions = listed_missions(today)
    if filters.kind:
        missions = missions.filter(kind=filters.kind)
    if filters.work_style:
        missions = missions.filter(work_style=filters.work_style)
    if filters.skill:
        missions = missions.filter(skills__skill=filters.skill)
    if filters.reward:
        missions = missions.filter(reward_kind__in=REWARD_FILTERS[filters.reward])
    if filters.municipality:
        missions = missions.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    if after is not None:
        missions = missions.filter(RowLessThan(Tuple(F("published_at"), F("id")), after))
    return (
        missions.select_related(*_REGION, *_OWNER)
        .prefetch_related("skills")
        .order_by("-published_at", "-id")
    )


def mission_page(
    filters: MissionFilters, *, after: str = "", today: date | None = None
) -> MissionPage:
    """One page (2 queries: rows with region and owner, their skills). Raises CursorInvalid."""
    key = decode_cursor(CURSOR_TAG, after) if after else None
    rows = list(filtered_missions(filters, today=today, after=key)[: PER_PAGE + 1])
    items = rows[:PER_PAGE]
    last = items[-1] if len(rows) > PER_PAGE else None
    cursor = None
    if last is not None and last.published_at is not None:  # listed missions always have one
        cursor = encode_cursor(CURSOR_TAG, last.published_at, last.pk)
    return MissionPage(items=items, next_cursor=cursor, is_first=not after)


def mission_by_pk(pk: int) -> Mission:
    return get_object_or_404(Mission.objects.select_related(*_OWNER), pk=pk)


def mission_detail(pk: int, *, today: date | None = None) -> Mission:
    """The mission with owner, region, host, skills and questions (3 queries); one past its
    deadline is closed now (the deadline check on read)."""
    mission = get_object_or_404(
        Mission.objects.select_related(*_OWNER, *_REGION, "host").prefetch_related(
            "skills", "questions"
        ),
        pk=pk,
    )
    close_if_past_deadline(mission, today)
    return mission


def feed_missions() -> list[Mission]:
    return list(
        listed_missions()
        .select_related(*_OWNER, *_REGION)
        .order_by("-published_at", "-id")[:FEED_SIZE]
    )


def map_missions(*, bbox: Any = None, kind: str = "") -> QuerySet[Mission]:
    """Listed missions with a map point, newest first, inside ``bbox`` (west, south, east,
    north) and of ``kind`` when given; at most MAP_LIMIT + 1 rows (the caller says when more
    matched)."""
    queryset = listed_missions().filter(latitude__isnull=False)
    if bbox is not None:
        west, south, east, north = bbox
        queryset = queryset.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.select_related(*_OWNER).order_by("-published_at", "-id")[: MAP_LIMIT + 1]


# --- Applications ----------------------------------------------------------------------------


def applications_for_host(mission: Mission) -> list[Application]:
    return list(
        Application.objects.filter(mission=mission)
        .select_related("applicant")
        .order_by("-created_at", "-id")
    )


def my_applications(user: Any) -> list[Application]:
    return list(
        Application.objects.filter(applicant_id=user.pk)
        .select_related("mission__project", "mission__organization")
        .order_by("-created_at", "-id")
    )


def my_missions(user: Any) -> list[Mission]:
    """Missions the person drafted or is the named host of."""
    return list(
        Mission.objects.filter(Q(created_by_id=user.pk) | Q(host_id=user.pk))
        .select_related(*_OWNER)
        .order_by("-created_at", "-id")
    )


def application_by_pk(pk: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related(
            "mission__project", "mission__organization", "applicant"
        ),
        pk=pk,
    )


def application_detail(pk: int) -> Application:
    """The application with its mission, candidate, answers, history and messages (5 queries)."""
    return get_object_or_404(
        Application.objects.select_related(
            "mission__project", "mission__organization", "mission__host", "applicant"
        ).prefetch_related(
            "answers",
            Prefetch(
                "status_changes",
                queryset=ApplicationStatusChange.objects.select_related("actor").order_by(
                    "at", "id"
                ),
            ),
            Prefetch("messages", queryset=_messages()),
        ),
        pk=pk,
    )


def _messages() -> QuerySet:
    from kyoso.missions.models import ApplicationMessage

    return ApplicationMessage.objects.select_related("author").order_by("created_at", "id")


# --- For the project and organization pages --------------------------------------------------


def missions_of(owner: Any, viewer: Any) -> list[Mission]:
    """The missions of a project or organization for its page: published and closed ones for
    everyone, drafts too for the owner's hosts (``missions.add_mission`` on the owner)."""
    from kyoso.core.policy import check
    from kyoso.projects.models import Project

    key = "project" if isinstance(owner, Project) else "organization"
    missions = Mission.objects.filter(**{key: owner})
    if not check("missions.add_mission", viewer, owner):
        missions = missions.exclude(status=MissionStatus.DRAFT)
    return list(missions.order_by("-created_at", "-id")[:50])


def create_url(owner: Any) -> str:
    """Where a host drafts a mission of ``owner`` (the project page's 「ミッションをつくる」)."""
    from django.urls import reverse

    from kyoso.projects.models import Project

    if isinstance(owner, Project):
        return reverse("missions:create") + f"?project={owner.pk}"
    return reverse("missions:create") + f"?organization={owner.slug}"


def accepted_pairs() -> QuerySet:
    """``(candidate id, host id, accepted)`` of every accepted application: the collaboration
    network's ties between a mission's host and the person who took it."""
    from django.db.models.functions import Coalesce

    return (
        ApplicationStatusChange.objects.filter(to_status=ApplicationStatus.ACCEPTED)
        .annotate(
            host_user=Coalesce(
                "application__mission__host_id", "application__mission__created_by_id"
            )
        )
        .order_by("id")
        .values_list("application__applicant_id", "host_user", "at")
    )
