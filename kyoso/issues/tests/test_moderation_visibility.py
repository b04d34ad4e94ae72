"""Who can open a hidden issue: its poster (who sees the reason) and the secretariat; everyone
else gets 404, and it leaves the lists and the search index until it is shown again."""

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.issues.models import Issue
from kyoso.issues.selectors import visible_issues
from kyoso.issues.services import moderation
from kyoso.search.services import index_object, matching_ids

REASON = "特定の個人を中傷する内容のため"
PERSONAS = ["anonymous", "takahashi", "suzuki", "author", "sato"]


@pytest.fixture
def author(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


@pytest.fixture
def issue(author):
    issue = Issue.objects.create(
        title="防災倉庫の鍵の管理", body="地域の防災倉庫の鍵", author=author
    )
    index_object(issue)
    return issue


def _hide(issue, sato, how):
    if how == "hidden":
        moderation.issue_hide(actor=sato, issue=issue, reason=REASON)
    else:  # held for review, then not published
        Issue.objects.filter(pk=issue.pk).update(awaiting_review=True)
        issue.refresh_from_db()
        moderation.issue_reject(actor=sato, issue=issue, reason=REASON)


@pytest.mark.parametrize("how", ["hidden", "rejected"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 404), ("takahashi", 404), ("suzuki", 404), ("author", 200), ("sato", 200)],
)
def test_hidden_issue_page(
    client, login_as, issue, sato, how, persona, status, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _hide(issue, sato, how)
    login_as(persona)
    response = client.get(reverse("issues:detail", args=[issue.pk]))
    assert response.status_code == status
    if persona == "author":
        assert REASON in response.text
    user = None if persona == "anonymous" else response.wsgi_request.user
    assert visible_issues(user).filter(pk=issue.pk).exists() == (status == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_awaiting_review_is_seen_by_poster_and_secretariat(client, login_as, author, persona):
    waiting = Issue.objects.create(
        title="確認待ち", body="本文", author=author, awaiting_review=True
    )
    login_as(persona)
    response = client.get(reverse("issues:detail", args=[waiting.pk]))
    assert response.status_code == (200 if persona in {"author", "sato"} else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_shown_again_everyone_sees_it(
    client, login_as, issue, sato, persona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moderation.issue_hide(actor=sato, issue=issue, reason=REASON)
        moderation.issue_unhide(actor=sato, issue=issue)
    login_as(persona)
    response = client.get(reverse("issues:detail", args=[issue.pk]))
    assert response.status_code == 200
    assert REASON not in response.text


def test_hidden_issue_leaves_the_list_and_the_index(
    client, issue, sato, django_capture_on_commit_callbacks
):
    assert matching_ids("防災倉庫", type="issues") == [issue.pk]
    with django_capture_on_commit_callbacks(execute=True):
        moderation.issue_hide(actor=sato, issue=issue, reason=REASON)
    assert matching_ids("防災倉庫", type="issues") == []
    for viewer in (None, sato):
        if viewer:
            client.force_login(viewer)
        listed = client.get(reverse("issues:list")).context["page"].items
        assert issue.pk not in [i.pk for i in listed]
    with django_capture_on_commit_callbacks(execute=True):
        moderation.issue_unhide(actor=sato, issue=issue)
    assert matching_ids("防災倉庫", type="issues") == [issue.pk]


def test_approved_issue_is_public_and_indexed(author, sato, django_capture_on_commit_callbacks):
    waiting = Issue.objects.create(
        title="子ども食堂の担い手", body="担い手が足りない", author=author, awaiting_review=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation.issue_approve(actor=sato, issue=waiting)
    assert visible_issues(None).filter(pk=waiting.pk).exists()
    assert matching_ids("子ども食堂", type="issues") == [waiting.pk]
