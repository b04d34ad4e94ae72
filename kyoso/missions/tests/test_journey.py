"""A host drafts a mission, sees what it lacks, fixes it and publishes it; another account
applies, answers the questions, is offered, accepts and appears as a project member."""

from __future__ import annotations

from django.urls import reverse

from kyoso.missions import messages
from kyoso.missions.models import Application, Mission, MissionStatus
from kyoso.notifications.models import Notification
from kyoso.projects.models import Membership


def test_draft_fix_publish_apply_offer_accept(client, project, lead, suzuki):
    client.force_login(lead)
    response = client.post(
        reverse("missions:create") + f"?project={project.pk}",
        {"kind": "side_job", "title": "庄内の販路をひらく", "work_style": "mixed", "places": "1"},
    )
    mission = Mission.objects.get()
    assert response.status_code == 302
    assert mission.status == MissionStatus.DRAFT

    page = client.get(reverse("missions:detail", args=[mission.pk])).content.decode()
    assert str(messages.MISSING_TASKS) in page

    refused = client.post(reverse("missions:publish", args=[mission.pk]), follow=True)
    assert "まだ公開できません" in refused.content.decode()
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DRAFT

    client.post(
        reverse("missions:edit", args=[mission.pk]),
        {
            "kind": "side_job",
            "title": "庄内の販路をひらく",
            "tasks": "飲食店への聞き取り",
            "deliverables": "販路候補の一覧",
            "starts_on": "2030-04-01",
            "ends_on": "2030-06-30",
            "hours_per_week": "5",
            "work_style": "mixed",
            "visits_per_month": "2",
            "reward_kind": "paid",
            "reward_yen": "30000",
            "required_skills": ["marketing"],
            "host": str(lead.pk),
            "places": "1",
            "deadline": "2030-03-01",
        },
    )
    client.post(reverse("missions:questions", args=[mission.pk]), {"q1": "庄内に来たことは？"})
    client.post(reverse("missions:publish", args=[mission.pk]))
    mission.refresh_from_db()
    assert mission.status == MissionStatus.PUBLISHED

    client.force_login(suzuki)
    candidate_page = client.get(reverse("missions:detail", args=[mission.pk])).content.decode()
    assert "充実度" not in candidate_page
    question = mission.questions.get()
    client.post(
        reverse("missions:apply", args=[mission.pk]),
        {"motivation": "販路づくりの経験があります", f"answer_{question.pk}": "あります"},
    )
    application = Application.objects.get()
    assert Notification.objects.filter(recipient=lead, kind="missions.application").exists()

    client.force_login(lead)
    client.post(
        reverse("missions:application_move", args=[application.pk]), {"to_status": "offered"}
    )
    client.force_login(suzuki)
    client.post(
        reverse("missions:application_move", args=[application.pk]), {"to_status": "accepted"}
    )

    application.refresh_from_db()
    mission.refresh_from_db()
    assert application.status == "accepted"
    assert (mission.accepted_count, mission.status, mission.closed_reason) == (
        1,
        "closed",
        "filled",
    )
    assert Membership.objects.filter(project=project, user=suzuki, status="active").exists()
    history = client.get(reverse("missions:application", args=[application.pk])).content.decode()
    assert "オファー中" in history and "受け入れ決定" in history
