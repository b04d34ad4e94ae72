"""Introductions, advice and the network picture in a browser (issue 16): 鈴木 asks on a phone
to be introduced to 山田, who accepts, and both see the other's contact; 鈴木 asks the
secretariat for advice, 佐藤 (事務局) makes 伊藤 an advisor and gives it to him, and 伊藤
records the advice; then, with the demo loaded, 佐藤 sees the FY2021 and FY2022 figures side by
side and the picture — axe-clean at every step, no sideways scroll at 360 px."""

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
from kyoso.network import messages
from kyoso.network.models import AdviceRequest, Introduction

pytestmark = pytest.mark.browser

REASON = "空き家を使った週末市を企画しています。会場づくりのご経験をうかがいたいです。"
SUBJECT = "週末市の資金計画"
BODY = "出店料と会場の借り賃で赤字にならない計画にしたいです。"


@pytest.fixture
def demo_settings(settings, tmp_path, monkeypatch):
    """The demo loader keeps its generated password under DATA_DIR: a temporary one here."""
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("KYOSO_DEMO_PASSWORD", raising=False)


def _on_phone(mobile_page, context: str, shot: str) -> None:
    check_axe(mobile_page, context=context)
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, shot)


def _row(page, label: str) -> list[str]:
    """The cells (before, after, change) of the figures table's row headed ``label``."""
    row = page.locator("table.network-figures tr").filter(
        has=page.get_by_role("rowheader", name=label, exact=True)
    )
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def test_introduction_advice_and_network(page, mobile_page, suzuki, sato, demo_settings):
    yamada = UserFactory(email="yamada@example.jp", display_name="山田")
    ito = UserFactory(email="ito@example.jp", display_name="伊藤")

    # 1. 鈴木 asks, on a phone, to be introduced to 山田, saying why.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("introductions:new") + f"?to=user:{yamada.pk}")
    assert "山田さんへの紹介" in mobile_page.locator("main").inner_text()
    _on_phone(mobile_page, "introduction form (phone)", "introduction-01-ask-phone")
    field(mobile_page, "紹介してほしい理由").fill(REASON)
    with mobile_page.expect_navigation():
        mobile_page.locator("main").get_by_role("button", name="紹介を依頼する").click()
    intro = Introduction.objects.get()
    assert urlsplit(mobile_page.url).path == reverse("introductions:detail", args=[intro.pk])
    assert str(messages.INTRO_SENT) in flash_text(mobile_page)
    assert "yamada@example.jp" not in mobile_page.content()
    _on_phone(mobile_page, "introduction asked (phone)", "introduction-02-asked-phone")

    # 2. 山田 sees who asks and why, and accepts: the introduction is made.
    login(page, yamada.email, DEFAULT_PASSWORD)
    page.goto(reverse("introductions:list"))
    check_axe(page, context="introductions of the person asked")
    page.locator("main").get_by_role("link", name="鈴木").click()
    assert REASON in page.locator("main").inner_text()
    check_axe(page, context="introduction to answer")
    screenshot(page, "introduction-03-to-answer")
    with page.expect_navigation():
        page.get_by_role("button", name="承諾する").click()
    assert str(messages.INTRO_ACCEPTED_BOTH) in flash_text(page)
    contact = page.locator(".intro-contact")
    assert "suzuki@example.jp" in contact.inner_text()
    check_axe(page, context="accepted introduction (person asked)")
    screenshot(page, "introduction-04-accepted")

    # 3. 鈴木 now sees 山田's contact.
    mobile_page.reload()
    assert "yamada@example.jp" in mobile_page.locator(".intro-contact").inner_text()
    assert "成立" in mobile_page.locator(".intro-status").inner_text()
    _on_phone(mobile_page, "accepted introduction (phone)", "introduction-05-contact-phone")

    # 4. 鈴木 asks for advice, leaving the choice of advisor to the secretariat.
    mobile_page.goto(reverse("advice:list"))
    _on_phone(mobile_page, "advice list (phone)", "advice-01-list-phone")
    mobile_page.locator("main").get_by_role("link", name="アドバイザーに相談する").click()
    _on_phone(mobile_page, "advice form (phone)", "advice-02-ask-phone")
    field(mobile_page, "依頼の種類").select_option(label="助言")
    field(mobile_page, "件名").fill(SUBJECT)
    field(mobile_page, "相談したいこと").fill(BODY)
    with mobile_page.expect_navigation():
        mobile_page.get_by_role("button", name="相談を送る").click()
    assert str(messages.ADVICE_SENT) in flash_text(mobile_page)
    assert "事務局で調整中" in mobile_page.locator("main").inner_text()
    _on_phone(mobile_page, "advice sent (phone)", "advice-03-sent-phone")
    advice = AdviceRequest.objects.get()

    # 5. 佐藤 (事務局) makes 伊藤 an advisor, and gives him the request from the queue.
    page.context.clear_cookies()
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("advice:advisors"))
    check_axe(page, context="advisors")
    field(page, "メールアドレス").fill(ito.email)
    field(page, "専門分野").fill("地域金融・事業計画")
    page.get_by_role("group", name="受ける依頼の種類").get_by_label("助言").check()
    field(page, "月に受ける件数の上限").fill("3")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="登録する").click()
    assert str(messages.ADVISOR_SAVED) in flash_text(page)
    assert "地域金融・事業計画" in page.locator("main").inner_text()
    check_axe(page, context="advisor saved")
    screenshot(page, "advice-04-advisors")
    page.goto(reverse("advice:list"))
    check_axe(page, context="secretariat's queue")
    page.locator("main").get_by_role("link", name=SUBJECT).click()
    field(page, "アドバイザー").select_option(label="伊藤")
    with page.expect_navigation():
        page.get_by_role("button", name="担当を決める").click()
    assert str(messages.ADVICE_ASSIGNED) in flash_text(page)
    check_axe(page, context="advice assigned")
    screenshot(page, "advice-05-assigned")

    # 6. 伊藤 talks with 鈴木, records the advice and closes the request.
    page.context.clear_cookies()
    login(page, ito.email, DEFAULT_PASSWORD)
    page.goto(reverse("advice:detail", args=[advice.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="「相談中」にする").click()
    field(page, "助言の記録").fill("出店料の目安を三段階で試算し、商工会の補助につないだ。")
    with page.expect_navigation():
        page.get_by_role("button", name="記録を保存する").click()
    assert str(messages.ADVICE_RECORD_SAVED) in flash_text(page)
    with page.expect_navigation():
        page.get_by_role("button", name="「完了」にする").click()
    main = page.locator("main").inner_text()
    assert "商工会の補助につないだ" in main and "担当決定" in main and "完了" in main
    check_axe(page, context="advice recorded (advisor)")
    screenshot(page, "advice-06-recorded")

    # 鈴木 sees the request done, but never the advisor's private record.
    mobile_page.goto(reverse("advice:detail", args=[advice.pk]))
    main = mobile_page.locator("main").inner_text()
    assert "完了" in main and "商工会の補助につないだ" not in main
    _on_phone(mobile_page, "advice done (asker, phone)", "advice-07-done-phone")

    # 7. With the demo's FY2021 and FY2022 loaded, 佐藤 compares the two years.
    from kyoso.demo.services import demo_load

    demo_load()
    page.context.clear_cookies()
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("network:picture"))
    assert "令和3年度と令和4年度の比較" in page.locator("main").inner_text()
    before, after, _change = _row(page, "つながりのある人")
    assert int(before) > 0 and int(after) > 0 and before != after
    picture = page.locator("main svg")
    assert picture.count() == 1 and picture.locator("circle").count() == int(after)
    check_axe(page, context="network picture")
    screenshot(page, "network-01-picture")

    mobile_page.context.clear_cookies()
    login(mobile_page, sato.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("network:picture"))
    _on_phone(mobile_page, "network picture (phone)", "network-02-picture-phone")
