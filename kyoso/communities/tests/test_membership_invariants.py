"""Whatever people do, in any order — join, ask, get approved or declined, leave, be made a
leader or stop being one — ``member_count`` equals the active memberships and every community
keeps at least one leader (property-based, hypothesis)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.models import (
    Community,
    CommunityMembership,
    CommunityRole,
    JoinPolicy,
    MembershipStatus,
)
from kyoso.communities.services import membership as services
from kyoso.communities.services.common import CommunityError
from kyoso.communities.tests.factories import CommunityFactory, add_member

PEOPLE = 4
ACTIONS = ["join", "leave", "approve", "decline", "appoint", "step_down"]

steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, PEOPLE - 1), st.booleans()),
    max_size=25,
)


def _apply(action: str, community: Community, founder, person) -> None:
    community = Community.objects.get(pk=community.pk)  # fresh: no cached membership
    row = CommunityMembership.objects.filter(community=community, user=person).first()
    if action == "join":
        services.membership_join(actor=person, community=community)
    elif action == "leave":
        services.membership_leave(actor=person, community=community)
    elif row is not None:
        row.community = community
        if action in {"approve", "decline"}:
            services.membership_decide(actor=founder, membership=row, approve=action == "approve")
        elif action == "appoint":
            services.leader_appoint(actor=founder, membership=row)
        else:
            services.leader_remove(actor=founder, membership=row)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=steps, open_policy=st.booleans())
def test_counts_and_leaders_hold_whatever_happens(sato, steps, open_policy):
    # 佐藤 (the secretariat, never changed) decides; every example rolls its rows back.
    with transaction.atomic():
        policy = JoinPolicy.OPEN if open_policy else JoinPolicy.APPROVAL
        community = CommunityFactory(join_policy=policy)
        founder = UserFactory()
        add_member(community, founder, role=CommunityRole.LEADER)
        people = [UserFactory() for _ in range(PEOPLE)]
        for action, index, by_founder in steps:
            person = founder if by_founder and action in {"leave", "step_down"} else people[index]
            try:
                with transaction.atomic():
                    _apply(action, community, sato, person)
            except (CommunityError, PermissionDenied):
                pass  # refused with a message, or a rule said no: nothing may have changed
            active = CommunityMembership.objects.filter(
                community=community, status=MembershipStatus.ACTIVE
            )
            assert Community.objects.get(pk=community.pk).member_count == active.count()
            assert active.filter(role=CommunityRole.LEADER).exists()
        transaction.set_rollback(True)
