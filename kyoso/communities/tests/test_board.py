"""The board: pinned posts first, pages, comments, tombstones, and text shown as typed."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.communities import messages
from kyoso.communities.models import BoardPost
from kyoso.communities.selectors import BOARD_PAGE_SIZE
from kyoso.communities.tests.factories import BoardCommentFactory, BoardPostFactory, add_member


def titles(response) -> list[str]:
    return [post.title for post in response.context["page"].object_list]


def test_pinned_posts_come_first_then_the_most_recent_activity(client, open_community):
    now = timezone.now()
    old = BoardPostFactory(community=open_community, title="古い話題")
    busy = BoardPostFactory(community=open_community, title="最近コメントがあった")
    pinned = BoardPostFactory(community=open_community, title="参加のルール", pinned=True)
    BoardPost.objects.filter(pk=old.pk).update(last_activity_at=now - timedelta(days=3))
    BoardPost.objects.filter(pk=busy.pk).update(last_activity_at=now)
    BoardPost.objects.filter(pk=pinned.pk).update(last_activity_at=now - timedelta(days=9))

    response = client.get(reverse("communities:board", args=[open_community.slug]))

    assert titles(response) == ["参加のルール", "最近コメントがあった", "古い話題"]


def test_the_board_has_pages(client, open_community):
    BoardPostFactory.create_batch(BOARD_PAGE_SIZE + 3, community=open_community)
    url = reverse("communities:board", args=[open_community.slug])

    first, second = client.get(url), client.get(url, {"page": "2"})
    beyond = client.get(url, {"page": "abc"})

    assert len(titles(first)) == BOARD_PAGE_SIZE
    assert len(titles(second)) == 3
    assert titles(beyond) == titles(first)
    assert 'rel="next"' in first.content.decode()


def test_a_comment_moves_the_post_up_and_is_counted(client, open_community, suzuki):
    add_member(open_community, suzuki)
    quiet = BoardPostFactory(community=open_community, title="静かな話題")
    BoardPostFactory(community=open_community, title="新しい話題")
    client.force_login(suzuki)

    client.post(
        reverse("communities:comment_create", args=[open_community.slug, quiet.pk]),
        {"body": "私も気になっていました。"},
    )

    quiet.refresh_from_db()
    assert quiet.comment_count == 1
    board = client.get(reverse("communities:board", args=[open_community.slug]))
    assert titles(board)[0] == "静かな話題"


def test_a_deleted_post_with_comments_stays_as_a_tombstone(client, open_community, leader, sato):
    post = BoardPostFactory(community=open_community, title="秘密の話")
    BoardCommentFactory(post=post, body="返事です")
    lonely = BoardPostFactory(community=open_community, title="誰も返事していない")
    client.force_login(sato)

    client.post(reverse("communities:post_delete", args=[open_community.slug, post.pk]))
    client.post(reverse("communities:post_delete", args=[open_community.slug, lonely.pk]))

    post.refresh_from_db()
    assert (post.title, post.body, post.deleted_at is not None) == ("", "", True)
    assert not BoardPost.objects.filter(pk=lonely.pk).exists()
    page = client.get(reverse("communities:post", args=[open_community.slug, post.pk]))
    text = page.content.decode()
    assert str(messages.POST_TOMBSTONE) in text and "返事です" in text
    assert "秘密の話" not in text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).count() == 2


def test_a_deleted_post_takes_no_comments(client, open_community, suzuki):
    add_member(open_community, suzuki)
    post = BoardPostFactory(community=open_community, deleted_at=timezone.now())
    BoardCommentFactory(post=post)
    client.force_login(suzuki)

    client.post(
        reverse("communities:comment_create", args=[open_community.slug, post.pk]),
        {"body": "まだ話せますか"},
    )

    assert post.comments.count() == 1


def test_leaders_pin_and_unpin(client, open_community, leader):
    post = BoardPostFactory(community=open_community)
    client.force_login(leader)
    url = reverse("communities:post_pin", args=[open_community.slug, post.pk])

    client.post(url, {"pinned": "1"})
    post.refresh_from_db()
    assert post.pinned
    client.post(url, {"pinned": "0"})
    post.refresh_from_db()
    assert not post.pinned


def test_script_tags_are_shown_as_text(client, open_community, suzuki):
    add_member(open_community, suzuki)
    client.force_login(suzuki)

    response = client.post(
        reverse("communities:post_create", args=[open_community.slug]),
        {"title": "<script>alert(1)</script>", "body": "<img src=x onerror=alert(2)>"},
        follow=True,
    )

    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_a_post_of_ten_thousand_characters_is_fine_one_more_is_refused(
    client, open_community, suzuki
):
    add_member(open_community, suzuki)
    client.force_login(suzuki)
    url = reverse("communities:post_create", args=[open_community.slug])

    ok = client.post(url, {"title": "長文", "body": "あ" * 10_000})
    too_long = client.post(url, {"title": "長すぎる", "body": "い" * 10_001})

    assert ok.status_code == 302
    assert BoardPost.objects.get(title="長文").body == "あ" * 10_000
    assert too_long.status_code == 400
    assert "10000文字以内で入力してください（いま10001文字です）" in too_long.content.decode()
    assert "長すぎる" in too_long.content.decode()  # what was typed is kept
    assert not BoardPost.objects.filter(title="長すぎる").exists()


def test_empty_post_and_comment_are_refused_with_a_message(client, open_community, suzuki):
    add_member(open_community, suzuki)
    post = BoardPostFactory(community=open_community)
    client.force_login(suzuki)

    empty_post = client.post(
        reverse("communities:post_create", args=[open_community.slug]), {"title": "", "body": " "}
    )
    empty_comment = client.post(
        reverse("communities:comment_create", args=[open_community.slug, post.pk]),
        {"body": "　"},
    )

    assert empty_post.status_code == 400
    assert str(messages.POST_TITLE_REQUIRED) in empty_post.content.decode()
    assert str(messages.POST_BODY_REQUIRED) in empty_post.content.decode()
    assert empty_comment.status_code == 400
    assert str(messages.COMMENT_REQUIRED) in empty_comment.content.decode()


def test_a_post_of_another_community_is_not_found(client, open_community, approval_community):
    post = BoardPostFactory(community=approval_community)

    response = client.get(reverse("communities:post", args=[open_community.slug, post.pk]))

    assert response.status_code == 404
