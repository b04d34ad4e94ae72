"""At the door, in a browser: 鈴木 shows the ticket on a phone (QR and code, no sideways
scrolling), the organizer types the code in lower case and htmx updates the desk, adds a
walk-in and counts one more; then the month calendar and the year's figures — axe-clean at
every step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    htmx_settled,
    login,
    screenshot,
)
from kyoso.events.models import Registration
from kyoso.events.tests.builders import EventBuilder, RegistrationBuilder, tokyo

pytestmark = pytest.mark.browser


def test_check_in_at_the_door(page, mobile_page, suzuki):
    organizer = UserFactory(email="tanaka@example.jp", display_name="田中（主催）")
    event = EventBuilder(
        created_by=organizer, title="第1回定例会", starts_at=tokyo(2021, 7, 29, 19, 0)
    )
    ticket = RegistrationBuilder(event=event, user=suzuki, code="AB3D5FGH")

    # 1. 鈴木 opens the ticket on a phone.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("events:ticket", args=[event.pk]))
    assert mobile_page.locator("svg.ticket-qr").is_visible()
    assert mobile_page.locator(".ticket-code").inner_text() == "AB3D5FGH"
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="ticket (phone)")
    screenshot(mobile_page, "checkin-01-ticket-phone")

    # 2. The organizer types the code in lower case; htmx swaps the desk in place.
    login(page, organizer.email, DEFAULT_PASSWORD)
    page.goto(reverse("events:checkin", args=[event.pk]))
    check_axe(page, context="check-in desk (empty)")
    field(page, "受付コード").fill("ab3d 5fgh")
    page.get_by_role("button", name="受付する", exact=True).click()
    page.get_by_text("鈴木さんを受付しました。").wait_for()
    # The desk puts the focus back on the code field once htmx settles; type after that.
    htmx_settled(page)
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None

    # 3. A walk-in by name, and one more counted without a name.
    field(page, "当日参加の方の氏名").fill("飛び入り 花子")
    page.get_by_role("button", name="当日参加を受付する").click()
    page.get_by_text("当日参加の飛び入り 花子さんを受付しました。").wait_for()
    htmx_settled(page)
    page.get_by_role("button", name="＋1人").click()
    page.get_by_text("人数のみの参加者を1人にしました。").wait_for()
    assert Registration.objects.filter(event=event, walk_in_name="飛び入り 花子").exists()
    check_axe(page, context="check-in desk (after check-ins)")
    screenshot(page, "checkin-02-desk")

    # 4. The month calendar on a phone, and the figures of the year.
    mobile_page.goto(reverse("events:calendar") + "?month=2021-07")
    # At 360 px the grid gives way to a list of the month's events.
    assert mobile_page.locator(".month-list").get_by_text("第1回定例会").is_visible()
    assert not mobile_page.locator(".month-table").is_visible()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="calendar (phone)")
    screenshot(mobile_page, "checkin-03-calendar-phone")
    page.goto(reverse("events:calendar") + "?month=2021-07")
    check_axe(page, context="calendar (desktop)")
    screenshot(page, "checkin-04-calendar")
    page.goto(reverse("events:figures") + "?fy=2021")
    assert page.locator("td.num").nth(6).inner_text() == "3"  # のべ: 鈴木, 花子, one counted
    check_axe(page, context="figures")
