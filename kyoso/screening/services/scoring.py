"""Conflicts of interest, scores and decisions.

A reviewer scores every criterion of an item at once (a :class:`ReviewSubmission` with one
:class:`Score` per criterion) and may change the scores until the round's deadline. The
submission keeps ``weighted_sum`` = Σ weight × score, written in the same transaction, so the
summary never recomputes it from the scores. Decisions are append-only; each one is handed to
the subject's adapter (``decided``) inside the same transaction, so the owning app's state and
the decision never disagree.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.screening import audit, messages
from kyoso.screening.models import (
    COMMENT_MAX,
    REASON_MAX,
    SCALE_MAX,
    SCALE_MIN,
    ConflictDeclaration,
    Criterion,
    Decision,
    Outcome,
    ReviewSubmission,
    Score,
    ScreeningItem,
    ScreeningRound,
)
from kyoso.screening.rules import conflict_of, facts, forget
from kyoso.screening.services.common import ScreeningError, require, too_long
from kyoso.screening.subjects import adapter_for

CONFLICT_MESSAGES = {
    "declared": messages.CONFLICT_DECLARED_BLOCKS,
    "applicant": messages.CONFLICT_APPLICANT,
    "organization": messages.CONFLICT_OWN_ORGANIZATION,
}


def _fresh(item: ScreeningItem) -> ScreeningItem:
    """The item as it is now (withdrawn?), keeping the round object (and the viewer facts and
    subject description already read for it)."""
    from kyoso.screening.rules import SUBJECT_INFO

    fresh = ScreeningItem.objects.get(pk=item.pk)
    fresh.round = item.round
    if hasattr(item, SUBJECT_INFO):
        setattr(fresh, SUBJECT_INFO, getattr(item, SUBJECT_INFO))
    return fresh


def conflict_declare(
    *, actor: Any, item: ScreeningItem, reason: str, request: HttpRequest | None = None
) -> ConflictDeclaration:
    """Declare a conflict of interest on an item: the reviewer no longer scores it nor sees
    its scores (a score already submitted stays for the record, flagged in the CSV)."""
    require("screening.declare_conflict", actor, item)
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError(messages.CONFLICT_REASON_REQUIRED, "reason_required")
    if len(reason) > REASON_MAX:
        raise ScreeningError(too_long(REASON_MAX, reason), "too_long")
    try:
        with transaction.atomic():
            declaration = ConflictDeclaration.objects.create(item=item, user=actor, reason=reason)
            audit_record(
                actor=actor,
                action=audit.CONFLICT_DECLARED,
                target=item,
                data={"reason": reason},
                request=request,
            )
    except IntegrityError:
        raise ScreeningError(messages.ALREADY_DECLARED, "already_declared") from None
    forget(item.round)
    return declaration


def refusal_to_score(actor: Any, item: ScreeningItem, now: Any = None) -> ScreeningError | None:
    """Why ``actor`` (a reviewer of the round) may not score the item now, or None; also read
    by the scoring page to say so before anyone types."""
    if item.withdrawn_at is not None:
        return ScreeningError(messages.ITEM_WITHDRAWN, "withdrawn")
    conflict = conflict_of(facts(actor, item.round), item)
    if conflict is not None:
        return ScreeningError(CONFLICT_MESSAGES[conflict], "conflicted")
    deadline = item.round.deadline
    if deadline is not None and (now or timezone.now()) > deadline:
        shown = timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M")
        return ScreeningError(messages.DEADLINE_PASSED % {"deadline": shown}, "deadline_passed")
    return None


def validate_values(
    criteria: list[Criterion], values: dict[int, tuple[Any, str]]
) -> dict[int, tuple[int, str]]:
    """Every criterion scored on the scale, comments within their length; all problems at once
    in ``ScreeningError.fields`` (criterion id → message)."""
    if not criteria:
        raise ScreeningError(messages.NO_CRITERIA, "no_criteria")
    known = {c.pk for c in criteria}
    if any(cid not in known for cid in values):
        raise ScreeningError(messages.SCORE_UNKNOWN_CRITERION, "unknown_criterion")
    clean: dict[int, tuple[int, str]] = {}
    errors: dict[Any, Any] = {}
    for c in criteria:
        if c.pk not in values or values[c.pk][0] in (None, ""):
            errors[c.pk] = messages.SCORE_REQUIRED % {"name": c.name}
            continue
        raw, comment = values[c.pk]
        try:
            value = int(raw)
            if isinstance(raw, bool) or str(value) != str(raw).strip():
                raise ValueError
        except (TypeError, ValueError):
            value = 0
        if not SCALE_MIN <= value <= SCALE_MAX:
            errors[c.pk] = messages.SCORE_OUT_OF_SCALE % {
                "name": c.name,
                "min": SCALE_MIN,
                "max": SCALE_MAX,
            }
            continue
        comment = (comment or "").strip()
        if len(comment) > COMMENT_MAX:
            errors[c.pk] = too_long(COMMENT_MAX, comment)
            continue
        clean[c.pk] = (value, comment)
    if errors:
        first = next(iter(errors.values()))
        raise ScreeningError(first, "invalid_scores", fields=errors)
    return clean


def scores_submit(
    *,
    actor: Any,
    item: ScreeningItem,
    values: dict[int, tuple[int, str]],
    request: HttpRequest | None = None,
) -> None:
    """Submit (or, until the deadline, change) the actor's scores on every criterion."""
    require("screening.view_item", actor, item)
    if not facts(actor, item.round).is_reviewer:
        raise PermissionDenied("screening.score_item")
    item = _fresh(item)
    refusal = refusal_to_score(actor, item)
    if refusal is not None:
        raise refusal
    require("screening.score_item", actor, item)
    with transaction.atomic():
        # Locked against round_criteria_replace: the criteria read here stay the criteria.
        ScreeningRound.objects.select_for_update().filter(pk=item.round_id).first()
        criteria = list(Criterion.objects.filter(round_id=item.round_id).order_by("position"))
        clean = validate_values(criteria, values)
        weighted_sum = sum(c.weight * clean[c.pk][0] for c in criteria)
        now = timezone.now()
        submission = (
            ReviewSubmission.objects.select_for_update()
            .filter(item_id=item.pk, user_id=actor.pk)
            .first()
        )
        changed = submission is not None
        if submission is None:
            submission = ReviewSubmission.objects.create(
                item=item, user=actor, weighted_sum=weighted_sum, submitted_at=now, updated_at=now
            )
        else:
            submission.weighted_sum = weighted_sum
            submission.updated_at = now
            submission.save(update_fields=["weighted_sum", "updated_at"])
            Score.objects.filter(submission=submission).delete()
        Score.objects.bulk_create(
            Score(submission=submission, criterion_id=cid, value=value, comment=comment)
            for cid, (value, comment) in clean.items()
        )
        audit_record(
            actor=actor,
            action=audit.SCORES_SUBMITTED,
            target=item,
            data={
                "scores": {str(cid): value for cid, (value, _c) in clean.items()},
                "changed": changed,
            },
            request=request,
        )
    forget(item.round)


def decision_record(
    *,
    actor: Any,
    item: ScreeningItem,
    outcome: str,
    reason: str,
    request: HttpRequest | None = None,
) -> Decision:
    """Record a decision with its reason (a new row; earlier ones stay) and tell the subject's
    app in the same transaction."""
    require("screening.decide_item", actor, item)
    item = _fresh(item)
    if item.withdrawn_at is not None:
        raise ScreeningError(messages.ITEM_WITHDRAWN, "withdrawn")
    if not outcome:
        raise ScreeningError(messages.OUTCOME_REQUIRED, "outcome_required")
    if outcome not in Outcome.values:
        raise ScreeningError(messages.OUTCOME_UNKNOWN, "outcome_unknown")
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError(messages.DECISION_REASON_REQUIRED, "reason_required")
    if len(reason) > REASON_MAX:
        raise ScreeningError(too_long(REASON_MAX, reason), "too_long")
    with transaction.atomic():
        decision = Decision.objects.create(
            item=item, outcome=outcome, reason=reason, decided_by=actor, decided_at=timezone.now()
        )
        adapter_for(item.round.subject_kind).decided(
            subject_id=item.subject_id, outcome=outcome, reason=reason, actor=actor
        )
        audit_record(
            actor=actor,
            action=audit.DECISION_RECORDED,
            target=item,
            data={"outcome": outcome, "reason": reason, "subject_id": item.subject_id},
            request=request,
        )
    return decision


def scores_export_record(
    *, actor: Any, round: ScreeningRound, request: HttpRequest | None = None
) -> None:
    """Audit that someone took the scores out as CSV."""
    require("screening.export_scores", actor, round)
    audit_record(actor=actor, action=audit.SCORES_EXPORTED, target=round, request=request)
