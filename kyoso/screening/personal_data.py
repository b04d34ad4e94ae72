"""What the screening app holds about one person (a reviewer or decision maker): export and
erasure."""

from __future__ import annotations

from typing import Any

from kyoso.screening.models import (
    ConflictDeclaration,
    Decision,
    Reviewer,
    Score,
    ScreeningRound,
)


def export(user: Any) -> dict[str, Any]:
    reviews = Reviewer.objects.filter(user_id=user.pk).select_related("round").order_by("id")
    scores = (
        Score.objects.filter(submission__user_id=user.pk)
        .select_related("submission", "criterion")
        .order_by("submission__item_id", "criterion__position")
    )
    conflicts = ConflictDeclaration.objects.filter(user_id=user.pk).order_by("id")
    decisions = Decision.objects.filter(decided_by_id=user.pk).order_by("decided_at", "id")
    return {
        "reviewer_of": [
            {"round": r.round_id, "title": r.round.title, "may_decide": r.may_decide}
            for r in reviews
        ],
        "scores": [
            {
                "item": s.submission.item_id,
                "criterion": s.criterion.name,
                "value": s.value,
                "comment": s.comment,
                "submitted_at": s.submission.submitted_at,
            }
            for s in scores
        ],
        "conflicts": [
            {"item": c.item_id, "reason": c.reason, "declared_at": c.declared_at} for c in conflicts
        ],
        "decisions": [
            {"item": d.item_id, "outcome": d.outcome, "reason": d.reason, "at": d.decided_at}
            for d in decisions
        ],
    }


def erase(user: Any) -> None:
    """Empty the person's comments and conflict reasons and take their name off decisions and
    rounds; the score values and decisions stay (the round's record belongs to the poster),
    tied to the erased account."""
    Score.objects.filter(submission__user_id=user.pk).update(comment="")
    ConflictDeclaration.objects.filter(user_id=user.pk).update(reason="—")
    Decision.objects.filter(decided_by_id=user.pk).update(decided_by=None)
    ScreeningRound.objects.filter(created_by_id=user.pk).update(created_by=None)
