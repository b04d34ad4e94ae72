"""Fixtures of the challenges tests.

- 佐藤 (``city_admin``): an admin of 酒田市 (a verified local government), which posts
- ``challenge``: 酒田市's published challenge, open to companies
- 鈴木 (``company_admin``) / ``company``: an admin of the verified company ミライセンサー
- 高橋 (``rival_admin``) / ``rival``: an admin of another company, 庄内テック
- 田中 (``outsider``): signed in, in no organization
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.challenges.tests.factories import ChallengeFactory, org_with_manager
from kyoso.orgs.models import OrganizationType


@pytest.fixture
def city_admin(db):
    return UserFactory(email="sato@example.jp", display_name="佐藤")


@pytest.fixture
def city(city_admin):
    return org_with_manager(
        city_admin, org_type=OrganizationType.LOCAL_GOVERNMENT, slug="sakata", name="酒田市"
    )


@pytest.fixture
def challenge(city):
    return ChallengeFactory(organization=city, title="除雪の出動判断を賢くしたい")


@pytest.fixture
def company_admin(db):
    return UserFactory(email="suzuki@example.jp", display_name="鈴木")


@pytest.fixture
def company(company_admin):
    return org_with_manager(company_admin, slug="mirai-sensor", name="ミライセンサー")


@pytest.fixture
def rival_admin(db):
    return UserFactory(email="takahashi@example.jp", display_name="高橋")


@pytest.fixture
def rival(rival_admin):
    return org_with_manager(rival_admin, slug="shonai-tech", name="庄内テック")


@pytest.fixture
def outsider(db):
    return UserFactory(email="tanaka@example.jp", display_name="田中")
