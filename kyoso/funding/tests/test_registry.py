"""What the fund app registers: KPI sources and their figures, the search type, the dashboard
block, personal data export and erasure, the screening subject and the payments purpose."""

from __future__ import annotations

from kyoso.core import indicators
from kyoso.core.fiscal import fiscal_year
from kyoso.funding.models import Donation
from kyoso.funding.selectors import money_figures_by_fiscal_year
from kyoso.funding.tests.conftest import donate


def test_kpi_sources_in_thousand_yen(fund, citizen, company_admin, company):
    from django.utils import timezone

    donate(fund, citizen, 12_345)
    donate(fund, company_admin, 1_000_000, donor_organization=company)
    fy = fiscal_year(timezone.now())
    raised = indicators.get("funding.raised")
    granted = indicators.get("funding.granted")
    assert raised is not None and raised.unit == "thousand_yen"
    assert granted is not None and granted.unit == "thousand_yen"
    assert raised.compute(fy, None) == 1_012  # 1,012,345 yen, rounded down
    assert granted.compute(fy, None) == 0
    assert raised.compute(fy - 1, None) == 0
    figures = money_figures_by_fiscal_year()[fy]
    assert (figures["raised_people"], figures["raised_organizations"]) == (12_345, 1_000_000)


def test_registrations():
    from kyoso.core.home import dashboard_blocks
    from kyoso.payments.purposes import handler_for
    from kyoso.screening.subjects import is_registered
    from kyoso.search.registry import get

    assert get("funds") is not None
    assert "funding.donations" in [b.key for b in dashboard_blocks()]
    assert is_registered("funding.application")
    assert handler_for("funding.donation") is not None


def test_personal_data(fund, citizen):
    from kyoso.core.personal_data import erase_all, export_sections

    donation = donate(fund, citizen, 3_000, public_name="すずき", message="応援")
    exported = export_sections(citizen)["funding"]
    assert exported["donations"][0]["received"] == 3_000
    erase_all(citizen)
    donation = Donation.objects.get(pk=donation.pk)
    assert (donation.donor_id, donation.public_name, donation.message) == (None, "", "")
    assert donation.received == 3_000  # the fund's record stays
