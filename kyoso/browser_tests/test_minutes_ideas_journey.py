"""After an event, in a browser: the organizer writes the minutes, links the issue that surfaced
and publishes; 鈴木, who attended, opens the follow-up on a phone and follows the issue in one
click. Then an idea event: 鈴木 joins a team with one click (htmx swaps the card) — axe-clean at
every step, no sideways scrolling at 360 px."""

from __future__ import annotations

import re
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
from kyoso.events import messages
from kyoso.events.models import IdeaRound, Minutes, RegistrationStatus, TeamMember
from kyoso.events.services import ideas
from kyoso.events.tests.after_event import attend, idea_event, make_event
from kyoso.events.tests.builders import RegistrationBuilder
from kyoso.issues.models import Follow
from kyoso.issues.tests.factories import IssueFactory

pytestmark = pytest.mark.browser


def test_minutes_published_and_followed_up(page, mobile_page, suzuki):
    tanaka = UserFactory(email="tanaka@example.jp", display_name="田中（主催）")
    event = make_event(created_by=tanaka, title="第3回定例会：若者の居場所")
    attend(event, suzuki)
    issue = IssueFactory(title="放課後に中高生が集まれる場所がない")

    # 1. The organizer writes the minutes.
    login(page, tanaka.email, DEFAULT_PASSWORD)
    page.goto(reverse("events:minutes_edit", args=[event.pk]))
    check_axe(page, context="minutes editor (empty)")
    field(page, "議事録").fill("## 出た意見\n\n- 放課後の居場所が足りない\n- 相談先が分からない")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    assert str(messages.MINUTES_SAVED) in flash_text(page)

    # 2. … links the issue that surfaced, by its number …
    field(page, "課題の番号またはURL").fill(str(issue.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="番号で加える").click()
    assert str(messages.MINUTES_ISSUE_LINKED % {"title": issue.title}) in flash_text(page)
    check_axe(page, context="minutes editor (with an issue)")
    screenshot(page, "minutes-01-editor")

    # 3. … and publishes for members: 鈴木 is told.
    page.locator("#publish").get_by_label("会員のみ").check()
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert str(messages.MINUTES_PUBLISHED_WITH_FOLLOWUP % {"count": 1}) in flash_text(page)
    assert Minutes.objects.get(event=event).published_at is not None
    check_axe(page, context="published minutes (organizer)")
    screenshot(page, "minutes-02-published")

    # 4. 鈴木 opens the follow-up on a phone and follows the issue with one click.
    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("events:followup", args=[event.pk]))
    check_axe(mobile_page, context="follow-up (attendee, phone)")
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "minutes-03-followup-phone")
    with mobile_page.expect_navigation():
        mobile_page.get_by_role(
            "button", name=re.compile(rf"^フォローする\s*：{issue.title}$")
        ).click()
    assert urlsplit(mobile_page.url).path == reverse("issues:detail", args=[issue.pk])
    assert Follow.objects.filter(issue=issue, user=suzuki).exists()

    mobile_page.goto(reverse("events:followups"))
    check_axe(mobile_page, context="my follow-ups (phone)")
    assert_no_horizontal_scroll(mobile_page)
    assert "フォロー中" in mobile_page.locator("main").inner_text()


def test_joining_a_team_at_an_idea_event(mobile_page, suzuki):
    tanaka = UserFactory(email="tanaka@example.jp", display_name="田中（主催）")
    event = idea_event(created_by=tanaka, round=IdeaRound.PITCH)
    ito = UserFactory(display_name="伊藤")
    for person in (suzuki, ito):
        RegistrationBuilder(event=event, user=person, status=RegistrationStatus.CONFIRMED)
    pitch = ideas.pitch_create(
        actor=ito,
        event=event,
        title="庄内の野菜で給食メニュー",
        summary="地元農家と高校生で、給食の一品を考えます。",
        wanted="料理が好きな人、農家さんとつながりのある人",
    )
    event.idea_round = IdeaRound.TEAM_UP
    event.save(update_fields=["idea_round"])

    login(mobile_page, suzuki.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("events:ideas", args=[event.pk]))
    check_axe(mobile_page, context="idea board (phone)")
    assert_no_horizontal_scroll(mobile_page)
    card = mobile_page.locator(f"#pitch-{pitch.pk}")
    card.get_by_role("button", name=re.compile(rf"^チームに入る\s*：{pitch.title}$")).click()
    card.get_by_role("button", name=re.compile(rf"^チームを抜ける\s*：{pitch.title}$")).wait_for()
    assert "チーム 2人" in card.inner_text() and "鈴木" in card.inner_text()
    assert TeamMember.objects.filter(pitch=pitch, user=suzuki).exists()
    check_axe(mobile_page, context="idea board after joining")
    screenshot(mobile_page, "ideas-01-joined-phone")
