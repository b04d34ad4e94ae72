"""The secretariat's queues: reports grouped by target, issues awaiting review, hidden posts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import Comment, Issue, Report
from kyoso.issues.services.moderation import QUEUE_PAGE_SIZE

PAGES = ["issues:moderation", "issues:moderation_review", "issues:moderation_hidden"]


@pytest.fixture
def author(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


def make_issue(author, title="空き家の活用", **fields):
    return Issue.objects.create(title=title, body="本文", author=author, **fields)


def report(issue, reporter, *, comment=None, ago=timedelta(0), **fields):
    row = Report.objects.create(
        issue=issue, comment=comment, reporter=reporter, reason="問題があります", **fields
    )
    Report.objects.filter(pk=row.pk).update(created_at=timezone.now() - ago)
    return row


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("takahashi", 403), ("suzuki", 403), ("author", 403), ("sato", 200)],
)
def test_only_the_secretariat_sees_the_queues(client, login_as, author, name, persona, status):
    login_as(persona)
    response = client.get(reverse(name))
    assert response.status_code == status


def test_empty_states(client, sato):
    client.force_login(sato)
    assert "対応を待っている通報はありません。" in client.get(reverse(PAGES[0])).text
    assert "確認を待っている課題はありません。" in client.get(reverse(PAGES[1])).text
    hidden = client.get(reverse(PAGES[2])).text
    assert "非表示中の課題はありません。" in hidden
    assert "非表示中のコメントはありません。" in hidden


def test_reports_are_grouped_by_target_oldest_first(client, author, sato, suzuki, takahashi):
    newer = make_issue(author, "新しく通報された課題")
    older = make_issue(author, "前から通報されている課題")
    comment = Comment.objects.create(issue=newer, author=suzuki, body="問題のコメント")
    report(newer, suzuki, ago=timedelta(hours=1))
    report(newer, takahashi, ago=timedelta(hours=2))
    report(older, suzuki, ago=timedelta(days=2))
    report(newer, takahashi, comment=comment, ago=timedelta(days=1))
    report(older, takahashi, status=Report.Status.DISMISSED, ago=timedelta(days=5))

    client.force_login(sato)
    groups = client.get(reverse("issues:moderation")).context["groups"]
    assert [(g.issue.pk, g.comment.pk if g.comment else None, g.count) for g in groups] == [
        (older.pk, None, 1),
        (newer.pk, comment.pk, 1),
        (newer.pk, None, 2),
    ]
    # inside a group, the oldest report first
    assert [r.reporter for r in groups[2].reports] == [takahashi, suzuki]


def test_queue_query_count_does_not_grow(client, author, sato, suzuki, takahashi):
    for n in range(QUEUE_PAGE_SIZE + 3):
        issue = make_issue(author, f"課題{n}")
        comment = Comment.objects.create(issue=issue, author=suzuki, body="コメント")
        report(issue, suzuki)
        report(issue, takahashi, comment=comment)
    client.force_login(sato)
    # 1 session, 2 user, 3 roles (cached for the request), 4 site settings (2FA policy for
    # the secretariat), 5 number of groups, 6 this page's groups, 7 their reports with the
    # reporter, issue, poster, comment and comment author
    with assert_num_queries(7):
        response = client.get(reverse("issues:moderation"))
    assert len(response.context["groups"]) == QUEUE_PAGE_SIZE
    with assert_num_queries(7):
        response = client.get(reverse("issues:moderation"), {"page": 3})
    assert len(response.context["groups"]) == 2 * (QUEUE_PAGE_SIZE + 3) - 2 * QUEUE_PAGE_SIZE


@pytest.mark.parametrize("page", ["999", "abc", "0", "-5", "1" * 40])
def test_odd_page_numbers_never_fail(client, author, sato, suzuki, page):
    report(make_issue(author), suzuki)
    client.force_login(sato)
    for name in PAGES:
        assert client.get(reverse(name), {"page": page}).status_code == 200


def test_review_queue(client, author, sato):
    first = make_issue(author, "はじめての投稿", awaiting_review=True)
    make_issue(author, "公開済み")
    make_issue(
        author, "却下済み", awaiting_review=False, hidden_at=timezone.now(), hidden_reason="x"
    )
    second = make_issue(UserFactory(), "二人目の投稿", awaiting_review=True)
    for n in range(QUEUE_PAGE_SIZE):
        make_issue(UserFactory(), f"待ち{n}", awaiting_review=True)
    client.force_login(sato)
    # 1 session, 2 user, 3 roles, 4 site settings, 5 count, 6 page of issues with poster and
    # organization
    with assert_num_queries(6):
        response = client.get(reverse("issues:moderation_review"))
    page = response.context["page"]
    assert page.paginator.count == QUEUE_PAGE_SIZE + 2
    assert [i.pk for i in page][:2] == [first.pk, second.pk]


def test_hidden_list(client, author, sato, suzuki):
    hidden = make_issue(author, "非表示の課題", hidden_at=timezone.now(), hidden_reason="理由A")
    make_issue(author, "表示中の課題")
    comment = Comment.objects.create(
        issue=make_issue(author),
        author=suzuki,
        body="非表示のコメント",
        hidden_at=timezone.now(),
        hidden_reason="理由B",
    )
    client.force_login(sato)
    # 1 session, 2 user, 3 roles, 4 site settings, 5 hidden issue count, 6 their page,
    # 7 hidden comment count, 8 their page with author and issue
    with assert_num_queries(8):
        response = client.get(reverse("issues:moderation_hidden"))
    assert [i.pk for i in response.context["issues"]] == [hidden.pk]
    assert [c.pk for c in response.context["comments"]] == [comment.pk]
    assert "理由A" in response.text and "理由B" in response.text
