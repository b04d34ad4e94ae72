"""Stage changes: who may move an issue where, the reason, the append-only timeline, the
audit row and the followers' notifications."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.issues import messages
from kyoso.issues.models import Issue, Stage, StageChange
from kyoso.issues.rules import LADDER, stage_choices_for
from kyoso.issues.services import engagement, stages
from kyoso.issues.services.posting import IssueError
from kyoso.issues.tests.factories import IssueFactory


@pytest.fixture
def issue(poster, organization):
    return IssueFactory(author=poster, organization=organization, title="空き家の活用")


def test_the_secretariat_moves_an_issue_with_a_reason_and_the_timeline_shows_it(
    client, sato, issue
):
    client.force_login(sato)

    response = client.post(
        reverse("issues:change_stage", args=[issue.pk]),
        {"to_stage": Stage.SURFACED, "reason": "定例会で多くの参加者が同じ悩みを話しました。"},
    )

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.stage == Stage.SURFACED
    change = StageChange.objects.get(issue=issue)
    assert (change.from_stage, change.to_stage, change.actor) == (Stage.SEED, Stage.SURFACED, sato)
    page = client.get(response["Location"]).content.decode()
    assert str(messages.STAGE_CHANGED % {"stage": "顕在化"}) in page
    timeline = re.search(r'<section id="timeline".*?</section>', page, re.S).group(0)
    assert "顕在化" in timeline
    assert "定例会で多くの参加者が同じ悩みを話しました。" in timeline
    assert sato.public_name in timeline


def test_every_change_is_a_new_history_row_in_order(sato, issue):
    for to_stage, reason in [
        (Stage.SURFACED, "顕在化しました"),
        (Stage.IN_ACTION, "モデル事業を始めました"),
        (Stage.SURFACED, "担い手が抜けたので戻します"),
    ]:
        issue.refresh_from_db()
        stages.issue_change_stage(actor=sato, issue=issue, to_stage=to_stage, reason=reason)

    history = list(StageChange.objects.filter(issue=issue).values_list("from_stage", "to_stage"))
    assert history == [
        (Stage.SEED, Stage.SURFACED),
        (Stage.SURFACED, Stage.IN_ACTION),
        (Stage.IN_ACTION, Stage.SURFACED),
    ]


def test_a_stage_change_writes_an_audit_row(sato, issue):
    stages.issue_change_stage(actor=sato, issue=issue, to_stage=Stage.CLOSED, reason="解消済み")

    event = AuditEvent.objects.get(action=stages.AUDIT_STAGE_CHANGED)
    assert event.actor == sato
    assert event.target_id == str(issue.pk)
    assert event.data == {"from": "seed", "to": "closed", "reason": "解消済み"}


def test_a_reason_is_required(client, sato, issue):
    client.force_login(sato)

    response = client.post(
        reverse("issues:change_stage", args=[issue.pk]), {"to_stage": Stage.SURFACED, "reason": " "}
    )

    assert response.status_code == 400
    assert str(messages.STAGE_REASON_REQUIRED) in response.content.decode()
    issue.refresh_from_db()
    assert issue.stage == Stage.SEED
    assert not StageChange.objects.exists()


def test_the_poster_moves_along_the_ladder_but_cannot_close_or_merge(poster, issue):
    assert stage_choices_for(poster, issue) == [s for s in LADDER if s != Stage.SEED]

    for forbidden in (Stage.CLOSED, Stage.MERGED):
        with pytest.raises(IssueError) as refused:
            stages.issue_change_stage(actor=poster, issue=issue, to_stage=forbidden, reason="x")
        assert refused.value.message == messages.STAGE_NOT_ALLOWED
    stages.issue_change_stage(actor=poster, issue=issue, to_stage=Stage.SPREAD, reason="広がった")
    assert Issue.objects.get(pk=issue.pk).stage == Stage.SPREAD


def test_the_poster_cannot_post_a_forbidden_stage_through_the_form(client, poster, issue):
    client.force_login(poster)

    response = client.post(
        reverse("issues:change_stage", args=[issue.pk]),
        {"to_stage": Stage.CLOSED, "reason": "閉じたい"},
    )

    assert response.status_code == 400
    assert str(messages.STAGE_NOT_ALLOWED) in response.content.decode()
    assert Issue.objects.get(pk=issue.pk).stage == Stage.SEED


def test_nobody_merges_through_a_stage_change(sato, issue):
    assert Stage.MERGED not in stage_choices_for(sato, issue)
    with pytest.raises(IssueError):
        stages.issue_change_stage(actor=sato, issue=issue, to_stage=Stage.MERGED, reason="x")


def test_the_same_stage_is_refused(sato, issue):
    with pytest.raises(IssueError) as refused:
        stages.issue_change_stage(actor=sato, issue=issue, to_stage=Stage.SEED, reason="x")
    assert refused.value.message == messages.STAGE_UNCHANGED


def test_a_change_made_from_a_stale_page_is_refused(sato, org_admin, issue):
    stale = Issue.objects.get(pk=issue.pk)
    stages.issue_change_stage(actor=sato, issue=issue, to_stage=Stage.SURFACED, reason="一")

    with pytest.raises(IssueError) as refused:
        stages.issue_change_stage(
            actor=org_admin, issue=stale, to_stage=Stage.IN_ACTION, reason="二"
        )

    assert refused.value.message == messages.STAGE_CHANGED_ELSEWHERE
    assert StageChange.objects.count() == 1
    assert Issue.objects.get(pk=issue.pk).stage == Stage.SURFACED


def test_only_the_secretariat_reopens_a_closed_issue(sato, poster, issue):
    stages.issue_change_stage(actor=sato, issue=issue, to_stage=Stage.CLOSED, reason="解消")
    issue.refresh_from_db()
    assert stage_choices_for(poster, issue) == []
    stages.issue_change_stage(actor=sato, issue=issue, to_stage=Stage.SURFACED, reason="再燃")
    assert Issue.objects.get(pk=issue.pk).stage == Stage.SURFACED


def test_stage_changes_update_activity_and_notify_followers(sato, suzuki, takahashi, issue):
    from kyoso.notifications.models import Notification

    engagement.follow_toggle(actor=suzuki, issue=issue, on=True)
    engagement.follow_toggle(actor=sato, issue=issue, on=True)
    before = Issue.objects.get(pk=issue.pk).last_activity_at

    stages.issue_change_stage(actor=sato, issue=issue, to_stage=Stage.SURFACED, reason="理由")

    assert Issue.objects.get(pk=issue.pk).last_activity_at > before
    notified = set(Notification.objects.values_list("recipient__email", flat=True))
    assert notified == {suzuki.email}  # followers, not the actor, not non-followers
    note = Notification.objects.get()
    assert note.kind == "issues.stage"
    assert note.url == reverse("issues:detail", args=[issue.pk]) + "#timeline"
    assert "顕在化" in note.text
