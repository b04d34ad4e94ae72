"""Read-side queries of the screening app.

The maths of the summary (docs/screening.md):

- a reviewer's *weighted total* on an item is Σ weight × score / Σ weights (kept as the integer
  ``weighted_sum`` on their submission; Σ weights is the round's);
- the item's *weighted total* is Σ weight × (mean score of the criterion) / Σ weights; since
  every submission scores every criterion this equals the mean of the reviewers' totals, which
  is what is computed, in integers until the one division (exact, whatever the order);
- the *spread* is the range (max − min) of the reviewers' totals, 0 with one reviewer;
- an item is *flagged* for discussion when at least two reviewers submitted and the spread is
  at least :data:`FLAG_SPREAD` points on the 1–5 scale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from kyoso.screening.models import (
    Criterion,
    Decision,
    Reviewer,
    ReviewSubmission,
    Score,
    ScreeningItem,
    ScreeningRound,
)
from kyoso.screening.rules import ALL_SUBJECTS, SUBJECT_INFO, conflict_of, facts, may_see_scores_of
from kyoso.screening.subjects import SubjectInfo, describe

#: Reviewers' totals this far apart (points on the 1–5 scale) flag the item for discussion.
FLAG_SPREAD = Fraction(3, 2)


def round_get(round_id: Any) -> ScreeningRound | None:
    try:
        pk = int(round_id)
    except (TypeError, ValueError):
        return None
    return ScreeningRound.objects.select_related("organization").filter(pk=pk).first()


def item_get(round: ScreeningRound, item_id: Any) -> ScreeningItem | None:
    """The round's item ``item_id`` (its round object is ``round``), described."""
    try:
        pk = int(item_id)
    except (TypeError, ValueError):
        return None
    item = ScreeningItem.objects.filter(round_id=round.pk, pk=pk).first()
    if item is None:
        return None
    item.round = round
    _describe(round, [item])
    return item


def criteria_of(round: ScreeningRound) -> list[Criterion]:
    return list(Criterion.objects.filter(round_id=round.pk).order_by("position"))


def is_reviewer(round: ScreeningRound, user: Any) -> bool:
    return facts(user, round).is_reviewer


def may_decide(round: ScreeningRound, user: Any) -> bool:
    f = facts(user, round)
    return f.may_decide or f.is_manager


def reviewers_of(round: ScreeningRound) -> QuerySet[Reviewer]:
    return Reviewer.objects.filter(round_id=round.pk).select_related("user").order_by("id")


def _describe(round: ScreeningRound, items: Sequence[ScreeningItem]) -> dict[int, SubjectInfo]:
    infos = describe(round.subject_kind, [i.subject_id for i in items])
    for item in items:
        # What ``item.round = round`` does for a loaded row, without the descriptor's checks
        # (500 items on the summary).
        item._state.fields_cache["round"] = round
        setattr(item, SUBJECT_INFO, infos[item.subject_id])
    return infos


@dataclass(frozen=True)
class ReviewerItem:
    item: ScreeningItem
    subject: SubjectInfo
    submitted: bool


def items_for_reviewer(round: ScreeningRound, user: Any) -> list[ReviewerItem]:
    """The items the reviewer is to score (still screened), without those they are conflicted
    on (declared, applicant, member of the applying organization)."""
    f = facts(user, round)
    if not f.is_reviewer:
        return []
    items = list(
        ScreeningItem.objects.filter(round_id=round.pk, withdrawn_at__isnull=True).order_by("id")
    )
    _describe(round, items)
    return [
        ReviewerItem(
            item=i, subject=getattr(i, SUBJECT_INFO), submitted=i.pk in f.submitted_item_ids
        )
        for i in items
        if conflict_of(f, i) is None
    ]


def conflicted_items_of(round: ScreeningRound, user: Any) -> list[ReviewerItem]:
    """The items the reviewer may not score, for the list to say so."""
    f = facts(user, round)
    if not f.is_reviewer:
        return []
    items = list(
        ScreeningItem.objects.filter(round_id=round.pk, withdrawn_at__isnull=True).order_by("id")
    )
    _describe(round, items)
    return [
        ReviewerItem(item=i, subject=getattr(i, SUBJECT_INFO), submitted=False)
        for i in items
        if conflict_of(f, i) is not None
    ]


# --- The summary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSummary:
    item: ScreeningItem
    subject: SubjectInfo
    #: None until someone submitted.
    weighted_total: float | None
    spread: float | None
    flagged: bool
    n_submitted: int
    latest_decision: Decision | None


def _figures(
    n: int, sum_of_sums: int, highest: int, lowest: int, total_weight: int
) -> tuple[float | None, float | None, bool]:
    """(item total, spread, flagged) from the count, sum, max and min of the reviewers'
    weighted sums: integers until the one division of each figure (exact, order-free)."""
    if n == 0 or total_weight <= 0:
        return None, None, False
    gap = highest - lowest
    flagged = n >= 2 and gap * FLAG_SPREAD.denominator >= FLAG_SPREAD.numerator * total_weight
    return sum_of_sums / (n * total_weight), gap / total_weight, flagged


def weighted_totals(
    weighted_sums: list[int], total_weight: int
) -> tuple[float | None, float | None]:
    """(item total, spread) from the reviewers' weighted sums. Sums of integers are exact, and
    each figure is one division of two integers (correctly rounded), so the result does not
    depend on the order of the sums."""
    if not weighted_sums:
        return None, None
    total, spread, _flagged = _figures(
        len(weighted_sums),
        sum(weighted_sums),
        max(weighted_sums),
        min(weighted_sums),
        total_weight,
    )
    return total, spread


def is_flagged(weighted_sums: list[int], total_weight: int) -> bool:
    """At least two reviewers and a spread of FLAG_SPREAD or more, compared in integers."""
    if not weighted_sums:
        return False
    return _figures(
        len(weighted_sums),
        sum(weighted_sums),
        max(weighted_sums),
        min(weighted_sums),
        total_weight,
    )[2]


def round_summary(
    round: ScreeningRound, *, criteria: list[Criterion] | None = None
) -> list[ItemSummary]:
    """Every item of the round with its totals and latest decision, in a fixed number of
    queries: items with their submissions' count, sum, max and min (one grouped query: 500
    rows, not the 5,000 submissions), decisions, the criteria (unless given: Σ weights) and the
    adapter's description."""
    if criteria is None:
        criteria = criteria_of(round)
    total_weight = sum(c.weight for c in criteria)
    items = list(
        ScreeningItem.objects.filter(round_id=round.pk)
        .annotate(
            n_submitted=Count("submissions"),
            sum_of_sums=Sum("submissions__weighted_sum"),
            highest=Max("submissions__weighted_sum"),
            lowest=Min("submissions__weighted_sum"),
        )
        .order_by("id")
    )
    latest: dict[int, Decision] = {}
    for d in (
        Decision.objects.filter(item__round_id=round.pk)
        .select_related("decided_by")
        .order_by("decided_at", "id")
    ):
        latest[d.item_id] = d
    infos = _describe(round, items)
    setattr(round, ALL_SUBJECTS, list(infos.values()))
    rows = []
    for item in items:
        n = item.n_submitted  # type: ignore[attr-defined]
        total, spread, flagged = _figures(
            n,
            item.sum_of_sums or 0,  # type: ignore[attr-defined]
            item.highest or 0,  # type: ignore[attr-defined]
            item.lowest or 0,  # type: ignore[attr-defined]
            total_weight,
        )
        rows.append(
            ItemSummary(
                item=item,
                subject=infos[item.subject_id],
                weighted_total=total,
                spread=spread,
                flagged=flagged,
                n_submitted=n,
                latest_decision=latest.get(item.pk),
            )
        )
    return rows


# --- Scores of one item ----------------------------------------------------------------------


def own_scores(item: ScreeningItem, user: Any) -> dict[int, Score]:
    """The user's scores on the item by criterion id (empty before they submitted)."""
    return {
        s.criterion_id: s
        for s in Score.objects.filter(submission__item_id=item.pk, submission__user_id=user.pk)
    }


def own_scores_in_round(round: ScreeningRound, user: Any) -> dict[int, dict[int, Score]]:
    """The user's scores in the round: item id → criterion id → score (one query)."""
    found: dict[int, dict[int, Score]] = defaultdict(dict)
    for s in Score.objects.filter(
        submission__item__round_id=round.pk, submission__user_id=user.pk
    ).select_related("submission"):
        found[s.submission.item_id][s.criterion_id] = s
    return dict(found)


def item_scores(item: ScreeningItem, viewer: Any) -> list[ReviewSubmission] | None:
    """Every submission on the item with its scores (criterion order), or None when the viewer
    may not see them (conflicted, or a reviewer who has not submitted)."""
    if not may_see_scores_of(viewer, item):
        return None
    return list(
        ReviewSubmission.objects.filter(item_id=item.pk)
        .select_related("user")
        .prefetch_related("scores__criterion")
        .order_by("submitted_at", "id")
    )


# --- Decisions -------------------------------------------------------------------------------


def decisions_of_item(item: ScreeningItem) -> list[Decision]:
    return list(
        Decision.objects.filter(item_id=item.pk)
        .select_related("decided_by")
        .order_by("decided_at", "id")
    )


def decisions_for_subject(kind: str, subject_id: int) -> list[Decision]:
    """Every decision on the subject (in any round of its kind), oldest first."""
    return list(
        Decision.objects.filter(item__round__subject_kind=kind, item__subject_id=subject_id)
        .select_related("decided_by", "item")
        .order_by("decided_at", "id")
    )


def latest_decision(kind: str, subject_id: int) -> Decision | None:
    return (
        Decision.objects.filter(item__round__subject_kind=kind, item__subject_id=subject_id)
        .select_related("decided_by", "item")
        .order_by("-decided_at", "-id")
        .first()
    )


# --- The CSV ---------------------------------------------------------------------------------


def score_rows(round: ScreeningRound) -> QuerySet[Score]:
    """Every score of the round with its item, reviewer and criterion (for the CSV)."""
    return (
        Score.objects.filter(submission__item__round_id=round.pk)
        .select_related("submission__item", "submission__user", "criterion")
        .order_by("submission__item_id", "submission__user_id", "criterion__position")
    )


def rounds_for_user(user: Any) -> list[ScreeningRound]:
    """The rounds the person reviews or manages (an owner or admin of the poster), newest
    first."""
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user

    if not (user and user.is_authenticated):
        return []
    managed = memberships_of_user(user).filter(role__in=MANAGER_ROLES).values("organization_id")
    return list(
        ScreeningRound.objects.filter(
            Q(reviewers__user_id=user.pk) | Q(organization_id__in=managed)
        )
        .distinct()
        .select_related("organization")
        .order_by("-created_at", "-id")
    )


# --- The reviewer's dashboard ----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewerRound:
    round: ScreeningRound
    #: Items the reviewer still has to score: not withdrawn, not submitted, not conflicted.
    pending: int
    #: The deadline has passed and items are still pending.
    overdue: bool


def rounds_to_review(user: Any, *, limit: int, now: Any = None) -> list[ReviewerRound]:
    """The rounds the person reviews where items wait for their scores, soonest deadline
    first (no deadline last). Queries: the items pending (not withdrawn, not submitted, no
    conflict declared) with their rounds, the person's memberships, and one description per
    kind of subject (the adapter's queries) to leave out the items of their own organization
    or application — whatever the number of rounds or items."""
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from kyoso.orgs.selectors import memberships_of_user
    from kyoso.screening.models import ConflictDeclaration

    if not (user and user.is_authenticated):
        return []
    now = now or timezone.now()
    items = list(
        ScreeningItem.objects.filter(
            round__reviewers__user_id=user.pk,
            withdrawn_at__isnull=True,
        )
        .exclude(Exists(ReviewSubmission.objects.filter(item_id=OuterRef("pk"), user_id=user.pk)))
        .exclude(
            Exists(ConflictDeclaration.objects.filter(item_id=OuterRef("pk"), user_id=user.pk))
        )
        .select_related("round__organization")
        .order_by("round_id", "id")
    )
    if not items:
        return []
    organization_ids = set(memberships_of_user(user).values_list("organization_id", flat=True))
    by_kind: dict[str, list[ScreeningItem]] = defaultdict(list)
    for item in items:
        by_kind[item.round.subject_kind].append(item)
    pending: dict[int, int] = defaultdict(int)
    rounds: dict[int, ScreeningRound] = {}
    for kind, kind_items in by_kind.items():
        infos = describe(kind, [i.subject_id for i in kind_items])
        for item in kind_items:
            info = infos[item.subject_id]
            if user.pk in info.person_ids or (
                info.organization_id is not None and info.organization_id in organization_ids
            ):
                continue
            pending[item.round_id] += 1
            rounds[item.round_id] = item.round
    found = [
        ReviewerRound(
            round=r,
            pending=pending[r.pk],
            overdue=r.deadline is not None and r.deadline < now,
        )
        for r in rounds.values()
    ]
    found.sort(key=lambda x: (x.round.deadline is None, x.round.deadline or now, x.round.pk))
    return found[:limit]
