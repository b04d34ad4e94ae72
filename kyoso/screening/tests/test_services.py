"""The services: rounds, criteria, reviewers, items, conflicts, scores, decisions — each write
audited, each refusal with its message and nothing half-written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.screening import audit, messages, selectors, services
from kyoso.screening.models import (
    ConflictDeclaration,
    Decision,
    Outcome,
    Reviewer,
    ReviewSubmission,
    Score,
    ScreeningItem,
)
from kyoso.screening.services import CriterionSpec, ScreeningError
from kyoso.screening.tests.conftest import CRITERIA, criterion_ids, fresh, values_for
from kyoso.screening.tests.fake_subjects import KIND

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_a_round_is_created_with_its_criteria_and_audited(round):
    assert [(c.name, c.weight, c.position) for c in selectors.criteria_of(round)] == [
        ("課題の理解", 3, 1),
        ("実現性", 2, 2),
        ("費用", 1, 3),
    ]
    assert actions()[:1] == [audit.ROUND_CREATED]
    assert actions().count(audit.REVIEWER_ADDED) == 3


def test_only_a_manager_of_the_organization_creates_a_round(adapter, city, reviewer):
    with pytest.raises(PermissionDenied):
        services.round_create(
            actor=reviewer, title="x", organization_id=city.pk, subject_kind=KIND, criteria=CRITERIA
        )


def test_an_unknown_subject_kind_is_refused(city, city_admin):
    with pytest.raises(ScreeningError) as refused:
        services.round_create(
            actor=city_admin,
            title="審査",
            organization_id=city.pk,
            subject_kind="nothing.here",
            criteria=CRITERIA,
        )
    assert refused.value.message == messages.UNKNOWN_SUBJECT_KIND


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([], messages.CRITERIA_REQUIRED),
        ([CriterionSpec(name=" ", weight=1)], messages.CRITERION_NAME_REQUIRED),
        ([CriterionSpec(name="a", weight=0)], messages.WEIGHT_RANGE % {"min": 1, "max": 100}),
        ([CriterionSpec(name="a", weight=101)], messages.WEIGHT_RANGE % {"min": 1, "max": 100}),
        (
            [CriterionSpec(name="a", weight=1), CriterionSpec(name="a", weight=2)],
            messages.CRITERION_NAME_TWICE % {"name": "a"},
        ),
    ],
)
def test_bad_criteria_are_refused_with_their_message(adapter, city, city_admin, criteria, message):
    with pytest.raises(ScreeningError) as refused:
        services.round_create(
            actor=city_admin,
            title="審査",
            organization_id=city.pk,
            subject_kind=KIND,
            criteria=criteria,
        )
    assert str(refused.value.message) == str(message)


def test_criteria_are_replaced_until_the_first_score(round, city_admin, item_a, reviewer):
    services.round_criteria_replace(
        actor=city_admin, round=round, criteria=[CriterionSpec(name="総合", weight=1)]
    )
    assert [c.name for c in selectors.criteria_of(round)] == ["総合"]
    services.scores_submit(actor=reviewer, item=item_a, values=values_for(round, 4))
    with pytest.raises(ScreeningError) as refused:
        services.round_criteria_replace(actor=city_admin, round=round, criteria=CRITERIA)
    assert refused.value.message == messages.CRITERIA_LOCKED
    assert [c.name for c in selectors.criteria_of(round)] == ["総合"]


def test_item_add_is_idempotent_and_withdraw_keeps_the_record(round, item_a):
    again = services.item_add(round=round, subject_id=101)
    assert again.pk == item_a.pk
    assert ScreeningItem.objects.filter(round=round).count() == 1
    services.item_withdraw(round=round, subject_id=101)
    assert ScreeningItem.objects.get(pk=item_a.pk).withdrawn_at is not None
    back = services.item_add(round=round, subject_id=101)
    assert back.pk == item_a.pk and back.withdrawn_at is None
    assert actions().count(audit.ITEM_ADDED) == 2
    assert actions().count(audit.ITEM_WITHDRAWN) == 1


def test_a_reviewer_is_added_once_and_removed_until_they_scored(
    round, city_admin, reviewer, item_a
):
    with pytest.raises(ScreeningError) as twice:
        services.reviewer_add(actor=city_admin, round=round, user=reviewer)
    assert twice.value.message == messages.ALREADY_REVIEWER
    services.scores_submit(actor=reviewer, item=item_a, values=values_for(round, 3, 3, 3))
    with pytest.raises(ScreeningError) as scored:
        services.reviewer_remove(actor=city_admin, round=round, user=reviewer)
    assert scored.value.message == messages.REVIEWER_HAS_SCORES
    assert Reviewer.objects.filter(round=round, user=reviewer).exists()


def test_reviewer_remove(round, city_admin, decider):
    services.reviewer_remove(actor=city_admin, round=round, user=decider)
    assert not selectors.is_reviewer(fresh(round), decider)
    assert audit.REVIEWER_REMOVED in actions()


def test_scores_are_submitted_weighted_and_changed_until_the_deadline(round, item_a, reviewer):
    services.scores_submit(
        actor=reviewer, item=item_a, values=values_for(round, 5, 3, 1, comment="よい")
    )
    submission = ReviewSubmission.objects.get(item=item_a, user=reviewer)
    assert submission.weighted_sum == 5 * 3 + 3 * 2 + 1 * 1
    services.scores_submit(actor=reviewer, item=item_a, values=values_for(round, 1, 1, 1))
    submission.refresh_from_db()
    assert submission.weighted_sum == 6
    assert sorted(Score.objects.filter(submission=submission).values_list("value", flat=True)) == [
        1,
        1,
        1,
    ]
    assert actions().count(audit.SCORES_SUBMITTED) == 2


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ((6, 3, 3), messages.SCORE_OUT_OF_SCALE % {"name": "課題の理解", "min": 1, "max": 5}),
        ((3, 0, 3), messages.SCORE_OUT_OF_SCALE % {"name": "実現性", "min": 1, "max": 5}),
        ((3, 3, "x"), messages.SCORE_OUT_OF_SCALE % {"name": "費用", "min": 1, "max": 5}),
        ((3, 3, "2.5"), messages.SCORE_OUT_OF_SCALE % {"name": "費用", "min": 1, "max": 5}),
    ],
)
def test_scores_off_the_scale_are_refused_and_nothing_is_written(
    round, item_a, reviewer, scores, message
):
    with pytest.raises(ScreeningError) as refused:
        services.scores_submit(actor=reviewer, item=item_a, values=values_for(round, *scores))
    assert str(refused.value.message) == str(message)
    assert not ReviewSubmission.objects.exists()


def test_a_missing_criterion_is_named(round, item_a, reviewer):
    ids = criterion_ids(round)
    with pytest.raises(ScreeningError) as refused:
        services.scores_submit(
            actor=reviewer, item=item_a, values={ids[0]: (3, ""), ids[2]: (3, "")}
        )
    assert str(refused.value.message) == str(messages.SCORE_REQUIRED % {"name": "実現性"})
    assert set(refused.value.fields) == {ids[1]}


def test_a_criterion_of_another_round_is_refused(round, item_a, reviewer, adapter, city_admin):
    other_round = services.round_create(
        actor=city_admin,
        title="別の審査",
        organization_id=round.organization_id,
        subject_kind=KIND,
        criteria=[CriterionSpec(name="別", weight=1)],
    )
    values = values_for(round, 3, 3, 3)
    values[criterion_ids(other_round)[0]] = (3, "")
    with pytest.raises(ScreeningError) as refused:
        services.scores_submit(actor=reviewer, item=item_a, values=values)
    assert refused.value.message == messages.SCORE_UNKNOWN_CRITERION
    assert not ReviewSubmission.objects.exists()


def test_scoring_after_the_deadline_is_refused(round, item_a, reviewer):
    type(round).objects.filter(pk=round.pk).update(deadline=timezone.now() - timedelta(hours=1))
    round.refresh_from_db()
    with pytest.raises(ScreeningError) as refused:
        services.scores_submit(actor=reviewer, item=item_a, values=values_for(round, 3, 3, 3))
    assert refused.value.code == "deadline_passed"
    assert "締切" in str(refused.value.message)
    assert not ReviewSubmission.objects.exists()


def test_a_reviewer_of_the_applying_organization_cannot_score(round, item_a, company_reviewer):
    with pytest.raises(ScreeningError) as refused:
        services.scores_submit(
            actor=company_reviewer, item=item_a, values=values_for(round, 5, 5, 5)
        )
    assert refused.value.message == messages.CONFLICT_OWN_ORGANIZATION
    assert not ReviewSubmission.objects.exists()


def test_a_declared_conflict_blocks_scoring(round, item_b, reviewer):
    services.conflict_declare(actor=reviewer, item=item_b, reason="元同僚が代表です")
    assert ConflictDeclaration.objects.filter(item=item_b, user=reviewer).exists()
    with pytest.raises(ScreeningError) as refused:
        services.scores_submit(actor=reviewer, item=item_b, values=values_for(round, 3, 3, 3))
    assert refused.value.message == messages.CONFLICT_DECLARED_BLOCKS
    with pytest.raises(ScreeningError) as twice:
        services.conflict_declare(actor=reviewer, item=item_b, reason="もう一度")
    assert twice.value.message == messages.ALREADY_DECLARED
    assert audit.CONFLICT_DECLARED in actions()


def test_a_conflict_needs_a_reason(round, item_b, reviewer):
    with pytest.raises(ScreeningError) as refused:
        services.conflict_declare(actor=reviewer, item=item_b, reason="  ")
    assert refused.value.message == messages.CONFLICT_REASON_REQUIRED


def test_someone_who_is_not_a_reviewer_cannot_score(round, item_a, takahashi, city_admin):
    for person in (takahashi, city_admin):
        with pytest.raises(PermissionDenied):
            services.scores_submit(actor=person, item=item_a, values=values_for(round, 3, 3, 3))


def test_decisions_are_appended_with_reasons_and_told_to_the_adapter(
    round, item_a, decider, city_admin, adapter
):
    first = services.decision_record(
        actor=decider, item=item_a, outcome=Outcome.SHORTLISTED, reason="費用の確認が必要"
    )
    second = services.decision_record(
        actor=city_admin, item=item_a, outcome=Outcome.SELECTED, reason="費用を確認できた"
    )
    assert list(Decision.objects.order_by("id")) == [first, second]
    assert selectors.latest_decision(KIND, 101) == second
    assert selectors.decisions_for_subject(KIND, 101) == [first, second]
    assert [c["outcome"] for c in adapter.decided_calls] == ["shortlisted", "selected"]
    assert adapter.decided_calls[1]["reason"] == "費用を確認できた"
    assert actions().count(audit.DECISION_RECORDED) == 2


@pytest.mark.parametrize(
    ("outcome", "reason", "message"),
    [
        ("selected", "", messages.DECISION_REASON_REQUIRED),
        ("selected", "  \n", messages.DECISION_REASON_REQUIRED),
        ("", "理由", messages.OUTCOME_REQUIRED),
        ("maybe", "理由", messages.OUTCOME_UNKNOWN),
    ],
)
def test_a_bad_decision_is_refused(round, item_a, decider, adapter, outcome, reason, message):
    with pytest.raises(ScreeningError) as refused:
        services.decision_record(actor=decider, item=item_a, outcome=outcome, reason=reason)
    assert refused.value.message == message
    assert not Decision.objects.exists()
    assert adapter.decided_calls == []


def test_a_failing_adapter_rolls_the_decision_back(round, item_a, decider, adapter):
    def broken(**kwargs):
        raise RuntimeError("the owning app refused")

    adapter.decided = broken
    with pytest.raises(RuntimeError):
        services.decision_record(actor=decider, item=item_a, outcome="selected", reason="よい")
    assert not Decision.objects.exists()
    assert audit.DECISION_RECORDED not in actions()


def test_plain_reviewers_and_conflicted_deciders_cannot_decide(
    round, item_a, reviewer, decider, city_admin, company_a
):
    from kyoso.orgs.tests.factories import MembershipFactory

    with pytest.raises(PermissionDenied):
        services.decision_record(actor=reviewer, item=item_a, outcome="selected", reason="r")
    MembershipFactory(organization=company_a, user=decider)
    with pytest.raises(PermissionDenied):
        services.decision_record(actor=decider, item=fresh(item_a), outcome="selected", reason="r")
    assert not Decision.objects.exists()


def test_items_for_reviewer_leave_out_conflicts(round, item_a, item_b, reviewer, company_reviewer):
    assert [r.item.pk for r in selectors.items_for_reviewer(fresh(round), reviewer)] == [
        item_a.pk,
        item_b.pk,
    ]
    assert [r.item.pk for r in selectors.items_for_reviewer(fresh(round), company_reviewer)] == [
        item_b.pk
    ]
    services.conflict_declare(actor=reviewer, item=item_a, reason="知人")
    assert [r.item.pk for r in selectors.items_for_reviewer(fresh(round), reviewer)] == [item_b.pk]


def test_the_summary_has_totals_spread_flags_and_latest_decisions(
    round, item_a, item_b, reviewer, decider, city_admin
):
    services.scores_submit(actor=reviewer, item=item_a, values=values_for(round, 5, 5, 5))
    services.scores_submit(actor=decider, item=item_a, values=values_for(round, 2, 2, 2))
    services.scores_submit(actor=reviewer, item=item_b, values=values_for(round, 4, 3, 2))
    services.decision_record(actor=city_admin, item=item_b, outcome="selected", reason="よい")
    rows = {r.item.pk: r for r in selectors.round_summary(fresh(round))}
    a, b = rows[item_a.pk], rows[item_b.pk]
    assert a.weighted_total == pytest.approx(3.5)
    assert a.spread == pytest.approx(3.0)
    assert a.flagged and a.n_submitted == 2
    assert b.weighted_total == pytest.approx((4 * 3 + 3 * 2 + 2) / 6)
    assert b.spread == 0 and not b.flagged
    assert b.latest_decision.outcome == "selected"
    assert a.latest_decision is None
    assert a.subject.title == "庄内テックのデマンド交通"
