"""A visitor switches the site to English and reads the month calendar and an event page:
English weekdays, month titles and Gregorian dates, no Japanese brackets around the site's
words. Axe-clean; screenshots under test-artifacts/screenshots/events-english-*.png."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.browser_tests.conftest import check_axe, screenshot
from kyoso.events.models import EventStatus
from kyoso.events.tests.builders import EventBuilder, tokyo

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_calendar_and_an_event_in_english(page):
    event = EventBuilder(
        title="夏の定例会",
        starts_at=tokyo(2030, 8, 1, 19, 0),
        ends_at=tokyo(2030, 8, 1, 21, 0),
        audience="どなたでも",
    )
    EventBuilder(title="中止の会", starts_at=tokyo(2030, 8, 5, 19, 0), status=EventStatus.CANCELLED)
    main = page.locator("main")

    page.goto(reverse("events:calendar") + "?month=2030-08")
    page.locator("#language-select").select_option("en")
    page.get_by_role("button", name="切り替え").click()
    page.wait_for_url("**/events/calendar/?month=2030-08")
    assert page.get_by_role("heading", level=1).inner_text() == "Event calendar: August 2030"
    weekdays = page.locator("table.month-table thead th").all_inner_texts()
    assert weekdays == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    text = main.inner_text()
    assert "← July 2030" in text and "September 2030 →" in text
    assert "中止の会 (cancelled)" in text
    # The list under the table is for narrow screens (hidden here): read its text anyway.
    assert "Thu, 1 Aug" in page.locator(".month-list").text_content()
    check_axe(page, context="event calendar in English")
    screenshot(page, "events-english-01-calendar")

    page.goto(reverse("events:detail", args=[event.pk]))
    text = main.inner_text()
    assert "Thu, 1 Aug 2030, 19:00–21:00" in text
    assert page.locator("dl.facts dt").all_inner_texts()[:2] == ["Date and time", "Audience"]
    check_axe(page, context="event page in English")
    screenshot(page, "events-english-02-event")
