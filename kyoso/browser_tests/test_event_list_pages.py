"""The event list's pages in a browser, on a phone: a filtered list of 25 regular meetings
pages with 「次へ」 (keeping the filter) and comes back with 「最初のページへ」; a link with a
broken cursor shows the first page and says so. Axe-clean, no sideways scrolling at 360 px;
screenshots under test-artifacts/screenshots/events-list-*.png."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.browser_tests.conftest import assert_no_horizontal_scroll, check_axe, screenshot
from kyoso.events import messages
from kyoso.events.models import EventKind
from kyoso.events.tests.factories import EventFactory

pytestmark = pytest.mark.browser


def test_a_visitor_pages_through_filtered_events_on_a_phone(mobile_page):
    soon = timezone.now().replace(microsecond=0) + timedelta(days=3)
    for n in range(25):
        EventFactory(title=f"定例会 第{n + 1:02d}回", kind=EventKind.REGULAR, starts_at=soon)
    EventFactory(title="テーマ勉強会（対象外）", kind=EventKind.STUDY, starts_at=soon)
    page = mobile_page
    main = page.locator("main")

    page.goto(reverse("events:list") + "?kind=regular")
    assert "定例会 第01回" in main.inner_text() and "定例会 第21回" not in main.inner_text()
    pagination = page.get_by_role("navigation", name="ページ送り")
    pagination.get_by_role("link", name="次へ").click()
    page.wait_for_url("**/events/?kind=regular&after=*")
    text = main.inner_text()
    assert "定例会 第21回" in text and "定例会 第25回" in text
    assert "定例会 第20回" not in text and "対象外" not in text
    assert pagination.get_by_role("link", name="次へ").count() == 0
    assert_no_horizontal_scroll(page)
    check_axe(page, context="event list, second page (phone)")
    screenshot(page, "events-list-01-second-page-phone")

    pagination.get_by_role("link", name="最初のページへ").click()
    page.wait_for_url("**/events/?kind=regular")
    assert "定例会 第01回" in main.inner_text()

    page.goto(reverse("events:list") + "?kind=regular&after=broken")
    assert str(messages.PAGE_INVALID) in main.inner_text()
    assert "定例会 第01回" in main.inner_text()
    check_axe(page, context="event list, broken cursor (phone)")
    screenshot(page, "events-list-02-broken-cursor-phone")
