"""A newcomer's first visit in a browser: sign up, verify the address, fill the profile, upload
an icon, and see the public profile — axe-clean at every step."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from kyoso.accounts import messages
from kyoso.accounts.models import User
from kyoso.browser_tests.conftest import check_axe, field, flash_text, screenshot

pytestmark = pytest.mark.browser

EMAIL = "yamada.taro@example.jp"
PASSWORD = "sakata-umi-2025"  # noqa: S105 (the test account typed into the form)
VERIFY_LINK = re.compile(r"https?://\S+?(/accounts/verify/[^/\s]+/)")


def _make_png(path) -> None:
    image = Image.new("RGB", (64, 64), (11, 92, 173))
    for x in range(16, 48):
        for y in range(16, 48):
            image.putpixel((x, y), (255, 255, 255))
    image.save(path, format="PNG")


def test_signup_verify_profile_avatar_public_profile(page, browser, live_url, tmp_path):
    # 1. Sign up with a Japanese name and its reading.
    page.goto(reverse("accounts:signup"))
    check_axe(page, context="signup form")
    field(page, "メールアドレス").fill(EMAIL)
    field(page, "パスワード").fill(PASSWORD)
    field(page, "表示名").fill("山田太郎")
    field(page, "姓").fill("山田")
    field(page, "名").fill("太郎")
    field(page, "姓（フリガナ）").fill("ヤマダ")
    field(page, "名（フリガナ）").fill("タロウ")
    field(page, "利用規約とプライバシーポリシーに同意します").check()
    screenshot(page, "journey-01-signup-filled")
    with page.expect_navigation():
        page.get_by_role("button", name="登録する").click()
    # Sign-up leads to the onboarding's first step (skipped here: the onboarding journey is
    # kyoso/browser_tests/test_onboarding_journey.py).
    page.wait_for_url(f"**{reverse('accounts:onboarding', kwargs={'step': 'place'})}")
    assert str(messages.VERIFICATION_SENT) in flash_text(page)
    # Signed in, not yet verified: the banner asks to open the mail.
    assert page.get_by_role("status").filter(has_text="メールアドレスの確認がまだです").is_visible()
    check_axe(page, context="settings right after sign-up")
    screenshot(page, "journey-02-after-signup")

    user = User.objects.get(email=EMAIL)
    assert (user.family_name, user.given_name) == ("山田", "太郎")
    assert (user.family_name_kana, user.given_name_kana) == ("ヤマダ", "タロウ")
    assert user.email_verified_at is None

    # 2. The verification mail went through the locmem backend of this very process.
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    found = VERIFY_LINK.search(mail.outbox[0].body)
    assert found, mail.outbox[0].body
    page.goto(found.group(1))
    assert page.get_by_text(str(messages.VERIFICATION_DONE)).is_visible()
    check_axe(page, context="verification result")
    screenshot(page, "journey-03-verified")
    user.refresh_from_db()
    assert user.email_verified_at is not None

    # 3. Fill the profile.
    page.goto(reverse("accounts:settings"))
    assert page.get_by_role("status").filter(has_text="メールアドレスの確認がまだです").count() == 0
    field(page, "自己紹介").fill(
        "酒田で港町の空き家活用に取り組んでいます。\n週末は庄内浜で清掃活動。"
    )
    field(page, "スキル").fill("ウェブ制作、データ分析")
    field(page, "関心のあるテーマ").fill("空き家、防災、子育て")
    field(page, "地域").select_option(label="山形県酒田市")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    assert str(messages.PROFILE_SAVED) in flash_text(page)
    profile = User.objects.get(email=EMAIL).profile
    assert profile.skills == ["ウェブ制作", "データ分析"]
    assert profile.themes == ["空き家", "防災", "子育て"]
    assert profile.municipality.name == "酒田市"
    check_axe(page, context="profile settings after saving")
    screenshot(page, "journey-04-profile-saved")

    # 4. Upload an icon.
    png = tmp_path / "icon.png"
    _make_png(png)
    page.locator("input[type=file][name=avatar]").set_input_files(png)
    with page.expect_navigation():
        page.get_by_role("button", name="アップロード").click()
    assert str(messages.AVATAR_SAVED) in flash_text(page)
    avatar = page.get_by_role("img", name="現在のアイコン画像")
    assert avatar.evaluate("img => img.complete && img.naturalWidth > 0")
    check_axe(page, context="profile settings with an icon")
    screenshot(page, "journey-05-avatar")

    # 5. The public profile, as its owner.
    page.get_by_role("link", name="公開プロフィールを見る").click()
    page.wait_for_url(f"**{reverse('accounts:person', args=[user.pk])}")
    assert page.get_by_role("heading", level=1).inner_text() == "山田太郎"
    facts = page.locator("dl.facts").inner_text()
    for expected in ("港町の空き家活用", "ウェブ制作、データ分析", "空き家、防災、子育て"):
        assert expected in facts
    assert "山形県酒田市" in facts
    assert "山田 太郎（ヤマダ タロウ）" in page.locator(".profile-head").inner_text()
    assert page.locator(".profile-head img.avatar").evaluate("img => img.naturalWidth > 0")
    check_axe(page, context="public profile (owner)")
    screenshot(page, "journey-06-public-profile")

    # 6. The same profile for a visitor who is not signed in: public fields only.
    visitor = browser.new_context(base_url=live_url, locale="ja-JP")
    try:
        other = visitor.new_page()
        other.goto(reverse("accounts:person", args=[user.pk]))
        visible = other.locator("main").inner_text()
        assert "港町の空き家活用" in visible
        assert "酒田市" in visible
        assert "ヤマダ" not in visible  # the full name and its reading are for members only
        check_axe(other, context="public profile (visitor)")
        screenshot(other, "journey-07-public-profile-visitor")
    finally:
        visitor.close()


def test_signup_at_360px_shows_field_errors_in_japanese(mobile_page):
    """A phone user who forgets the reading's script and the terms box gets Japanese errors,
    and what they typed is still there."""
    mobile_page.goto(reverse("accounts:signup"))
    field(mobile_page, "メールアドレス").fill(EMAIL)
    field(mobile_page, "パスワード").fill(PASSWORD)
    field(mobile_page, "表示名").fill("山田太郎")
    field(mobile_page, "姓（フリガナ）").fill("yamada")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="登録する").click()
    assert mobile_page.get_by_text(str(messages.KANA_INVALID)).is_visible()
    assert field(mobile_page, "メールアドレス").input_value() == EMAIL
    assert field(mobile_page, "表示名").input_value() == "山田太郎"
    assert not User.objects.filter(email=EMAIL).exists()
    assert urlsplit(mobile_page.url).path == reverse("accounts:signup")
    check_axe(mobile_page, context="signup with errors (360 px)")
    screenshot(mobile_page, "journey-signup-errors-360")
