"""Concurrent writes end consistent — real threads, each on its own database connection
(kyoso.core.concurrency_testing): a reviewer's double submit is one submission, and scores
racing a change of criteria never leave scores on replaced criteria."""

from __future__ import annotations

import pytest

from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.screening import services
from kyoso.screening.models import Criterion, ReviewSubmission, Score
from kyoso.screening.services import CriterionSpec, ScreeningError
from kyoso.screening.tests.conftest import fresh, values_for


def _attempt(job):
    def run():
        try:
            job()
        except ScreeningError as error:
            return error.code
        return "done"

    return run


@pytest.mark.django_db(transaction=True)
def test_one_reviewer_submitting_in_parallel_has_one_submission(tmp_path, round, item_a, reviewer):
    values = [values_for(round, v, v, v) for v in (1, 2, 3, 4)]

    def submit(v):
        return lambda: services.scores_submit(actor=reviewer, item=fresh(item_a), values=v)

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(submit(v)) for v in values])
        state = read(
            open_connection,
            lambda: (
                list(ReviewSubmission.objects.values_list("weighted_sum", flat=True)),
                sorted(Score.objects.values_list("value", flat=True)),
            ),
        )
    assert answers == ["done"] * 4
    (weighted_sum,), scores = state
    assert len(set(scores)) == 1 and len(scores) == 3
    assert weighted_sum == scores[0] * 6


@pytest.mark.django_db(transaction=True)
def test_scores_racing_a_criteria_change_never_score_replaced_criteria(
    tmp_path, round, item_a, reviewer, city_admin
):
    values = values_for(round, 3, 3, 3)

    def submit():
        services.scores_submit(actor=reviewer, item=fresh(item_a), values=values)

    def replace():
        services.round_criteria_replace(
            actor=city_admin, round=fresh(round), criteria=[CriterionSpec(name="総合", weight=1)]
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(submit), _attempt(replace)])
        state = read(
            open_connection,
            lambda: (
                sorted(Criterion.objects.values_list("name", flat=True)),
                Score.objects.count(),
                Score.objects.exclude(criterion__round_id=round.pk).count(),
            ),
        )
    assert sorted(answers) in (["criteria_locked", "done"], ["done", "unknown_criterion"])
    if "criteria_locked" in answers:
        assert state == (["実現性", "課題の理解", "費用"], 3, 0)
    else:
        assert state == (["総合"], 0, 0)
