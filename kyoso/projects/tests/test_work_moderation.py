"""Reports and the secretariat's queue: reporting once, hiding or dismissing, audit rows,
the people concerned told; the queue in a constant number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.notifications.models import Notification
from kyoso.projects import audit
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Comment, Project, Report
from kyoso.projects.services import comments, moderation
from kyoso.projects.services.work import WorkError
from kyoso.projects.tests.factories_work import project_with_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki, title="空き家の居場所づくり")


def test_reporting_twice_is_refused_with_a_message(client, takahashi, sato, project):
    client.force_login(takahashi)
    url = reverse("projects:report", args=[project.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "宣伝です"}).status_code == 302
    response = client.post(url, {"reason": "やはり宣伝です"})
    assert response.status_code == 400
    assert str(messages.REPORT_DUPLICATE) in response.content.decode()
    assert Report.objects.count() == 1
    assert Notification.objects.filter(kind="projects.report", recipient=sato).exists()


def test_the_secretariat_hides_a_reported_comment(client, suzuki, takahashi, sato, project):
    comment = comments.comment_create(actor=suzuki, project=project, body="電話番号は090…")
    moderation.report_create(actor=takahashi, project=project, comment=comment, reason="個人情報")
    client.force_login(sato)
    queue = reverse("projects:moderation")
    assert "電話番号" in client.get(queue).content.decode()
    client.post(
        reverse("projects:comment_hide", args=[project.pk, comment.pk]),
        {"reason": "個人情報を含むため", "next": queue},
    )
    assert Comment.objects.get().hidden_at is not None
    assert Report.objects.get().status == Report.Status.HIDDEN
    assert AuditEvent.objects.filter(action=audit.COMMENT_HIDDEN).exists()
    assert Notification.objects.filter(kind="projects.comment_hidden", recipient=suzuki).exists()
    assert Notification.objects.filter(kind="projects.report_handled", recipient=takahashi).exists()


def test_hiding_a_project_and_dismissing(client, suzuki, takahashi, sato, project):
    moderation.report_create(actor=takahashi, project=project, reason="重複")
    client.force_login(sato)
    client.post(reverse("projects:dismiss_reports", args=[project.pk]))
    assert Report.objects.get().status == Report.Status.DISMISSED
    with pytest.raises(WorkError) as refused:
        moderation.reports_dismiss(actor=sato, project=project)
    assert refused.value.message == messages.REPORTS_ALREADY_HANDLED
    client.post(reverse("projects:hide", args=[project.pk]), {"reason": "なりすまし"})
    assert Project.objects.get().hidden_at is not None
    assert Notification.objects.filter(kind="projects.hidden", recipient=suzuki).exists()
    client.force_login(takahashi)  # an outsider no longer sees the work pages
    assert client.get(reverse("projects:needs", args=[project.pk])).status_code == 403
    client.force_login(sato)
    client.post(reverse("projects:unhide", args=[project.pk]))
    assert Project.objects.get().hidden_at is None


def test_own_comment_cannot_be_reported(suzuki, project):
    comment = comments.comment_create(actor=suzuki, project=project, body="自分の")
    with pytest.raises(WorkError) as refused:
        moderation.report_create(actor=suzuki, project=project, comment=comment, reason="x")
    assert refused.value.message == messages.REPORT_OWN_CONTENT


def test_the_queue_is_three_queries_whatever_it_holds(client, suzuki, sato, project):
    for i in range(4):
        reporter = UserFactory()
        comment = comments.comment_create(actor=suzuki, project=project, body=f"c{i}")
        moderation.report_create(actor=reporter, project=project, comment=comment, reason="r")
        moderation.report_create(actor=reporter, project=project, reason="r")
    client.force_login(sato)
    # 1 session, 2 user, 3 roles, 4 site settings (staff two-factor check), 5 count of
    # groups, 6 this page's groups, 7 their reports with reporter, project, comment, author
    with assert_num_queries(7):
        response = client.get(reverse("projects:moderation"))
    assert response.status_code == 200
