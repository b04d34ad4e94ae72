"""Reads of the challenges app: querysets that already carry what their pages show.

The list is keyset-paginated on (published_at, id), newest first, in one query (the poster
and the place joined); the index ``challenge_list`` (status, -published_at, -id) (and one per
equality filter) serves it. Listed challenges are the published, closed and decided ones;
"open now" keeps the published ones whose proposal deadline has not passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from kyoso.challenges.models import (
    LISTED_STATUSES,
    Challenge,
    ChallengeStatus,
    Proposal,
    ProposalOutcome,
    Question,
)
from kyoso.core.keyset import RowLessThan, decode_cursor, encode_cursor

PER_PAGE = 20
CURSOR_TAG = "challenges"
FEED_SIZE = 30
MAP_LIMIT = 500
PLACES_KEY = "kyoso:challenges:places:"
PLACES_VERSION = "challenges"

_REGION = ("municipality__prefecture", "municipality__parent")

#: Budget ranges of the list's filter: (lowest, highest) in yen, None for open ends.
BUDGET_RANGES: dict[str, tuple[int | None, int | None]] = {
    "trial_field": (None, None),
    "under_1m": (1, 999_999),
    "1m_10m": (1_000_000, 9_999_999),
    "10m_plus": (10_000_000, None),
}


@dataclass(frozen=True)
class ChallengeFilters:
    direction: str = ""
    proposer: str = ""  # a ProposerKind value
    theme: str = ""
    municipality: str = ""  # JIS code; a city also finds its wards
    budget: str = ""  # a BUDGET_RANGES key
    open_now: bool = False

    @property
    def active(self) -> bool:
        return any(
            (
                self.direction,
                self.proposer,
                self.theme,
                self.municipality,
                self.budget,
                self.open_now,
            )
        )


@dataclass
class ChallengePage:
    items: list[Challenge] = field(default_factory=list)
    next_cursor: str | None = None
    is_first: bool = True


def listed_challenges() -> QuerySet[Challenge]:
    return Challenge.objects.filter(status__in=LISTED_STATUSES)


def listed_places() -> list[tuple[str, str]]:
    """The list filter's places, ``(code, name)`` in code order: the municipalities of listed
    challenges and the cities of their wards. One query when cold; cached under the home
    version ``challenges`` (bumped after every write that lists, unlists or moves a challenge,
    kyoso.challenges.services.common.reindex_on_commit) and the language, so a warm list reads
    them from the cache. With 10 k challenges the query is ~50 ms on SQLite: one EXISTS probe
    per municipality of the country."""
    from kyoso.core import home
    from kyoso.regions.selectors import municipalities_where

    version = home._versions([PLACES_VERSION])[PLACES_VERSION]
    key = f"{PLACES_KEY}{version}:{translation.get_language() or ''}"
    places = cache.get(key)
    if places is None:
        places = [(m.code, str(m)) for m in municipalities_where(listed_challenges())]
        cache.set(key, places, home.FRAGMENT_SECONDS)
    return places


def open_challenges(today: date | None = None) -> QuerySet[Challenge]:
    today = today or timezone.localdate()
    return Challenge.objects.filter(status=ChallengeStatus.PUBLISHED, proposals_until__gte=today)


def filtered_challenges(
    filters: ChallengeFilters,
    *,
    today: date | None = None,
    after: tuple[datetime, int] | None = None,
) -> QuerySet[Challenge]:
    rows = open_challenges(today) if filters.open_now else listed_challenges()
    if filters.direction:
        rows = rows.filter(direction=filters.direction)
    if filters.proposer:
        rows = rows.filter(Q(**{f"open_to_{filters.proposer}": True}) | Q(open_to_anyone=True))
    if filters.theme:
        rows = rows.filter(theme=filters.theme)
    if filters.budget:
        if filters.budget == "trial_field":
            rows = rows.filter(offer_kind="trial_field")
        else:
            low, high = BUDGET_RANGES[filters.budget]
            rows = rows.filter(offer_kind="budget")
            if low is not None:
                rows = rows.filter(budget_yen__gte=low)
            if high is not None:
                rows = rows.filter(budget_yen__lte=high)
    if filters.municipality:
        rows = rows.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    if after is not None:
        rows = rows.filter(RowLessThan(Tuple(F("published_at"), F("id")), after))
    return rows.select_related("organization", *_REGION).order_by("-published_at", "-id")


def challenge_page(
    filters: ChallengeFilters, *, after: str = "", limit: int = PER_PAGE, today: date | None = None
) -> ChallengePage:
    """One page in one query. Raises CursorInvalid."""
    key = decode_cursor(CURSOR_TAG, after) if after else None
    rows = list(filtered_challenges(filters, today=today, after=key)[: limit + 1])
    items = rows[:limit]
    last = items[-1] if len(rows) > limit else None
    cursor = None
    if last is not None and last.published_at is not None:
        cursor = encode_cursor(CURSOR_TAG, last.published_at, last.pk)
    return ChallengePage(items=items, next_cursor=cursor, is_first=not after)


def challenge_by_pk(pk: int) -> Challenge:
    return get_object_or_404(Challenge.objects.select_related("organization"), pk=pk)


def challenge_detail(pk: int) -> Challenge:
    """The challenge with poster, place, linked issues and projects, and Q&A (4 queries)."""
    return get_object_or_404(
        Challenge.objects.select_related("organization", *_REGION).prefetch_related(
            "issues",
            "projects",
            Prefetch("questions", queryset=Question.objects.order_by("created_at", "id")),
        ),
        pk=pk,
    )


def questions_of(challenge: Challenge) -> list[Question]:
    return list(challenge.questions.all())


def selected_proposals(challenge: Challenge) -> list[Proposal]:
    """The selected proposals (their summary is public once decided)."""
    if challenge.status != ChallengeStatus.DECIDED:
        return []
    return list(
        Proposal.objects.filter(challenge=challenge, outcome=ProposalOutcome.SELECTED)
        .select_related("organization")
        .order_by("created_at", "id")
    )


def proposals_for_reviewers(challenge: Challenge) -> list[Proposal]:
    return list(
        Proposal.objects.filter(challenge=challenge)
        .select_related("organization")
        .order_by("created_at", "id")
    )


def proposal_by_pk(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("challenge__organization", "organization"), pk=pk
    )


def proposal_detail(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "challenge__organization", "organization", "submitted_by"
        ).prefetch_related("attachments"),
        pk=pk,
    )


def proposal_of(challenge: Challenge, organization_ids: list[int]) -> Proposal | None:
    if not organization_ids:
        return None
    return (
        Proposal.objects.filter(challenge=challenge, organization_id__in=organization_ids)
        .order_by("created_at", "id")
        .first()
    )


def managed_organizations(user: Any) -> list[Any]:
    """The organizations ``user`` manages (owner or admin), by name (1 query)."""
    from kyoso.orgs.models import Organization
    from kyoso.orgs.rules import MANAGER_ROLES

    if not user.is_authenticated:
        return []
    return list(
        Organization.objects.filter(
            memberships__user_id=user.pk, memberships__role__in=MANAGER_ROLES
        ).order_by("name", "id")
    )


def member_organization_ids(user: Any) -> list[int]:
    from kyoso.orgs.models import Membership

    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user_id=user.pk).values_list("organization_id", flat=True)
    )


def my_proposals(user: Any, *, limit: int | None = None, offset: int = 0) -> list[Proposal]:
    """Proposals of every organization the person belongs to, newest first (1 query)."""
    rows = (
        Proposal.objects.filter(organization__memberships__user_id=user.pk)
        .select_related("challenge", "organization")
        .order_by("-created_at", "-id")
    )
    if limit is not None:
        return list(rows[offset : offset + limit])
    return list(rows)


def my_challenges(user: Any) -> list[Challenge]:
    """Challenges of the organizations the person manages (drafts included)."""
    from kyoso.orgs.rules import MANAGER_ROLES

    return list(
        Challenge.objects.filter(
            organization__memberships__user_id=user.pk,
            organization__memberships__role__in=MANAGER_ROLES,
        )
        .select_related("organization")
        .order_by("-created_at", "-id")
    )


def feed_challenges() -> list[Challenge]:
    return list(
        listed_challenges()
        .select_related("organization", *_REGION)
        .order_by("-published_at", "-id")[:FEED_SIZE]
    )


def map_challenges(*, bbox: Any = None, direction: str = "") -> list[Challenge]:
    """Listed challenges with a map point, newest first, inside ``bbox`` (west, south, east,
    north); at most MAP_LIMIT + 1 rows (the caller says when more matched)."""
    rows = listed_challenges().filter(latitude__isnull=False)
    if bbox is not None:
        west, south, east, north = bbox
        rows = rows.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )
    if direction:
        rows = rows.filter(direction=direction)
    return list(
        rows.select_related("organization").order_by("-published_at", "-id")[: MAP_LIMIT + 1]
    )
