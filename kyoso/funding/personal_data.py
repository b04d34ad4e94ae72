"""What the fund app holds about one person: export and erasure.

Donations are the fund's accounting record (and the ledger never forgets): on erasure they stay
with their amounts and receipt numbers, but the link to the person, the public name, the
message and the receipt's name and address go."""

from __future__ import annotations

from typing import Any

from kyoso.funding.models import Application, Donation, FundManager, Report


def export(user: Any) -> dict[str, Any]:
    return {
        "donations": [
            {
                "id": d.pk,
                "fund": d.fund_id,
                "amount": d.amount,
                "received": d.received,
                "refunded": d.refunded,
                "status": d.status,
                "public_name": d.public_name,
                "receipt_name": d.receipt_name,
                "receipt_address": d.receipt_address,
                "message": d.message,
                "created_at": d.created_at,
            }
            for d in Donation.objects.filter(donor_id=user.pk).order_by("created_at", "id")
        ],
        "applications": [
            {"id": a.pk, "round": a.round_id, "project": a.project_id, "created_at": a.created_at}
            for a in Application.objects.filter(applicant_id=user.pk).order_by("created_at", "id")
        ],
        "reports": list(
            Report.objects.filter(submitted_by_id=user.pk)
            .order_by("id")
            .values_list("grant_id", "tranche_number")
        ),
        "fund_manager_of": list(
            FundManager.objects.filter(user_id=user.pk).values_list("fund_id", flat=True)
        ),
    }


def erase(user: Any) -> None:
    Donation.objects.filter(donor_id=user.pk).update(
        donor=None, public_name="", message="", receipt_name="（削除済み）", receipt_address=""
    )
    Application.objects.filter(applicant_id=user.pk).update(applicant=None)
    Report.objects.filter(submitted_by_id=user.pk).update(submitted_by=None)
    FundManager.objects.filter(user_id=user.pk).delete()
