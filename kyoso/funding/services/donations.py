"""Donations: started here, paid through ``kyoso.payments`` (purpose ``funding.donation``), and
counted when the payment is captured (the payments app calls :class:`DonationPurpose` inside
the payment's transaction, after posting the ledger transaction that credits the fund).

A captured donation gets its receipt number there and then: per fund and 年度, claimed by one
conditional ``UPDATE`` of the counter row in the same transaction, so a rolled-back capture
gives its number back and numbers have no gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core.fiscal import fiscal_year
from kyoso.funding import audit, messages
from kyoso.funding.models import (
    Designation,
    Donation,
    DonationStatus,
    Fund,
    Receipt,
    ReceiptCounter,
)
from kyoso.funding.services.common import (
    FundingError,
    clean_amount,
    clean_text,
    figures_add,
    require,
)

PURPOSE = "funding.donation"
METHODS = ("bank_transfer", "card")


def donation_start(
    *,
    actor: Any,
    fund: Fund,
    amount: Any,
    method: str,
    receipt_name: str,
    idempotency_key: str,
    payer_kana: str = "",
    receipt_address: str = "",
    public_name: str = "",
    message: str = "",
    designation: str = Designation.UNDESIGNATED,
    theme: str = "",
    project: Any = None,
    organization: Any = None,
) -> tuple[Donation, Any]:
    """Record a pending donation and start its payment; returns ``(donation, payment)`` (the
    payment carries the bank transfer's reference code and instructions). Nothing is written
    when anything is refused, the payment included."""
    require("funding.donate_fund", actor, fund)
    amount = clean_amount(amount)
    if method not in METHODS:
        raise FundingError(messages.METHOD_INVALID, "method_invalid", "method")
    receipt_name = clean_text(
        receipt_name, required=messages.RECEIPT_NAME_REQUIRED, limit=120, field="receipt_name"
    )
    receipt_address = clean_text(receipt_address, required=None, limit=200, field="address")
    public_name = clean_text(public_name, required=None, limit=80, field="public_name")
    message = clean_text(message, required=None, limit=1_000, field="message")
    if designation == Designation.THEME:
        if theme not in fund.themes:
            raise FundingError(messages.THEME_UNKNOWN, "theme_unknown", "theme")
        project = None
    elif designation == Designation.PROJECT:
        if project is None:
            raise FundingError(messages.PROJECT_REQUIRED, "project_required", "project")
        theme = ""
    else:
        designation, theme, project = Designation.UNDESIGNATED, "", None
    if organization is not None:
        from kyoso.funding.rules import manages_organization

        if not manages_organization(actor, organization):
            raise FundingError(messages.NOT_IN_ORGANIZATION, "not_in_organization", "organization")

    existing = Donation.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, _payment(existing)
    from kyoso.funding import payments_link

    with transaction.atomic():
        donation = Donation.objects.create(
            fund=fund,
            donor=actor,
            donor_organization=organization,
            amount=amount,
            designation=designation,
            theme=theme,
            project=project,
            public_name=public_name,
            receipt_name=receipt_name,
            receipt_address=receipt_address,
            message=message,
            method=method,
            idempotency_key=idempotency_key,
        )
        payment = payments_link.start(
            actor=actor,
            purpose_id=donation.pk,
            amount=amount,
            method=method,
            payer_name=receipt_name,
            payer_kana=payer_kana,
            idempotency_key=f"donation:{idempotency_key}",
        )
        Donation.objects.filter(pk=donation.pk).update(payment_id=payment.pk)
        donation.payment_id = payment.pk
        audit_record(
            actor=actor,
            action=audit.DONATION_STARTED,
            target=donation,
            data={"fund": fund.pk, "amount": amount, "method": method},
        )
    return donation, payment


def _payment(donation: Donation) -> Any:
    from kyoso.funding import payments_link

    return payments_link.get(donation.payment_id) if donation.payment_id else None


def receipt_issue(donation: Donation, at: datetime) -> Receipt:
    """Give ``donation`` the next receipt number of its fund and 年度 (inside the caller's
    transaction): the counter row is created once, then claimed by one ``UPDATE … SET
    last_number = last_number + 1``, which holds the row until commit (PostgreSQL) or runs
    under the one writer (SQLite): two captures never get the same number, and a rolled-back
    capture never leaves a gap."""
    fy = fiscal_year(at)
    counter = ReceiptCounter.objects.filter(fund_id=donation.fund_id, fiscal_year=fy).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = ReceiptCounter.objects.create(fund_id=donation.fund_id, fiscal_year=fy)
        except IntegrityError:
            counter = ReceiptCounter.objects.get(fund_id=donation.fund_id, fiscal_year=fy)
    ReceiptCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    number = ReceiptCounter.objects.values_list("last_number", flat=True).get(pk=counter.pk)
    return Receipt.objects.create(
        donation=donation, fund_id=donation.fund_id, fiscal_year=fy, number=number, issued_at=at
    )


def donation_captured(*, donation_id: int, amount: int, at: datetime | None = None) -> bool:
    """Count a donation whose payment was captured (idempotent: a second call changes nothing
    and answers False). The ledger posting is the payments app's, in the same transaction."""
    at = at or timezone.now()
    fy = fiscal_year(at)
    with transaction.atomic():
        claimed = Donation.objects.filter(pk=donation_id, status=DonationStatus.PENDING).update(
            status=DonationStatus.CAPTURED, received=amount, captured_at=at, fiscal_year=fy
        )
        if not claimed:
            return False
        donation = Donation.objects.get(pk=donation_id)
        by_org = donation.donor_organization_id is not None
        figures_add(
            fund_id=donation.fund_id,
            fiscal_year=fy,
            raised=amount,
            **({"raised_organizations": amount} if by_org else {"raised_people": amount}),
        )
        Fund.objects.filter(pk=donation.fund_id).update(donation_count=F("donation_count") + 1)
        receipt = receipt_issue(donation, at)
        audit_record(
            actor=None,
            action=audit.DONATION_CAPTURED,
            target=donation,
            data={"amount": amount, "receipt": receipt.label},
        )
    return True


def donation_refunded(*, donation_id: int, amount: int) -> None:
    """Take a refund off the donation and the fund's figures (of the 年度 it was counted in).
    The payments app refuses refunds above what was captured; the CHECK is the last line."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation_id)
        if donation.status not in (DonationStatus.CAPTURED, DonationStatus.REFUNDED):
            return
        refunded = donation.refunded + amount
        Donation.objects.filter(pk=donation_id).update(
            refunded=refunded,
            status=DonationStatus.REFUNDED if refunded >= donation.received else donation.status,
        )
        by_org = donation.donor_organization_id is not None
        figures_add(
            fund_id=donation.fund_id,
            fiscal_year=donation.fiscal_year or fiscal_year(timezone.now()),
            raised=-amount,
            **({"raised_organizations": -amount} if by_org else {"raised_people": -amount}),
        )
        audit_record(
            actor=None, action=audit.DONATION_REFUNDED, target=donation, data={"amount": amount}
        )


def donation_cancelled(*, donation_id: int) -> None:
    with transaction.atomic():
        if Donation.objects.filter(pk=donation_id, status=DonationStatus.PENDING).update(
            status=DonationStatus.CANCELLED
        ):
            audit_record(
                actor=None,
                action=audit.DONATION_CANCELLED,
                target=Donation.objects.get(pk=donation_id),
                data={},
            )


class DonationPurpose:
    """The handler the payments app calls for purpose ``funding.donation``."""

    def account_key(self, purpose_id: int) -> str:
        fund_id = Donation.objects.values_list("fund_id", flat=True).get(pk=purpose_id)
        return f"fund:{fund_id}:available"

    def on_captured(self, payment: Any) -> None:
        amount = int(getattr(payment, "captured_amount", 0) or payment.amount)
        donation_captured(
            donation_id=int(payment.purpose_id),
            amount=amount,
            at=getattr(payment, "captured_at", None),
        )

    def on_refunded(self, payment: Any, amount: int) -> None:
        donation_refunded(donation_id=int(payment.purpose_id), amount=int(amount))

    def on_cancelled(self, payment: Any) -> None:
        donation_cancelled(donation_id=int(payment.purpose_id))

    def describe(self, purpose_ids: Iterable[int]) -> dict[int, Any]:
        from django.urls import reverse

        from kyoso.payments.purposes import PurposeInfo

        rows = Donation.objects.filter(pk__in=list(purpose_ids)).select_related("fund")
        return {
            d.pk: PurposeInfo(
                title=f"{d.fund.name}への寄附",
                link=reverse("funding:detail", args=[d.fund_id]),
                owner_name=d.fund.name,
                payer_link=reverse("funding:donation", args=[d.pk]),
            )
            for d in rows
        }
