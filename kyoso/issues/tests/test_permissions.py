"""Who may do what on which issue: role × action × state, through the pages.

Roles: anonymous; 高橋 before and after confirming his email (an outsider); 鈴木, a plain
member of the posting organization; 田中 the poster; 伊藤, an admin of the posting
organization; 佐藤 the secretariat. States: a fresh issue (種), a closed one, a hidden one,
one merged into another, one whose comments are locked, one awaiting the first-post review.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.policy import check
from kyoso.issues.models import Comment, Empathy, Follow, HelpOffer, Issue, Stage, StageChange
from kyoso.issues.tests.factories import IssueFactory

ROLES = ["anonymous", "takahashi_unverified", "takahashi", "suzuki", "poster", "org_admin", "sato"]
STATES = ["seed", "closed", "hidden", "merged", "locked", "awaiting"]
VERIFIED = {"takahashi", "suzuki", "poster", "org_admin", "sato"}
STEWARDS = {"poster", "org_admin"}


def expected(action: str, role: str, state: str) -> bool:
    """The table of kyoso/issues/rules.py, written out independently."""
    public = state not in {"hidden", "awaiting"}
    sees = public or role in {"poster", "sato"}
    if action == "view":
        return sees
    if action == "edit":
        if state == "merged":
            return False
        if role == "sato":
            return True
        return sees and state != "closed" and role in STEWARDS
    if action == "change_stage":
        if state == "merged":
            return False
        if role == "sato":
            return True
        return state in {"seed", "locked"} and role in STEWARDS
    open_ = state in {"seed", "locked"}
    if action == "comment":
        return role in VERIFIED and open_ and (state != "locked" or role == "sato")
    if action == "empathy":
        return role in VERIFIED and open_
    if action == "follow":
        return role in VERIFIED and state in {"seed", "locked", "closed"}
    if action == "offer":
        return role in VERIFIED and open_ and role != "poster"
    raise AssertionError(action)


@pytest.fixture
def make_issue(poster, organization, org_admin):
    def make(state: str) -> Issue:
        fields: dict = {"author": poster, "organization": organization, "title": "通学路が暗い"}
        if state == "closed":
            fields["stage"] = Stage.CLOSED
        elif state == "hidden":
            fields.update(hidden_at=timezone.now(), hidden_reason="個人名が含まれていました。")
        elif state == "merged":
            fields.update(stage=Stage.MERGED, merged_into=IssueFactory(title="統合先"))
        elif state == "locked":
            fields["comments_locked"] = True
        elif state == "awaiting":
            fields["awaiting_review"] = True
        return IssueFactory(**fields)

    return make


def _actor(request, client, role):
    if role == "anonymous":
        return None
    user = request.getfixturevalue(role)
    client.force_login(user)
    return user


def _denied(response) -> bool:
    if response.status_code in {403, 404}:
        return True
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


ACTIONS = ["view", "edit", "change_stage", "comment", "empathy", "follow", "offer"]


def _do(client, action: str, issue: Issue):
    pk = issue.pk
    if action == "view":
        return client.get(reverse("issues:detail", args=[pk]))
    if action == "edit":
        return client.post(
            reverse("issues:edit", args=[pk]),
            {"title": "編集後のタイトル", "body": "本文", "themes": ["housing"]},
        )
    if action == "change_stage":
        target = Stage.SURFACED if issue.stage != Stage.SURFACED else Stage.SEED
        return client.post(
            reverse("issues:change_stage", args=[pk]),
            {"to_stage": target, "reason": "定例会で話し合いました。"},
        )
    if action == "comment":
        return client.post(reverse("issues:comment_create", args=[pk]), {"body": "応援します"})
    if action == "empathy":
        return client.post(reverse("issues:empathy", args=[pk]), {"on": "1"})
    if action == "follow":
        return client.post(reverse("issues:follow", args=[pk]), {"on": "1"})
    if action == "offer":
        return client.post(
            reverse("issues:offer", args=[pk]), {"kinds": ["skills"], "message": "手伝えます"}
        )
    raise AssertionError(action)


def _happened(action: str, issue: Issue, user) -> bool:
    if action == "edit":
        return Issue.objects.get(pk=issue.pk).title == "編集後のタイトル"
    if action == "change_stage":
        return StageChange.objects.filter(issue=issue).exists()
    if action == "comment":
        return Comment.objects.filter(issue=issue).exists()
    if action == "empathy":
        return Empathy.objects.filter(issue=issue).exists()
    if action == "follow":
        return Follow.objects.filter(issue=issue).exists()
    if action == "offer":
        return HelpOffer.objects.filter(issue=issue).exists()
    raise AssertionError(action)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix_through_the_pages(request, client, make_issue, action, role, state):
    issue = make_issue(state)
    user = _actor(request, client, role)
    allowed = expected(action, role, state)

    response = _do(client, action, issue)

    assert response.status_code != 500
    if action == "view":
        assert (response.status_code == 200) is allowed, response.status_code
        return
    if allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert not _denied(response)
    else:
        assert _denied(response), response.status_code
    assert _happened(action, issue, user) is allowed


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_page_offers_only_what_the_rules_allow(request, client, make_issue, role, state):
    issue = make_issue(state)
    _actor(request, client, role)
    user = request.getfixturevalue(role) if role != "anonymous" else None
    response = client.get(reverse("issues:detail", args=[issue.pk]))
    if response.status_code == 404:
        assert not expected("view", role, state)
        return
    page = response.content.decode()
    action_markers = {
        "edit": reverse("issues:edit", args=[issue.pk]),
        "change_stage": reverse("issues:change_stage", args=[issue.pk]),
        "comment": 'id="comment-form"',
        "empathy": reverse("issues:empathy", args=[issue.pk]),
        "offer": reverse("issues:offer", args=[issue.pk]),
    }
    for action, marker in action_markers.items():
        assert (marker in page) is expected(action, role, state), (action, role, state)
    del user


def test_rules_without_an_issue_answer_no(sato, poster):
    for rule in (
        "issues.view_issue",
        "issues.change_issue",
        "issues.change_stage",
        "issues.add_empathy",
        "issues.add_comment",
        "issues.offer_help",
        "issues.change_comment",
        "issues.delete_comment",
    ):
        assert not check(rule, sato, None)
        assert not check(rule, poster, "not an issue")
