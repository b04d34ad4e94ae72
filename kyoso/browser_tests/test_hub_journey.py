"""The hub's front desk, in a browser: 加藤 (an admin of the organization) sets up a hub with a
meeting room and a desk pool; 鈴木 books the room and a day pass on a phone-sized screen, sees
the price before confirming and gets the mail with the .ics; 加藤 checks 鈴木 in by the code;
高橋 trying the same slot is refused — axe-clean, no sideways scrolling on the phone."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    MOBILE_VIEWPORT,
    _page_for,
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.hubs.models import Booking, BookingStatus
from kyoso.hubs.tests.factories import open_day
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.browser

WEEKDAYS = ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"]


def _space(page, **values: str) -> None:
    for label, value in values.items():
        field(page, label).fill(value)


def test_set_up_book_check_in_and_refuse(page, mobile_page, browser, live_url, suzuki):
    staff = UserFactory(email="kato@hub.example.jp", display_name="加藤")
    org = OrganizationFactory(slug="sendai-hub", name="せんだい・みやぎソーシャルハブ運営")
    MembershipFactory(organization=org, user=staff, role=MemberRole.ADMIN)
    today = timezone.localdate()
    later = open_day(3)

    # 1. 加藤 registers the hub (open every day, holidays included), its hours and spaces.
    login(page, staff.email, DEFAULT_PASSWORD)
    page.goto(reverse("hubs:new"))
    check_axe(page, context="new hub")
    field(page, "拠点名").fill("せんだい・みやぎソーシャルハブ")
    field(page, "URL用の名前").fill("sendai")
    field(page, "住所").fill("宮城県仙台市青葉区一番町1-1")
    field(page, "祝日は休館").uncheck()
    field(page, "年末年始（12月29日〜1月3日）は休館").uncheck()
    page.get_by_role("button", name="保存する").click()
    page.wait_for_url("**/hubs/sendai/hours/")
    for day in WEEKDAYS:
        field(page, f"{day}の開館").fill("00:00")
        field(page, f"{day}の閉館").fill("23:59")
    check_axe(page, context="opening hours")
    page.get_by_role("button", name="保存する").click()
    assert "保存しました。" in flash_text(page)
    for name, slug, kind, capacity, unit, price in [
        ("会議室A", "room-a", "room", "8", "hour", "1000"),
        ("コワーキング", "desks", "desks", "2", "day", "500"),
    ]:
        page.goto(reverse("hubs:space_new", args=["sendai"]))
        _space(
            page,
            **{
                "スペース名": name,
                "URL用の名前": slug,
                "定員（席数）": capacity,
                "料金（円）": price,
            },
        )
        field(page, "種類").select_option(kind)
        field(page, "料金の単位").select_option(unit)
        page.get_by_role("button", name="保存する").click()
        page.wait_for_url(f"**/hubs/sendai/{slug}/")
    check_axe(page, context="space page (staff)")

    # 2. 鈴木 books the room on a phone: the price first, then the confirmation.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("hubs:space", args=["sendai", "room-a"]) + f"?date={later}")
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="space availability (phone)")
    screenshot(mobile_page, "hub-01-space-phone")
    field(mobile_page, "日付").fill(later.isoformat())
    field(mobile_page, "開始").fill("10:00")
    field(mobile_page, "終了").fill("12:00")
    field(mobile_page, "利用目的").fill("NPOの打ち合わせ")
    mobile_page.get_by_role("button", name="料金を確認する").click()
    mobile_page.get_by_text("2,000円").wait_for()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="booking price (phone)")
    screenshot(mobile_page, "hub-02-price-phone")
    mobile_page.get_by_role("button", name="予約を確定する").click()
    mobile_page.wait_for_url("**/hubs/my-bookings/")
    assert "予約しました。" in flash_text(mobile_page)
    message = next(m for m in mail.outbox if "会議室A" in m.subject)
    assert message.to == [suzuki.email]
    assert message.attachments[0][0].endswith(".ics")
    assert "BEGIN:VEVENT" in message.attachments[0][1]

    # 3. And a day pass for today.
    mobile_page.goto(reverse("hubs:space", args=["sendai", "desks"]))
    field(mobile_page, "日付").fill(today.isoformat())
    mobile_page.get_by_role("button", name="料金を確認する").click()
    mobile_page.get_by_text("500円").wait_for()
    mobile_page.get_by_role("button", name="予約を確定する").click()
    mobile_page.wait_for_url("**/hubs/my-bookings/")
    assert mobile_page.locator("svg.ticket-qr").first.is_visible()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="my bookings (phone)")
    screenshot(mobile_page, "hub-03-my-bookings-phone")
    day_pass = Booking.objects.get(kind="day_pass")

    # 4. 加藤 checks 鈴木 in at the desk by the code.
    page.goto(reverse("hubs:board", args=["sendai"]))
    check_axe(page, context="today's board")
    field(page, "受付コード").fill(day_pass.code.lower())
    page.get_by_role("button", name="チェックイン").first.click()
    page.get_by_text("鈴木").first.wait_for()
    check_axe(page, context="check-in confirmation")
    page.get_by_role("button", name="チェックインする").click()
    assert "鈴木さんがチェックインしました。" in flash_text(page)
    screenshot(page, "hub-04-board")
    day_pass.refresh_from_db()
    assert day_pass.status == BookingStatus.CHECKED_IN

    # 5. 高橋 tries the same slot and is refused, with what was typed kept.
    takahashi = UserFactory(email="takahashi@example.jp", display_name="高橋")
    pages = _page_for(browser, live_url, MOBILE_VIEWPORT, mobile=True)
    other = next(pages)
    login(other, takahashi.email, DEFAULT_PASSWORD)
    other.goto(reverse("hubs:space", args=["sendai", "room-a"]))
    field(other, "日付").fill(later.isoformat())
    field(other, "開始").fill("11:00")
    field(other, "終了").fill("12:30")
    other.get_by_role("button", name="料金を確認する").click()
    other.get_by_role("button", name="予約を確定する").click()
    other.get_by_text("その時間はすでに予約があります").wait_for()
    assert field(other, "開始").input_value() == "11:00"
    check_axe(other, context="refused booking (phone)")
    screenshot(other, "hub-05-refused-phone")
    next(pages, None)
    assert Booking.objects.filter(kind="slot").count() == 1
