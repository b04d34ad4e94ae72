"""Screening rounds for their reviewers: the round with its criteria, the caller's assigned
items (never one they are conflicted on) with their own scores, and submitting scores.

The same rules, services and selectors as the screening pages: a reviewer of the applying
organization (or who declared a conflict) is refused by ``screening.score_item`` here too.
Someone who may not view a round gets 404 for it and its items.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from kyoso.api.errors import ApiError
from kyoso.api.permissions import acting_user, rule
from kyoso.core.policy import check
from kyoso.screening import selectors, services
from kyoso.screening.models import SCALE_MAX, SCALE_MIN, ScreeningItem, ScreeningRound
from kyoso.screening.rules import conflict_of, facts
from kyoso.screening.services import ScreeningError
from kyoso.screening.services.scoring import CONFLICT_MESSAGES

router = Router(tags=["screenings"])

#: ScreeningError codes that are bad input (422) rather than a refusal of the state (409).
INPUT_CODES = frozenset({"invalid_scores", "unknown_criterion", "no_criteria", "too_long"})


class ScreeningCriterionOut(Schema):
    id: int
    position: int
    name: str
    description: str
    weight: int


class ScoreOut(Schema):
    criterion: int
    value: int
    comment: str


class ItemOut(Schema):
    id: int
    subject_id: int
    title: str
    url: str
    submitted: bool
    scores: list[ScoreOut] = Field(description="The caller's own scores (empty before)")


class ScreeningOut(Schema):
    id: int
    title: str
    organization: str
    subject_kind: str
    deadline: datetime | None
    scale_min: int = SCALE_MIN
    scale_max: int = SCALE_MAX
    criteria: list[ScreeningCriterionOut]
    may_decide: bool
    items: list[ItemOut] = Field(description="The items assigned to the caller to score")


class ScoreIn(Schema):
    criterion: int
    value: int
    comment: str = ""


class ScoresIn(Schema):
    scores: list[ScoreIn]


def _round(request: HttpRequest, round_id: int, **kwargs: Any) -> ScreeningRound:
    round = selectors.round_get(round_id)
    user = acting_user(request)
    if round is None or not check("screening.view_round", user, round):
        raise Http404  # anonymous callers included: a round no one told them of does not exist
    return round


def _item(request: HttpRequest, round_id: int, item_id: int, **kwargs: Any) -> ScreeningItem:
    item = selectors.item_get(_round(request, round_id), item_id)
    if item is None:
        raise Http404
    return item


def _own_scores(scores: dict[int, Any]) -> list[dict[str, Any]]:
    return [{"criterion": cid, "value": s.value, "comment": s.comment} for cid, s in scores.items()]


def _item_out(item: ScreeningItem, subject: Any, own: dict[int, Any]) -> dict[str, Any]:
    return {
        "id": item.pk,
        "subject_id": item.subject_id,
        "title": subject.title,
        "url": subject.url,
        "submitted": bool(own),
        "scores": _own_scores(own),
    }


@router.get("/screenings/{round_id}", response=ScreeningOut, summary="A screening round")
@rule("screening.view_round", get_object=_round)
def screening_detail(request: HttpRequest, round_id: int, obj: ScreeningRound):
    """The round, its criteria (scale 1–5) and the caller's assigned items with their own
    scores. Another reviewer's scores are not here (they are on the item's page once the
    caller has submitted their own)."""
    user = acting_user(request)
    own = selectors.own_scores_in_round(obj, user)
    return {
        "id": obj.pk,
        "title": obj.title,
        "organization": obj.organization.slug,
        "subject_kind": obj.subject_kind,
        "deadline": obj.deadline,
        "criteria": selectors.criteria_of(obj),
        "may_decide": selectors.may_decide(obj, user),
        "items": [
            _item_out(row.item, row.subject, own.get(row.item.pk, {}))
            for row in selectors.items_for_reviewer(obj, user)
        ],
    }


def _score_refusal(request: HttpRequest, item: ScreeningItem) -> ApiError | None:
    """A reviewer refused for a conflict or a withdrawn item hears why."""
    user = acting_user(request)
    if not facts(user, item.round).is_reviewer:
        return None
    if item.withdrawn_at is not None:
        from kyoso.screening import messages

        return ApiError(409, "withdrawn", messages.ITEM_WITHDRAWN)
    conflict = conflict_of(facts(user, item.round), item)
    if conflict is not None:
        return ApiError(403, "conflicted", CONFLICT_MESSAGES[conflict])
    return None


@router.post(
    "/screenings/{round_id}/items/{item_id}/scores",
    response=ItemOut,
    summary="Submit the caller's scores on an item",
)
@rule("screening.score_item", get_object=_item, refusal=_score_refusal)
def scores_submit(
    request: HttpRequest, round_id: int, item_id: int, payload: ScoresIn, obj: ScreeningItem
):
    """``{"scores": [{"criterion": id, "value": 1–5, "comment": "…"}]}`` with every criterion
    of the round; sending again before the deadline replaces them. 403 ``conflicted`` (the
    caller belongs to the applying organization, applied, or declared a conflict); 409
    ``deadline_passed``, ``withdrawn``; 422 ``invalid_scores`` (off the scale, a criterion
    missing: ``details`` names each) or ``unknown_criterion``."""
    user = acting_user(request)
    values = {s.criterion: (s.value, s.comment) for s in payload.scores}
    try:
        services.scores_submit(actor=user, item=obj, values=values, request=request)
    except ScreeningError as error:
        details = [
            {"field": f"scores.{cid}", "location": "body", "code": error.code, "message": str(m)}
            for cid, m in error.fields.items()
        ]
        status = 422 if error.code in INPUT_CODES else 409
        if error.code == "conflicted":
            status = 403
        raise ApiError(status, error.code, error.message, details=details) from None
    return _item_out(obj, obj.subject_info, selectors.own_scores(obj, user))  # type: ignore[attr-defined]
