"""``{% bank_transfer_instructions payment %}``: what a payer needs to make the transfer —
the bank account (settings), the amount and the reference code to put before their name in
振込依頼人名. The funding and campaigns apps show it on their confirmation pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

register = template.Library()


def bank_account() -> dict[str, str]:
    return {
        "bank": settings.KYOSO_BANK_NAME,
        "branch": settings.KYOSO_BANK_BRANCH,
        "type": settings.KYOSO_BANK_ACCOUNT_TYPE,
        "number": settings.KYOSO_BANK_ACCOUNT_NUMBER,
        "holder": settings.KYOSO_BANK_ACCOUNT_HOLDER,
    }


@register.inclusion_tag("payments/_bank_instructions.html")
def bank_transfer_instructions(payment: Any) -> dict[str, Any]:
    return {
        "payment": payment,
        "account": bank_account(),
        "transfer_name": f"{payment.reference.replace('-', '')} {payment.payer_kana}".strip(),
    }


@register.filter
def yen(amount: Any) -> str:
    """``10000`` → ``¥10,000`` (kyoso.core.money)."""
    from kyoso.core.money import format_yen

    return format_yen(int(amount)) if isinstance(amount, int) else ""
