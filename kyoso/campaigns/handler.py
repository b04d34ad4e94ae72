"""The campaigns app's handler for the payments app's purpose ``campaigns.pledge``.

The purpose id is the pledge's id. The payments app posts the money to the account
``account_key`` names (the campaign's escrow) and calls these hooks inside the payment's
transaction, so a pledge's status and the ledger move together or not at all.
"""

from __future__ import annotations

from typing import Any

from kyoso.campaigns import services
from kyoso.campaigns.models import Pledge


def _amount(payment: Any, name: str = "amount") -> int:
    return int(getattr(payment, name))


class PledgeHandler:
    def account_key(self, purpose_id: int) -> str:
        campaign_id = Pledge.objects.filter(pk=purpose_id).values_list("campaign_id", flat=True)
        return f"campaign:{campaign_id.get()}:escrow"

    def on_authorized(self, payment: Any) -> None:
        services.payment_authorized(pledge_id=int(payment.purpose_id))

    def on_captured(self, payment: Any) -> None:
        services.payment_captured(pledge_id=int(payment.purpose_id), amount=_amount(payment))

    def on_refunded(self, payment: Any, amount: int) -> None:
        services.payment_refunded(pledge_id=int(payment.purpose_id), amount=int(amount))

    def on_cancelled(self, payment: Any) -> None:
        services.payment_cancelled(pledge_id=int(payment.purpose_id))

    def describe(self, purpose_ids: list[int]) -> dict[int, str]:
        """What each payment was for, in one query (for the payments' staff pages)."""
        rows = Pledge.objects.filter(pk__in=list(purpose_ids)).select_related("campaign")
        return {p.pk: f"「{p.campaign.title}」への支援" for p in rows}


HANDLER = PledgeHandler()
