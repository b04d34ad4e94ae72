"""The fund app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

FUND_CREATED = "funding.fund_created"
MANAGER_ADDED = "funding.manager_added"
DONATION_STARTED = "funding.donation_started"
DONATION_CAPTURED = "funding.donation_captured"
DONATION_REFUNDED = "funding.donation_refunded"
DONATION_CANCELLED = "funding.donation_cancelled"
ROUND_CREATED = "funding.round_created"
APPLICATION_SUBMITTED = "funding.application_submitted"
APPLICATION_DECIDED = "funding.application_decided"
GRANT_AGREED = "funding.grant_agreed"
TRANCHE_PAID = "funding.tranche_paid"
REPORT_SUBMITTED = "funding.report_submitted"

ACTIONS = [
    (FUND_CREATED, _("基金の作成")),
    (MANAGER_ADDED, _("基金の担当者の追加")),
    (DONATION_STARTED, _("寄附の申し込み")),
    (DONATION_CAPTURED, _("寄附の受領")),
    (DONATION_REFUNDED, _("寄附の返金")),
    (DONATION_CANCELLED, _("寄附の取り消し")),
    (ROUND_CREATED, _("助成の公募の作成")),
    (APPLICATION_SUBMITTED, _("助成への応募")),
    (APPLICATION_DECIDED, _("助成への応募の採否")),
    (GRANT_AGREED, _("助成の決定")),
    (TRANCHE_PAID, _("助成金の支払い")),
    (REPORT_SUBMITTED, _("助成の報告")),
]
