"""The work API: needs (list, add, change fields and status) and updates (list, post), with
the one error format, the rules of the pages and exact query counts."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.notifications.models import Notification
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Need, NeedSkill, NeedStatus, Project, Update
from kyoso.projects.tests.factories_work import (
    NeedFactory,
    UpdateFactory,
    follow,
    project_with_lead,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def suzuki_write(suzuki):
    return bearer(issue_token(suzuki, ["write"]))


@pytest.fixture
def suzuki_read(suzuki):
    return bearer(issue_token(suzuki, ["read"]))


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki, title="空き家の居場所づくり")


NEW_NEED = {
    "kind": "skills",
    "title": "チラシのデザイン",
    "skills": ["design", "pr"],
    "hours_per_month": 4,
    "work_style": "remote",
    "until": "2026-09-30",
}


def _fill(project, n):
    for _ in range(n):
        need = NeedFactory(project=project)
        NeedSkill.objects.create(need=need, skill="it")
        UpdateFactory(project=project)


def test_needs_list_is_public_and_constant(client, project):
    _fill(project, 3)
    # 1 project, 2 count, 3 page of needs with who filled them, 4 their skills
    with assert_num_queries(4):
        response = send(client, "get", f"/projects/{project.pk}/needs")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3 and body["items"][0]["skills"] == ["it"]


def test_updates_list_is_public_and_constant(client, project):
    _fill(project, 3)
    # 1 project, 2 count, 3 page of updates with their authors
    with assert_num_queries(3):
        response = send(client, "get", f"/projects/{project.pk}/updates")
    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_a_lead_adds_a_need(client, suzuki, suzuki_write, project):
    # 1 token, 2 its last use, 3 project, 4 the caller's membership, 5 savepoint, 6 insert
    # the need, 7 insert its skills, 8 the project's open-need count, 9 release savepoint;
    # the answer: 10 the need, 11 its skills
    with assert_num_queries(11):
        response = send(client, "post", f"/projects/{project.pk}/needs", NEW_NEED, **suzuki_write)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["skills"] == ["design", "pr"] and body["status"] == "open"
    assert Project.objects.get(pk=project.pk).open_need_count == 1


def test_an_unknown_skill_is_a_validation_error(client, suzuki_write, project):
    response = send(
        client,
        "post",
        f"/projects/{project.pk}/needs",
        {**NEW_NEED, "skills": ["juggling"]},
        **suzuki_write,
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["details"][0]["field"] == "skills"
    assert error["details"][0]["message"] == str(messages.SKILL_UNKNOWN % {"skills": "juggling"})
    assert not Need.objects.exists()


def test_patch_changes_fields_and_fills(client, suzuki, takahashi, suzuki_write, project):
    follow(project, takahashi)
    need = NeedFactory(project=project, title="会場")
    Project.objects.filter(pk=project.pk).update(open_need_count=1)
    url = f"/projects/{project.pk}/needs/{need.pk}"
    # 1 token, 2 its last use, 3 project, 4 the caller's membership, 5 the need, 6 its skills,
    # 7 savepoint, 8 update, 9 release savepoint; the answer: 10 the need, 11 its skills
    with assert_num_queries(11):
        response = send(client, "patch", url, {"title": "土曜の会場"}, **suzuki_write)
    assert response.status_code == 200 and response.json()["title"] == "土曜の会場"
    response = send(
        client, "patch", url, {"status": "filled", "filled_by": takahashi.pk}, **suzuki_write
    )
    assert response.status_code == 200, response.json()
    assert response.json()["filled_by"] == takahashi.public_name
    assert Need.objects.get().status == NeedStatus.FILLED
    assert Project.objects.get(pk=project.pk).open_need_count == 0
    response = send(client, "patch", url, {"status": "open"}, **suzuki_write)
    assert response.status_code == 422
    assert error_of(response)["details"][0]["message"] == str(messages.NEED_REOPEN_REASON_REQUIRED)


def test_outsiders_and_read_tokens_are_refused(client, takahashi, suzuki_read, project):
    response = send(client, "post", f"/projects/{project.pk}/needs", NEW_NEED, **suzuki_read)
    assert response.status_code == 403
    token = bearer(issue_token(takahashi, ["write"]))
    response = send(client, "post", f"/projects/{project.pk}/needs", NEW_NEED, **token)
    assert error_of(response)["code"] == "permission_denied"
    response = send(client, "post", f"/projects/{project.pk}/updates", {"body": "x"}, **token)
    assert response.status_code == 403


def test_a_member_posts_an_update_and_followers_hear(
    client, suzuki, takahashi, suzuki_write, project
):
    follow(project, takahashi)
    ContentType.objects.get_for_model(Project)  # cached for the process, as in production
    # 1 token, 2 its last use, 3 project, 4 the caller's membership, 5 savepoint, 6 insert,
    # 7 the project's activity, 8 savepoint, 9 followers, 10 insert notifications, 11 their
    # mail preferences, 12 release, 13 release
    with assert_num_queries(13):
        response = send(
            client,
            "post",
            f"/projects/{project.pk}/updates",
            {"body": "12人来ました"},
            **suzuki_write,
        )
    assert response.status_code == 201
    assert Update.objects.get().body == "12人来ました"
    assert Notification.objects.filter(kind="projects.update", recipient=takahashi).exists()
