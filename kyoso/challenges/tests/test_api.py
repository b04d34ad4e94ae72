"""The API: list with filters and limit/offset, detail with the published criteria, the public
Q&A without the asker, the caller's own proposals only, proposing with a token (write scope),
and the refusals in the one error format."""

from __future__ import annotations

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.challenges.models import Direction, Proposal
from kyoso.challenges.services.qa import question_ask
from kyoso.challenges.tests.factories import ChallengeFactory, ProposalFactory, in_days
from kyoso.core.testing import assert_num_queries

BODY = {"summary": "センサー", "approach": "20か所", "cost_yen": 1_000_000}


def test_list_filters_and_pagination(client, challenge, company):
    ChallengeFactory(
        organization=company,
        direction=Direction.COMPANY_POSTS,
        open_to_company=False,
        open_to_local_government=True,
        title="逆プロポ",
    )
    # 1 the page's rows with poster and place, 2 the count.
    with assert_num_queries(2):
        everything = send(client, "get", "/challenges?limit=1")
    assert everything.json()["count"] == 2 and len(everything.json()["items"]) == 1
    reverse_only = send(client, "get", "/challenges?direction=company_posts").json()
    assert [c["title"] for c in reverse_only["items"]] == ["逆プロポ"]
    for_cities = send(client, "get", "/challenges?proposer=local_government").json()
    assert [c["title"] for c in for_cities["items"]] == ["逆プロポ"]


def test_a_bad_filter_is_a_422(client, db):
    response = send(client, "get", "/challenges?direction=sideways")
    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_detail_publishes_the_criteria(client, challenge):
    body = send(client, "get", f"/challenges/{challenge.pk}").json()
    assert [c["name"] for c in body["criteria"]] == ["実現可能性", "費用対効果", "地域への波及"]
    assert body["selected"] == []


def test_questions_never_name_the_asker(client, challenge, company_admin):
    question_ask(actor=company_admin, challenge=challenge, text="電源は？")
    body = send(client, "get", f"/challenges/{challenge.pk}/questions").json()
    assert body["items"][0]["text"] == "電源は？"
    assert "asker" not in body["items"][0] and "鈴木" not in str(body)


def test_asking_after_the_deadline_is_a_409(client, challenge, company_admin):
    challenge.questions_until = in_days(-1)
    challenge.save()
    write = bearer(issue_token(company_admin, ["write"]))
    response = send(client, "post", f"/challenges/{challenge.pk}/questions", {"text": "?"}, **write)
    assert response.status_code == 409 and error_of(response)["code"] == "questions_closed"


def test_propose_once_and_read_only_ones_own(
    client, challenge, company, company_admin, rival, rival_admin
):
    write = bearer(issue_token(company_admin, ["write"]))
    url = f"/challenges/{challenge.pk}/proposals"
    created = send(client, "post", url, {**BODY, "organization": company.slug}, **write)
    assert created.status_code == 201
    again = send(client, "post", url, {**BODY, "organization": company.slug}, **write)
    assert again.status_code == 409 and error_of(again)["code"] == "already_proposed"
    ProposalFactory(challenge=challenge, organization=rival)
    own = send(client, "get", url, **bearer(issue_token(company_admin, ["read"]))).json()
    assert [p["organization"] for p in own["items"]] == [company.slug]
    theirs = send(client, "get", url, **bearer(issue_token(rival_admin, ["read"]))).json()
    assert [p["organization"] for p in theirs["items"]] == [rival.slug]
    assert send(client, "get", url).status_code == 401


def test_proposing_as_someone_elses_organization_is_a_422(client, challenge, company, rival_admin):
    write = bearer(issue_token(rival_admin, ["write"]))
    response = send(
        client,
        "post",
        f"/challenges/{challenge.pk}/proposals",
        {**BODY, "organization": company.slug},
        **write,
    )
    assert response.status_code == 422
    assert error_of(response)["code"] == "organization_required"
    assert not Proposal.objects.exists()


def test_a_read_token_cannot_propose(client, challenge, company, company_admin):
    read = bearer(issue_token(company_admin, ["read"]))
    response = send(
        client,
        "post",
        f"/challenges/{challenge.pk}/proposals",
        {**BODY, "organization": company.slug},
        **read,
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"


def test_after_the_deadline_is_a_409(client, challenge, company, company_admin):
    challenge.questions_until = in_days(-3)
    challenge.proposals_until = in_days(-1)
    challenge.save()
    write = bearer(issue_token(company_admin, ["write"]))
    response = send(
        client,
        "post",
        f"/challenges/{challenge.pk}/proposals",
        {**BODY, "organization": company.slug},
        **write,
    )
    assert response.status_code == 409 and error_of(response)["code"] == "deadline_passed"
