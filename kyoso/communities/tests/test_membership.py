"""Joining, approval, leaving, leaders: counts stay right, leaders are told, audit rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.communities import messages
from kyoso.communities.models import (
    Community,
    CommunityMembership,
    CommunityRole,
    MembershipStatus,
)
from kyoso.communities.services import membership as services
from kyoso.communities.services.common import CommunityError
from kyoso.communities.tests.factories import add_member
from kyoso.notifications.models import Notification


def count(community: Community) -> int:
    return Community.objects.get(pk=community.pk).member_count


def test_joining_an_open_community_makes_an_active_member(client, open_community, suzuki):
    client.force_login(suzuki)

    response = client.post(reverse("communities:join", args=[open_community.slug]), follow=True)

    membership = CommunityMembership.objects.get(community=open_community, user=suzuki)
    assert membership.status == MembershipStatus.ACTIVE
    assert count(open_community) == 2
    assert str(messages.JOINED) in response.content.decode()


def test_asking_to_join_tells_the_leaders_and_waits(client, approval_community, leader, suzuki):
    client.force_login(suzuki)

    response = client.post(
        reverse("communities:join", args=[approval_community.slug]),
        {"message": "Webデザインをしています。"},
        follow=True,
    )

    membership = CommunityMembership.objects.get(community=approval_community, user=suzuki)
    assert (membership.status, membership.message) == ("pending", "Webデザインをしています。")
    assert count(approval_community) == 1
    assert str(messages.JOIN_REQUESTED) in response.content.decode()
    note = Notification.objects.get(recipient=leader)
    assert note.kind == "communities.join_request"
    assert note.url == reverse("communities:members", args=[approval_community.slug])


def test_asking_twice_says_where_the_first_request_stands(approval_community, suzuki):
    services.membership_join(actor=suzuki, community=approval_community)
    fresh = Community.objects.get(pk=approval_community.pk)

    with pytest.raises(CommunityError) as refused:
        services.membership_join(actor=suzuki, community=fresh)

    assert refused.value.message == messages.ALREADY_REQUESTED
    assert CommunityMembership.objects.filter(user=suzuki).count() == 1


def test_approving_counts_once_and_tells_the_applicant(approval_community, leader, suzuki):
    request = add_member(approval_community, suzuki, status=MembershipStatus.PENDING)
    request.community = Community.objects.get(pk=approval_community.pk)

    services.membership_decide(actor=leader, membership=request, approve=True)
    with pytest.raises(CommunityError) as again:
        services.membership_decide(actor=leader, membership=request, approve=True)

    assert again.value.message == messages.REQUEST_ALREADY_DECIDED
    assert count(approval_community) == 2
    assert Notification.objects.get(recipient=suzuki).kind == "communities.join_decided"
    audit = AuditEvent.objects.get(action=AuditEvent.Action.COMMUNITY_MEMBER_DECIDED)
    assert audit.data == {"user": suzuki.pk, "approved": True}
    assert audit.actor == leader


def test_declining_removes_the_request_and_the_page_shows_it(
    client, approval_community, leader, suzuki
):
    request = add_member(
        approval_community, suzuki, status=MembershipStatus.PENDING, message="参加希望です"
    )
    client.force_login(leader)
    page = client.get(reverse("communities:members", args=[approval_community.slug]))
    assert "参加希望です" in page.content.decode()

    client.post(
        reverse("communities:decide", args=[approval_community.slug, request.pk]),
        {"decision": "decline"},
    )

    assert not CommunityMembership.objects.filter(pk=request.pk).exists()
    assert count(approval_community) == 1
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.COMMUNITY_MEMBER_DECIDED, data__approved=False
    ).exists()


def test_the_last_leader_cannot_leave_and_is_told_why(client, open_community, leader):
    client.force_login(leader)

    response = client.post(reverse("communities:leave", args=[open_community.slug]), follow=True)

    assert str(messages.LAST_LEADER_CANNOT_LEAVE) in response.content.decode()
    assert CommunityMembership.objects.filter(community=open_community, user=leader).exists()
    assert count(open_community) == 1


def test_a_leader_may_leave_once_another_leads(client, open_community, leader, suzuki):
    membership = add_member(open_community, suzuki)
    membership.community = open_community
    services.leader_appoint(actor=leader, membership=membership)
    client.force_login(leader)

    response = client.post(reverse("communities:leave", args=[open_community.slug]), follow=True)

    assert str(messages.LEFT) in response.content.decode()
    assert count(open_community) == 1
    remaining = CommunityMembership.objects.get(community=open_community)
    assert (remaining.user, remaining.role) == (suzuki, CommunityRole.LEADER)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.COMMUNITY_LEADER_APPOINTED, data={"user": suzuki.pk}
    ).exists()


def test_withdrawing_a_request_does_not_touch_the_count(client, approval_community, suzuki):
    add_member(approval_community, suzuki, status=MembershipStatus.PENDING)
    client.force_login(suzuki)

    response = client.post(
        reverse("communities:leave", args=[approval_community.slug]), follow=True
    )

    assert str(messages.REQUEST_WITHDRAWN) in response.content.decode()
    assert count(approval_community) == 1


def test_leaders_are_never_removed_down_to_zero(open_community, leader, suzuki, sato):
    own = CommunityMembership.objects.get(community=open_community, user=leader)
    own.community = open_community
    with pytest.raises(CommunityError) as refused:
        services.leader_remove(actor=sato, membership=own)
    assert refused.value.message == messages.LAST_LEADER_CANNOT_STEP_DOWN

    other = add_member(open_community, suzuki)
    other.community = open_community
    services.leader_appoint(actor=sato, membership=other)
    services.leader_remove(actor=leader, membership=own)

    roles = dict(
        CommunityMembership.objects.filter(community=open_community).values_list("user", "role")
    )
    assert roles == {leader.pk: "member", suzuki.pk: "leader"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.COMMUNITY_LEADER_REMOVED).count() == 1


def test_only_active_members_become_leaders(approval_community, leader, suzuki):
    pending = add_member(approval_community, suzuki, status=MembershipStatus.PENDING)
    pending.community = approval_community

    with pytest.raises(CommunityError) as refused:
        services.leader_appoint(actor=leader, membership=pending)

    assert refused.value.message == messages.LEADER_NEEDS_ACTIVE_MEMBER


def test_the_members_page_lets_the_leader_appoint(client, open_community, leader, suzuki):
    membership = add_member(open_community, suzuki)
    client.force_login(leader)

    response = client.post(
        reverse("communities:leader", args=[open_community.slug, membership.pk]),
        {"leader": "1"},
        follow=True,
    )

    assert str(messages.LEADER_APPOINTED) in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == CommunityRole.LEADER


def test_a_sole_leader_cannot_delete_the_account(open_community, leader, suzuki):
    from kyoso.core.personal_data import deletion_blockers

    assert any("庄内農業共創コミュニティ" in m for m in deletion_blockers(leader))
    assert not any("庄内農業" in m for m in deletion_blockers(suzuki))
    other = add_member(open_community, UserFactory())
    other.community = open_community
    services.leader_appoint(actor=leader, membership=other)
    assert not any("庄内農業" in m for m in deletion_blockers(leader))
