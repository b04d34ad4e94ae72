"""What the campaigns app holds about one person: their pledges and the campaigns they
started. Erasure keeps the pledges (their money is in the ledger, which is never changed) but
takes the person off them: no supporter, no payer name, the name hidden."""

from __future__ import annotations

from typing import Any

from kyoso.campaigns.models import Campaign, Pledge


def export(user: Any) -> dict[str, Any]:
    pledges = Pledge.objects.filter(supporter_id=user.pk).select_related("campaign", "tier")
    return {
        "pledges": [
            {
                "campaign": p.campaign_id,
                "campaign_title": p.campaign.title,
                "amount": p.amount,
                "tier": p.tier.title if p.tier is not None else None,
                "show_name": p.show_name,
                "payer_name": p.payer_name,
                "method": p.method,
                "status": p.status,
                "created_at": p.created_at,
            }
            for p in pledges.order_by("created_at", "id")
        ],
        "campaigns_created": [
            {"id": c.pk, "title": c.title, "state": c.state, "created_at": c.created_at}
            for c in Campaign.objects.filter(created_by_id=user.pk).order_by("created_at", "id")
        ],
    }


def erase(user: Any) -> None:
    Pledge.objects.filter(supporter_id=user.pk).update(
        supporter=None, payer_name="", show_name=False
    )
    Campaign.objects.filter(created_by_id=user.pk).update(created_by=None)
