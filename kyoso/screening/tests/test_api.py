"""The screenings API: a reviewer reads the round, their assigned items and their own scores,
and submits scores with a write-scope token; the rule refuses a reviewer of the applying
organization here too, and bad input gets the one error format."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.screening import messages
from kyoso.screening.models import ReviewSubmission, ScreeningRound
from kyoso.screening.tests.conftest import criterion_ids
from kyoso.screening.tests.test_pages import more_items

pytestmark = pytest.mark.django_db


def body_for(round, *values, comment=""):
    return {
        "scores": [
            {"criterion": cid, "value": v, "comment": comment}
            for cid, v in zip(criterion_ids(round), values, strict=True)
        ]
    }


def scores_path(item):
    return f"/screenings/{item.round_id}/items/{item.pk}/scores"


def test_a_reviewer_reads_the_round_and_their_items(
    client, round, item_a, item_b, company_reviewer
):
    response = send(
        client, "get", f"/screenings/{round.pk}", **bearer(issue_token(company_reviewer))
    )
    assert response.status_code == 200
    data = response.json()
    assert [c["name"] for c in data["criteria"]] == ["課題の理解", "実現性", "費用"]
    assert data["organization"] == "sakata"
    assert data["may_decide"] is False
    # 庄内テック's item is not assigned to 中村, who belongs to 庄内テック.
    assert [i["id"] for i in data["items"]] == [item_b.pk]
    assert data["items"][0]["title"] == "鳥海ラボの相乗りアプリ"
    assert data["items"][0]["submitted"] is False and data["items"][0]["scores"] == []


def test_scores_are_submitted_with_a_write_token_and_read_back(client, round, item_a, reviewer):
    read = bearer(issue_token(reviewer, ["read"]))
    assert (
        send(client, "post", scores_path(item_a), body_for(round, 4, 4, 4), **read).status_code
        == 403
    )
    write = bearer(issue_token(reviewer, ["write"]))
    response = send(
        client, "post", scores_path(item_a), body_for(round, 5, 4, 3, comment="良い"), **write
    )
    assert response.status_code == 200, response.content
    assert response.json()["submitted"] is True
    assert [s["value"] for s in response.json()["scores"]] == [5, 4, 3]
    data = send(client, "get", f"/screenings/{round.pk}", **read).json()
    assert data["items"][0]["scores"][0] == {
        "criterion": criterion_ids(round)[0],
        "value": 5,
        "comment": "良い",
    }


def test_a_reviewer_of_the_applying_organization_is_refused(
    client, round, item_a, company_reviewer
):
    write = bearer(issue_token(company_reviewer, ["write"]))
    response = send(client, "post", scores_path(item_a), body_for(round, 5, 5, 5), **write)
    assert response.status_code == 403
    assert error_of(response)["code"] == "conflicted"
    assert error_of(response)["message"] == messages.CONFLICT_OWN_ORGANIZATION
    assert not ReviewSubmission.objects.exists()


def test_bad_scores_are_422_with_details(client, round, item_a, reviewer):
    write = bearer(issue_token(reviewer, ["write"]))
    ids = criterion_ids(round)
    response = send(
        client,
        "post",
        scores_path(item_a),
        {"scores": [{"criterion": ids[0], "value": 6}, {"criterion": ids[1], "value": 3}]},
        **write,
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_scores"
    assert {d["field"]: d["message"] for d in error["details"]} == {
        f"scores.{ids[0]}": messages.SCORE_OUT_OF_SCALE
        % {"name": "課題の理解", "min": 1, "max": 5},
        f"scores.{ids[2]}": messages.SCORE_REQUIRED % {"name": "費用"},
    }
    assert not ReviewSubmission.objects.exists()


def test_after_the_deadline_is_409(client, round, item_a, reviewer):
    ScreeningRound.objects.filter(pk=round.pk).update(deadline=timezone.now() - timedelta(days=1))
    write = bearer(issue_token(reviewer, ["write"]))
    response = send(client, "post", scores_path(item_a), body_for(round, 3, 3, 3), **write)
    assert response.status_code == 409
    assert error_of(response)["code"] == "deadline_passed"


def test_strangers_get_404_and_visitors_401(client, round, item_a, takahashi, city_admin):
    assert send(client, "get", f"/screenings/{round.pk}").status_code == 401
    token = bearer(issue_token(takahashi, ["write"]))
    assert send(client, "get", f"/screenings/{round.pk}", **token).status_code == 404
    response = send(client, "post", scores_path(item_a), body_for(round, 3, 3, 3), **token)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert send(client, "get", "/screenings/999999", **token).status_code == 404
    # The poster's admin sees the round (no items assigned) but does not score.
    admin = bearer(issue_token(city_admin, ["write"]))
    data = send(client, "get", f"/screenings/{round.pk}", **admin).json()
    assert data["items"] == [] and data["may_decide"] is True
    assert (
        send(client, "post", scores_path(item_a), body_for(round, 3, 3, 3), **admin).status_code
        == 403
    )


@pytest.mark.parametrize("extra", [0, 5])
def test_api_queries_do_not_grow_with_items(
    client, round, item_a, adapter, reviewer, decider, extra
):
    more_items(round, adapter, extra, [reviewer, decider])
    token = bearer(issue_token(reviewer, ["write"]))
    # 1 token, 2 token last used, 3 round, 4-7 viewer facts (memberships, reviewer,
    # conflicts, submissions), 8 own scores, 9 criteria, 10 items
    with assert_num_queries(10, label="detail"):
        assert send(client, "get", f"/screenings/{round.pk}", **token).status_code == 200
    # 1 token, 2 token last used, 3 round, 4 item, 5-8 viewer facts, 9 item again,
    # 10 savepoint, 11 round locked, 12 criteria, 13 submission, 14 insert submission,
    # 15 insert scores, 16 audit row, 17 release savepoint, 18 own scores
    with assert_num_queries(18, label="submit"):
        response = send(client, "post", scores_path(item_a), body_for(round, 3, 3, 3), **token)
    assert response.status_code == 200
