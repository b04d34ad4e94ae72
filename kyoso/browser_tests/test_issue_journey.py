"""An issue in a browser, as a new user would try it: 田中 posts an issue in Japanese with a
photo and a map point (a similar issue is suggested while the title is typed), finds it
with a two-character word and with a word inside a compound, 高橋 empathizes and comments
on a phone, and 佐藤 (the secretariat) moves it to 顕在化 with a reason that the timeline
then shows — axe-clean at every step, with desktop and 360 px screenshots."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from PIL import Image

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, make_secretariat
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    flash_text,
    htmx_settled,
    login,
    screenshot,
)
from kyoso.issues import messages
from kyoso.issues.models import Attachment, Empathy, Issue, Stage, StageChange
from kyoso.issues.services import posting

pytestmark = pytest.mark.browser

TITLE = "生理用品を受け取れる場所が分からない"
BODY = (
    "市内の学校や公民館で**生理用品**を配っていると聞きましたが、"
    "どこで受け取れるのか分かりません。\n\n"
    "- 案内がまとまった場所がほしい\n- 子どもでも行ける場所だと助かる"
)
REASON = "定例会で同じ悩みが多く寄せられ、配布場所の一覧づくりを始めることになりました。"


def photo_with_exif() -> bytes:
    image = Image.new("RGB", (640, 480), (230, 120, 90))
    exif = Image.Exif()
    exif[0x0110] = "KyosoCam 3000"
    exif[0x8825] = {1: "N", 2: (38.0, 16.0, 5.0), 3: "E", 4: (140.0, 52.0, 10.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def logout(page) -> None:
    page.context.clear_cookies()


def test_post_find_empathize_and_surface_an_issue(page, mobile_page, live_url):
    poster = UserFactory(email="tanaka@example.jp", display_name="田中")
    helper = UserFactory(email="takahashi@example.jp", display_name="高橋")
    sato = make_secretariat(email="sato@hub.example.jp", display_name="佐藤（事務局）")
    # An older issue on a similar subject, so the form has something to suggest.
    older = posting.issue_create(
        actor=helper,
        data={"title": "生理用品の配布をもっと身近に", "body": "学校のトイレに置いてほしい。"},
    )

    # 1. 田中 posts an issue with a photo and a point on the map.
    login(page, poster.email, DEFAULT_PASSWORD)
    page.goto(reverse("issues:list"))
    check_axe(page, context="issue list")
    page.get_by_role("link", name="課題を投稿").click()
    page.wait_for_url(f"**{reverse('issues:create')}")
    check_axe(page, context="posting form")
    title = page.locator("#id_title")
    title.press_sequentially(TITLE, delay=10)
    suggestion = page.locator("#similar-issues").get_by_role("link", name=older.title)
    suggestion.wait_for()
    field(page, "本文").fill(BODY)
    page.get_by_label("ジェンダー・女性の活躍").check()
    page.get_by_label("健康・医療").check()
    field(page, "市区町村").select_option(label="宮城県仙台市青葉区")
    picker_map = page.locator("[data-point-picker] .point-picker__map")
    picker_map.wait_for()
    picker_map.click()  # the centre of the map
    assert page.locator("input[name=latitude]").input_value() != ""
    assert page.locator("input[name=longitude]").input_value() != ""
    page.locator("input[name=attachments]").set_input_files(
        {"name": "公民館の掲示板.jpg", "mimeType": "image/jpeg", "buffer": photo_with_exif()}
    )
    check_axe(page, context="posting form, filled in")
    screenshot(page, "issue-01-form-filled")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="投稿する").click()

    issue = Issue.objects.get(title=TITLE)
    assert urlsplit(page.url).path == reverse("issues:detail", args=[issue.pk])
    assert str(messages.ISSUE_POSTED) in flash_text(page)
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert issue.latitude is not None and issue.longitude is not None
    attachment = Attachment.objects.get(issue=issue)
    assert b"KyosoCam" not in attachment.file.read()
    photo = page.get_by_role("img", name="公民館の掲示板.jpg")
    # The photo is loading="lazy": it need not have arrived by the page's load event. Wait for
    # it (a broken image never gets a width, and the wait fails).
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle(), timeout=10_000
    )
    assert page.locator(".issue-body strong").inner_text() == "生理用品"
    check_axe(page, context="issue page (poster)")
    screenshot(page, "issue-02-posted")

    # 2. It is found with a two-character word and with a word inside a compound.
    for query in ("場所", "用品"):
        page.locator("#site-search-q").fill(query)
        with page.expect_navigation():
            page.locator("#site-search-q").press("Enter")
        results = page.locator("main ol.search-results")
        assert TITLE in results.inner_text(), query
    check_axe(page, context="search results")
    screenshot(page, "issue-03-found")
    logout(page)

    # 3. 高橋 empathizes on a phone (htmx swaps the button in place) and comments. The posting
    #    form fits the phone too.
    login(mobile_page, helper.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("issues:create"))
    mobile_page.locator("[data-point-picker] .point-picker__map").wait_for()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="posting form (360 px)")
    screenshot(mobile_page, "issue-04a-form-360")
    mobile_page.goto(reverse("issues:detail", args=[issue.pk]))
    button = mobile_page.get_by_role("button", name="共感する")
    button.click()
    pressed = mobile_page.get_by_role("button", name="共感しています")
    pressed.wait_for()
    htmx_settled(mobile_page)
    assert pressed.get_attribute("aria-pressed") == "true"
    assert "共感 1人" in mobile_page.locator("#empathy").inner_text()
    assert Empathy.objects.filter(issue=issue, user=helper).count() == 1
    assert Issue.objects.get(pk=issue.pk).empathy_count == 1
    field(mobile_page, "コメント").fill("うちの地区の公民館では、受付で声をかけるともらえました。")
    with mobile_page.expect_navigation():
        mobile_page.locator("#comment-form").get_by_role("button", name="コメントする").click()
    assert str(messages.COMMENT_POSTED) in flash_text(mobile_page)
    assert "受付で声をかけるともらえました" in mobile_page.locator("#comments").inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="issue page after empathy and a comment (360 px)")
    screenshot(mobile_page, "issue-04b-empathy-360")

    # 4. 佐藤 (the secretariat) moves it to 顕在化 with a reason; the timeline shows it.
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("issues:detail", args=[issue.pk]))
    page.get_by_text("段階を変更する").click()
    field(page, "新しい段階").select_option(label="顕在化")
    field(page, "理由").fill(REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="段階を変更").click()
    assert str(messages.STAGE_CHANGED % {"stage": "顕在化"}) in flash_text(page)
    timeline = page.get_by_role("region", name="段階の移り変わり")
    text = timeline.inner_text()
    assert "顕在化" in text and REASON in text and "佐藤（事務局）" in text
    assert Issue.objects.get(pk=issue.pk).stage == Stage.SURFACED
    assert StageChange.objects.filter(issue=issue, to_stage=Stage.SURFACED).count() == 1
    check_axe(page, context="issue page after the stage change")
    screenshot(page, "issue-05-surfaced")

    # 5. On a phone, the timeline and the list read well at 360 px.
    mobile_page.goto(reverse("issues:detail", args=[issue.pk]))
    assert REASON in mobile_page.get_by_role("region", name="段階の移り変わり").inner_text()
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="issue page with timeline (360 px)")
    screenshot(mobile_page, "issue-06-timeline-360")
    mobile_page.goto(reverse("issues:list") + "?sort=empathy")
    first = mobile_page.locator(".issue-card h2").first.inner_text()
    assert first == TITLE
    assert re.search(r"共感 1", mobile_page.locator(".issue-card").first.inner_text())
    assert_no_horizontal_scroll(mobile_page)
    check_axe(mobile_page, context="issue list (360 px)")
    screenshot(mobile_page, "issue-07-list-360")
