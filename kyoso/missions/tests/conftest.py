"""Fixtures of the missions tests.

Besides the project personas (佐藤 the secretariat, 鈴木, 高橋):

- 斎藤 (``lead``): the lead of the project チーム庄内, who hosts its missions
- ``draft`` / ``mission``: a complete draft and a published mission of チーム庄内
- ``org_admin`` / ``org_mission``: an admin of サンロク and a published mission of the org
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.missions.models import MissionStatus
from kyoso.missions.tests.factories import MissionFactory, make_project, published
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def lead(db):
    return UserFactory(email="saito@example.jp", display_name="斎藤")


@pytest.fixture
def project(lead):
    return make_project(lead, title="チーム庄内")


@pytest.fixture
def draft(project, lead):
    return MissionFactory(project=project, host=lead, title="庄内の販路をひらく")


@pytest.fixture
def mission(project, lead):
    return published(project=project, host=lead, title="庄内の飲食店をつなぐ")


@pytest.fixture
def org_admin(db):
    return UserFactory(email="kato@example.jp", display_name="加藤")


@pytest.fixture
def organization(org_admin):
    org = OrganizationFactory(slug="sanroku", name="サンロク")
    MembershipFactory(organization=org, user=org_admin, role=MemberRole.ADMIN)
    return org


@pytest.fixture
def org_mission(organization, org_admin):
    return MissionFactory(
        project=None,
        organization=organization,
        host=org_admin,
        status=MissionStatus.PUBLISHED,
        published_at=timezone.now(),
        kind="internship",
        title="サンロクのインターン",
    )
