"""Leaders (and the secretariat) remove a member: role × target, counts, audit, notification,
rejoining, and the confirmation page.

People: 斎藤 (``leader``) leads the open community alone unless a case adds 山田 as a second
leader; 田中 is a plain member; 鈴木 a member when he acts as one; 高橋 outside; 佐藤 the
secretariat. A target in the approval community, reached through the open community's URL, is
the forged id of another community.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.communities import messages
from kyoso.communities.models import (
    REMOVAL_REASON_MAX,
    Community,
    CommunityMembership,
    CommunityRole,
    MembershipStatus,
)
from kyoso.communities.services import membership as services
from kyoso.communities.services.common import CommunityError
from kyoso.communities.tests.factories import add_member
from kyoso.notifications.models import Notification

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "takahashi", "suzuki_member", "leader", "sato"]
TARGETS = ["member", "co_leader", "last_leader", "self", "other_community"]


def expected(role: str, target: str) -> str:
    """What happens, written out from the rules' table and the service's refusals."""
    if role == "anonymous":
        return "login"
    if role in {"takahashi", "suzuki_member"}:
        return "forbidden"
    if target == "other_community":
        return "not_found"
    if target == "self":
        return "refused_self"
    if target == "last_leader":
        # 斎藤 removing himself as the sole leader is first of all removing himself.
        return "refused_self" if role == "leader" else "refused_last_leader"
    return "removed"


CASES = [
    (role, target)
    for role in ROLES
    for target in TARGETS
    # Only someone with a membership has a "self" to remove.
    if not (target == "self" and role in {"anonymous", "takahashi", "sato"})
]


def count(community: Community) -> int:
    return Community.objects.get(pk=community.pk).member_count


@pytest.fixture
def tanaka(db):
    return UserFactory(email="tanaka@example.jp", display_name="田中")


@pytest.mark.parametrize(("role", "target"), CASES)
def test_role_and_target(
    request, client, open_community, approval_community, leader, tanaka, role, target
):
    actor = None if role == "anonymous" else request.getfixturevalue(role.split("_")[0])
    if role == "suzuki_member":
        add_member(open_community, actor)
    add_member(open_community, tanaka)
    community = open_community
    if target == "member":
        victim = CommunityMembership.objects.get(community=open_community, user=tanaka)
    elif target == "co_leader":
        victim = add_member(open_community, UserFactory(display_name="山田"), role="leader")
    elif target == "last_leader":
        victim = CommunityMembership.objects.get(community=open_community, user=leader)
    elif target == "self":
        victim = CommunityMembership.objects.get(community=open_community, user=actor)
    else:
        victim = add_member(approval_community, UserFactory())
    if actor is not None:
        client.force_login(actor)
    before = count(community)

    response = client.post(
        reverse("communities:member_remove", args=[community.slug, victim.pk]),
        {"reason": "掲示板での言動のため"},
    )

    outcome = expected(role, target)
    gone = not CommunityMembership.objects.filter(pk=victim.pk).exists()
    assert gone is (outcome == "removed")
    assert count(community) == before - (1 if outcome == "removed" else 0)
    removals = AuditEvent.objects.filter(action=AuditEvent.Action.COMMUNITY_MEMBER_REMOVED)
    assert removals.count() == (1 if outcome == "removed" else 0)
    if outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif outcome == "forbidden":
        assert response.status_code == 403
    elif outcome == "not_found":
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        shown = client.get(response["Location"]).content.decode()
        message = {
            "removed": messages.MEMBER_REMOVED % {"name": victim.user.public_name},
            "refused_self": messages.CANNOT_REMOVE_SELF,
            "refused_last_leader": messages.LAST_LEADER_CANNOT_BE_REMOVED,
        }[outcome]
        assert str(message) in shown


def test_removal_is_audited_and_the_person_is_told_why(open_community, leader, tanaka):
    membership = add_member(open_community, tanaka)
    membership.community = open_community

    services.membership_remove(
        actor=leader, membership=membership, reason="  掲示板での言動のため  "
    )

    audit = AuditEvent.objects.get(action=AuditEvent.Action.COMMUNITY_MEMBER_REMOVED)
    assert audit.actor == leader
    assert (audit.target_type, audit.target_id) == ("communities.community", str(open_community.pk))
    assert audit.data == {"user": tanaka.pk, "role": "member", "reason": "掲示板での言動のため"}
    note = Notification.objects.get(recipient=tanaka)
    assert note.kind == "communities.member_removed"
    assert (
        note.text
        == "「庄内農業共創コミュニティ」のメンバーから外されました。理由：掲示板での言動のため"
    )
    assert note.url == reverse("communities:detail", args=[open_community.slug])
    assert count(open_community) == 1


def test_without_a_reason_the_notification_says_only_what_happened(open_community, sato, tanaka):
    membership = add_member(open_community, tanaka)
    membership.community = open_community

    services.membership_remove(actor=sato, membership=membership)

    note = Notification.objects.get(recipient=tanaka)
    assert note.text == "「庄内農業共創コミュニティ」のメンバーから外されました。"
    assert note.actor == sato


def test_a_removed_leader_is_no_longer_a_leader(open_community, leader, suzuki):
    co_leader = add_member(open_community, suzuki, role=CommunityRole.LEADER)
    co_leader.community = open_community

    services.membership_remove(actor=leader, membership=co_leader)

    leaders = CommunityMembership.objects.filter(community=open_community, role="leader")
    assert list(leaders.values_list("user", flat=True)) == [leader.pk]
    audit = AuditEvent.objects.get(action=AuditEvent.Action.COMMUNITY_MEMBER_REMOVED)
    assert audit.data["role"] == "leader"


def test_a_pending_request_is_declined_not_removed(approval_community, leader, suzuki):
    request = add_member(approval_community, suzuki, status=MembershipStatus.PENDING)
    request.community = approval_community

    with pytest.raises(CommunityError) as refused:
        services.membership_remove(actor=leader, membership=request)

    assert refused.value.message == messages.REMOVAL_OF_A_REQUEST
    assert CommunityMembership.objects.filter(pk=request.pk).exists()
    assert count(approval_community) == 1


def test_removing_twice_counts_once(open_community, leader, sato, tanaka):
    membership = add_member(open_community, tanaka)
    membership.community = open_community
    services.membership_remove(actor=leader, membership=membership)

    with pytest.raises(CommunityError) as again:
        services.membership_remove(actor=sato, membership=membership)

    assert again.value.message == messages.MEMBER_ALREADY_GONE
    assert count(open_community) == 1


def test_an_ordinary_member_is_refused_by_the_service_too(open_community, suzuki, tanaka):
    from django.core.exceptions import PermissionDenied

    add_member(open_community, suzuki)
    membership = add_member(open_community, tanaka)
    membership.community = Community.objects.get(pk=open_community.pk)

    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=suzuki, membership=membership)


def test_a_removed_member_loses_the_board_and_the_mail(client, approval_community, leader, suzuki):
    membership = add_member(approval_community, suzuki)
    membership.community = approval_community
    services.membership_remove(actor=leader, membership=membership)
    client.force_login(suzuki)

    board = client.get(reverse("communities:board", args=[approval_community.slug]))
    client.post(
        reverse("communities:post_create", args=[approval_community.slug]),
        {"title": "戻りました", "body": "本文"},
    )

    assert board.status_code == 403
    assert not approval_community.posts.filter(title="戻りました").exists()
    from kyoso.communities.selectors import active_recipients

    assert suzuki.pk not in [m.user_id for m in active_recipients(approval_community)]


def test_rejoining_an_open_community_after_removal(open_community, leader, suzuki):
    membership = add_member(open_community, suzuki)
    membership.community = open_community
    services.membership_remove(actor=leader, membership=membership)

    again = services.membership_join(
        actor=suzuki, community=Community.objects.get(pk=open_community.pk)
    )

    assert again.status == MembershipStatus.ACTIVE
    assert count(open_community) == 2


def test_rejoining_an_approval_community_is_a_request_again(approval_community, leader, suzuki):
    membership = add_member(approval_community, suzuki)
    membership.community = approval_community
    services.membership_remove(actor=leader, membership=membership)

    again = services.membership_join(
        actor=suzuki, community=Community.objects.get(pk=approval_community.pk)
    )

    assert again.status == MembershipStatus.PENDING
    assert count(approval_community) == 1


def test_the_confirmation_page_asks_first(client, open_community, leader, tanaka):
    membership = add_member(open_community, tanaka)
    client.force_login(leader)
    url = reverse("communities:member_remove", args=[open_community.slug, membership.pk])

    page = client.get(url)

    assert page.status_code == 200
    text = page.content.decode()
    assert "田中さんをメンバーから外す" in text
    assert 'name="reason"' in text
    assert CommunityMembership.objects.filter(pk=membership.pk).exists()


def test_a_too_long_reason_is_shown_again_and_nothing_changes(
    client, open_community, leader, tanaka
):
    membership = add_member(open_community, tanaka)
    client.force_login(leader)

    response = client.post(
        reverse("communities:member_remove", args=[open_community.slug, membership.pk]),
        {"reason": "あ" * (REMOVAL_REASON_MAX + 1)},
    )

    assert response.status_code == 400
    limit = messages.TEXT_TOO_LONG % {
        "limit_value": REMOVAL_REASON_MAX,
        "show_value": REMOVAL_REASON_MAX + 1,
    }
    assert str(limit) in response.content.decode()
    assert CommunityMembership.objects.filter(pk=membership.pk).exists()


def test_the_members_page_links_to_removal_except_for_oneself(
    client, open_community, leader, suzuki, tanaka
):
    own = CommunityMembership.objects.get(community=open_community, user=leader)
    other = add_member(open_community, tanaka)
    add_member(open_community, suzuki)
    members_url = reverse("communities:members", args=[open_community.slug])

    def removal_url(membership):
        return reverse("communities:member_remove", args=[open_community.slug, membership.pk])

    client.force_login(leader)
    as_leader = client.get(members_url).content.decode()
    client.force_login(suzuki)
    as_member = client.get(members_url).content.decode()

    assert removal_url(other) in as_leader
    assert removal_url(own) not in as_leader
    assert removal_url(other) not in as_member
