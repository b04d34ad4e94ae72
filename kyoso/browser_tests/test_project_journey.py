"""A project in a browser: 鈴木 turns an issue into a project (the issue's follower 高橋 is
told), 高橋 asks to join on a phone, 鈴木 approves and moves the stage — axe-clean, and no page
scrolls sideways on a phone."""

from __future__ import annotations

from urllib.parse import urlsplit

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
from kyoso.issues.models import Follow
from kyoso.issues.tests.factories import IssueFactory
from kyoso.notifications.models import Notification
from kyoso.projects import messages
from kyoso.projects.models import Membership, Project

pytestmark = pytest.mark.browser


def test_issue_to_project_join_approve_stage(page, mobile_page, suzuki, takahashi):
    issue = IssueFactory(title="放課後の居場所が足りない", stage="surfaced", themes=["childcare"])
    Follow.objects.create(issue=issue, user=takahashi)

    # 1. 鈴木 starts a project from the issue.
    login(page, suzuki.email, DEFAULT_PASSWORD)
    page.goto(reverse("issues:detail", args=[issue.pk]))
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="プロジェクトを始める").click()
    check_axe(page, context="project form from an issue")
    field(page, "ひとことで目標").fill("週に一度、子どもが安心して過ごせる場をつくる。")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="プロジェクトを始める").click()
    project = Project.objects.get()
    assert urlsplit(page.url).path == reverse("projects:detail", args=[project.pk])
    assert str(messages.PROJECT_CREATED) in flash_text(page)
    check_axe(page, context="project page (lead)")
    screenshot(page, "project-01-started")
    issue.refresh_from_db()
    assert issue.stage == "in_action"
    assert Notification.objects.filter(recipient=takahashi, kind="issues.taken_up").exists()

    # 2. 高橋 asks to join on a phone.
    login(mobile_page, takahashi.email, DEFAULT_PASSWORD)
    for url in (reverse("projects:list"), reverse("projects:detail", args=[project.pk])):
        mobile_page.goto(url)
        assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="project page (visitor, phone)")
    mobile_page.get_by_text("参加を申請する").click()
    field(mobile_page, "リーダーへのメッセージ（任意）").fill("週末なら手伝えます。")
    with mobile_page.expect_navigation():
        mobile_page.locator("main").get_by_role("button", name="申請する").click()
    assert str(messages.JOIN_REQUESTED) in flash_text(mobile_page)
    screenshot(mobile_page, "project-02-requested-phone")

    # 3. 鈴木 approves on the members page, then moves the stage.
    page.goto(reverse("projects:members", args=[project.pk]))
    check_axe(page, context="members page (lead)")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="承認する").click()
    assert Membership.objects.get(user=takahashi).status == "active"
    screenshot(page, "project-03-members")
    page.goto(reverse("projects:stage", args=[project.pk]))
    check_axe(page, context="stage page")
    field(page, "新しい段階").select_option(label="準備")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="段階を変える").click()
    assert Project.objects.get().stage == "preparing"

    mobile_page.goto(reverse("projects:members", args=[project.pk]))
    assert_no_horizontal_scroll(mobile_page)
    Project.objects.filter(pk=project.pk).update(latitude="38.914", longitude="139.836")
    mobile_page.goto(reverse("projects:map"))
    mobile_page.wait_for_selector("[data-issue-map][data-map-state=ready]")
    listed = mobile_page.locator("[data-map-list] a").first
    assert listed.inner_text() == "放課後の居場所が足りない"
    assert "1件のプロジェクト" in mobile_page.locator("[data-map-status]").inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="project map (phone)")
    screenshot(mobile_page, "project-04-map-phone")
