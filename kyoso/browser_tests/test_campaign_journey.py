"""Project crowdfunding in a browser (issue 17): 斎藤 (a project's lead) drafts an
all-or-nothing campaign with a limited reward and opens it; 鈴木 pledges by bank transfer on a
phone-sized screen and sees the reference code; the transfer is reconciled; the deadline
passes without the goal and everyone is refunded. A keep-it-all campaign that 高橋 supports
succeeds and its money moves to the project. ``check_ledger`` finds nothing; every page is
axe-clean without sideways scrolling on the phone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.campaigns.models import Campaign, Pledge, State
from kyoso.campaigns.selectors import figures_of
from kyoso.campaigns.tests.factories import make_campaign, make_project
from kyoso.ledger.checks import check_ledger
from kyoso.payments import services as payments
from kyoso.payments.selectors import payment_by_id

pytestmark = pytest.mark.browser


def _reconciled(pledge: Pledge) -> None:
    """The bank's statement line for the transfer was imported and matched."""
    with transaction.atomic():
        payments.record_capture(actor=None, payment=payment_by_id(pledge.payment_id))


def _deadline_passes(campaign: Campaign) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    call_command("close_funding_rounds")


def _pledge(page, campaign: Campaign, amount: str, kana: str, tier: str | None = None) -> None:
    page.goto(reverse("campaigns:detail", args=[campaign.pk]))
    check_axe(page, context="campaign page")
    field(page, "支援額（円）").fill(amount)
    if tier:
        field(page, "リターン").select_option(label=tier)
    field(page, "フリガナ（振込名義）").fill(kana)
    page.get_by_role("button", name="支援する").click()
    page.wait_for_url("**/campaigns/pledges/*/")
    assert "ご支援ありがとうございます" in flash_text(page)
    check_axe(page, context="pledge page")


def test_a_failed_campaign_refunds_and_a_keep_it_all_one_succeeds(
    page, mobile_page, live_url, suzuki, takahashi
):
    lead = UserFactory(email="saito@example.jp", display_name="斎藤")
    project = make_project(lead, title="チーム庄内")

    # 1. 斎藤 drafts an all-or-nothing campaign, adds a limited reward and opens it.
    login(page, lead.email, DEFAULT_PASSWORD)
    page.goto(reverse("campaigns:create") + f"?project={project.pk}")
    check_axe(page, context="new campaign")
    field(page, "タイトル").fill("枝豆の保冷ボックスを買う")
    field(page, "目標金額（円）").fill("100万円")
    page.get_by_label("目標達成時のみ実行（All or Nothing）").check()
    deadline = timezone.localtime() + timedelta(days=14)
    field(page, "締切日時").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="下書きを保存する").click()
    page.wait_for_url("**/campaigns/*/")
    campaign = Campaign.objects.get(title="枝豆の保冷ボックスを買う")
    page.get_by_text("リターンを追加", exact=True).click()
    field(page, "リターン名").fill("だだちゃ豆 1kg")
    field(page, "支援額（円以上）").fill("3,000")
    field(page, "数量（空欄なら無制限）").fill("2")
    page.get_by_role("button", name="追加する").click()
    assert "リターンを追加しました。" in flash_text(page)
    page.get_by_role("button", name="募集を始める").click()
    assert "募集を始めました。" in flash_text(page)
    screenshot(page, "campaign-open")

    # 2. 鈴木 pledges on the phone by bank transfer and gets the reference code.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    _pledge(
        mobile_page, campaign, "3000", "スズキ イチロウ", tier="だだちゃ豆 1kg（3,000円以上） 残り2"
    )
    pledge = Pledge.objects.get(campaign=campaign, supporter=suzuki)
    reference = payment_by_id(pledge.payment_id).reference
    assert reference in mobile_page.locator("main").inner_text()
    screenshot(mobile_page, "campaign-pledge-reference")
    _reconciled(pledge)

    # 3. The deadline passes far from the goal: the campaign fails, 鈴木 is refunded.
    _deadline_passes(campaign)
    campaign.refresh_from_db()
    assert campaign.state == State.FAILED
    mobile_page.goto(reverse("campaigns:pledge", args=[pledge.pk]))
    assert "返金済み" in mobile_page.locator("main").inner_text()
    mobile_page.goto(reverse("campaigns:transparency", args=[campaign.pk]))
    check_axe(mobile_page, context="transparency")
    figures = figures_of(campaign)
    assert (figures.raised, figures.refunded, figures.collected, figures.held) == (
        3_000,
        3_000,
        0,
        0,
    )
    screenshot(mobile_page, "campaign-failed-transparency")

    # 4. A keep-it-all campaign: 高橋 supports it, it succeeds below its goal.
    takahashi.email_verified_at = timezone.now()
    takahashi.save(update_fields=["email_verified_at"])
    kept = make_campaign(lead, project, goal=500_000, mode="keep_it_all", title="直売所の看板")
    login(page, takahashi.email, DEFAULT_PASSWORD)
    _pledge(page, kept, "2万円", "タカハシ")
    _reconciled(Pledge.objects.get(campaign=kept))
    _deadline_passes(kept)
    kept.refresh_from_db()
    assert kept.state == State.SUCCEEDED
    page.goto(reverse("campaigns:detail", args=[kept.pk]))
    assert "成立" in page.locator("main").inner_text()
    page.goto(reverse("campaigns:transparency", args=[kept.pk]))
    assert figures_of(kept).collected == 20_000
    screenshot(page, "campaign-succeeded-transparency")
    assert check_ledger() == []
