"""``POST /api/v1/issues/{id}/stage``: moving an issue along the support stages with a reason."""

from __future__ import annotations

import pytest

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.api.tests.test_issues_api_engagement import headers_of, make_state
from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.issues import messages as issue_messages
from kyoso.issues.models import Issue, Stage, StageChange
from kyoso.issues.tests.factories import IssueFactory


@pytest.fixture
def issue(suzuki):
    return IssueFactory(title="若年女性の居場所", author=suzuki)


def _move(client, issue, headers, to_stage="surfaced", reason="定例会で共有された"):
    return send(
        client,
        "post",
        f"/issues/{issue.pk}/stage",
        {"to_stage": to_stage, "reason": reason},
        **headers,
    )


def test_secretariat_moves_an_issue_with_a_reason_onto_the_timeline(client, issue, sato):
    response = _move(client, issue, bearer(issue_token(sato, ["write"])))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["stage"] == "surfaced"
    assert body["stage_history"][-1]["to_stage"] == "surfaced"
    assert body["stage_history"][-1]["reason"] == "定例会で共有された"
    change = StageChange.objects.get(issue=issue)
    assert (change.from_stage, change.to_stage, change.actor) == ("seed", "surfaced", sato)
    assert AuditEvent.objects.filter(action="issue.stage_changed").count() == 1


@pytest.mark.parametrize(
    ("persona", "state", "to_stage", "status", "code"),
    [
        ("sato", "open", "closed", 200, None),
        ("suzuki", "open", "surfaced", 200, None),  # the poster, along the ladder
        ("suzuki", "open", "closed", 422, "validation_error"),  # only the secretariat closes
        ("takahashi", "open", "surfaced", 403, "permission_denied"),
        ("anonymous", "open", "surfaced", 401, "not_authenticated"),
        ("sato", "merged", "seed", 403, "permission_denied"),
        ("suzuki", "hidden", "surfaced", 403, "permission_denied"),
        ("takahashi", "hidden", "surfaced", 404, "not_found"),
    ],
)
def test_who_may_change_the_stage(client, request, issue, persona, state, to_stage, status, code):
    make_state(issue, state)
    before = Issue.objects.get(pk=issue.pk).stage

    response = _move(client, issue, headers_of(request, persona), to_stage=to_stage)

    assert response.status_code == status, response.content
    if code:
        assert error_of(response)["code"] == code
        assert Issue.objects.get(pk=issue.pk).stage == before
        assert not StageChange.objects.exists()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"to_stage": "surfaced", "reason": "  "}, issue_messages.STAGE_REASON_REQUIRED),
        ({"to_stage": "merged", "reason": "重複"}, issue_messages.STAGE_NOT_ALLOWED),
        ({"to_stage": "nonsense", "reason": "理由"}, issue_messages.STAGE_NOT_ALLOWED),
    ],
)
def test_bad_stage_changes_get_clear_messages(client, issue, sato, payload, message):
    response = send(
        client, "post", f"/issues/{issue.pk}/stage", payload, **bearer(issue_token(sato, ["write"]))
    )

    assert response.status_code == 422
    assert str(message) in [d["message"] for d in error_of(response)["details"]]
    assert Issue.objects.get(pk=issue.pk).stage == Stage.SEED


def test_unchanged_stage_is_refused(client, issue, sato):
    response = _move(client, issue, bearer(issue_token(sato, ["write"])), to_stage="seed")

    assert response.status_code == 422
    assert error_of(response)["details"][0]["message"] == str(issue_messages.STAGE_UNCHANGED)


def test_a_read_only_token_cannot_change_the_stage(client, issue, sato):
    response = _move(client, issue, bearer(issue_token(sato, ["read"])))

    assert response.status_code == 403
    assert Issue.objects.get(pk=issue.pk).stage == Stage.SEED


def test_stage_change_query_count(client, issue, sato):
    headers = bearer(issue_token(sato, ["write"]))
    send(client, "get", "/issues", **headers)  # the token stamp is written once a minute
    # 1 token with its user, 2 roles, 3 the issue, 4 savepoint, 5 the conditional stage
    # UPDATE, 6 the timeline row, 7 the audit row, 8 savepoint, 9 the followers to tell,
    # 10 release, 11 release, 12 the issue again for the answer, 13 its tags, 14 its
    # timeline, 15 its attachments
    with assert_num_queries(15):
        response = _move(client, issue, headers)
    assert response.status_code == 200
