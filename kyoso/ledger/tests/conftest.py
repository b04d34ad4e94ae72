"""Fixtures of the ledger tests: a small chart of accounts, as the fund app will open it.

- ``bank`` (asset): money in Kyoso's bank account
- ``fund:1:available`` (liability, non-negative): what fund 1 can still grant
- ``fund:1:committed`` (liability, non-negative): granted, not yet paid out
- ``campaign:1:escrow`` (liability, non-negative): pledges captured, held until the close
- ``fees:card`` (expense)
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.ledger.services import account_open

CHART = [
    ("bank", "銀行預金", "asset", False),
    ("fund:1:available", "基金1 助成可能額", "liability", True),
    ("fund:1:committed", "基金1 助成決定済み", "liability", True),
    ("campaign:1:escrow", "キャンペーン1 預り金", "liability", True),
    ("fees:card", "カード手数料", "expense", False),
]


def open_chart() -> None:
    for key, name, kind, non_negative in CHART:
        account_open(key=key, name=name, kind=kind, non_negative=non_negative)


@pytest.fixture
def chart(db):
    open_chart()


@pytest.fixture
def treasurer(db):
    return UserFactory(email="sato-ledger@example.jp", display_name="佐藤")
