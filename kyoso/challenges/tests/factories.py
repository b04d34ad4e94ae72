"""Factories for challenges. They write rows directly (no services), so a test sets up any
state; :func:`verified_org` gives a verified organization with a manager."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import factory
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.challenges.models import (
    Challenge,
    ChallengeStatus,
    Direction,
    OfferKind,
    Proposal,
)
from kyoso.orgs.models import MemberRole, Organization, OrganizationType
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

CRITERIA = [
    {"name": "実現可能性", "weight": 40, "description": "1年以内に実証できるか"},
    {"name": "費用対効果", "weight": 30, "description": ""},
    {"name": "地域への波及", "weight": 30, "description": ""},
]


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def org_with_manager(
    manager: Any = None,
    *,
    org_type: str = OrganizationType.COMPANY,
    verified: bool = True,
    role: str = MemberRole.ADMIN,
    **fields: Any,
) -> Organization:
    org = OrganizationFactory(
        org_type=org_type, verified_at=timezone.now() if verified else None, **fields
    )
    MembershipFactory(organization=org, user=manager or UserFactory(), role=role)
    return org


class ChallengeFactory(factory.django.DjangoModelFactory):
    """A published challenge of a verified local government, open to companies."""

    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    organization = factory.LazyFunction(
        lambda: org_with_manager(org_type=OrganizationType.LOCAL_GOVERNMENT)
    )
    direction = Direction.MUNICIPALITY_POSTS
    title = factory.Sequence(lambda n: f"除雪の効率化{n}")
    problem = "除雪の出動判断を経験に頼っています。"
    background = "担い手が高齢化しています。"
    offer_kind = OfferKind.BUDGET
    budget_yen = 3_000_000
    questions_until = factory.LazyFunction(lambda: in_days(10))
    proposals_until = factory.LazyFunction(lambda: in_days(20))
    decision_by = factory.LazyFunction(lambda: in_days(40))
    open_to_company = True
    criteria_draft = factory.LazyFunction(lambda: [dict(c) for c in CRITERIA])
    status = ChallengeStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    challenge = factory.SubFactory(ChallengeFactory)
    organization = factory.LazyFunction(org_with_manager)
    summary = "センサーで積雪を測り、出動を判断します。"
    approach = "道路に積雪センサーを20か所設置し、予測モデルで出動を提案します。"
    team = "エンジニア3名"
    cost_yen = 2_500_000
    timeline = "4月設置、12月から実証"
