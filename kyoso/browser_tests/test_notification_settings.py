"""Notification settings in a browser: 鈴木 follows an issue and gets a mail when 佐藤 comments;
on a phone she sets "課題へのコメント" to "サイトだけ"; the next comment reaches her list but no
mail is sent. Then the unsubscribe link of another type, without signing in. Axe-clean, no
sideways scrolling at 360 px."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.issues.services.comments import comment_create
from kyoso.issues.services.engagement import follow_toggle
from kyoso.issues.tests.factories import IssueFactory
from kyoso.notifications import messages
from kyoso.notifications.models import Delivery, Notification, NotificationSetting
from kyoso.notifications.services import notify
from kyoso.notifications.tasks import run_held_mail

pytestmark = pytest.mark.browser

UNSUBSCRIBE = re.compile(r"https?://\S+?(/notifications/unsubscribe/[^/\s]+/)")


def test_the_settings_stop_a_type_of_email(page, mobile_page, suzuki, sato):
    issue = IssueFactory(title="駅前の空き店舗", author=sato)
    follow_toggle(actor=suzuki, issue=issue, on=True)

    # 1. Before: 佐藤's comment reaches 鈴木 by mail.
    comment_create(actor=sato, issue=issue, body="来週の会議で取り上げます。")
    assert [m.to for m in mail.outbox] == [[suzuki.email]]
    mail.outbox.clear()

    # 2. 鈴木 sets comments to "site only" on her phone.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("notifications:settings"))
    check_axe(mobile_page, context="notification settings (phone)")
    assert_no_horizontal_scroll(mobile_page)
    field(mobile_page, "課題へのコメント").select_option(label="サイトだけ")
    field(mobile_page, "開始時刻").select_option("22:00")
    field(mobile_page, "終了時刻").select_option("07:00")
    with mobile_page.expect_navigation():
        mobile_page.locator("main").get_by_role("button", name="保存する").click()
    assert str(messages.PREFERENCE_SAVED) in flash_text(mobile_page)
    assert NotificationSetting.objects.get(user=suzuki, group="issues.comments").delivery == (
        Delivery.SITE
    )
    check_axe(mobile_page, context="notification settings saved (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "notifications-01-settings-phone")

    # 3. The next comment is in her list, and no mail is sent.
    comment_create(actor=sato, issue=issue, body="資料を共有しました。")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=suzuki, kind="issues.comment").count() == 2
    mobile_page.goto(reverse("notifications:list") + "?unread=1")
    assert "駅前の空き店舗" in mobile_page.locator("main").inner_text()
    check_axe(mobile_page, context="notification list, unread (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "notifications-02-list-phone")
    with mobile_page.expect_navigation():
        mobile_page.locator("main").get_by_role("button", name="すべて既読にする").click()
    assert str(messages.ALL_MARKED_READ) in flash_text(mobile_page)

    # 4. Another type still mails (outside her quiet hours or held by them), with its own
    # one-click link; opened without signing in, it asks first, then stops that type.
    notify(
        recipients=[suzuki],
        kind="projects.stage",
        actor=sato,
        target=None,
        text="プロジェクトの段階が変わりました",
        url="/",
    )
    row = Notification.objects.get(kind="projects.stage")
    if row.emailed_at is None:  # the test ran inside 22:00–07:00 Tokyo: release it now
        run_held_mail(timezone.now() + timedelta(hours=10))
    path = UNSUBSCRIBE.search(mail.outbox[-1].body)[1]
    page.goto(path)
    assert "「プロジェクトの動き」のメールを停止します。" in page.locator("main").inner_text()
    check_axe(page, context="unsubscribe confirmation")
    screenshot(page, "notifications-03-unsubscribe")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="配信を停止する").click()
    assert (
        str(messages.UNSUBSCRIBED % {"type": "プロジェクトの動き"})
        in page.locator("main").inner_text()
    )
    check_axe(page, context="unsubscribed")
    assert NotificationSetting.objects.get(user=suzuki, group="projects.activity").delivery == (
        Delivery.SITE
    )
