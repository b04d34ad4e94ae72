"""What the app registers: the KPI source (千円 per 年度, from the ledger), the search
documents (no drafts), personal data (export, erasure that keeps the money), the dashboard
block, the scheduled close and the payments purpose."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.campaigns import services
from kyoso.campaigns.models import Mode, Pledge
from kyoso.campaigns.personal_data import erase, export
from kyoso.campaigns.registry import search_document
from kyoso.campaigns.tests.factories import make_campaign
from kyoso.core import indicators, schedule
from kyoso.core.fiscal import fiscal_year
from kyoso.ledger.checks import check_ledger
from kyoso.payments.purposes import handler_for

pytestmark = pytest.mark.django_db


def test_the_kpi_source_counts_what_was_collected(lead, project, fake, suzuki):
    kept = make_campaign(lead, project, mode=Mode.KEEP_IT_ALL)
    failed = make_campaign(lead, project, goal=1_000_000)
    for campaign, amount in ((kept, 12_345), (failed, 50_000)):
        pledge = services.pledge_create(actor=suzuki, campaign=campaign, amount=amount)
        fake.receive(pledge.payment_id)
    services.close_funding_rounds(now=timezone.now() + timedelta(days=15))
    source = indicators.get("campaigns.raised")
    assert source is not None and source.unit == "thousand_yen"
    year = fiscal_year(timezone.now())
    assert source.compute(year, None) == 12  # 12,345 yen → 12 千円; the failed one adds 0
    assert source.compute(year - 1, None) == 0
    assert check_ledger() == []


def test_drafts_are_not_searchable(lead, project):
    draft = make_campaign(lead, project, open_it=False)
    assert search_document(draft) is None
    opened = make_campaign(lead, project, tiers=[("お米5kg", 5_000, 3)])
    document = search_document(opened)
    assert document.title == opened.title and "お米5kg" in document.body


def test_personal_data_export_and_erasure(lead, project, suzuki):
    campaign = make_campaign(lead, project)
    services.pledge_create(actor=suzuki, campaign=campaign, amount=2_000, payer_name="鈴木一郎")
    data = export(suzuki)
    assert data["pledges"][0]["amount"] == 2_000
    erase(suzuki)
    pledge = Pledge.objects.get()
    assert (pledge.supporter_id, pledge.payer_name, pledge.show_name) == (None, "", False)
    assert pledge.amount == 2_000


def test_the_dashboard_shows_my_pledges(client, lead, project, suzuki):
    campaign = make_campaign(lead, project, title="庄内の野菜")
    services.pledge_create(actor=suzuki, campaign=campaign, amount=2_000)
    client.force_login(suzuki)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "わたしの支援" in page and "庄内の野菜" in page


def test_the_close_is_scheduled_and_the_purpose_registered():
    assert any(job.name == "campaigns.close" for job in schedule.jobs())
    assert handler_for("campaigns.pledge") is not None
