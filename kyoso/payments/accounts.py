"""The ledger accounts payments owns (opened on first use; ``account_open`` is idempotent)."""

from __future__ import annotations

from kyoso.ledger.services import account_open
from kyoso.payments.models import Method

CASH_BANK = "payments.cash.bank"
CASH_STRIPE = "payments.cash.stripe"
REFUNDS_OWED = "payments.refunds.owed"
FEES_CARD = "payments.fees.card"

_CHART = {
    CASH_BANK: ("振込の入金口座（銀行預金）", "asset", False),
    CASH_STRIPE: ("カード決済の未入金額（Stripe）", "asset", False),
    REFUNDS_OWED: ("振込で返金する未払いの返金", "liability", True),
    FEES_CARD: ("カード決済の手数料（Stripe）", "expense", False),
}


def ensure(key: str) -> str:
    name, kind, non_negative = _CHART[key]
    account_open(key=key, name=name, kind=kind, non_negative=non_negative, owner_app="payments")
    return key


def cash_for(method: str) -> str:
    return ensure(CASH_STRIPE if method == Method.CARD else CASH_BANK)
