"""An issue taken up by a project moves to 取組中 without the stage permission (the project is
the reason), only forwards, and its followers are told."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.issues.models import Follow, Stage, StageChange
from kyoso.issues.services.taken_up import issue_taken_up
from kyoso.issues.tests.factories import IssueFactory, hidden
from kyoso.notifications.models import Notification

PROJECT = {"project_title": "空き家で子ども食堂", "project_url": "/projects/7/"}


@pytest.mark.parametrize("before", [Stage.SEED, Stage.SURFACED])
def test_an_earlier_issue_moves_to_in_action(takahashi, before):
    issue = IssueFactory(stage=before)
    Follow.objects.create(issue=issue, user=takahashi)

    assert issue_taken_up(actor=UserFactory(), issue=issue, **PROJECT) is True

    issue.refresh_from_db()
    assert issue.stage == Stage.IN_ACTION
    change = StageChange.objects.get(issue=issue)
    assert (change.from_stage, change.to_stage) == (before, Stage.IN_ACTION)
    assert "空き家で子ども食堂" in change.reason
    assert AuditEvent.objects.filter(action="issue.stage_changed").count() == 1
    told = Notification.objects.get(recipient=takahashi)
    assert (told.kind, told.url) == ("issues.taken_up", "/projects/7/")


@pytest.mark.parametrize("stage", [Stage.IN_ACTION, Stage.SOLVED, Stage.SPREAD, Stage.CLOSED])
def test_a_later_issue_keeps_its_stage_and_followers_are_told(takahashi, stage):
    issue = IssueFactory(stage=stage)
    Follow.objects.create(issue=issue, user=takahashi)

    assert issue_taken_up(actor=UserFactory(), issue=issue, **PROJECT) is False

    issue.refresh_from_db()
    assert issue.stage == stage
    assert not StageChange.objects.exists()
    assert Notification.objects.filter(recipient=takahashi, kind="issues.taken_up").exists()


def test_a_stale_issue_row_is_not_overwritten(db):
    issue = IssueFactory(stage=Stage.SEED)
    type(issue).objects.filter(pk=issue.pk).update(stage=Stage.SOLVED)  # moved meanwhile
    assert issue_taken_up(actor=UserFactory(), issue=issue, **PROJECT) is False
    issue.refresh_from_db()
    assert issue.stage == Stage.SOLVED


def test_a_hidden_issue_tells_only_its_poster(takahashi):
    issue = hidden()
    Follow.objects.create(issue=issue, user=takahashi)
    Follow.objects.create(issue=issue, user=issue.author)
    issue_taken_up(actor=UserFactory(), issue=issue, **PROJECT)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [issue.author_id]
