"""Fixtures of the hubs tests.

- 加藤 (``hub_staff``): an admin of the organization せんだい・みやぎソーシャルハブ運営 that runs
  the hub ``hub`` (slug ``sendai``, open 9:00–21:00 every day), with the room ``room`` and
  the desk pool ``desks`` (3 seats)
- 鈴木, 高橋 and 佐藤 are the project personas (a citizen, someone with no role, the secretariat)
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.hubs.tests.factories import (
    DeskPoolFactory,
    HubFactory,
    SpaceFactory,
    open_every_day,
)
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def hub_staff(db):
    return UserFactory(email="kato@hub.example.jp", display_name="加藤")


@pytest.fixture
def hub_org(hub_staff):
    org = OrganizationFactory(slug="sendai-hub", name="せんだい・みやぎソーシャルハブ運営")
    MembershipFactory(organization=org, user=hub_staff, role=MemberRole.ADMIN)
    return org


@pytest.fixture
def hub(hub_org):
    hub = HubFactory(organization=hub_org, name="せんだい・みやぎソーシャルハブ", slug="sendai")
    open_every_day(hub)
    return hub


@pytest.fixture
def room(hub):
    return SpaceFactory(hub=hub, name="会議室A", slug="room-a")


@pytest.fixture
def desks(hub):
    return DeskPoolFactory(hub=hub, name="コワーキング", slug="desks")
