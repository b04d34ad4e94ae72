"""A co-creation community in a browser: 松本 (Organizer) starts one that needs approval,
鈴木 asks to join on a phone, 松本 approves, 鈴木 posts on the board, 松本 pins it and mails the
members, and 鈴木 stops the mail from the link without signing in — axe-clean at every step."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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
from kyoso.communities import messages
from kyoso.communities.models import BoardPost, Community, CommunityMembership
from kyoso.roles.models import PlatformRole, RoleAssignment

pytestmark = pytest.mark.browser

NAME = "サンロクIT女子フリーランス"
UNSUBSCRIBE = re.compile(r"https?://\S+?(/communities/unsubscribe/[^/\s]+/)")


def test_start_join_approve_post_pin_mail_unsubscribe(page, mobile_page, suzuki):
    matsumoto = UserFactory(email="matsumoto@example.jp", display_name="松本")
    RoleAssignment.objects.create(user=matsumoto, role=PlatformRole.ORGANIZER)

    # 1. 松本 starts the community.
    login(page, matsumoto.email, DEFAULT_PASSWORD)
    page.goto(reverse("communities:list"))
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="コミュニティをつくる").click()
    check_axe(page, context="community form")
    field(page, "コミュニティ名").fill(NAME)
    field(page, "URL用の名前").fill("sanroku-it-joshi")
    field(page, "テーマ").select_option(label="デジタル・IT")
    field(page, "紹介").fill("デジタルのスキルを仕事に活かす女性のコミュニティです。")
    field(page, "主な活動地域").select_option(label="山形県酒田市")
    page.get_by_label("リーダーの承認が必要").check()
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="つくる").click()
    community = Community.objects.get(slug="sanroku-it-joshi")
    assert urlsplit(page.url).path == reverse("communities:detail", args=[community.slug])
    assert str(messages.COMMUNITY_CREATED) in flash_text(page)
    check_axe(page, context="community page (leader)")
    screenshot(page, "community-01-created")

    # 2. 鈴木 asks to join on a phone.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("communities:detail", args=[community.slug]))
    field(mobile_page, "リーダーへのメッセージ（任意）").fill("ホームページ制作をしています。")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="参加を申請する").click()
    assert str(messages.JOIN_REQUESTED) in flash_text(mobile_page)
    check_axe(mobile_page, context="community page (pending, phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "community-02-requested-phone")

    # 3. 松本 approves the request.
    page.goto(reverse("communities:members", args=[community.slug]))
    assert "ホームページ制作をしています。" in page.locator("main").inner_text()
    check_axe(page, context="members page with a request")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^承認する")).click()
    assert str(messages.MEMBERSHIP_APPROVED) in flash_text(page)
    screenshot(page, "community-03-approved")

    # 4. 鈴木 posts on the board; the script tag shows as text.
    mobile_page.goto(reverse("communities:board", args=[community.slug]))
    field(mobile_page, "タイトル").fill("<script>alert(1)</script>自己紹介")
    field(mobile_page, "本文").fill("酒田でWebの仕事をしています。\nよろしくお願いします。")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="投稿する").click()
    assert (
        "<script>alert(1)</script>自己紹介"
        in mobile_page.get_by_role("heading", level=1).inner_text()
    )
    check_axe(mobile_page, context="board post (phone)")
    assert_no_horizontal_scroll(mobile_page)
    post = BoardPost.objects.get(community=community)

    # 5. 松本 pins it, then mails the members.
    page.goto(reverse("communities:post", args=[community.slug, post.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="ピン留めする").click()
    assert str(messages.POST_PINNED) in flash_text(page)
    page.goto(reverse("communities:board", args=[community.slug]))
    check_axe(page, context="board with a pinned post")
    screenshot(page, "community-04-board")
    page.goto(reverse("communities:message", args=[community.slug]))
    check_axe(page, context="message form")
    field(page, "件名").fill("来週のオンライン勉強会")
    field(page, "本文").fill("水曜20時からです。")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="送信する").click()
    assert str(messages.MESSAGE_SENT % {"count": 1}) in flash_text(page)
    screenshot(page, "community-05-message-sent")

    # 6. 鈴木 opens the unsubscribe link without being signed in.
    sent = [m for m in mail.outbox if m.to == [suzuki.email] and "勉強会" in m.subject]
    assert len(sent) == 1
    link = UNSUBSCRIBE.search(sent[0].body)
    assert link, sent[0].body
    mobile_page.context.clear_cookies()
    mobile_page.goto(link.group(1))
    check_axe(mobile_page, context="unsubscribe confirmation")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="配信を停止する").click()
    assert "メールを停止しました" in mobile_page.locator("main").inner_text()
    screenshot(mobile_page, "community-06-unsubscribed-phone")
    assert CommunityMembership.objects.get(community=community, user=suzuki).messages_opted_out

    # 7. 松本 removes 鈴木 from the community, saying why; 鈴木 is told.
    page.goto(reverse("communities:members", args=[community.slug]))
    page.get_by_role("link", name=re.compile(r"^メンバーから外す\s*鈴木")).click()
    page.wait_for_url(re.compile(r"/remove/"))
    check_axe(page, context="remove a member")
    field(page, "外す理由（任意・本人へのお知らせに載ります）").fill(
        "掲示板の使い方について相談させてください。"
    )
    screenshot(page, "community-07-remove-member")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="メンバーから外す").click()
    assert str(messages.MEMBER_REMOVED % {"name": "鈴木"}) in flash_text(page)
    assert not CommunityMembership.objects.filter(community=community, user=suzuki).exists()
    assert suzuki.notifications.filter(text__contains="掲示板の使い方について").exists()
