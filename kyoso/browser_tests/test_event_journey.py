"""Issue 5's "Done when", in a browser, as new users would: the organizer creates a study
session with a guest and two seats; 鈴木 (on a phone), 高橋 and 伊藤 register — 伊藤 lands on
the waitlist; 鈴木 cancels and 伊藤 is promoted and mailed (once); 伊藤 shows the code on the
ticket page and the organizer types it at the desk; the organizer writes minutes and posts an
issue from them, publishes, and 伊藤 reads them; then the FY2021 figures of the demo
(11 events, のべ128). Axe-clean at every step, no sideways scrolling at 360 px, screenshots
under test-artifacts/screenshots/events-*.png.

(The check-in desk's walk-ins and head-count are in test_checkin_journey.py; linking an existing
issue and the attendee's follow-up in test_minutes_ideas_journey.py.)"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.events import messages
from kyoso.events.models import Event, Minutes, Registration
from kyoso.issues.models import Issue

pytestmark = pytest.mark.browser

TITLE = "若者の居場所を考えるテーマ勉強会"
ISSUE_TITLE = "放課後に中高生が安心して過ごせる場所が足りない"


@pytest.fixture
def demo_settings(settings, tmp_path, monkeypatch):
    """The demo loader keeps its generated password under DATA_DIR: a temporary one here."""
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("KYOSO_DEMO_PASSWORD", raising=False)


def _figure(page, label: str) -> str:
    """The number in the figures table's row headed ``label``."""
    row = page.locator("table.figures-table tr").filter(
        has=page.get_by_role("rowheader", name=label, exact=True)
    )
    return row.locator("td.num").inner_text().strip()


def test_issue_5_done_when(page, mobile_page, suzuki, takahashi, demo_settings):
    organizer = UserFactory(email="kato@example.jp", display_name="加藤（主催）")
    ito = UserFactory(email="ito@example.jp", display_name="伊藤")

    # 1. The organizer creates a study session with a guest, two seats and a question.
    login(page, organizer.email, DEFAULT_PASSWORD)
    page.goto(reverse("events:create"))
    check_axe(page, context="event form")
    field(page, "タイトル").fill(TITLE)
    page.get_by_label("種類").select_option("study")
    field(page, "テーマ").select_option("gender")
    field(page, "開始日時").fill("2030-06-04T19:00")
    field(page, "終了日時").fill("2030-06-04T21:00")
    field(page, "会場名").fill("仙台市市民活動サポートセンター")
    field(page, "会場の定員").fill("2")
    page.locator("[name='guests-0-name']").fill("山田 花子")
    page.locator("[name='guests-0-affiliation']").fill("東北大学")
    page.locator("[name='questions-0-text']").fill("所属を教えてください")
    screenshot(page, "events-01-form")
    page.get_by_role("button", name="公開する").click()
    page.wait_for_url("**/events/*/")
    assert "イベントを作成しました。" in flash_text(page)
    event = Event.objects.get()
    assert [g.name for g in event.guests.all()] == ["山田 花子"]
    detail = reverse("events:detail", args=[event.pk])
    check_axe(page, context="event page (organizer)")
    screenshot(page, "events-02-detail-organizer")

    # 2. Three people register for the two seats: 鈴木 on a phone (answering the question) …
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("events:list"))
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="event list (phone)")
    screenshot(mobile_page, "events-03-list-phone")
    mobile_page.get_by_role("link", name=TITLE).click()
    field(mobile_page, "所属を教えてください").fill("NPO法人 杜の架け橋")
    mobile_page.get_by_role("button", name="申し込む").click()
    mobile_page.get_by_text("参加が確定しています。").wait_for()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="event page (registered, phone)")
    screenshot(mobile_page, "events-04-registered-phone")

    # … 高橋 takes the second seat, and 伊藤 finds it full and joins the waitlist.
    login(page, takahashi.email, DEFAULT_PASSWORD)
    page.goto(detail)
    page.get_by_role("button", name="申し込む").click()
    page.get_by_text("参加が確定しています。").wait_for()
    login(page, ito.email, DEFAULT_PASSWORD)
    page.goto(detail)
    assert "満席" in page.locator("main").inner_text()
    page.get_by_role("button", name="申し込む").click()
    page.get_by_text("キャンセル待ち 1 番目です。").wait_for()
    check_axe(page, context="event page (waitlisted)")
    screenshot(page, "events-05-waitlisted")
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {suzuki.pk: "confirmed", takahashi.pk: "confirmed", ito.pk: "waitlisted"}

    # 3. 鈴木 cancels; 伊藤 is promoted and gets exactly one mail saying so.
    mail.outbox.clear()
    mobile_page.get_by_role("button", name="申込をキャンセル").click()
    mobile_page.get_by_text("申込をキャンセルしました。").wait_for()
    assert Registration.objects.get(user=ito).status == "confirmed"
    to_ito = [m for m in mail.outbox if m.to == [ito.email]]
    assert len(to_ito) == 1, [m.subject for m in to_ito]
    assert "キャンセル待ちから参加確定" in to_ito[0].subject
    assert TITLE in to_ito[0].body

    # 4. 伊藤 opens the ticket on a phone; the organizer types the code shown there.
    login(mobile_page, ito.email, DEFAULT_PASSWORD)
    mobile_page.goto(detail)
    mobile_page.get_by_text("参加が確定しています。").wait_for()
    mobile_page.get_by_role("link", name="受付用のQRコードを表示").click()
    assert mobile_page.locator("svg.ticket-qr").is_visible()
    code = mobile_page.locator(".ticket-code").inner_text().strip()
    assert code == Registration.objects.get(user=ito).code
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="ticket (phone)")
    screenshot(mobile_page, "events-06-ticket-phone")

    login(page, organizer.email, DEFAULT_PASSWORD)
    page.goto(detail)
    page.get_by_role("link", name="当日の受付").click()
    field(page, "受付コード").fill(code)
    page.get_by_role("button", name="受付する", exact=True).click()
    page.get_by_text("伊藤さんを受付しました。").wait_for()
    assert Registration.objects.get(user=ito).checked_in_at is not None
    check_axe(page, context="check-in desk")
    screenshot(page, "events-07-checkin")

    # … and reads the registrants: 鈴木 cancelled (with the answer given), 伊藤 confirmed.
    page.goto(reverse("events:registrants", args=[event.pk]))
    assert page.get_by_text("NPO法人 杜の架け橋").is_visible()
    check_axe(page, context="registrants")
    screenshot(page, "events-08-registrants")

    # 5. The organizer writes the minutes from the event page and posts an issue from them.
    page.goto(detail)
    page.get_by_role("link", name="議事録を書く・公開する").click()
    field(page, "議事録").fill("## 出た意見\n\n- 放課後の居場所が足りない\n- 相談先が分からない")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    assert str(messages.MINUTES_SAVED) in flash_text(page)
    with page.expect_navigation():
        page.get_by_role("link", name="課題を投稿してこの会に加える").click()
    check_axe(page, context="new issue from the minutes")
    field(page, "タイトル").fill(ISSUE_TITLE)
    field(page, "本文").fill("勉強会で複数の参加者から出ました。")
    with page.expect_navigation():
        page.get_by_role("button", name="投稿してこの会に加える").click()
    assert str(messages.MINUTES_ISSUE_CREATED % {"title": ISSUE_TITLE}) in flash_text(page)
    issue = Issue.objects.get(title=ISSUE_TITLE)
    assert issue.author == organizer
    assert list(Minutes.objects.get(event=event).surfaced_issues.all()) == [issue]
    check_axe(page, context="minutes editor (with the new issue)")
    screenshot(page, "events-09-minutes-editor")
    page.locator("#publish").get_by_label("会員のみ").check()
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert Minutes.objects.get(event=event).published_at is not None

    # … and 伊藤, who came, finds them on the event page.
    mobile_page.goto(detail)
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="event page with minutes (attendee, phone)")
    screenshot(mobile_page, "events-10-detail-minutes-phone")
    assert mobile_page.get_by_role(
        "link", name="この会で見えてきた課題（フォローアップ）"
    ).is_visible()
    mobile_page.get_by_role("link", name="議事録を読む").click()
    mobile_page.get_by_role("link", name=re.compile(re.escape(ISSUE_TITLE))).first.wait_for()
    assert "放課後の居場所が足りない" in mobile_page.locator("main").inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="minutes (attendee, phone)")
    screenshot(mobile_page, "events-11-minutes-phone")

    # 6. The demo's FY2021 sessions (seed 000), loaded as `manage.py load_demo` does.
    from kyoso.demo.services import demo_load

    assert demo_load().created["events"] == 11
    page.goto(reverse("events:figures") + "?fy=2021")
    assert "令和3年度" in page.locator("h1").inner_text()
    assert _figure(page, "イベント") == "11"
    assert _figure(page, "のべ参加者") == "128"
    check_axe(page, context="figures FY2021")
    screenshot(page, "events-12-figures")
    mobile_page.goto(reverse("events:figures") + "?fy=2021")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "events-13-figures-phone")
