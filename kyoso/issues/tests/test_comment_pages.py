"""Comments on the issue page come in pages of threads (keyset, oldest first): a long
discussion never renders whole, a link to a comment lands on the page that shows it, and a
page reads the same number of queries whatever its size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.issues import selectors
from kyoso.issues.models import Comment
from kyoso.issues.services.moderation import comment_anchor, issue_url
from kyoso.issues.tests.factories import CommentFactory, IssueFactory

SIZE = selectors.COMMENT_PAGE_SIZE


@pytest.fixture
def discussion(poster):
    """An issue with SIZE * 2 + 5 top-level comments a minute apart, the first with a reply."""
    issue = IssueFactory(author=poster)
    start = timezone.now() - dt.timedelta(days=1)
    comments = [CommentFactory(issue=issue, body=f"意見{n:04d}") for n in range(SIZE * 2 + 5)]
    for n, comment in enumerate(comments):
        Comment.objects.filter(pk=comment.pk).update(created_at=start + dt.timedelta(minutes=n))
    reply = CommentFactory(issue=issue, parent=comments[0], body="返信その一")
    return issue, comments, reply


def _page(client, issue, **params):
    response = client.get(reverse("issues:detail", args=[issue.pk]), params)
    assert response.status_code == 200
    return response


def test_the_first_page_shows_the_oldest_threads_with_their_replies(client, discussion):
    issue, _comments, _reply = discussion
    page = _page(client, issue).content.decode()

    assert "意見0000" in page and "返信その一" in page
    assert f"意見{SIZE - 1:04d}" in page
    assert f"意見{SIZE:04d}" not in page
    assert 'rel="next"' in page
    assert "最初のコメントから" not in page
    assert "kyoso/comment_anchor.js" in page  # older #comment-N links ask for their page


def test_the_more_link_continues_after_the_last_thread_to_the_end(client, discussion):
    issue, comments, _reply = discussion
    cursor = _page(client, issue).context["comments"].next_cursor
    second = _page(client, issue, comments_after=cursor)
    text = second.content.decode()
    assert f"意見{SIZE:04d}" in text and f"意見{SIZE * 2 - 1:04d}" in text
    assert "意見0000" not in text and "返信その一" not in text
    assert "最初のコメントから" in text

    third = _page(client, issue, comments_after=second.context["comments"].next_cursor)
    shown = [t.comment.pk for t in third.context["comments"].threads]
    assert shown == [c.pk for c in comments[SIZE * 2 :]]
    assert third.context["comments"].next_cursor == ""


def test_a_link_to_a_comment_lands_on_the_page_that_shows_it(client, discussion):
    issue, comments, reply = discussion
    late = comments[SIZE + 7]
    url = issue_url(issue, comment_anchor(late))
    assert url.endswith(f"?comment={late.pk}#comment-{late.pk}")

    page = client.get(url.split("#")[0])
    assert f'id="comment-{late.pk}"' in page.content.decode()
    assert "最初のコメントから" in page.content.decode()

    # a reply's link shows its thread, and the first thread's page is the first page
    first = _page(client, issue, comment=reply.pk)
    assert f'id="comment-{reply.pk}"' in first.content.decode()
    assert first.context["comments"].is_first


def test_an_unreadable_cursor_or_unknown_comment_gives_the_first_page(client, discussion):
    issue, comments, _reply = discussion
    for params in ({"comments_after": "nonsense"}, {"comment": "999999999"}, {"comment": "x"}):
        page = _page(client, issue, **params)
        assert page.context["comments"].threads[0].comment.pk == comments[0].pk


def test_a_comment_of_another_issue_does_not_move_the_page(client, discussion, poster):
    issue, _comments, _reply = discussion
    elsewhere = CommentFactory(issue=IssueFactory(author=poster))
    page = _page(client, issue, comment=elsewhere.pk)
    assert page.context["comments"].is_first


@pytest.mark.parametrize("pages", [1, 3])
def test_each_comment_page_reads_the_same_queries(client, poster, pages):
    issue = IssueFactory(author=poster)
    for n in range(SIZE * pages + 1):
        parent = CommentFactory(issue=issue)
        if n % 10 == 0:
            CommentFactory(issue=issue, parent=parent)
    cursor = _page(client, issue).context["comments"].next_cursor

    # 1 the issue, 2 tags, 3 stage changes, 4 attachments, 5 the page's threads and their
    # replies with authors, 6 the projects taking the issue up
    with assert_num_queries(6, label=f"{pages} pages"):
        response = _page(client, issue, comments_after=cursor)
    assert len(response.context["comments"].threads) == min(SIZE, SIZE * (pages - 1) + 1)

    # a link to a comment: one more, to find the comment's thread, one to see if it is first
    last = Comment.objects.order_by("-pk").values_list("pk", flat=True).first()
    with assert_num_queries(8, label=f"{pages} pages, at a comment"):
        _page(client, issue, comment=last)


def test_signed_out_visitors_see_a_new_or_hidden_comment_at_once(
    client, poster, suzuki, sato, django_capture_on_commit_callbacks
):
    from kyoso.issues.services import comments as comment_services
    from kyoso.issues.services import moderation

    issue = IssueFactory(author=poster)
    with django_capture_on_commit_callbacks(execute=True):
        first = comment_services.comment_create(actor=suzuki, issue=issue, body="最初の意見")
    assert "最初の意見" in _page(client, issue).content.decode()

    # the threads now come from the cache: 1 the issue, 2 tags, 3 stage changes,
    # 4 attachments, 5 the projects taking the issue up (no comment query)
    with assert_num_queries(5, label="cached threads"):
        _page(client, issue)

    with django_capture_on_commit_callbacks(execute=True):
        comment_services.comment_create(actor=suzuki, issue=issue, body="二つ目の意見")
    assert "二つ目の意見" in _page(client, issue).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.comment_hide(actor=sato, comment=first, reason="個人への攻撃")
    page = _page(client, issue).content.decode()
    assert "最初の意見" not in page and "二つ目の意見" in page


def test_signed_in_people_never_get_the_cached_threads(client, poster, suzuki, discussion):
    issue, _comments, _reply = discussion
    assert "返信する" not in _page(client, issue).content.decode()
    client.force_login(suzuki)
    assert "返信する" in _page(client, issue).content.decode()  # their reply forms
