"""Fixtures of the screening tests: 酒田市 screens proposals (a fake subject kind).

- 斎藤 (``city_admin``): an admin of 酒田市, the poster; manages the round
- 山田 (``reviewer``): a reviewer with no tie to any applicant
- 中村 (``company_reviewer``): a reviewer who is a member of 庄内テック (an applicant)
- 小林 (``decider``): a reviewer who may decide
- 高橋 (``takahashi``, project-wide): signed in, nothing to do with the round
- ``item_a``: 庄内テック's proposal; ``item_b``: 鳥海ラボ's proposal
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.orgs.models import MemberRole, OrganizationType
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory
from kyoso.screening import services
from kyoso.screening.services import CriterionSpec
from kyoso.screening.subjects import register_subject, unregister_subject
from kyoso.screening.tests.fake_subjects import KIND, FakeAdapter

CRITERIA = [
    CriterionSpec(name="課題の理解", weight=3, description="地域の課題をどれだけ理解しているか"),
    CriterionSpec(name="実現性", weight=2, description="体制と予算で実現できるか"),
    CriterionSpec(name="費用", weight=1),
]


@pytest.fixture
def adapter():
    fake = FakeAdapter()
    register_subject(KIND, fake)
    yield fake
    unregister_subject(KIND)


@pytest.fixture
def city_admin(db):
    return UserFactory(email="saito@sakata.example.jp", display_name="斎藤")


@pytest.fixture
def city(city_admin):
    org = OrganizationFactory(
        slug="sakata", name="酒田市", org_type=OrganizationType.LOCAL_GOVERNMENT
    )
    MembershipFactory(organization=org, user=city_admin, role=MemberRole.ADMIN)
    return org


@pytest.fixture
def company_a(db):
    return OrganizationFactory(slug="shonai-tech", name="庄内テック")


@pytest.fixture
def company_b(db):
    return OrganizationFactory(slug="chokai-lab", name="鳥海ラボ")


@pytest.fixture
def reviewer(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


@pytest.fixture
def company_reviewer(company_a):
    user = UserFactory(email="nakamura@example.jp", display_name="中村")
    MembershipFactory(organization=company_a, user=user, role=MemberRole.MEMBER)
    return user


@pytest.fixture
def decider(db):
    return UserFactory(email="kobayashi@example.jp", display_name="小林")


@pytest.fixture
def round(adapter, city, city_admin, reviewer, company_reviewer, decider):
    r = services.round_create(
        actor=city_admin,
        title="庄内の交通課題の提案審査",
        organization_id=city.pk,
        subject_kind=KIND,
        criteria=CRITERIA,
    )
    services.reviewer_add(actor=city_admin, round=r, user=reviewer)
    services.reviewer_add(actor=city_admin, round=r, user=company_reviewer)
    services.reviewer_add(actor=city_admin, round=r, user=decider, may_decide=True)
    from kyoso.screening.selectors import round_get

    return round_get(r.pk)


@pytest.fixture
def item_a(round, adapter, company_a):
    adapter.add(101, "庄内テックのデマンド交通", company_a.pk)
    return services.item_add(round=round, subject_id=101)


@pytest.fixture
def item_b(round, adapter, company_b):
    adapter.add(102, "鳥海ラボの相乗りアプリ", company_b.pk)
    return services.item_add(round=round, subject_id=102)


def criterion_ids(round) -> list[int]:
    from kyoso.screening.selectors import criteria_of

    return [c.pk for c in criteria_of(round)]


def values_for(round, *scores: int, comment: str = "") -> dict[int, tuple[int, str]]:
    return {cid: (s, comment) for cid, s in zip(criterion_ids(round), scores, strict=True)}


def fresh(obj):
    """A new copy of a round or item from the database (no viewer facts kept)."""
    from kyoso.screening.models import ScreeningItem
    from kyoso.screening.selectors import item_get, round_get

    if isinstance(obj, ScreeningItem):
        return item_get(round_get(obj.round_id), obj.pk)
    return round_get(obj.pk)
