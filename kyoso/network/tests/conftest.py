"""Fixtures of the network tests: besides 佐藤 (secretariat), 鈴木 and 高橋,
山田 (``yamada``), a person with a contact preference, and 伊藤 (``advisor_ito``), an advisor."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.network.models import Advisor, RequestKind


@pytest.fixture
def yamada(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


@pytest.fixture
def advisor_ito(db):
    user = UserFactory(email="ito@example.jp", display_name="伊藤")
    return Advisor.objects.create(
        user=user,
        expertise="地域金融・事業計画",
        kinds=[RequestKind.ADVICE, RequestKind.INTRODUCTION],
        monthly_limit=2,
    )
