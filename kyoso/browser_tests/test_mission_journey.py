"""A mission in a browser: 斎藤, lead of チーム庄内, drafts a mission, sees what it lacks, fixes
it and publishes it; 鈴木 finds it on a phone, applies answering the question; 斎藤 offers;
鈴木 accepts and is a member of the project — axe-clean at every step."""

from __future__ import annotations

from urllib.parse import urlsplit

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
from kyoso.missions import messages
from kyoso.missions.models import Application, Mission
from kyoso.missions.tests.factories import make_project
from kyoso.projects.models import Membership

pytestmark = pytest.mark.browser


def test_draft_fix_publish_apply_offer_accept(page, mobile_page, suzuki):
    saito = UserFactory(email="saito@example.jp", display_name="斎藤")
    project = make_project(saito, title="チーム庄内")

    # 1. 斎藤 drafts a mission with only its sentence, and sees what a candidate would miss.
    login(page, saito.email, DEFAULT_PASSWORD)
    page.goto(reverse("missions:create") + f"?project={project.pk}")
    check_axe(page, context="mission form")
    field(page, "種類").select_option(label="副業・兼業")
    field(page, "ミッションをひとことで").fill("庄内の農家と都市の飲食店をつなぐ")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="下書きを保存する").click()
    mission = Mission.objects.get()
    assert urlsplit(page.url).path == reverse("missions:detail", args=[mission.pk])
    assert str(messages.MISSION_CREATED) in flash_text(page)
    main = page.locator("main").inner_text()
    assert str(messages.MISSING_TASKS) in main and str(messages.MISSING_PERIOD) in main
    check_axe(page, context="draft with completeness")
    screenshot(page, "mission-01-draft")

    # 2. Publishing now is refused, listing what is missing.
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert "まだ公開できません" in flash_text(page)

    # 3. 斎藤 fills in the rest, adds a question and publishes.
    page.goto(reverse("missions:edit", args=[mission.pk]))
    field(page, "具体的な仕事").fill("飲食店10軒への聞き取りと、試食会の企画")
    field(page, "成果物").fill("販路候補の一覧と試食会の報告")
    field(page, "開始日").fill("2030-04-01")
    field(page, "終了日").fill("2030-06-30")
    field(page, "週あたりの時間").fill("5")
    page.get_by_label("リモートと現地").check()
    field(page, "月あたりの現地訪問（回）").fill("2")
    field(page, "報酬").select_option(label="報酬あり")
    field(page, "報酬額（円）").fill("30000")
    page.get_by_role("group", name="必須のスキル").get_by_label("マーケティング・販路開拓").check()
    field(page, "応募締切").fill("2030-03-01")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="保存する").click()
    assert str(messages.MISSION_SAVED) in flash_text(page)
    page.goto(reverse("missions:questions", args=[mission.pk]))
    check_axe(page, context="questions editor")
    field(page, "質問1").fill("庄内に来たことはありますか？")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="保存する").click()
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert str(messages.MISSION_PUBLISHED) in flash_text(page)
    screenshot(page, "mission-02-published")

    # 4. 鈴木 finds it in the list on a phone and applies.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("missions:list"))
    check_axe(mobile_page, context="mission list (phone)")
    assert_no_horizontal_scroll(mobile_page)
    mobile_page.get_by_role("link", name="庄内の農家と都市の飲食店をつなぐ").click()
    assert "充実度" not in mobile_page.locator("main").inner_text()
    check_axe(mobile_page, context="mission page (phone)")
    assert_no_horizontal_scroll(mobile_page)
    mobile_page.get_by_role("link", name="このミッションに応募する").click()
    field(mobile_page, "応募の動機").fill("東京で飲食店の仕入れをしています。")
    field(mobile_page, "庄内に来たことはありますか？").fill("毎年夏に来ています。")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="応募する").click()
    assert str(messages.APPLIED) in flash_text(mobile_page)
    check_axe(mobile_page, context="application (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "mission-03-applied-phone")
    application = Application.objects.get()

    # 5. 斎藤 sees the application and offers.
    page.goto(reverse("missions:applications", args=[mission.pk]))
    check_axe(page, context="host's applications")
    page.get_by_role("link", name="鈴木").click()
    assert "毎年夏に来ています。" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="オファー中").click()
    check_axe(page, context="application (host)")
    screenshot(page, "mission-04-offered")

    # 6. 鈴木 accepts and is a member of the project.
    mobile_page.goto(reverse("missions:application", args=[application.pk]))
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="受け入れ決定").click()
    assert str(messages.JOINED_PROJECT) in flash_text(mobile_page)
    history = mobile_page.locator("main").inner_text()
    assert "オファー中" in history and "受け入れ決定" in history
    screenshot(mobile_page, "mission-05-accepted-phone")
    assert Membership.objects.filter(project=project, user=suzuki, status="active").exists()
    mission.refresh_from_db()
    assert (mission.accepted_count, mission.status) == (1, "closed")


def test_missions_on_the_map_on_a_phone(mobile_page, suzuki):
    saito = UserFactory(email="saito@example.jp", display_name="斎藤")
    project = make_project(saito, title="チーム庄内")
    Mission.objects.create(
        project=project,
        kind="internship",
        title="庄内の農家と都市の飲食店をつなぐ",
        status="published",
        published_at=timezone.now(),
        latitude="38.914000",
        longitude="139.836000",
    )

    mobile_page.goto(reverse("missions:map_page"))
    mobile_page.wait_for_selector("[data-issue-map][data-map-state=ready]")
    assert mobile_page.locator("[data-map-list] a").first.inner_text() == (
        "庄内の農家と都市の飲食店をつなぐ"
    )
    assert "1件のミッション" in mobile_page.locator("[data-map-status]").inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="mission map (phone)")
    screenshot(mobile_page, "mission-06-map-phone")
