"""The campaigns app's handler for the payments app's purpose ``campaigns.pledge``.

The purpose id is the pledge's id. The payments app posts the money to the account
``account_key`` names (the campaign's escrow) and calls these hooks inside the payment's
transaction, so a pledge's status and the ledger move together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kyoso.campaigns import services
from kyoso.campaigns.models import Pledge


class PledgeHandler:
    def account_key(self, purpose_id: int) -> str:
        campaign_id = Pledge.objects.filter(pk=purpose_id).values_list("campaign_id", flat=True)
        return f"campaign:{campaign_id.get()}:escrow"

    def on_captured(self, payment: Any) -> None:
        services.payment_captured(
            pledge_id=int(payment.purpose_id), amount=int(payment.captured_amount)
        )

    def on_refunded(self, payment: Any, amount: int) -> None:
        services.payment_refunded(pledge_id=int(payment.purpose_id), amount=int(amount))

    def on_cancelled(self, payment: Any) -> None:
        services.payment_cancelled(pledge_id=int(payment.purpose_id))

    def describe(self, purpose_ids: Iterable[int]) -> dict[int, Any]:
        """What each payment was for, in one query (receipts, statements, staff pages)."""
        from django.urls import reverse

        from kyoso.payments.purposes import PurposeInfo

        rows = Pledge.objects.filter(pk__in=list(purpose_ids)).select_related("campaign", "tier")
        return {
            p.pk: PurposeInfo(
                title=f"「{p.campaign.title}」への支援"
                + (f"（リターン：{p.tier.title}）" if p.tier is not None else ""),
                link=reverse("campaigns:detail", args=[p.campaign_id]),
                owner_name=p.campaign.title,
                payer_link=reverse("campaigns:pledge", args=[p.pk]),
            )
            for p in rows
        }


HANDLER = PledgeHandler()
