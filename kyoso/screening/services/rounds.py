"""Rounds, their criteria and reviewers (by the poster's managers), and the items the owning
app adds and withdraws (system actions, no person behind them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.screening import audit, messages
from kyoso.screening.models import (
    CRITERIA_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    TITLE_MAX,
    WEIGHT_MAX,
    WEIGHT_MIN,
    Criterion,
    Reviewer,
    ReviewSubmission,
    Score,
    ScreeningItem,
    ScreeningRound,
)
from kyoso.screening.rules import forget
from kyoso.screening.services.common import CriterionSpec, ScreeningError, require, too_long
from kyoso.screening.subjects import is_registered


def _manages(actor: Any, organization_id: int) -> bool:
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user

    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    return (
        memberships_of_user(actor)
        .filter(organization_id=organization_id, role__in=MANAGER_ROLES)
        .exists()
    )


def validate_criteria(criteria: list[CriterionSpec]) -> list[CriterionSpec]:
    """The criteria, names and descriptions stripped, or a ScreeningError."""
    if not criteria:
        raise ScreeningError(messages.CRITERIA_REQUIRED, "criteria_required")
    if len(criteria) > CRITERIA_MAX:
        raise ScreeningError(messages.CRITERIA_TOO_MANY % {"max": CRITERIA_MAX}, "too_many")
    clean: list[CriterionSpec] = []
    seen: set[str] = set()
    for spec in criteria:
        name = (spec.name or "").strip()
        description = (spec.description or "").strip()
        if not name:
            raise ScreeningError(messages.CRITERION_NAME_REQUIRED, "name_required")
        if len(name) > NAME_MAX:
            raise ScreeningError(too_long(NAME_MAX, name), "too_long")
        if len(description) > DESCRIPTION_MAX:
            raise ScreeningError(too_long(DESCRIPTION_MAX, description), "too_long")
        if name in seen:
            raise ScreeningError(messages.CRITERION_NAME_TWICE % {"name": name}, "name_twice")
        seen.add(name)
        weight = spec.weight
        if (
            not isinstance(weight, int)
            or isinstance(weight, bool)
            or not WEIGHT_MIN <= weight <= WEIGHT_MAX
        ):
            raise ScreeningError(
                messages.WEIGHT_RANGE % {"min": WEIGHT_MIN, "max": WEIGHT_MAX}, "weight_range"
            )
        clean.append(CriterionSpec(name=name, weight=weight, description=description))
    return clean


def _write_criteria(round: ScreeningRound, criteria: list[CriterionSpec]) -> None:
    Criterion.objects.bulk_create(
        Criterion(
            round=round,
            position=i,
            name=spec.name,
            description=spec.description,
            weight=spec.weight,
        )
        for i, spec in enumerate(criteria, start=1)
    )


def round_create(
    *,
    actor: Any,
    title: str,
    organization_id: int,
    subject_kind: str,
    criteria: list[CriterionSpec],
    deadline: datetime | None = None,
    request: HttpRequest | None = None,
) -> ScreeningRound:
    """A round of ``organization_id`` (the actor must manage it) screening ``subject_kind``."""
    if not _manages(actor, organization_id):
        raise PermissionDenied("screening.add_round")
    if not is_registered(subject_kind):
        raise ScreeningError(messages.UNKNOWN_SUBJECT_KIND, "unknown_kind")
    title = (title or "").strip()
    if not title:
        raise ScreeningError(messages.TITLE_REQUIRED, "title_required")
    if len(title) > TITLE_MAX:
        raise ScreeningError(too_long(TITLE_MAX, title), "too_long")
    clean = validate_criteria(criteria)
    with transaction.atomic():
        round = ScreeningRound.objects.create(
            title=title,
            organization_id=organization_id,
            subject_kind=subject_kind,
            deadline=deadline,
            created_by=actor,
        )
        _write_criteria(round, clean)
        audit_record(
            actor=actor,
            action=audit.ROUND_CREATED,
            target=round,
            data={
                "subject_kind": subject_kind,
                "criteria": [[c.name, c.weight] for c in clean],
                "deadline": deadline.isoformat() if deadline else None,
            },
            request=request,
        )
    return round


def round_criteria_replace(
    *,
    actor: Any,
    round: ScreeningRound,
    criteria: list[CriterionSpec],
    request: HttpRequest | None = None,
) -> None:
    """Replace every criterion; refused once any score exists (scores would lose meaning)."""
    require("screening.manage_round", actor, round)
    clean = validate_criteria(criteria)
    with transaction.atomic():
        # The round row is locked by scoring too: no score slips in between check and write.
        ScreeningRound.objects.select_for_update().filter(pk=round.pk).first()
        if Score.objects.filter(criterion__round_id=round.pk).exists():
            raise ScreeningError(messages.CRITERIA_LOCKED, "criteria_locked")
        Criterion.objects.filter(round_id=round.pk).delete()
        _write_criteria(round, clean)
        audit_record(
            actor=actor,
            action=audit.CRITERIA_REPLACED,
            target=round,
            data={"criteria": [[c.name, c.weight] for c in clean]},
            request=request,
        )


#: Notification kinds (the type ``screening.reviews``, registered in registry.py).
KIND_REVIEWER_ADDED = "screening.reviewer_added"
KIND_ITEM_ADDED = "screening.item_added"


def _notify(recipients: Any, *, kind: str, actor: Any, round: ScreeningRound, text: Any) -> None:
    """Tell reviewers (the notifications app mails after the commit, as their settings say)."""
    from django.urls import reverse

    from kyoso.notifications.services import notify

    notify(
        recipients=recipients,
        kind=kind,
        actor=actor,
        target=round,
        text=str(text % {"title": round.title}),
        url=reverse("screening:round", args=[round.pk]),
    )


def reviewer_add(
    *,
    actor: Any,
    round: ScreeningRound,
    user: Any,
    may_decide: bool = False,
    request: HttpRequest | None = None,
) -> Reviewer:
    require("screening.manage_round", actor, round)
    try:
        with transaction.atomic():
            reviewer = Reviewer.objects.create(round=round, user=user, may_decide=may_decide)
            audit_record(
                actor=actor,
                action=audit.REVIEWER_ADDED,
                target=round,
                data={"user_id": user.pk, "may_decide": may_decide},
                request=request,
            )
            _notify(
                [user.pk],
                kind=KIND_REVIEWER_ADDED,
                actor=actor,
                round=round,
                text=messages.NOTIFY_REVIEWER_ADDED,
            )
    except IntegrityError:
        raise ScreeningError(messages.ALREADY_REVIEWER, "already_reviewer") from None
    forget(round)
    return reviewer


def reviewer_remove(
    *, actor: Any, round: ScreeningRound, user: Any, request: HttpRequest | None = None
) -> None:
    require("screening.manage_round", actor, round)
    with transaction.atomic():
        if ReviewSubmission.objects.filter(item__round_id=round.pk, user_id=user.pk).exists():
            raise ScreeningError(messages.REVIEWER_HAS_SCORES, "has_scores")
        deleted, _ = Reviewer.objects.filter(round_id=round.pk, user_id=user.pk).delete()
        if not deleted:
            raise ScreeningError(messages.NOT_A_REVIEWER, "not_a_reviewer")
        audit_record(
            actor=actor,
            action=audit.REVIEWER_REMOVED,
            target=round,
            data={"user_id": user.pk},
            request=request,
        )
    forget(round)


def item_add(*, round: ScreeningRound, subject_id: int) -> ScreeningItem:
    """Put a subject in the round (idempotent; a withdrawn item comes back). Called by the app
    that owns the subject, in its own transaction."""
    with transaction.atomic():
        item = ScreeningItem.objects.filter(round_id=round.pk, subject_id=subject_id).first()
        if item is None:
            try:
                with transaction.atomic():
                    item = ScreeningItem.objects.create(round=round, subject_id=subject_id)
            except IntegrityError:
                item = ScreeningItem.objects.get(round_id=round.pk, subject_id=subject_id)
            else:
                audit_record(
                    actor=None,
                    action=audit.ITEM_ADDED,
                    target=item,
                    data={"round_id": round.pk, "subject_id": subject_id},
                )
                _notify(
                    # A list of user ids: notify() reads a queryset as one of users (pk).
                    list(
                        Reviewer.objects.filter(round_id=round.pk).values_list("user_id", flat=True)
                    ),
                    kind=KIND_ITEM_ADDED,
                    actor=None,
                    round=round,
                    text=messages.NOTIFY_ITEM_ADDED,
                )
                return item
        if item.withdrawn_at is not None:
            ScreeningItem.objects.filter(pk=item.pk).update(withdrawn_at=None)
            item.withdrawn_at = None
            audit_record(
                actor=None,
                action=audit.ITEM_ADDED,
                target=item,
                data={"round_id": round.pk, "subject_id": subject_id, "again": True},
            )
    item.round = round
    return item


def item_withdraw(*, round: ScreeningRound, subject_id: int) -> None:
    """Take a subject out of screening (its scores and decisions stay for the record)."""
    with transaction.atomic():
        item = ScreeningItem.objects.filter(
            round_id=round.pk, subject_id=subject_id, withdrawn_at__isnull=True
        ).first()
        if item is None:
            return
        updated = ScreeningItem.objects.filter(pk=item.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        if updated:
            audit_record(
                actor=None,
                action=audit.ITEM_WITHDRAWN,
                target=item,
                data={"round_id": round.pk, "subject_id": subject_id},
            )
