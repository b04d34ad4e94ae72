"""Stages: an append-only history with who and why; backwards needs a reason, ended an
outcome; a move made on a stale view is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.notifications.models import Notification
from kyoso.projects import audit, messages
from kyoso.projects.models import Follow, Project, StageChange
from kyoso.projects.services.common import ProjectError
from kyoso.projects.services.stages import project_change_stage


def _fresh(project):
    return Project.objects.get(pk=project.pk)


def test_forward_needs_no_reason_and_tells_followers_and_members(lead, member, project):
    follower = UserFactory()
    Follow.objects.create(project=project, user=follower)
    change = project_change_stage(actor=lead, project=project, to_stage="preparing")
    assert (change.from_stage, change.to_stage, change.actor, change.reason) == (
        "idea",
        "preparing",
        lead,
        "",
    )
    assert _fresh(project).stage == "preparing"
    told = set(
        Notification.objects.filter(kind="projects.stage").values_list("recipient", flat=True)
    )
    assert told == {follower.pk, member.pk}
    assert AuditEvent.objects.filter(action=audit.STAGE_CHANGED).count() == 1


def test_backwards_needs_a_reason(lead, project):
    project_change_stage(actor=lead, project=project, to_stage="trial")
    project = _fresh(project)
    with pytest.raises(ProjectError) as refused:
        project_change_stage(actor=lead, project=project, to_stage="preparing", reason="  ")
    assert refused.value.message == messages.STAGE_REASON_REQUIRED_BACKWARDS
    assert _fresh(project).stage == "trial"
    project_change_stage(
        actor=lead, project=project, to_stage="preparing", reason="会場が見つからなかった"
    )
    assert _fresh(project).stage == "preparing"
    assert StageChange.objects.filter(project=project).count() == 3  # start, trial, back


def test_ended_needs_an_outcome_and_keeps_the_lesson(lead, project):
    with pytest.raises(ProjectError) as refused:
        project_change_stage(actor=lead, project=project, to_stage="ended")
    assert refused.value.message == messages.OUTCOME_REQUIRED
    project_change_stage(
        actor=lead,
        project=project,
        to_stage="ended",
        outcome="handed_to_city",
        lesson="市の事業として続く。",
    )
    ended = _fresh(project)
    assert (ended.stage, ended.outcome, ended.lesson) == (
        "ended",
        "handed_to_city",
        "市の事業として続く。",
    )
    # Leaving "ended" is a move backwards and clears the outcome.
    project_change_stage(actor=lead, project=ended, to_stage="running", reason="再開")
    again = _fresh(project)
    assert (again.stage, again.outcome, again.lesson) == ("running", "", "")


def test_an_outcome_only_when_ending(lead, project):
    with pytest.raises(ProjectError) as refused:
        project_change_stage(actor=lead, project=project, to_stage="trial", outcome="stopped")
    assert refused.value.message == messages.OUTCOME_ONLY_WHEN_ENDED


def test_a_move_from_a_stale_view_is_refused(lead, project, sato):
    seen_by_lead = _fresh(project)
    project_change_stage(actor=sato, project=_fresh(project), to_stage="trial")
    with pytest.raises(ProjectError) as refused:
        project_change_stage(actor=lead, project=seen_by_lead, to_stage="preparing")
    assert refused.value.message == messages.STAGE_CHANGED_ELSEWHERE
    assert _fresh(project).stage == "trial"
    assert StageChange.objects.filter(project=project).count() == 2


def test_the_same_stage_is_refused(lead, project):
    with pytest.raises(ProjectError) as refused:
        project_change_stage(actor=lead, project=project, to_stage="idea")
    assert refused.value.message == messages.STAGE_UNCHANGED


def test_the_stage_page(client, lead, project):
    client.force_login(lead)
    url = reverse("projects:stage", args=[project.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"to_stage": "ended", "seen_stage": "idea"})
    assert refused.status_code == 400
    assert str(messages.OUTCOME_REQUIRED) in refused.content.decode()
    done = client.post(
        url,
        {"to_stage": "ended", "seen_stage": "idea", "outcome": "stopped", "lesson": "担い手不足"},
    )
    assert done.status_code == 302
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "担い手不足" in page and "中止" in page


def test_a_stale_page_is_told_to_reload(client, lead, project):
    project_change_stage(actor=lead, project=project, to_stage="trial")
    client.force_login(lead)
    response = client.post(
        reverse("projects:stage", args=[project.pk]),
        {"to_stage": "preparing", "seen_stage": "idea"},
    )
    assert response.status_code == 400
    assert str(messages.STAGE_CHANGED_ELSEWHERE) in response.content.decode()
