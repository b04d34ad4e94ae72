"""The pages: who gets what (404 for a stranger, login for a visitor, 403 for a reviewer asking
the poster's pages), bad input kept and explained, the CSV with its BOM, and exact query counts
that do not grow with the number of items."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.screening import messages, services
from kyoso.screening.models import Decision, ReviewSubmission, ScreeningRound
from kyoso.screening.tests.conftest import criterion_ids, fresh, values_for
from kyoso.screening.tests.factories import submit_directly

pytestmark = pytest.mark.django_db


def urls(round, item):
    return {
        "round": reverse("screening:round", args=[round.pk]),
        "summary": reverse("screening:summary", args=[round.pk]),
        "csv": reverse("screening:scores_csv", args=[round.pk]),
        "item": reverse("screening:item", args=[round.pk, item.pk]),
        "decide": reverse("screening:decide", args=[round.pk, item.pk]),
    }


def test_a_stranger_and_an_anonymous_visitor_get_404_everywhere(client, round, item_a, takahashi):
    for url in urls(round, item_a).values():
        assert client.get(url).status_code == 404  # no login page confirming the round exists
    client.force_login(takahashi)
    for url in urls(round, item_a).values():
        assert client.get(url).status_code == 404
    assert client.post(reverse("screening:score", args=[round.pk, item_a.pk])).status_code == 404
    assert client.get(reverse("screening:round", args=[999_999])).status_code == 404


def test_an_item_of_another_round_is_404(
    client, round, item_a, reviewer, city, city_admin, adapter
):
    from kyoso.screening.tests.fake_subjects import KIND

    other = services.round_create(
        actor=city_admin,
        title="別の審査",
        organization_id=city.pk,
        subject_kind=KIND,
        criteria=[services.CriterionSpec(name="総合", weight=1)],
    )
    client.force_login(reviewer)
    assert client.get(reverse("screening:item", args=[other.pk, item_a.pk])).status_code == 404


def test_a_plain_reviewer_may_not_open_the_poster_pages(client, round, item_a, reviewer):
    client.force_login(reviewer)
    u = urls(round, item_a)
    assert client.get(u["round"]).status_code == 200
    assert client.get(u["item"]).status_code == 200
    for name in ("summary", "csv", "decide"):
        assert client.get(u[name]).status_code == 403


def test_scores_off_the_scale_are_refused_on_the_page_and_kept(client, round, item_a, reviewer):
    ids = criterion_ids(round)
    client.force_login(reviewer)
    response = client.post(
        reverse("screening:score", args=[round.pk, item_a.pk]),
        {
            f"score_{ids[0]}": "9",
            f"comment_{ids[0]}": "地域の理解が深い",
            f"score_{ids[1]}": "4",
            f"comment_{ids[1]}": "体制は十分",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert str(messages.SCORE_OUT_OF_SCALE % {"name": "課題の理解", "min": 1, "max": 5}) in page
    assert str(messages.SCORE_REQUIRED % {"name": "費用"}) in page
    assert "地域の理解が深い" in page and "体制は十分" in page
    assert f'name="score_{ids[1]}" value="4" checked' in page
    assert not ReviewSubmission.objects.exists()


def test_scores_are_submitted_on_the_page(client, round, item_a, reviewer):
    client.force_login(reviewer)
    data = {f"score_{cid}": "4" for cid in criterion_ids(round)}
    response = client.post(reverse("screening:score", args=[round.pk, item_a.pk]), data)
    assert response.status_code == 302
    assert ReviewSubmission.objects.get(user=reviewer).weighted_sum == 24


def test_scoring_after_the_deadline_is_refused_on_the_page(client, round, item_a, reviewer):
    ScreeningRound.objects.filter(pk=round.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(reviewer)
    page = client.get(reverse("screening:item", args=[round.pk, item_a.pk])).content.decode()
    assert "締切" in page and 'name="score_' not in page
    data = {f"score_{cid}": "4" for cid in criterion_ids(round)}
    response = client.post(reverse("screening:score", args=[round.pk, item_a.pk]), data)
    assert response.status_code == 409
    assert not ReviewSubmission.objects.exists()


def test_a_decision_without_a_reason_is_refused_and_the_choice_kept(client, round, item_a, decider):
    client.force_login(decider)
    url = reverse("screening:decide", args=[round.pk, item_a.pk])
    response = client.post(url, {"outcome": "selected", "reason": "  "})
    assert response.status_code == 400
    page = response.content.decode()
    assert str(messages.DECISION_REASON_REQUIRED) in page
    assert response.context["form"]["outcome"].value() == "selected"
    assert not Decision.objects.exists()
    response = client.post(url, {"outcome": "selected", "reason": "地域への効果が大きい"})
    assert response.status_code == 302
    assert Decision.objects.get().reason == "地域への効果が大きい"


def test_a_conflict_is_declared_on_the_page(client, round, item_b, reviewer):
    client.force_login(reviewer)
    url = reverse("screening:conflict", args=[round.pk, item_b.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert str(messages.CONFLICT_REASON_REQUIRED) in response.content.decode()
    assert client.post(url, {"reason": "代表が親族です"}).status_code == 302
    listing = client.get(reverse("screening:round", args=[round.pk])).context
    assert [r.item.pk for r in listing["conflicted"]] == [item_b.pk]
    assert listing["items"] == []


def test_the_csv_is_utf8_with_a_bom_and_formula_safe(client, round, item_a, reviewer, city_admin):
    services.scores_submit(
        actor=reviewer, item=fresh(item_a), values=values_for(round, 5, 4, 3, comment="=危険")
    )
    client.force_login(city_admin)
    response = client.get(reverse("screening:scores_csv", args=[round.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("item_id,subject_id,title,reviewer,criterion")
    assert len(lines) == 4
    assert "庄内テックのデマンド交通,山田,課題の理解,3,5,'=危険" in lines[1]


# --- Query counts ----------------------------------------------------------------------------


def more_items(round, adapter, n, reviewers):
    for k in range(n):
        org = OrganizationFactory()
        adapter.add(500 + k, f"提案{k}", org.pk)
        item = services.item_add(round=round, subject_id=500 + k)
        for person in reviewers:
            submit_directly(item, person, [3, 4, 5])
        Decision.objects.create(
            item=item, outcome="shortlisted", reason="候補", decided_at=timezone.now()
        )


@pytest.mark.parametrize("extra", [0, 5])
def test_page_queries_do_not_grow_with_items(
    client, round, item_a, adapter, reviewer, decider, city_admin, extra
):
    more_items(round, adapter, extra, [reviewer, decider])
    client.force_login(city_admin)
    # 1 session, 2 user, 3 roles (navigation), 4 round, 5-8 viewer facts (memberships,
    # reviewer, conflicts, submissions), 9 criteria (and Σ weights), 10 items with their
    # submissions' count, sum, max and min (grouped), 11 decisions
    with assert_num_queries(11, label="summary"):
        assert client.get(reverse("screening:summary", args=[round.pk])).status_code == 200
    client.force_login(reviewer)
    # 1 session, 2 user, 3 roles, 4 round, 5-8 viewer facts, 9 items (to score),
    # 10 items (conflicted)
    with assert_num_queries(10, label="round"):
        assert client.get(reverse("screening:round", args=[round.pk])).status_code == 200
    # 1 session, 2 user, 3 roles, 4 round, 5 item, 6-9 viewer facts, 10 criteria, 11 own
    # scores, 12 decisions
    with assert_num_queries(12, label="item"):
        assert client.get(reverse("screening:item", args=[round.pk, item_a.pk])).status_code == 200
    client.force_login(city_admin)
    # 1 session, 2 user, 3 roles, 4 round, 5-8 viewer facts, 9 scores with items, reviewers
    # and criteria, 10 the round's subjects (does the viewer apply in it?), 11 the audit row
    with assert_num_queries(11, label="csv"):
        assert client.get(reverse("screening:scores_csv", args=[round.pk])).status_code == 200


def test_mine_lists_the_rounds_of_a_reviewer_and_a_manager(
    client, round, reviewer, city_admin, takahashi
):
    for person, expected in ((reviewer, [round.pk]), (city_admin, [round.pk]), (takahashi, [])):
        client.force_login(person)
        # 1 session, 2 user, 3 roles, 4 rounds
        with assert_num_queries(4, label="mine"):
            response = client.get(reverse("screening:mine"))
        assert [r.pk for r in response.context["rounds"]] == expected


def test_form_labels_have_no_colon(client, round, item_a, decider):
    client.force_login(decider)
    item_page = client.get(reverse("screening:item", args=[round.pk, item_a.pk])).content.decode()
    decide_page = client.get(reverse("screening:decide", args=[round.pk, item_a.pk])).content
    assert "利益相反の理由</label>" in item_page
    assert "理由（応募者に伝わります）</label>" in decide_page.decode()
