"""The network app's part of the data download and of account erasure."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyoso.network.models import AdviceRequest, Advisor, Block, Introduction, NetworkPreference


def export(user: Any) -> dict[str, Any]:
    preference = NetworkPreference.objects.filter(user_id=user.pk).first()
    advisor = Advisor.objects.filter(user_id=user.pk).first()
    return {
        "preference": {
            "introductions_open": preference.introductions_open if preference else True,
            "shown_in_network": preference.shown_in_network if preference else False,
        },
        "introductions_asked": [
            {
                "to_user": i.to_user_id,
                "to_organization": i.to_organization_id,
                "reason": i.reason,
                "status": i.status,
                "created_at": i.created_at.isoformat(),
            }
            for i in Introduction.objects.filter(requester_id=user.pk).order_by("id")
        ],
        "introductions_received": [
            {"status": i.status, "created_at": i.created_at.isoformat()}
            for i in Introduction.objects.filter(to_user_id=user.pk).order_by("id")
        ],
        "blocked_user_ids": list(
            Block.objects.filter(blocker_id=user.pk).values_list("blocked_id", flat=True)
        ),
        "advisor": (
            {
                "expertise": advisor.expertise,
                "kinds": advisor.kinds,
                "monthly_limit": advisor.monthly_limit,
            }
            if advisor
            else None
        ),
        "advice_requests": [
            {
                "kind": a.kind,
                "subject": a.subject,
                "body": a.body,
                "status": a.status,
                "created_at": a.created_at.isoformat(),
            }
            for a in AdviceRequest.objects.filter(requester_id=user.pk).order_by("id")
        ],
    }


def erase(user: Any) -> None:
    """Remove the person's introductions (both sides), blocks, preference, advisor entry and
    the requests they made; requests they handled lose their advisor."""
    Introduction.objects.filter(Q(requester_id=user.pk) | Q(to_user_id=user.pk)).delete()
    Block.objects.filter(Q(blocker_id=user.pk) | Q(blocked_id=user.pk)).delete()
    NetworkPreference.objects.filter(user_id=user.pk).delete()
    AdviceRequest.objects.filter(requester_id=user.pk).delete()
    Advisor.objects.filter(user_id=user.pk).delete()
