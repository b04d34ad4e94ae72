"""個人情報保護法: the data download holds a person's memberships, posts, comments and the
messages they sent; leaving Kyoso removes their memberships (counts follow) and empties what
they wrote, leaving tombstones where others replied. A sole leader must hand over first."""

from __future__ import annotations

import io
import json
import zipfile

from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.communities.models import BoardComment, BoardPost, Community, CommunityMembership
from kyoso.communities.tests.factories import BoardCommentFactory, BoardPostFactory, add_member

DELETE = {"password": DEFAULT_PASSWORD, "confirm": "退会する"}


def test_the_download_holds_the_communities_part(
    client, open_community, approval_community, suzuki
):
    add_member(open_community, suzuki, messages_opted_out=True)
    add_member(approval_community, suzuki, status="pending", message="参加したいです")
    post = BoardPostFactory(community=open_community, author=suzuki, title="鈴木の投稿")
    BoardCommentFactory(post=post, author=suzuki, body="鈴木のコメント")
    client.force_login(suzuki)

    response = client.post(reverse("accounts:data"))
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    part = data["communities"]

    assert [
        (m["community_slug"], m["status"], m["messages_opted_out"]) for m in part["memberships"]
    ] == [
        ("shonai-agri", "active", True),
        ("sanroku-it-women", "pending", False),
    ]
    assert part["memberships"][1]["message"] == "参加したいです"
    assert [p["title"] for p in part["board_posts"]] == ["鈴木の投稿"]
    assert [c["body"] for c in part["board_comments"]] == ["鈴木のコメント"]


def test_leaving_kyoso_keeps_tombstones_and_counts(client, open_community, leader, suzuki):
    add_member(open_community, suzuki)
    answered = BoardPostFactory(community=open_community, author=suzuki, title="答えのある投稿")
    BoardCommentFactory(post=answered, author=leader, body="斎藤の返事")
    BoardPostFactory(community=open_community, author=suzuki, title="返事のない投稿")
    theirs = BoardPostFactory(community=open_community, author=leader)
    BoardCommentFactory(post=theirs, author=suzuki, body="鈴木のコメント")
    BoardPost.objects.filter(pk=theirs.pk).update(comment_count=1)
    client.force_login(suzuki)

    response = client.post(reverse("accounts:delete"), DELETE)

    assert response.status_code == 302
    assert not CommunityMembership.objects.filter(user=suzuki).exists()
    assert Community.objects.get(pk=open_community.pk).member_count == 1
    answered.refresh_from_db()
    assert (answered.title, answered.body, answered.deleted_at is not None) == ("", "", True)
    assert not BoardPost.objects.filter(title="返事のない投稿").exists()
    comment = BoardComment.objects.get(post=theirs)
    assert (comment.body, comment.deleted_at is not None) == ("", True)
    assert BoardPost.objects.get(pk=theirs.pk).comment_count == 0
    assert BoardComment.objects.get(post=answered).body == "斎藤の返事"


def test_a_sole_leader_is_told_to_hand_over_first(client, open_community, leader):
    client.force_login(leader)

    response = client.post(reverse("accounts:delete"), DELETE)

    assert "庄内農業共創コミュニティ" in response.content.decode()
    leader.refresh_from_db()
    assert leader.is_active
    assert CommunityMembership.objects.filter(user=leader).exists()
