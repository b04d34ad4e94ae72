"""The reviewer's dashboard block: the rounds I review with the items still waiting for my
scores and the deadlines, soonest first; my own organization's items and the ones I declared
a conflict on are not counted; nothing is shown once I scored everything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.screening import services
from kyoso.screening.models import ScreeningRound
from kyoso.screening.selectors import rounds_to_review
from kyoso.screening.tests.conftest import CRITERIA, fresh, values_for
from kyoso.screening.tests.fake_subjects import KIND

pytestmark = pytest.mark.django_db

TITLE = "担当する審査"


def _dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("core:dashboard")).content.decode()


def test_a_reviewer_sees_pending_items_and_the_deadline(client, round, item_a, item_b, reviewer):
    deadline = timezone.now() + timedelta(days=3)
    ScreeningRound.objects.filter(pk=round.pk).update(deadline=deadline)
    page = _dashboard(client, reviewer)
    assert TITLE in page
    assert "庄内の交通課題の提案審査" in page
    assert "未評価 2件" in page
    assert reverse("screening:round", args=[round.pk]) in page
    services.scores_submit(actor=reviewer, item=fresh(item_a), values=values_for(round, 3, 3, 3))
    assert "未評価 1件" in _dashboard(client, reviewer)
    services.scores_submit(actor=reviewer, item=fresh(item_b), values=values_for(round, 4, 4, 4))
    assert TITLE not in _dashboard(client, reviewer)  # nothing left: the block is left out


def test_own_organization_and_declared_conflicts_are_not_pending(
    round, item_a, item_b, company_reviewer, decider
):
    # 中村 belongs to 庄内テック (item_a): only 鳥海ラボ's item waits for him.
    [mine] = rounds_to_review(company_reviewer, limit=5)
    assert mine.pending == 1
    services.conflict_declare(actor=decider, item=fresh(item_b), reason="鳥海ラボの顧問です")
    [theirs] = rounds_to_review(decider, limit=5)
    assert theirs.pending == 1


def test_soonest_deadline_first_and_overdue_said(
    client, adapter, city, city_admin, round, item_a, reviewer
):
    later = services.round_create(
        actor=city_admin,
        title="来年度の補助金審査",
        organization_id=city.pk,
        subject_kind=KIND,
        criteria=CRITERIA,
        deadline=timezone.now() + timedelta(days=30),
    )
    services.reviewer_add(actor=city_admin, round=later, user=reviewer)
    adapter.add(201, "農家の後継者マッチング", None)
    services.item_add(round=later, subject_id=201)
    ScreeningRound.objects.filter(pk=round.pk).update(deadline=timezone.now() - timedelta(days=1))
    rounds = rounds_to_review(reviewer, limit=5)
    assert [r.round.title for r in rounds] == ["庄内の交通課題の提案審査", "来年度の補助金審査"]
    assert [r.overdue for r in rounds] == [True, False]
    assert "締切を過ぎています" in _dashboard(client, reviewer)


def test_people_who_review_nothing_do_not_see_it(client, round, item_a, city_admin, takahashi):
    assert TITLE not in _dashboard(client, takahashi)
    assert TITLE not in _dashboard(client, city_admin)  # manages the round, reviews nothing


@pytest.mark.parametrize("extra", [0, 3])
def test_the_block_runs_constant_queries(adapter, city, city_admin, round, reviewer, extra):
    for n in range(extra + 1):
        adapter.add(300 + n, f"提案{n}", None)
        services.item_add(round=round, subject_id=300 + n)
        other = services.round_create(
            actor=city_admin,
            title=f"別の審査{n}",
            organization_id=city.pk,
            subject_kind=KIND,
            criteria=CRITERIA,
        )
        services.reviewer_add(actor=city_admin, round=other, user=reviewer)
        services.item_add(round=other, subject_id=300 + n)
    # 1 pending items with their rounds and posters, 2 the reviewer's memberships
    # (the fake adapter describes without a query; the challenges' adds 2, once per kind).
    with assert_num_queries(2):
        rounds = rounds_to_review(reviewer, limit=5)
    assert len(rounds) == min(extra + 2, 5)
