"""POST/DELETE /issues/{id}/empathy and POST /issues/{id}/comments, with who may do them."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from kyoso.api import messages
from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.issues import messages as issue_messages
from kyoso.issues.models import Comment, Empathy, Follow, Issue, Stage
from kyoso.issues.tests.factories import CommentFactory, IssueFactory


@pytest.fixture
def issue(takahashi):
    return IssueFactory(title="空き家の活用", author=takahashi)


def make_state(issue, state):
    """Put ``issue`` in one of the states the rules tell apart."""
    if state == "closed":
        Issue.objects.filter(pk=issue.pk).update(stage=Stage.CLOSED)
    elif state == "merged":
        Issue.objects.filter(pk=issue.pk).update(stage=Stage.MERGED, merged_into=IssueFactory())
    elif state == "hidden":
        Issue.objects.filter(pk=issue.pk).update(hidden_at=timezone.now(), hidden_reason="理由")
    elif state == "in_review":
        Issue.objects.filter(pk=issue.pk).update(awaiting_review=True)
    elif state == "locked":
        Issue.objects.filter(pk=issue.pk).update(comments_locked=True)
    else:
        assert state == "open"


def headers_of(request, persona):
    if persona == "anonymous":
        return {}
    return bearer(issue_token(request.getfixturevalue(persona), ["write"]))


@pytest.fixture
def unverified(db):
    from kyoso.accounts.tests.factories import UserFactory

    return UserFactory(email="new@example.jp", display_name="新人", email_verified_at=None)


# --- Empathy ---------------------------------------------------------------------------------


def test_empathy_is_one_per_person_and_can_be_taken_back(client, issue, suzuki, suzuki_write):
    url = f"/issues/{issue.pk}/empathy"
    assert send(client, "post", url, **suzuki_write).json() == {
        "empathized": True,
        "empathy_count": 1,
    }
    # Again (a double click, a retry): nothing changes.
    assert send(client, "post", url, **suzuki_write).json() == {
        "empathized": True,
        "empathy_count": 1,
    }
    assert Empathy.objects.filter(issue=issue, user=suzuki).count() == 1
    assert send(client, "delete", url, **suzuki_write).json() == {
        "empathized": False,
        "empathy_count": 0,
    }
    assert send(client, "delete", url, **suzuki_write).json() == {
        "empathized": False,
        "empathy_count": 0,
    }
    assert not Empathy.objects.exists()


def test_empathy_query_count(client, issue, suzuki_write):
    send(client, "get", "/issues", **suzuki_write)  # the token stamp is written once a minute
    # 1 token with its user, 2 roles, 3 the issue with the viewer's marks, 4 savepoint,
    # 5 savepoint, 6 insert the empathy, 7 release, 8 count +1, 9 release,
    # 10 the count now
    with assert_num_queries(10):
        response = send(client, "post", f"/issues/{issue.pk}/empathy", **suzuki_write)
    assert response.json()["empathy_count"] == 1


@pytest.mark.parametrize(
    ("persona", "state", "status", "code"),
    [
        ("suzuki", "open", 200, None),
        ("takahashi", "open", 200, None),  # the poster may empathize with their own issue
        ("sato", "open", 200, None),
        ("anonymous", "open", 401, "not_authenticated"),
        ("unverified", "open", 403, "email_verification_required"),
        ("suzuki", "closed", 403, "permission_denied"),
        ("suzuki", "merged", 403, "permission_denied"),
        ("suzuki", "hidden", 404, "not_found"),
        ("suzuki", "in_review", 404, "not_found"),
        ("sato", "hidden", 403, "permission_denied"),
        ("takahashi", "in_review", 403, "permission_denied"),
    ],
)
@pytest.mark.parametrize("method", ["post", "delete"])
def test_who_may_empathize(client, request, issue, method, persona, state, status, code):
    make_state(issue, state)
    response = send(client, method, f"/issues/{issue.pk}/empathy", **headers_of(request, persona))
    assert response.status_code == status, response.content
    if code:
        assert error_of(response)["code"] == code
        assert Issue.objects.get(pk=issue.pk).empathy_count == 0


def test_empathy_on_an_unknown_issue_is_404(client, suzuki_write):
    assert send(client, "post", "/issues/424242/empathy", **suzuki_write).status_code == 404


def test_a_read_only_token_cannot_empathize(client, issue, suzuki):
    headers = bearer(issue_token(suzuki, ["read"]))
    response = send(client, "post", f"/issues/{issue.pk}/empathy", **headers)
    assert (response.status_code, error_of(response)["code"]) == (403, "insufficient_scope")


# --- Comments --------------------------------------------------------------------------------


def test_comment_and_reply(client, issue, suzuki, suzuki_write):
    url = f"/issues/{issue.pk}/comments"
    response = send(client, "post", url, {"body": "同じことを感じていました。"}, **suzuki_write)
    assert response.status_code == 201, response.content
    first = response.json()
    assert first["author"] == {"display_name": "鈴木"}
    assert first["body"] == "同じことを感じていました。"
    assert first["parent"] is None and first["replies"] == []
    reply = send(client, "post", url, {"body": "返信です", "parent": first["id"]}, **suzuki_write)
    assert reply.status_code == 201
    assert reply.json()["parent"] == first["id"]
    issue.refresh_from_db()
    assert issue.comment_count == 2
    assert Follow.objects.filter(issue=issue, user=suzuki).exists()  # the commenter follows
    listing = send(client, "get", url).json()
    assert listing["count"] == 1
    assert [r["body"] for r in listing["items"][0]["replies"]] == ["返信です"]


def test_comment_query_count(client, issue, suzuki_write):
    send(client, "get", "/issues", **suzuki_write)  # the token stamp is written once a minute
    # 1 token with its user, 2 roles, 3 the issue with the viewer's marks, 4 savepoint,
    # 5 comments in the last minutes (limit), 6 insert the comment, 7 follows already?
    # 8 savepoint, 9 insert the follow, 10 release, 11 counters and activity,
    # 12 savepoint, 13 followers to tell (notifications), 14 release, 15 release
    with assert_num_queries(15):
        response = send(
            client, "post", f"/issues/{issue.pk}/comments", {"body": "コメント"}, **suzuki_write
        )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"body": ""}, "body", issue_messages.COMMENT_REQUIRED),
        ({"body": " 　\n"}, "body", issue_messages.COMMENT_REQUIRED),
        (
            {"body": "あ" * 4001},
            "body",
            issue_messages.TEXT_TOO_LONG % {"limit_value": 4000, "show_value": 4001},
        ),
        ({"body": "返信", "parent": 999999}, "parent", issue_messages.REPLY_PARENT_MISSING),
    ],
)
def test_bad_comments_get_clear_messages(client, issue, suzuki_write, payload, field, message):
    response = send(client, "post", f"/issues/{issue.pk}/comments", payload, **suzuki_write)
    assert response.status_code == 422, response.content
    (detail,) = error_of(response)["details"]
    assert (detail["field"], detail["message"]) == (field, str(message))
    assert not Comment.objects.exists()


def test_a_reply_to_a_reply_is_refused(client, issue, suzuki_write):
    top = CommentFactory(issue=issue)
    reply = CommentFactory(issue=issue, parent=top)
    response = send(
        client,
        "post",
        f"/issues/{issue.pk}/comments",
        {"body": "さらに返信", "parent": reply.pk},
        **suzuki_write,
    )
    assert response.status_code == 422
    assert error_of(response)["details"][0]["message"] == str(issue_messages.REPLY_TOO_DEEP)


def test_a_reply_to_a_comment_of_another_issue_is_refused(client, issue, suzuki_write):
    elsewhere = CommentFactory()
    response = send(
        client,
        "post",
        f"/issues/{issue.pk}/comments",
        {"body": "返信", "parent": elsewhere.pk},
        **suzuki_write,
    )
    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "parent"


@override_settings(KYOSO_COMMENT_LIMIT=1)
def test_too_many_comments_is_a_429(client, issue, suzuki_write):
    url = f"/issues/{issue.pk}/comments"
    assert send(client, "post", url, {"body": "1"}, **suzuki_write).status_code == 201
    response = send(client, "post", url, {"body": "2"}, **suzuki_write)
    assert response.status_code == 429
    assert error_of(response)["message"] == str(issue_messages.COMMENT_LIMIT_ACCOUNT)


@pytest.mark.parametrize(
    ("persona", "state", "status", "code"),
    [
        ("suzuki", "open", 201, None),
        ("takahashi", "open", 201, None),
        ("anonymous", "open", 401, "not_authenticated"),
        ("unverified", "open", 403, "email_verification_required"),
        ("suzuki", "locked", 403, "comments_locked"),
        ("sato", "locked", 201, None),  # the secretariat may still say why it is locked
        ("suzuki", "closed", 403, "permission_denied"),
        ("suzuki", "merged", 403, "permission_denied"),
        ("suzuki", "hidden", 404, "not_found"),
        ("takahashi", "hidden", 403, "permission_denied"),
        ("suzuki", "in_review", 404, "not_found"),
    ],
)
def test_who_may_comment(client, request, issue, persona, state, status, code):
    make_state(issue, state)
    response = send(
        client,
        "post",
        f"/issues/{issue.pk}/comments",
        {"body": "コメントです"},
        **headers_of(request, persona),
    )
    assert response.status_code == status, response.content
    if code:
        error = error_of(response)
        assert error["code"] == code
        if code == "comments_locked":
            assert error["message"] == str(issue_messages.COMMENTS_LOCKED)
        if code == "email_verification_required":
            assert error["message"] == str(messages.EMAIL_VERIFICATION_REQUIRED)
    assert Comment.objects.exists() is (status == 201)


def test_reading_comments_follows_the_issue_visibility(client, issue, suzuki, takahashi):
    CommentFactory(issue=issue, author=suzuki, body="見える")
    make_state(issue, "in_review")
    assert send(client, "get", f"/issues/{issue.pk}/comments").status_code == 404
    client.force_login(takahashi)
    assert send(client, "get", f"/issues/{issue.pk}/comments").json()["count"] == 1


def test_an_edited_comment_says_so(client, issue, suzuki):
    CommentFactory(issue=issue, author=suzuki, edited_at=timezone.now() + timedelta(minutes=1))
    item = send(client, "get", f"/issues/{issue.pk}/comments").json()["items"][0]
    assert item["edited_at"] is not None
