"""A concierge consultation in a browser: 鈴木 books a slot of 山田 on a phone; 山田, concierge of
せんだい・みやぎソーシャルハブ, holds it, writes the record with an introduction to 伊藤 and a
follow-up for today, and sees the follow-up due; the fiscal-year figures page shows the
consultation; 鈴木 reads the follow-up addressed to them — axe-clean, no sideways scroll at
360 px, screenshots at each step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.concierge import messages
from kyoso.concierge.models import Concierge, Consultation, Introduction, Slot
from kyoso.hubs.tests.factories import HubFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.browser


def test_book_hold_record_introduce_follow_up_and_figures(page, mobile_page, suzuki):
    staff = UserFactory(email="kato@hub.example.jp", display_name="加藤")
    org = OrganizationFactory(slug="sendai-hub", name="せんだい・みやぎソーシャルハブ運営")
    MembershipFactory(organization=org, user=staff, role=MemberRole.ADMIN)
    hub = HubFactory(organization=org, name="せんだい・みやぎソーシャルハブ", slug="sendai")
    yamada = UserFactory(email="yamada@hub.example.jp", display_name="山田")
    Concierge.objects.create(hub=hub, user=yamada)
    ito = UserFactory(email="ito@example.jp", display_name="伊藤")
    Slot.objects.create(
        hub=hub,
        concierge=yamada,
        starts_at=(timezone.localtime() + timedelta(days=1)).replace(
            hour=14, minute=0, second=0, microsecond=0
        ),
        minutes=60,
    )

    # 1. 鈴木 books the slot on a phone.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("concierge:hub", args=[hub.slug]))
    check_axe(mobile_page, context="hub concierge page (phone)")
    assert_no_horizontal_scroll(mobile_page)
    mobile_page.locator("main").get_by_role("link", name="予約する").click()
    field(mobile_page, "相談したいこと").fill("子ども食堂を始めたい")
    mobile_page.get_by_label("子育て・子ども").check()
    check_axe(mobile_page, context="booking form (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "concierge-01-booking-phone")
    with mobile_page.expect_navigation():
        mobile_page.locator("main").get_by_role("button", name="予約する").click()
    assert str(messages.BOOKED) in flash_text(mobile_page)
    consultation = Consultation.objects.get()

    # 2. 山田 sees it on the desk, holds it and writes the record.
    login(page, yamada.email, DEFAULT_PASSWORD)
    page.goto(reverse("concierge:desk"))
    assert "子ども食堂を始めたい" in page.locator("main").inner_text()
    page.goto(reverse("concierge:consultation", args=[consultation.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="実施済みにする").click()
    assert str(messages.MOVED) in flash_text(page)
    with page.expect_navigation():
        page.get_by_role("link", name="記録を書く").click()
    check_axe(page, context="record form")
    field(page, "相談の内容").fill("週1回の子ども食堂を公民館で始めたい")
    field(page, "助言したこと").fill("同じ区で活動する伊藤さんに会うこと")
    field(page, "フォローアップ日").fill(timezone.localdate().isoformat())
    field(page, "相談者へのフォローアップ").fill("伊藤さんとはお会いできましたか")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="記録を保存する").click()
    assert str(messages.RECORD_SAVED) in flash_text(page)
    field(page, "紹介先の人のメールアドレス").fill(ito.email)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="紹介を記録する").click()
    assert str(messages.INTRODUCTION_ADDED) in flash_text(page)
    assert Introduction.objects.get().to_person == ito
    assert "伊藤" in page.locator(".concierge-private").inner_text()
    check_axe(page, context="record with introduction")
    screenshot(page, "concierge-02-record")

    # 3. The follow-up due is on 山田's list.
    page.goto(reverse("concierge:desk"))
    follow_ups = page.get_by_role("list", name="期日が来たフォローアップ").inner_text()
    assert "子ども食堂を始めたい" in follow_ups
    check_axe(page, context="concierge desk")
    screenshot(page, "concierge-03-desk")

    # 4. The fiscal-year figures page shows the consultation, chart and table.
    page.goto(reverse("concierge:figures", args=[hub.slug]))
    main = page.locator("main").inner_text()
    assert "相談件数" in main and "子育て・子ども" in main
    assert page.get_by_role("table").nth(1).inner_text().count("1") >= 1
    check_axe(page, context="figures page")
    screenshot(page, "concierge-04-figures")
    login(mobile_page, yamada.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("concierge:figures", args=[hub.slug]))
    check_axe(mobile_page, context="figures page (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "concierge-05-figures-phone")

    # 5. 鈴木 reads the follow-up addressed to them, not the record.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("concierge:mine"))
    mine = mobile_page.locator("main").inner_text()
    assert "伊藤さんとはお会いできましたか" in mine
    assert "公民館" not in mine
    check_axe(mobile_page, context="my consultations (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "concierge-06-mine-phone")
