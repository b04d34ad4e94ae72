"""A challenge in a browser, both directions: 加藤 of 酒田市 posts a challenge with its
criteria and publishes it; 鈴木 (ミライセンサー) asks on a phone and 高橋 (庄内テック) reads the
public answer; both propose, 鈴木 with a PDF; 加藤 adds reviewers (鈴木 is blocked from his own
company's proposal), selects one with a reason and it becomes a trial project; 高橋 reads his
reason on a phone; then a company posts a reverse challenge and 酒田市 proposes — axe-clean,
no sideways scroll at 360 px, screenshots at each step."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
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
from kyoso.challenges import messages
from kyoso.challenges.models import Challenge, Direction, Proposal
from kyoso.challenges.tests.factories import ChallengeFactory, in_days, org_with_manager
from kyoso.orgs.models import OrganizationType
from kyoso.projects.models import Project

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_post_ask_propose_screen_select_and_reverse(page, mobile_page, tmp_path):
    from kyoso.screening import selectors as screening
    from kyoso.screening.services import decision_record
    from kyoso.screening.services.scoring import refusal_to_score

    kato = UserFactory(email="kato@example.jp", display_name="加藤")
    suzuki = UserFactory(email="suzuki@example.jp", display_name="鈴木")
    takahashi = UserFactory(email="takahashi@example.jp", display_name="高橋")
    city = org_with_manager(
        kato, org_type=OrganizationType.LOCAL_GOVERNMENT, slug="sakata-city", name="酒田市"
    )
    mirai = org_with_manager(suzuki, slug="mirai", name="ミライセンサー")
    shonai = org_with_manager(takahashi, slug="shonai-tech", name="庄内テック")

    # 1. 加藤 posts a challenge with its criteria and publishes it.
    login(page, kato.email, DEFAULT_PASSWORD)
    page.goto(reverse("challenges:create") + "?organization=sakata-city")
    check_axe(page, context="challenge form")
    field(page, "課題をひとことで").fill("冬の道路の除雪出動を、データで判断したい")
    field(page, "解決したい課題").fill("見回りに頼った判断で、朝に間に合わないことがあります。")
    field(page, "予算（円）").fill("3000000")
    field(page, "質問の受付期限").fill(in_days(10).isoformat())
    field(page, "提案の締切").fill(in_days(20).isoformat())
    field(page, "採択の決定予定日").fill(in_days(30).isoformat())
    page.get_by_role("checkbox", name="企業").check()
    field(page, "評価基準1").fill("実現可能性")
    field(page, "評価基準1の重み（1〜100）").fill("60")
    field(page, "評価基準2").fill("費用対効果")
    field(page, "評価基準2の重み（1〜100）").fill("40")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="下書きを保存する").click()
    challenge = Challenge.objects.get()
    assert str(messages.CHALLENGE_CREATED) in flash_text(page)
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert str(messages.CHALLENGE_PUBLISHED) in flash_text(page)
    assert "実現可能性" in page.locator("main").inner_text()
    check_axe(page, context="published challenge")
    screenshot(page, "challenge-01-published")

    # 2. 鈴木 finds it on a phone and asks; 加藤 answers; 高橋 reads the answer, not the asker.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("challenges:list"))
    check_axe(mobile_page, context="challenge list (phone)")
    assert_no_horizontal_scroll(mobile_page)
    mobile_page.get_by_role("link", name="冬の道路の除雪出動を、データで判断したい").click()
    field(mobile_page, "質問").fill("照明柱にセンサーを付けられますか。")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="質問する").click()
    assert str(messages.QUESTION_ASKED) in flash_text(mobile_page)
    check_axe(mobile_page, context="challenge page (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "challenge-02-asked-phone")
    page.reload()
    field(page, "回答").fill("市の照明柱なら設置できます。")
    with page.expect_navigation():
        page.get_by_role("button", name="回答を公開する").click()
    assert str(messages.ANSWERED) in flash_text(page)

    login(page, takahashi.email, DEFAULT_PASSWORD)
    page.goto(reverse("challenges:detail", args=[challenge.pk]))
    qa = page.locator("#qa").inner_text()
    assert "市の照明柱なら設置できます。" in qa and "鈴木" not in qa

    # 3. Both companies propose; 鈴木 attaches a PDF on the phone.
    pdf = tmp_path / "提案書.pdf"
    pdf.write_bytes(PDF)
    mobile_page.goto(reverse("challenges:propose", args=[challenge.pk]))
    check_axe(mobile_page, context="propose form (phone)")
    assert_no_horizontal_scroll(mobile_page)
    field(mobile_page, "提案の概要").fill("照明柱に積雪センサーを付けます。")
    field(mobile_page, "解決の方法").fill("10か所にセンサーを置き、朝4時に出動の目安を知らせます。")
    field(mobile_page, "費用（円）").fill("2800000")
    mobile_page.get_by_label("資料（PDF、3件まで・1件10MBまで）").set_input_files(str(pdf))
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="提案を提出する").click()
    assert str(messages.PROPOSED) in flash_text(mobile_page)
    assert "提案書.pdf" in mobile_page.locator("main").inner_text()
    screenshot(mobile_page, "challenge-03-proposed-phone")

    page.goto(reverse("challenges:propose", args=[challenge.pk]))
    field(page, "提案の概要").fill("住民の投稿で積雪を地図にします。")
    field(page, "解決の方法").fill("LINEで路面の写真を集めます。")
    with page.expect_navigation():
        page.get_by_role("button", name="提案を提出する").click()
    proposals = {p.organization_id: p for p in Proposal.objects.all()}
    mine, theirs = proposals[mirai.pk], proposals[shonai.pk]
    # 高橋 cannot open 鈴木's proposal.
    response = page.goto(reverse("challenges:proposal", args=[mine.pk]))
    assert response is not None and response.status == 404

    # 4. 加藤 adds reviewers; 鈴木, a reviewer, is blocked from his own company's proposal.
    login(page, kato.email, DEFAULT_PASSWORD)
    page.goto(reverse("challenges:reviewers", args=[challenge.pk]))
    check_axe(page, context="reviewers")
    field(page, "審査員のメールアドレス").fill(suzuki.email)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="追加する").click()
    assert str(messages.REVIEWER_ADDED) in flash_text(page)
    screenshot(page, "challenge-04-reviewers")
    challenge.refresh_from_db()
    round_ = screening.round_get(challenge.screening_round_id)
    items = {i.subject_id: i for i in round_.items.all()}
    assert refusal_to_score(suzuki, items[mine.pk]) is not None
    assert refusal_to_score(suzuki, items[theirs.pk]) is None

    # 5. 加藤 selects 鈴木's proposal with a reason; it becomes a trial project.
    decision_record(
        actor=kato, item=items[mine.pk], outcome="selected", reason="この冬に実証できる計画です。"
    )
    decision_record(
        actor=kato,
        item=items[theirs.pk],
        outcome="not_selected",
        reason="写真の投稿が冬に集まるかの見通しが不足していました。",
    )
    mine.refresh_from_db()
    project = Project.objects.get(pk=mine.project_id)
    assert project.stage == "trial"
    page.goto(reverse("challenges:detail", args=[challenge.pk]))
    assert "照明柱に積雪センサーを付けます。" in page.locator("main").inner_text()
    check_axe(page, context="decided challenge")
    screenshot(page, "challenge-05-decided")

    # 6. 高橋 reads his reason on a phone.
    login(mobile_page, takahashi.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("challenges:mine"))
    check_axe(mobile_page, context="my proposals (phone)")
    assert_no_horizontal_scroll(mobile_page)
    mobile_page.get_by_role("link", name="冬の道路の除雪出動を、データで判断したい").click()
    assert "写真の投稿が冬に集まるかの見通しが不足していました。" in (
        mobile_page.locator("main").inner_text()
    )
    check_axe(mobile_page, context="not selected (phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "challenge-06-reason-phone")

    # 7. A company posts a reverse challenge; 酒田市 proposes.
    reverse_one = ChallengeFactory(
        organization=mirai,
        direction=Direction.COMPANY_POSTS,
        title="センサーの実証フィールドを探しています",
        open_to_company=False,
        open_to_local_government=True,
        offer_kind="trial_field",
        budget_yen=None,
    )
    login(page, kato.email, DEFAULT_PASSWORD)
    page.goto(reverse("challenges:list") + "?direction=company_posts")
    page.get_by_role("link", name="センサーの実証フィールドを探しています").click()
    page.get_by_role("link", name="このチャレンジに提案する").click()
    field(page, "提案の概要").fill("市道3路線を実証の場にします。")
    field(page, "解決の方法").fill("道路課が設置場所と作業を用意します。")
    with page.expect_navigation():
        page.get_by_role("button", name="提案を提出する").click()
    assert Proposal.objects.filter(challenge=reverse_one, organization=city).exists()
    assert urlsplit(page.url).path.startswith("/challenges/proposals/")
    check_axe(page, context="reverse proposal")
    screenshot(page, "challenge-07-reverse-proposed")
