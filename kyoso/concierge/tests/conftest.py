"""Fixtures of the concierge tests.

- 加藤 (``hub_staff``): an admin of the organization that runs the hub ``hub`` (せんだい)
- 山田 (``concierge``): a concierge of ``hub``; ``other_concierge`` 森 is one of another hub
- 鈴木 (``suzuki``) books; 高橋 (``takahashi``) has no part; 佐藤 (``sato``) the secretariat
- ``slot``: a slot of 山田 tomorrow; ``booking``: 鈴木's booking of it; ``held``: a held
  consultation of 鈴木 with a record
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.concierge.models import Concierge, ConsultationStatus
from kyoso.concierge.tests.factories import ConsultationFactory, SlotFactory
from kyoso.hubs.tests.factories import HubFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def hub_staff(db):
    return UserFactory(email="kato@hub.example.jp", display_name="加藤")


@pytest.fixture
def hub(hub_staff):
    org = OrganizationFactory(slug="sendai-hub", name="せんだい・みやぎソーシャルハブ運営")
    MembershipFactory(organization=org, user=hub_staff, role=MemberRole.ADMIN)
    return HubFactory(organization=org, name="せんだい・みやぎソーシャルハブ", slug="sendai")


@pytest.fixture
def concierge(hub):
    user = UserFactory(email="yamada@hub.example.jp", display_name="山田")
    Concierge.objects.create(hub=hub, user=user)
    return user


@pytest.fixture
def other_concierge(db):
    user = UserFactory(email="mori@sanroku.example.jp", display_name="森")
    Concierge.objects.create(hub=HubFactory(slug="sanroku", name="SANROKU"), user=user)
    return user


@pytest.fixture
def slot(hub, concierge):
    return SlotFactory(hub=hub, concierge=concierge, starts_at=timezone.now() + timedelta(days=1))


@pytest.fixture
def booking(slot, suzuki):
    return ConsultationFactory(
        hub=slot.hub,
        slot=slot,
        concierge=slot.concierge,
        person=suzuki,
        starts_at=slot.starts_at,
        topic="空き家を活用したい",
        themes=["housing"],
    )


@pytest.fixture
def held(hub, concierge, suzuki):
    return ConsultationFactory(
        hub=hub,
        concierge=concierge,
        person=suzuki,
        starts_at=timezone.now() - timedelta(days=1),
        status=ConsultationStatus.HELD,
        topic="農家の販路",
        themes=["agriculture"],
        asked="直売所の始め方",
        advised="道の駅の担当者に会う",
        follow_up_on=timezone.localdate(),
        follow_up_note="道の駅の担当者と会えましたか",
        recorded_at=timezone.now(),
    )
