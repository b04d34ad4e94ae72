"""Writes of the fund app (one module per area), re-exported here.

- :mod:`.common`: the refusal type, rule check, amounts, the per-年度 counters
- :mod:`.funds`: funds, their ledger accounts and managers
- :mod:`.donations`: donations through the payments app, receipts
- :mod:`.grants`: grant rounds, applications, grant agreements, tranches, reports
"""

from kyoso.funding.services.common import FundingError
from kyoso.funding.services.donations import (
    DonationPurpose,
    donation_captured,
    donation_refunded,
    donation_start,
)
from kyoso.funding.services.funds import fund_create, fund_manager_add
from kyoso.funding.services.grants import (
    application_decided,
    application_submit,
    grant_agree,
    report_submit,
    round_create,
    tranche_pay,
)

__all__ = [
    "DonationPurpose",
    "FundingError",
    "application_decided",
    "application_submit",
    "donation_captured",
    "donation_refunded",
    "donation_start",
    "fund_create",
    "fund_manager_add",
    "grant_agree",
    "report_submit",
    "round_create",
    "tranche_pay",
]
