"""A project's work in a browser, on a phone: the lead adds a need with skills, records a
trial and a hearing, and 高橋 comments — axe-clean and without sideways scrolling at 390 px."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Comment, Hearing, Need, Trial
from kyoso.projects.tests.factories_work import project_with_lead

pytestmark = pytest.mark.browser


def test_lead_records_needs_trials_hearings_and_a_citizen_comments(mobile_page, suzuki, takahashi):
    project = project_with_lead(suzuki, title="空き家を週末の居場所に")
    page = mobile_page
    login(page, suzuki.email, DEFAULT_PASSWORD)

    page.goto(reverse("projects:needs", args=[project.pk]))
    field(page, "種類").select_option("skills")
    field(page, "内容").fill("チラシのデザイン")
    page.get_by_label("デザイン", exact=True).check()
    field(page, "月あたりの時間").fill("4")
    with page.expect_navigation():
        page.get_by_role("button", name="追加する").click()
    assert str(messages.NEED_ADDED) in flash_text(page)
    assert Need.objects.get().title == "チラシのデザイン"
    check_axe(page, context="needs (lead, phone)")
    assert_no_horizontal_scroll(page)
    screenshot(page, "project-work-needs-phone")

    page.goto(reverse("projects:trials", args=[project.pk]))
    field(page, "タイトル").fill("週末カフェ")
    field(page, "仮説").fill("土曜の午前なら子育て世帯が来る")
    field(page, "開始日").fill("2026-05-01")
    field(page, "終了日").fill("2026-04-01")
    page.get_by_role("button", name="記録する").click()
    assert str(messages.TRIAL_PERIOD_BACKWARDS) in page.content()
    field(page, "終了日").fill("2026-05-31")
    with page.expect_navigation():
        page.get_by_role("button", name="記録する").click()
    assert Trial.objects.count() == 1
    check_axe(page, context="trials (lead, phone)")
    assert_no_horizontal_scroll(page)

    page.goto(reverse("projects:hearings", args=[project.pk]))
    field(page, "話を聞いた相手").fill("山田地区の住民")
    field(page, "日付").fill("2026-04-12")
    field(page, "わかったこと").fill("平日の夜は集まりにくい")
    field(page, "メンバーだけのメモ").fill("町内会長に再訪")
    with page.expect_navigation():
        page.get_by_role("button", name="記録する").click()
    assert Hearing.objects.count() == 1
    assert "町内会長に再訪" in page.content()
    check_axe(page, context="hearings (lead, phone)")
    assert_no_horizontal_scroll(page)
    screenshot(page, "project-work-hearings-phone")

    page.context.clear_cookies()
    login(page, takahashi.email, DEFAULT_PASSWORD)
    page.goto(reverse("projects:hearings", args=[project.pk]))
    assert "町内会長に再訪" not in page.content()
    page.goto(reverse("projects:comments", args=[project.pk]))
    field(page, "コメント").fill("土曜なら手伝えます")
    with page.expect_navigation():
        page.get_by_role("button", name="コメントする").click()
    assert Comment.objects.count() == 1
    check_axe(page, context="comments (citizen, phone)")
    assert_no_horizontal_scroll(page)
    screenshot(page, "project-work-comments-phone")
