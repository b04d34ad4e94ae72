"""From an idea event to a project, and back to the event's figures: 鈴木's pitch team (鈴木 and
高橋) becomes a project with its members; 田中, who attended but joined no team, asks to join on
a phone and is approved; the organizer 佐藤's follow-up page then counts 田中 as having acted
and lists the project that grew out of the event — axe-clean at every step."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    login,
    screenshot,
)
from kyoso.events.models import EventKind, Pitch, RegistrationStatus, TeamMember
from kyoso.events.tests.factories import EventFactory, RegistrationFactory
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Origin, Project

pytestmark = pytest.mark.browser


def _conversion_text(page) -> str:
    return page.locator("#conversion-heading").locator("xpath=..").inner_text()


def test_pitch_team_becomes_a_project_and_the_event_counts_it(
    page, mobile_page, sato, suzuki, takahashi
):
    tanaka = UserFactory(email="tanaka@example.jp", display_name="田中")
    started = timezone.now() - timedelta(days=5)
    event = EventFactory(
        title="チーム庄内 アイデアソン",
        kind=EventKind.IDEA,
        created_by=sato,
        starts_at=started,
        ends_at=started + timedelta(hours=3),
    )
    for person in (suzuki, takahashi, tanaka):
        RegistrationFactory(
            event=event,
            user=person,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=started - timedelta(days=3),
            checked_in_at=started,
        )
    pitch = Pitch.objects.create(
        event=event,
        author=suzuki,
        title="空き家で週末だけのこども食堂",
        summary="空き家を借りて、週末に子どもと高齢者が一緒に食べる場をつくる。",
        wanted="料理が得意な人、空き家の持ち主",
        team_size=2,
    )
    TeamMember.objects.bulk_create(
        [TeamMember(pitch=pitch, user=suzuki), TeamMember(pitch=pitch, user=takahashi)]
    )

    # 1. Before: the two team members have acted (joined a team), 田中 has not.
    login(page, sato.email, DEFAULT_PASSWORD)
    followup = reverse("events:followup", args=[event.pk])
    page.goto(followup)
    assert "参加者3人のうち2人" in _conversion_text(page)
    assert "この会から生まれたプロジェクトはまだありません。" in page.locator("main").inner_text()

    # 2. 鈴木 starts a project from the pitch: the pitch is the first draft.
    login(page, suzuki.email, DEFAULT_PASSWORD)
    page.goto(reverse("events:ideas", args=[event.pk]))
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="プロジェクトを始める").click()
    check_axe(page, context="project form from a pitch")
    assert field(page, "プロジェクトの名前").input_value() == pitch.title
    if not field(page, "ひとことで目標").input_value():
        field(page, "ひとことで目標").fill("週末の食卓で、子どもと高齢者の居場所をつくる。")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="プロジェクトを始める").click()
    project = Project.objects.get()
    assert urlsplit(page.url).path == reverse("projects:detail", args=[project.pk])
    assert project.origin == Origin.PITCH and project.origin_event_id == event.pk
    members = {m.user_id: m.role for m in Membership.objects.filter(project=project)}
    assert members == {suzuki.pk: MemberRole.LEAD, takahashi.pk: MemberRole.MEMBER}
    main = page.locator("main").inner_text()
    assert "高橋" in main and pitch.title in main
    check_axe(page, context="project from a pitch (lead)")
    screenshot(page, "pitch-project-01-started")

    # 3. 田中 asks to join on a phone; 鈴木 approves.
    login(mobile_page, tanaka.email, DEFAULT_PASSWORD)
    mobile_page.goto(reverse("projects:detail", args=[project.pk]))
    assert_no_horizontal_scroll(mobile_page)
    mobile_page.get_by_text("参加を申請する").click()
    with mobile_page.expect_navigation():
        mobile_page.locator("main").get_by_role("button", name="申請する").click()
    screenshot(mobile_page, "pitch-project-02-request-phone")
    page.goto(reverse("projects:members", args=[project.pk]))
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="承認する").click()
    assert Membership.objects.get(project=project, user=tanaka).status == MemberStatus.ACTIVE

    # 4. After: all three attendees have acted, and the project is listed on the follow-up page.
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(followup)
    assert "参加者3人のうち3人" in _conversion_text(page)
    assert "プロジェクトに参加する" in _conversion_text(page)
    grown = page.locator("main").get_by_role("link", name=project.title)
    assert grown.get_attribute("href") == reverse("projects:detail", args=[project.pk])
    check_axe(page, context="event follow-up with its project")
    screenshot(page, "pitch-project-03-followup")
