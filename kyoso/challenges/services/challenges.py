"""Drafting, editing, publishing and closing challenges; the status history; follows.

``data`` keys (the cleaned data of :class:`kyoso.challenges.forms.ChallengeForm`): the fields
in :data:`EDITABLE_FIELDS`, ``criteria`` (a list of ``{"name", "weight", "description"}``),
``issues`` and ``projects`` (objects the actor may see, found through their apps' selectors).

Status moves (each a conditional ``UPDATE … WHERE status = <from>`` and an append-only
:class:`~kyoso.challenges.models.ChallengeStatusChange`)::

    draft ──publish──▶ published ──close──▶ closed
                           └──────────┬────────┘
                                      └──first selection──▶ decided
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.challenges import audit, messages, screening_link
from kyoso.challenges.models import (
    CRITERIA_MAX,
    SHORT_MAX,
    TEXT_MAX,
    TITLE_MAX,
    WEIGHT_MAX,
    YEN_MAX,
    Challenge,
    ChallengeStatus,
    ChallengeStatusChange,
    Direction,
    Follow,
    OfferKind,
)
from kyoso.challenges.rules import may_post_for
from kyoso.challenges.services.common import (
    ChallengeError,
    reindex_on_commit,
    require,
    too_long,
)
from kyoso.orgs.models import OrganizationType

EDITABLE_FIELDS = (
    "title",
    "problem",
    "background",
    "data_available",
    "constraints_text",
    "theme",
    "offer_kind",
    "budget_yen",
    "offer_place",
    "offer_staff_time",
    "questions_until",
    "proposals_until",
    "decision_by",
    "trial_starts_on",
    "trial_ends_on",
    "open_to_company",
    "open_to_local_government",
    "open_to_npo",
    "open_to_university",
    "open_to_anyone",
    "municipality",
    "latitude",
    "longitude",
)
LIMITS = {
    "title": TITLE_MAX,
    "problem": TEXT_MAX,
    "background": TEXT_MAX,
    "data_available": TEXT_MAX,
    "constraints_text": TEXT_MAX,
    "offer_place": SHORT_MAX,
    "offer_staff_time": SHORT_MAX,
}


def direction_of(organization: Any) -> str:
    """A local government's challenge asks companies; a company's asks municipalities."""
    if organization.org_type == OrganizationType.LOCAL_GOVERNMENT:
        return Direction.MUNICIPALITY_POSTS
    return Direction.COMPANY_POSTS


def _check(data: dict[str, Any]) -> dict[str, Any]:
    """What the form checks too, checked again here: a service called directly (the API, a
    script) must not write what the page would refuse."""
    from kyoso.issues.vocab import Theme

    values = dict(data)
    for key in LIMITS:
        values[key] = str(values.get(key) or "").strip()
    for key, label in (("title", "課題をひとことで"), ("problem", "解決したい課題")):
        if not values[key]:
            raise ChallengeError(messages.TEXT_REQUIRED % {"field": label}, "required")
    for key, limit in LIMITS.items():
        if len(values[key]) > limit:
            raise too_long(limit, values[key])
    if values.get("theme") and values["theme"] not in Theme.values:
        raise ChallengeError(messages.THEME_INVALID, "choice_invalid")
    values["theme"] = values.get("theme") or ""
    budget = values.get("budget_yen")
    if values.get("offer_kind") == OfferKind.BUDGET:
        if budget is None:
            raise ChallengeError(messages.BUDGET_REQUIRED, "budget_required")
        if not 0 < budget <= YEN_MAX:
            raise ChallengeError(messages.YEN_RANGE, "yen_range")
    elif values.get("offer_kind") == OfferKind.TRIAL_FIELD:
        if budget is not None:
            raise ChallengeError(messages.BUDGET_ONLY_WITH_BUDGET, "budget_not_offered")
    else:
        raise ChallengeError(messages.THEME_INVALID, "choice_invalid")
    q, p, d = (
        values.get("questions_until"),
        values.get("proposals_until"),
        values.get("decision_by"),
    )
    if not (q and p and d) or not (q <= p <= d):
        raise ChallengeError(messages.TIMELINE_ORDER, "timeline_order")
    starts, ends = values.get("trial_starts_on"), values.get("trial_ends_on")
    if starts and ends and ends < starts:
        raise ChallengeError(messages.TRIAL_BACKWARDS, "trial_backwards")
    kinds = ("company", "local_government", "npo", "university", "anyone")
    for kind in kinds:
        values[f"open_to_{kind}"] = bool(values.get(f"open_to_{kind}"))
    if not any(values[f"open_to_{kind}"] for kind in kinds):
        raise ChallengeError(messages.NO_PROPOSERS, "no_proposers")
    if (values.get("latitude") is None) != (values.get("longitude") is None):
        raise ChallengeError(messages.POINT_INCOMPLETE, "point_incomplete")
    values.setdefault("municipality", None)
    values["criteria"] = clean_criteria(values.get("criteria") or [])
    values["issues"] = list(values.get("issues") or [])
    values["projects"] = list(values.get("projects") or [])
    return values


def clean_criteria(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At least one and at most CRITERIA_MAX criteria, each named with a weight 1..100."""
    cleaned = []
    for number, row in enumerate(rows, start=1):
        name = str(row.get("name") or "").strip()
        weight = row.get("weight")
        description = str(row.get("description") or "").strip()
        if not name and weight in (None, "") and not description:
            continue
        if not name or not isinstance(weight, int) or not 1 <= weight <= WEIGHT_MAX:
            raise ChallengeError(
                messages.CRITERION_INCOMPLETE % {"number": number}, "criterion_incomplete"
            )
        cleaned.append({"name": name[:100], "weight": weight, "description": description[:500]})
    if not cleaned or len(cleaned) > CRITERIA_MAX:
        raise ChallengeError(messages.CRITERIA_REQUIRED, "criteria_required")
    return cleaned


def challenge_create(
    *, actor: Any, organization: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Challenge:
    """Draft a challenge of ``organization`` (verified, a local government or a company)."""
    if not may_post_for(organization):
        if not organization.is_verified:
            raise ChallengeError(messages.NOT_VERIFIED, "not_verified")
        raise ChallengeError(messages.WRONG_KIND, "wrong_kind")
    require("challenges.add_challenge", actor, organization)
    values = _check(data)
    with transaction.atomic():
        challenge = Challenge.objects.create(
            organization=organization,
            direction=direction_of(organization),
            created_by=actor,
            criteria_draft=values["criteria"],
            **{field: values[field] for field in EDITABLE_FIELDS},
        )
        challenge.issues.set(values["issues"])
        challenge.projects.set(values["projects"])
        audit_record(actor=actor, action=audit.CREATED, target=challenge, data={}, request=request)
    return challenge


def challenge_update(
    *, actor: Any, challenge: Challenge, data: dict[str, Any], request: HttpRequest | None = None
) -> Challenge:
    """Edit a draft or a published challenge; a published one's criteria go to its round
    (refused once scoring began)."""
    require("challenges.change_challenge", actor, challenge)
    values = _check(data)
    criteria_changed = values["criteria"] != (challenge.criteria_draft or [])
    with transaction.atomic():
        changed = [f for f in EDITABLE_FIELDS if getattr(challenge, f) != values[f]]
        for field in EDITABLE_FIELDS:
            setattr(challenge, field, values[field])
        challenge.criteria_draft = values["criteria"]
        challenge.save(update_fields=[*EDITABLE_FIELDS, "criteria_draft", "updated_at"])
        challenge.issues.set(values["issues"])
        challenge.projects.set(values["projects"])
        if criteria_changed and challenge.screening_round_id is not None:
            # The round refuses once scoring began (its message says so).
            screening_link.criteria_replace(actor=actor, challenge=challenge, request=request)
        audit_record(
            actor=actor,
            action=audit.UPDATED,
            target=challenge,
            data={"fields": changed, "criteria": criteria_changed},
            request=request,
        )
        reindex_on_commit(challenge.pk)
    return challenge


def _move(
    *,
    actor: Any,
    challenge: Challenge,
    from_statuses: tuple[str, ...],
    to_status: str,
    reason: str = "",
    request: HttpRequest | None = None,
    **fields: Any,
) -> bool:
    """One conditional UPDATE and one history row; False when the status was not a from."""
    from_status = challenge.status
    if from_status not in from_statuses:
        return False
    moved = Challenge.objects.filter(pk=challenge.pk, status=from_status).update(
        status=to_status, updated_at=timezone.now(), **fields
    )
    if moved != 1:
        challenge.refresh_from_db(fields=["status"])
        return False
    challenge.status = to_status
    for key, value in fields.items():
        setattr(challenge, key, value)
    ChallengeStatusChange.objects.create(
        challenge=challenge,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=audit.STATUS_CHANGED,
        target=challenge,
        data={"from": from_status, "to": to_status},
        request=request,
    )
    reindex_on_commit(challenge.pk)
    return True


def challenge_publish(
    *,
    actor: Any,
    challenge: Challenge,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> Challenge:
    """Publish a draft: its screening round is created with its criteria."""
    require("challenges.publish_challenge", actor, challenge)
    today = today or timezone.localdate()
    if challenge.proposals_until < today:
        raise ChallengeError(
            messages.DEADLINE_IN_PAST % {"deadline": challenge.proposals_until.isoformat()},
            "deadline_passed",
        )
    clean_criteria(challenge.criteria_draft or [])
    with transaction.atomic():
        if not _move(
            actor=actor,
            challenge=challenge,
            from_statuses=(ChallengeStatus.DRAFT,),
            to_status=ChallengeStatus.PUBLISHED,
            request=request,
            published_at=timezone.now(),
        ):
            raise ChallengeError(messages.NOT_A_DRAFT, "not_a_draft")
        round_id = screening_link.round_open(actor=actor, challenge=challenge, request=request)
        if round_id is not None:
            Challenge.objects.filter(pk=challenge.pk).update(screening_round_id=round_id)
            challenge.screening_round_id = round_id
    return challenge


def challenge_close(
    *, actor: Any, challenge: Challenge, reason: str = "", request: HttpRequest | None = None
) -> Challenge:
    require("challenges.close_challenge", actor, challenge)
    with transaction.atomic():
        if not _move(
            actor=actor,
            challenge=challenge,
            from_statuses=(ChallengeStatus.PUBLISHED,),
            to_status=ChallengeStatus.CLOSED,
            reason=(reason or "").strip()[:2000],
            request=request,
        ):
            raise ChallengeError(messages.NOT_PUBLISHED, "not_published")
    return challenge


def challenge_mark_decided(
    *, actor: Any, challenge: Challenge, reason: str, request: HttpRequest | None = None
) -> bool:
    """The first selection moves a published or closed challenge to decided (inside the
    decision's transaction); later selections leave it there."""
    return _move(
        actor=actor,
        challenge=challenge,
        from_statuses=(ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED),
        to_status=ChallengeStatus.DECIDED,
        reason=reason,
        request=request,
    )


def is_open_for_proposals(challenge: Challenge, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return challenge.status == ChallengeStatus.PUBLISHED and challenge.proposals_until >= today


def follow_set(*, actor: Any, challenge: Challenge, on: bool) -> bool:
    """Follow or stop following (idempotent); returns whether the person follows now."""
    require("challenges.follow_challenge", actor, challenge)
    with transaction.atomic():
        if on:
            try:
                with transaction.atomic():
                    Follow.objects.create(challenge=challenge, user=actor)
            except IntegrityError:
                return True
            Challenge.objects.filter(pk=challenge.pk).update(follower_count=F("follower_count") + 1)
            return True
        deleted, _ = Follow.objects.filter(challenge=challenge, user=actor).delete()
        if deleted:
            Challenge.objects.filter(pk=challenge.pk, follower_count__gt=0).update(
                follower_count=F("follower_count") - 1
            )
    return False
