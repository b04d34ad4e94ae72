"""An event books the hall (issue 18), in a browser: 鈴木 organizes a study session, follows the
event page's link to the hubs and holds the hub's hall for it through the form; the hall's day
shows the booking. 鈴木 moves the event on its edit page and the booking moves with it; 鈴木
cancels the event and the hall is free again — axe-clean, no sideways scrolling at 360 px
(PageChecks on every new kind of page)."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import check_axe, field, flash_text, login, screenshot
from kyoso.events.services import events as event_services
from kyoso.hubs.models import Booking, BookingStatus
from kyoso.hubs.tests.factories import HubFactory, SpaceFactory, at, open_day, open_every_day
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.browser

TITLE = "まちづくり勉強会"


def _hall():
    staff = UserFactory(email="kato@hub.example.jp", display_name="加藤")
    org = OrganizationFactory(slug="sendai-hub", name="せんだい・みやぎソーシャルハブ運営")
    MembershipFactory(organization=org, user=staff, role=MemberRole.ADMIN)
    hub = HubFactory(organization=org, name="せんだい・みやぎソーシャルハブ", slug="sendai")
    open_every_day(hub, time(9), time(21))
    return SpaceFactory(hub=hub, name="多目的ホール", slug="hall", capacity=40)


def _slots(page) -> tuple[list[str], list[str]]:
    """The chosen day's free and taken intervals on the space page."""
    items = page.locator("ul.hub-slots li")
    taken = [t.strip() for t in page.locator("ul.hub-slots li.hub-slots__taken").all_inner_texts()]
    every = [t.strip() for t in items.all_inner_texts()]
    return [t for t in every if t not in taken], taken


def test_an_event_books_the_hall(page, suzuki):
    _hall()
    day = open_day(3)
    event = event_services.event_create(
        actor=suzuki,
        data={
            "title": TITLE,
            "kind": "study",
            "description": "拠点のホールで話し合います。",
            "starts_at": at(day, 13),
            "ends_at": at(day, 15),
            "mode": "venue",
            "venue_name": "多目的ホール",
            "capacity_venue": 30,
            "guests": [],
            "questions": [],
        },
    )
    day_url = reverse("hubs:space", args=["sendai", "hall"]) + f"?date={day.isoformat()}"

    # 1. From the event page, 鈴木 finds the hubs, the hall, and holds it for the event.
    login(page, suzuki.email, DEFAULT_PASSWORD)
    page.goto(reverse("events:detail", args=[event.pk]))
    page.get_by_role("link", name="拠点の部屋を会場として押さえる").click()
    page.wait_for_url("**/hubs/")
    page.get_by_role("link", name="せんだい・みやぎソーシャルハブ").first.click()
    page.wait_for_url("**/hubs/sendai/")
    page.get_by_role("link", name="多目的ホール").first.click()
    page.wait_for_url("**/hubs/sendai/hall/")
    page.get_by_role("link", name="主催するイベントの会場として押さえる").click()
    page.wait_for_url("**/hubs/sendai/hall/for-event/")
    check_axe(page, context="hold the hall for an event")
    field(page, "イベント").select_option(str(event.pk))
    screenshot(page, "hub-event-01-hold-form")
    page.get_by_role("button", name="会場として押さえる").click()
    page.wait_for_url(f"**/events/{event.pk}/")
    assert f"イベント「{TITLE}」の会場として多目的ホールを押さえました。" in flash_text(page)
    held = Booking.objects.get(event_id=event.pk)
    assert (held.starts_at, held.ends_at, held.status) == (
        at(day, 13),
        at(day, 15),
        BookingStatus.CONFIRMED,
    )

    # 2. The hall's day shows the event's booking.
    page.goto(day_url)
    free, taken = _slots(page)
    assert taken == ["予約済み 13:00〜15:00"]
    assert free == ["空き 09:00〜13:00", "空き 15:00〜21:00"]
    screenshot(page, "hub-event-02-hall-day-held")

    # 3. 鈴木 moves the event two hours later on its edit page; the booking follows.
    page.goto(reverse("events:edit", args=[event.pk]))
    field(page, "開始日時").fill(f"{day.isoformat()}T15:00")
    field(page, "終了日時").fill(f"{day.isoformat()}T17:00")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_url(f"**/events/{event.pk}/")
    assert "イベントを更新しました。" in flash_text(page)
    page.goto(day_url)
    free, taken = _slots(page)
    assert taken == ["予約済み 15:00〜17:00"]
    assert free == ["空き 09:00〜15:00", "空き 17:00〜21:00"]
    screenshot(page, "hub-event-03-hall-day-moved")
    held.refresh_from_db()
    assert (held.starts_at, held.ends_at) == (at(day, 15), at(day, 17))

    # 4. 鈴木 cancels the event; the hall is free all day again.
    page.goto(reverse("events:detail", args=[event.pk]))
    page.get_by_role("link", name="イベントを中止する").click()
    field(page, "申込者へのお知らせ（任意）").fill("会場の都合で中止します。")
    page.get_by_role("button", name="中止にする").click()
    page.wait_for_url(f"**/events/{event.pk}/")
    assert "イベントを中止にしました。" in flash_text(page)
    page.goto(day_url)
    free, taken = _slots(page)
    assert taken == []
    assert free == ["空き 09:00〜21:00"]
    screenshot(page, "hub-event-04-hall-day-free")
    held.refresh_from_db()
    assert held.status == BookingStatus.CANCELLED
