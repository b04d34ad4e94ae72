"""Shared helpers of the payments tests."""

from __future__ import annotations

import itertools
from typing import Any

from kyoso.ledger.checks import check_ledger
from kyoso.ledger.selectors import balance
from kyoso.payments.services import payment_start

_keys = itertools.count(1)


def start(**overrides: Any):
    params: dict[str, Any] = {
        "actor": None,
        "purpose": "tests.gift",
        "purpose_id": 1,
        "amount": 10_000,
        "method": "bank_transfer",
        "payer_name": "鈴木一郎",
        "payer_kana": "スズキ イチロウ",
        "idempotency_key": f"test-{next(_keys)}",
    }
    params.update(overrides)
    return payment_start(**params)


def assert_ledger_sound() -> None:
    assert check_ledger() == []


def gift_balance(pk: int = 1) -> int:
    return balance(f"gift:{pk}:received")
