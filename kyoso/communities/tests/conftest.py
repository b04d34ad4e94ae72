"""Fixtures of the communities tests.

Besides the project personas (佐藤 the secretariat, 鈴木, 高橋):

- 斎藤 (``leader``): a farmer who leads both communities
- ``open_community`` (庄内農業共創コミュニティ, anyone joins) and ``approval_community``
  (サンロクIT女子フリーランス, the leaders approve); each has 斎藤 as its one leader
- ``organizer``: 松本, who holds the Organizer platform role (may start communities)
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.models import CommunityRole, JoinPolicy
from kyoso.communities.tests.factories import CommunityFactory, add_member
from kyoso.roles.models import PlatformRole, RoleAssignment


@pytest.fixture
def leader(db):
    return UserFactory(email="saito@example.jp", display_name="斎藤")


@pytest.fixture
def organizer(db):
    user = UserFactory(email="matsumoto@example.jp", display_name="松本")
    RoleAssignment.objects.create(user=user, role=PlatformRole.ORGANIZER)
    return user


@pytest.fixture
def open_community(leader):
    community = CommunityFactory(
        slug="shonai-agri", name="庄内農業共創コミュニティ", join_policy=JoinPolicy.OPEN
    )
    add_member(community, leader, role=CommunityRole.LEADER)
    return community


@pytest.fixture
def approval_community(leader):
    community = CommunityFactory(
        slug="sanroku-it-women",
        name="サンロクIT女子フリーランス",
        theme="digital",
        join_policy=JoinPolicy.APPROVAL,
    )
    add_member(community, leader, role=CommunityRole.LEADER)
    return community
