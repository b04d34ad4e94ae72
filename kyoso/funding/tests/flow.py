"""Steps the fund tests share: applying, screening by two reviewers, deciding."""

from __future__ import annotations

from typing import Any

from kyoso.funding.models import Application, GrantRound
from kyoso.funding.services import application_submit
from kyoso.funding.services.grants import screening_round
from kyoso.funding.tests.conftest import BUDGET
from kyoso.screening import selectors as screening
from kyoso.screening.models import ScreeningItem
from kyoso.screening.services import decision_record, scores_submit


def apply(grant_round: GrantRound, lead: Any, project: Any, budget: Any = None) -> Application:
    return application_submit(
        actor=lead,
        grant_round=grant_round,
        project=project,
        plan="月2回、空き家で子ども食堂を開きます。",
        budget=budget or BUDGET,
        eligibility_answers=[True] * len(grant_round.eligibility),
    )


def screen(
    application: Application, reviewers: list[Any], outcome: str = "selected", reason: str = ""
) -> None:
    """Both reviewers score every criterion; the first (a decider) records the decision."""
    round_ = screening_round(application.round)
    item = ScreeningItem.objects.get(round_id=round_.pk, subject_id=application.pk)
    criteria = screening.criteria_of(round_)
    for n, reviewer in enumerate(reviewers):
        scores_submit(
            actor=reviewer,
            item=screening.item_get(round_, item.pk),
            values={c.pk: (4 + (n % 2), "よい計画です。") for c in criteria},
        )
    decision_record(
        actor=reviewers[0],
        item=screening.item_get(round_, item.pk),
        outcome=outcome,
        reason=reason or "地域の子どもへの効果が大きい。",
    )
    application.refresh_from_db()
