"""Comments: posted by verified people, counted, followers told; edited and deleted by their
author (a tombstone stays); locked projects refuse; hidden comments show as hidden."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.notifications.models import Notification
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Comment, Project
from kyoso.projects.services import comments, moderation
from kyoso.projects.services.work import WorkError
from kyoso.projects.tests.factories_work import follow, project_with_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki, title="空き家の居場所づくり")


def _count(project):
    return Project.objects.get(pk=project.pk).comment_count


def _post(client, project, body):
    return client.post(reverse("projects:comments", args=[project.pk]), {"body": body})


def test_comment_edit_delete_and_the_count(client, suzuki, takahashi, project):
    follow(project, suzuki)
    client.force_login(takahashi)
    response = _post(client, project, "手伝えます")
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert _count(project) == 1
    assert Notification.objects.get(kind="projects.comment").recipient == suzuki
    edit = reverse("projects:comment_edit", args=[project.pk, comment.pk])
    assert client.post(edit, {"body": "土曜なら手伝えます"}).status_code == 302
    assert Comment.objects.get().body == "土曜なら手伝えます"
    client.post(reverse("projects:comment_delete", args=[project.pk, comment.pk]))
    assert _count(project) == 0
    page = client.get(reverse("projects:comments", args=[project.pk])).content.decode()
    assert str(messages.COMMENT_DELETED_TOMBSTONE) in page
    assert "土曜なら" not in page


def test_a_locked_project_refuses_comments_with_a_message(client, suzuki, takahashi, sato, project):
    moderation.comments_lock(actor=suzuki, project=project, locked=True)
    project.refresh_from_db()
    client.force_login(takahashi)
    response = _post(client, project, "まだ話したい")
    assert response.status_code == 400
    assert str(messages.COMMENTS_LOCKED) in response.content.decode()
    assert not Comment.objects.exists()
    with pytest.raises(WorkError) as refused:
        comments.comment_create(actor=takahashi, project=project, body="x")
    assert refused.value.message == messages.COMMENTS_LOCKED
    comments.comment_create(actor=sato, project=project, body="締め切った理由です")
    assert _count(project) == 1


def test_locking_twice_says_so(suzuki, project):
    moderation.comments_lock(actor=suzuki, project=project, locked=True)
    with pytest.raises(WorkError) as refused:
        moderation.comments_lock(actor=suzuki, project=project, locked=True)
    assert refused.value.message == messages.COMMENTS_ALREADY_LOCKED


def test_a_hidden_comment_shows_as_hidden(client, sato, takahashi, project):
    comment = comments.comment_create(actor=takahashi, project=project, body="不適切な内容")
    moderation.comment_hide(actor=sato, comment=comment, reason="個人情報")
    page = client.get(reverse("projects:comments", args=[project.pk])).content.decode()
    assert str(messages.COMMENT_HIDDEN_TOMBSTONE) in page
    assert "不適切な内容" not in page
    client.force_login(takahashi)
    page = client.get(reverse("projects:comments", args=[project.pk])).content.decode()
    assert "個人情報" in page  # the author reads why


def test_an_unverified_person_cannot_comment(client, takahashi, project):
    takahashi.email_verified_at = None
    takahashi.save()
    client.force_login(takahashi)
    assert _post(client, project, "x").status_code == 403
