"""Fixtures of the fund tests.

- 佐藤 (``manager``): an admin of 酒田市 (a verified local government), which runs ``fund``
- 鈴木 (``citizen``): a citizen who donates
- 高橋 (``company_admin``) / ``company``: an admin of ミライセンサー, which donates
- 田中 (``lead``): leads ``project``, which applies for a grant
- 伊藤 / 渡辺 (``reviewers``): the round's two reviewers (伊藤 decides)
- 山本 (``outsider``): signed in, nothing else
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.challenges.tests.factories import org_with_manager
from kyoso.funding.models import Donation, Fund
from kyoso.funding.services import donation_start, fund_create, round_create
from kyoso.orgs.models import OrganizationType
from kyoso.projects.tests.factories import project_led_by
from kyoso.screening.services import CriterionSpec


def capture(donation: Donation, amount: int | None = None) -> None:
    """The payments app captures the donation's payment (as a reconciled statement line or a
    card webhook does): it posts the money into the fund and calls the fund's handler."""
    from django.db import transaction

    from kyoso.payments.selectors import payment_by_id
    from kyoso.payments.services import record_capture

    with transaction.atomic():
        record_capture(actor=None, payment=payment_by_id(donation.payment_id), amount=amount)


_keys = iter(range(1, 10**9))


def pending_donation(fund: Fund, donor: Any, amount: int, **fields: Any) -> Donation:
    """A donation started by bank transfer, its payment not yet captured."""
    fields.setdefault("receipt_name", donor.display_name)
    fields.setdefault("method", "bank_transfer")
    organization = fields.pop("donor_organization", None)
    donation, _payment = donation_start(
        actor=donor,
        fund=fund,
        amount=amount,
        organization=organization,
        idempotency_key=f"test-{next(_keys)}",
        **fields,
    )
    return donation


def donate(fund: Fund, donor: Any, amount: int, **fields: Any) -> Donation:
    donation = pending_donation(fund, donor, amount, **fields)
    capture(donation)
    donation.refresh_from_db()
    return donation


@pytest.fixture
def manager(db):
    return UserFactory(email="sato@example.jp", display_name="佐藤")


@pytest.fixture
def city(manager):
    return org_with_manager(
        manager, org_type=OrganizationType.LOCAL_GOVERNMENT, slug="sakata", name="酒田市"
    )


@pytest.fixture
def fund(manager, city):
    return fund_create(
        actor=manager,
        organization=city,
        name="さかた未来基金",
        purpose="酒田の市民活動を寄附で支えます。",
        rules="助成は公募と審査で決めます。",
        themes=["子ども", "防災"],
    )


@pytest.fixture
def citizen(db):
    return UserFactory(email="suzuki@example.jp", display_name="鈴木")


@pytest.fixture
def company_admin(db):
    return UserFactory(email="takahashi@example.jp", display_name="高橋")


@pytest.fixture
def company(company_admin):
    return org_with_manager(company_admin, slug="mirai-sensor", name="ミライセンサー")


@pytest.fixture
def lead(db):
    return UserFactory(email="tanaka@example.jp", display_name="田中")


@pytest.fixture
def project(lead):
    return project_led_by(lead, title="空き家で子ども食堂")


@pytest.fixture
def reviewers(db):
    return [
        UserFactory(email="ito@example.jp", display_name="伊藤"),
        UserFactory(email="watanabe@example.jp", display_name="渡辺"),
    ]


@pytest.fixture
def outsider(db):
    return UserFactory(email="yamamoto@example.jp", display_name="山本")


CRITERIA = [CriterionSpec("地域への効果", 60), CriterionSpec("実現可能性", 40)]
BUDGET = [{"label": "食材費", "amount": 200_000}, {"label": "会場費", "amount": 100_000}]


@pytest.fixture
def grant_round(fund, manager, reviewers):
    return round_create(
        actor=manager,
        fund=fund,
        title="2026年度 市民活動助成",
        description="地域の課題に取り組むプロジェクトを助成します。",
        deadline=timezone.now() + timedelta(days=30),
        max_amount=500_000,
        criteria=CRITERIA,
        eligibility=["酒田市内で活動していますか"],
        reviewers=[(reviewers[0], True), (reviewers[1], False)],
    )
