"""An organization in a browser: 鈴木 registers one, invites 高橋 by email, and 高橋 accepts the
invitation on a phone — axe-clean at every step."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
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
from kyoso.orgs import messages
from kyoso.orgs.models import MemberRole, Membership, Organization

pytestmark = pytest.mark.browser

ORG_NAME = "庄内まちづくり協議会"
INVITATION_LINK = re.compile(r"https?://\S+?(/orgs/invitations/[^/\s]+/)")


def test_create_organization_invite_member_who_accepts(page, mobile_page, suzuki, takahashi):
    # 1. 鈴木 (a verified citizen) registers an organization.
    login(page, suzuki.email, DEFAULT_PASSWORD)
    page.goto(reverse("orgs:create"))
    check_axe(page, context="organization form")
    field(page, "団体名").fill(ORG_NAME)
    field(page, "団体名（フリガナ）").fill("しょうないまちづくりきょうぎかい")
    field(page, "種別").select_option(label="地域団体・コミュニティ")
    field(page, "地域").select_option(label="山形県酒田市")
    field(page, "紹介").fill("酒田・鶴岡の空き家と商店街の活用に取り組む市民の集まりです。")
    field(page, "ウェブサイト").fill("shonai-machi.example.jp")
    screenshot(page, "org-01-create-filled")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="登録する").click()

    organization = Organization.objects.get(name=ORG_NAME)
    # The organization's short onboarding: what it does, where (kept), what it offers.
    assert urlsplit(page.url).path == reverse(
        "orgs:onboarding", kwargs={"slug": organization.slug, "step": "does"}
    )
    assert str(messages.ORG_CREATED) in flash_text(page)
    check_axe(page, context="organization onboarding: what it does")
    page.get_by_label("まちづくり・地域コミュニティ").check()
    with page.expect_navigation():
        page.get_by_role("button", name="次へ").click()
    check_axe(page, context="organization onboarding: where")
    with page.expect_navigation():
        page.get_by_role("button", name="次へ").click()
    page.get_by_label("場所（会場・スペース）").check()
    check_axe(page, context="organization onboarding: what it offers")
    screenshot(page, "org-01b-onboarding-offer")
    with page.expect_navigation():
        page.get_by_role("button", name="完了").click()
    assert urlsplit(page.url).path == reverse("orgs:detail", args=[organization.slug])
    assert str(messages.ONBOARDING_DONE) in flash_text(page)
    assert "場所（会場・スペース）" in page.locator("dl.facts").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == ORG_NAME
    assert organization.name_kana == "ショウナイマチヅクリキョウギカイ"  # hiragana became katakana
    assert organization.website == "https://shonai-machi.example.jp"
    assert "山形県酒田市" in page.locator("dl.facts").inner_text()
    check_axe(page, context="organization detail (owner)")
    screenshot(page, "org-02-created")

    # 2. As its owner, 鈴木 invites 高橋 by email.
    page.get_by_role("link", name="メンバーの管理").click()
    page.wait_for_url(f"**{reverse('orgs:members', args=[organization.slug])}")
    check_axe(page, context="members page")
    field(page, "招待するメールアドレス").fill(takahashi.email)
    field(page, "権限").select_option(MemberRole.MEMBER.value)
    with page.expect_navigation():
        page.get_by_role("button", name="招待メールを送る").click()
    assert str(messages.INVITATION_SENT % {"email": takahashi.email}) in flash_text(page)
    pending = page.get_by_role("region", name="回答待ちの招待")
    assert takahashi.email in pending.inner_text()
    check_axe(page, context="members page with a pending invitation")
    screenshot(page, "org-03-invited")

    # 3. 高橋 opens the emailed link on a phone, signs in, and accepts.
    invitations = [m for m in mail.outbox if m.to == [takahashi.email]]
    assert len(invitations) == 1
    assert ORG_NAME in invitations[0].body
    found = INVITATION_LINK.search(invitations[0].body)
    assert found, invitations[0].body
    mobile_page.goto(found.group(1))
    assert urlsplit(mobile_page.url).path == reverse("accounts:login")  # asked to sign in first
    login(mobile_page, takahashi.email, DEFAULT_PASSWORD)
    assert urlsplit(mobile_page.url).path == found.group(1)
    assert ORG_NAME in mobile_page.locator("main").inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="invitation (360 px)")
    screenshot(mobile_page, "org-04-invitation-360")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="招待を承諾して参加する").click()
    assert urlsplit(mobile_page.url).path == reverse("orgs:detail", args=[organization.slug])
    assert str(messages.INVITATION_ACCEPTED % {"org": ORG_NAME}) in flash_text(mobile_page)
    assert "あなたはこの団体のメンバーです。" in mobile_page.locator("main").inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="organization detail after accepting (360 px)")
    screenshot(mobile_page, "org-05-accepted-360")

    # 4. 鈴木 sees the new member and no pending invitation any more.
    page.reload()
    members = page.get_by_role("region", name="メンバー", exact=True)
    assert takahashi.display_name in members.inner_text()
    assert "回答待ちの招待はありません。" in page.locator("main").inner_text()
    check_axe(page, context="members page after acceptance")
    screenshot(page, "org-06-members")
    assert Membership.objects.get(organization=organization, user=takahashi).role == (
        MemberRole.MEMBER
    )
