"""The challenges' side of the reusable screening (``kyoso.screening``).

A challenge's evaluation criteria with their weights ARE its screening round's criteria: they
are entered on the challenge form, kept on the draft (``criteria_draft``) and given to
``round_create`` when the challenge is published; from then on the page reads them with
``criteria_of``. Every call goes through this module so that the rest of the app names the
screening app in one place (and runs, with the poster's managers as the only reviewers, where
the screening app is not installed).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps

SUBJECT_KIND = "challenges.proposal"


@dataclass(frozen=True)
class CriterionView:
    name: str
    weight: int
    description: str = ""


@contextmanager
def refusals() -> Iterator[None]:
    """A refusal of the screening app (its message and code) as the challenges' own."""
    from kyoso.challenges.services.common import ChallengeError
    from kyoso.screening.services.common import ScreeningError

    try:
        yield
    except ScreeningError as error:
        raise ChallengeError(error.message, error.code) from error


def available() -> bool:
    return apps.is_installed("kyoso.screening")


def _round(challenge: Any) -> Any:
    if challenge.screening_round_id is None or not available():
        return None
    cached = getattr(challenge, "_screening_round", None)
    if cached is not None:
        return cached
    from kyoso.screening.selectors import round_get

    try:
        found = round_get(challenge.screening_round_id)
    except Exception:
        return None
    challenge._screening_round = found
    return found


def screening_round(challenge: Any) -> Any:
    return _round(challenge)


def is_reviewer(challenge: Any, user: Any) -> bool:
    round_ = _round(challenge)
    if round_ is None:
        return False
    from kyoso.screening.selectors import is_reviewer as screening_is_reviewer

    return bool(screening_is_reviewer(round_, user))


def criteria(challenge: Any) -> list[CriterionView]:
    """The published criteria (the round's) or, before publication, the draft's."""
    round_ = _round(challenge)
    if round_ is not None:
        from kyoso.screening.selectors import criteria_of

        return [
            CriterionView(c.name, int(c.weight), getattr(c, "description", "") or "")
            for c in criteria_of(round_)
        ]
    return [
        CriterionView(c["name"], int(c["weight"]), c.get("description", ""))
        for c in challenge.criteria_draft or []
    ]


def _specs(criteria_rows: list[dict[str, Any]]) -> list[Any]:
    from kyoso.screening.services import CriterionSpec

    return [
        CriterionSpec(name=c["name"], weight=int(c["weight"]), description=c.get("description", ""))
        for c in criteria_rows
    ]


def round_open(*, actor: Any, challenge: Any, request: Any = None) -> int | None:
    """Create the challenge's round (on publishing); returns its id, or None without the app."""
    if not available():
        return None
    from kyoso.screening.services import round_create

    with refusals():
        round_ = round_create(
            actor=actor,
            title=challenge.title,
            organization_id=challenge.organization_id,
            subject_kind=SUBJECT_KIND,
            criteria=_specs(challenge.criteria_draft or []),
            deadline=None,
            request=request,
        )
    return int(round_.pk)


def criteria_replace(*, actor: Any, challenge: Any, request: Any = None) -> None:
    round_ = _round(challenge)
    if round_ is None:
        return
    from kyoso.screening.services import round_criteria_replace

    with refusals():
        round_criteria_replace(
            actor=actor,
            round=round_,
            criteria=_specs(challenge.criteria_draft or []),
            request=request,
        )


def item_add(*, challenge: Any, proposal_id: int) -> None:
    round_ = _round(challenge)
    if round_ is None:
        return
    from kyoso.screening.services import item_add as screening_item_add

    with refusals():
        screening_item_add(round=round_, subject_id=proposal_id)


def reviewer_add(*, actor: Any, challenge: Any, user: Any, may_decide: bool, request: Any) -> None:
    from kyoso.screening.services import reviewer_add as screening_reviewer_add

    with refusals():
        screening_reviewer_add(
            actor=actor, round=_round(challenge), user=user, may_decide=may_decide, request=request
        )


def reviewer_remove(*, actor: Any, challenge: Any, user: Any, request: Any) -> None:
    from kyoso.screening.services import reviewer_remove as screening_reviewer_remove

    with refusals():
        screening_reviewer_remove(actor=actor, round=_round(challenge), user=user, request=request)


def reviewers(challenge: Any) -> list[Any]:
    round_ = _round(challenge)
    if round_ is None:
        return []
    from kyoso.screening.selectors import reviewers_of

    return list(reviewers_of(round_))
