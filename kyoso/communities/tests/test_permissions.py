"""Who may do what in which community: role × action × community kind, through the pages.

Roles: anonymous; 高橋 before confirming his email; 鈴木 outside the community, with a pending
request, and as an active member; 斎藤 the (only) leader; 佐藤 the secretariat. Kinds: an open
community and one that needs the leaders' approval. Each case checks what really happened
(rows written), not only the status code.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.models import (
    BoardPost,
    Community,
    CommunityMembership,
    LeaderMessage,
    MembershipStatus,
)
from kyoso.communities.tests.factories import BoardPostFactory, add_member
from kyoso.core.policy import check

ROLES = [
    "anonymous",
    "unverified",
    "takahashi",
    "suzuki_outside",
    "suzuki_pending",
    "suzuki_member",
    "leader",
    "sato",
]
KINDS = ["open", "approval"]
ACTIONS = [
    "view",
    "board",
    "join",
    "leave",
    "post",
    "pin",
    "delete",
    "message",
    "approve",
    "remove",
]
VERIFIED_OUTSIDERS = {"takahashi", "suzuki_outside", "sato"}


def expected(action: str, role: str, kind: str) -> bool:
    """The table of kyoso/communities/rules.py, written out independently."""
    active = role in {"suzuki_member", "leader"}
    if action == "view":
        return True
    if action == "board":
        return kind == "open" or active or role == "sato"
    if action == "join":
        return role in VERIFIED_OUTSIDERS
    if action == "leave":
        # The leader is allowed to try, but is the last leader: refused with a message.
        return role in {"suzuki_pending", "suzuki_member"}
    if action == "post":
        return active
    if action in {"pin", "message"}:
        return role == "leader"
    if action in {"delete", "approve", "remove"}:
        return role in {"leader", "sato"}
    raise AssertionError(action)


@pytest.fixture
def setting(request, client, leader, open_community, approval_community):
    """Build the community of ``kind`` and sign in as ``role``; return (community, actor)."""

    def build(role: str, kind: str):
        community = open_community if kind == "open" else approval_community
        tanaka = UserFactory(email="tanaka@example.jp", display_name="田中")
        add_member(community, tanaka)
        applicant = UserFactory(email="ito@example.jp", display_name="伊藤")
        add_member(community, applicant, status=MembershipStatus.PENDING)
        post = BoardPostFactory(community=community, author=tanaka, title="田中の投稿")
        actor = None
        if role == "unverified":
            actor = UserFactory(email_verified_at=None)
        elif role in {"takahashi", "sato", "leader"}:
            actor = request.getfixturevalue(role)
        elif role.startswith("suzuki"):
            actor = request.getfixturevalue("suzuki")
            if role == "suzuki_member":
                add_member(community, actor)
            elif role == "suzuki_pending":
                add_member(community, actor, status=MembershipStatus.PENDING)
        if actor is not None:
            client.force_login(actor)
        return community, actor, post, applicant

    return build


def _membership(community: Community, actor) -> CommunityMembership | None:
    if actor is None:
        return None
    return CommunityMembership.objects.filter(community=community, user=actor).first()


def _do(client, action: str, community: Community, actor, post: BoardPost, applicant) -> bool:
    """Perform ``action``; return whether it took effect."""
    slug = community.slug
    if action == "view":
        return client.get(reverse("communities:detail", args=[slug])).status_code == 200
    if action == "board":
        return client.get(reverse("communities:board", args=[slug])).status_code == 200
    if action == "join":
        before = _membership(community, actor)
        client.post(reverse("communities:join", args=[slug]), {"message": "よろしく"})
        return before is None and _membership(community, actor) is not None
    if action == "leave":
        before = _membership(community, actor)
        client.post(reverse("communities:leave", args=[slug]))
        return before is not None and _membership(community, actor) is None
    if action == "post":
        client.post(
            reverse("communities:post_create", args=[slug]), {"title": "新しい話題", "body": "本文"}
        )
        return BoardPost.objects.filter(community=community, title="新しい話題").exists()
    if action == "pin":
        client.post(reverse("communities:post_pin", args=[slug, post.pk]), {"pinned": "1"})
        return BoardPost.objects.get(pk=post.pk).pinned
    if action == "delete":
        client.post(reverse("communities:post_delete", args=[slug, post.pk]))
        return not BoardPost.objects.filter(pk=post.pk, deleted_at__isnull=True).exists()
    if action == "message":
        client.post(
            reverse("communities:message", args=[slug]), {"subject": "定例会", "body": "来週です"}
        )
        return LeaderMessage.objects.filter(community=community).exists()
    if action == "approve":
        request = CommunityMembership.objects.get(community=community, user=applicant)
        client.post(reverse("communities:decide", args=[slug, request.pk]), {"decision": "approve"})
        request.refresh_from_db()
        return request.status == MembershipStatus.ACTIVE
    if action == "remove":
        tanaka = CommunityMembership.objects.get(community=community, user__display_name="田中")
        client.post(reverse("communities:member_remove", args=[slug, tanaka.pk]))
        return not CommunityMembership.objects.filter(pk=tanaka.pk).exists()
    raise AssertionError(action)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_role_action_kind(setting, client, action, role, kind):
    community, actor, post, applicant = setting(role, kind)

    assert _do(client, action, community, actor, post, applicant) is expected(action, role, kind)


RULES = {
    "view": "communities.view_community",
    "board": "communities.view_board",
    "join": "communities.join_community",
    "post": "communities.post_board",
    "message": "communities.message_members",
    "approve": "communities.decide_membership",
    "remove": "communities.remove_member",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_the_rules_answer_the_same_table(setting, role, kind):
    from django.contrib.auth.models import AnonymousUser

    community, actor, _post, _applicant = setting(role, kind)
    user = actor or AnonymousUser()
    community = Community.objects.get(pk=community.pk)  # nothing cached

    answers = {action: check(rule, user, community) for action, rule in RULES.items()}

    assert answers == {action: expected(action, role, kind) for action in RULES}


def test_who_may_create_a_community(db, suzuki, organizer, sato, takahashi):
    from django.contrib.auth.models import AnonymousUser

    from kyoso.roles.models import PlatformRole, RoleAssignment

    manager = UserFactory()
    RoleAssignment.objects.create(user=manager, role=PlatformRole.MANAGER)
    unverified_organizer = UserFactory(email_verified_at=None)
    RoleAssignment.objects.create(user=unverified_organizer, role=PlatformRole.ORGANIZER)
    player = UserFactory()
    RoleAssignment.objects.create(user=player, role=PlatformRole.PLAYER)

    def may(user) -> bool:
        return check("communities.add_community", user)

    assert [may(u) for u in (sato, organizer, manager)] == [True, True, True]
    assert [may(u) for u in (AnonymousUser(), suzuki, takahashi, player)] == [False] * 4
    assert may(unverified_organizer) is False


def test_a_comment_may_be_deleted_by_its_author_a_leader_and_the_secretariat(
    client, open_community, leader, suzuki, takahashi, sato
):
    from kyoso.communities.tests.factories import BoardCommentFactory

    add_member(open_community, suzuki)
    add_member(open_community, takahashi)
    post = BoardPostFactory(community=open_community, author=leader)

    for actor, allowed in ((takahashi, False), (suzuki, True), (leader, True), (sato, True)):
        comment = BoardCommentFactory(post=post, author=suzuki)
        client.force_login(actor)
        client.post(
            reverse("communities:comment_delete", args=[open_community.slug, post.pk, comment.pk])
        )
        comment.refresh_from_db()
        assert (comment.deleted_at is not None) is allowed, actor
