"""Rows written directly (no services) for tests that need a state fast."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kyoso.screening.models import Criterion, ReviewSubmission, Score, ScreeningItem


def submit_directly(item: ScreeningItem, user: Any, values: list[int]) -> ReviewSubmission:
    """A submission of ``values`` (one per criterion, in order) without the service."""
    criteria = list(Criterion.objects.filter(round_id=item.round_id).order_by("position"))
    now = timezone.now()
    submission = ReviewSubmission.objects.create(
        item=item,
        user=user,
        weighted_sum=sum(c.weight * v for c, v in zip(criteria, values, strict=True)),
        submitted_at=now,
        updated_at=now,
    )
    Score.objects.bulk_create(
        Score(submission=submission, criterion=c, value=v, comment="")
        for c, v in zip(criteria, values, strict=True)
    )
    return submission
