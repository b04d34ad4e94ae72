"""Applying (answers, refusals with their messages), moves by the right side only, the history
both sides see, messages, notifications, and the accepted person joining the project."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.missions import messages
from kyoso.missions.models import (
    Application,
    ApplicationAnswer,
    ApplicationMessage,
    ApplicationStatusChange,
    Mission,
    MissionStatus,
)
from kyoso.missions.services import applications as services
from kyoso.missions.services.common import MissionError
from kyoso.missions.tests.factories import add_questions, apply
from kyoso.notifications.models import Notification
from kyoso.projects.models import Membership

pytestmark = pytest.mark.django_db


def submit(mission, person, motivation="地元に関わりたい", answers=None):
    return services.application_submit(
        actor=person, mission=mission, motivation=motivation, answers=answers or {}
    )


def test_applying_with_answers_tells_the_hosts(client, mission, lead, suzuki):
    first, second = add_questions(mission, "経験は？", "いつから？")
    client.force_login(suzuki)

    response = client.post(
        reverse("missions:apply", args=[mission.pk]),
        {
            "motivation": "販路づくりの経験があります",
            f"answer_{first.pk}": "3年",
            f"answer_{second.pk}": "4月から",
        },
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert list(application.answers.values_list("question_text", "text")) == [
        ("経験は？", "3年"),
        ("いつから？", "4月から"),
    ]
    assert list(application.status_changes.values_list("from_status", "to_status")) == [
        ("", "applied")
    ]
    note = Notification.objects.get(recipient=lead)
    assert note.text == messages.NOTIFY_NEW_APPLICATION % {"title": mission.title}


def test_a_100k_answer_is_refused_and_nothing_is_written(client, mission, suzuki):
    question = add_questions(mission, "経験は？")[0]
    client.force_login(suzuki)

    response = client.post(
        reverse("missions:apply", args=[mission.pk]),
        {"motivation": "やりたい", f"answer_{question.pk}": "あ" * 100_000},
    )

    assert response.status_code == 400
    assert "2000文字以内で入力してください（いま100000文字です）。" in str(
        response.context["form"].errors[f"answer_{question.pk}"]
    )
    assert not Application.objects.exists() and not ApplicationAnswer.objects.exists()
    with pytest.raises(MissionError) as refused:
        submit(mission, suzuki, answers={question.pk: "あ" * 100_000})
    assert refused.value.code == "too_long"
    assert not Application.objects.exists()


def test_a_missing_answer_is_refused(mission, suzuki):
    add_questions(mission, "経験は？")
    with pytest.raises(MissionError) as refused:
        submit(mission, suzuki)
    assert refused.value.message == messages.ANSWER_REQUIRED
    assert not Application.objects.exists()


def test_applying_twice_is_refused(client, mission, suzuki):
    submit(mission, suzuki)
    with pytest.raises(MissionError) as refused:
        submit(mission, suzuki)
    assert refused.value.message == messages.ALREADY_APPLIED
    client.force_login(suzuki)
    page = client.post(reverse("missions:apply", args=[mission.pk]), {"motivation": "もう一度"})
    assert page.status_code == 409
    assert str(messages.ALREADY_APPLIED) in page.content.decode()
    assert Application.objects.count() == 1


def test_applying_to_ones_own_mission_is_refused(mission, lead):
    with pytest.raises(MissionError) as refused:
        submit(mission, lead)
    assert refused.value.message == messages.OWN_MISSION


def test_applying_to_a_filled_or_closed_mission_is_refused(mission, suzuki, takahashi):
    Mission.objects.filter(pk=mission.pk).update(
        accepted_count=1, status=MissionStatus.CLOSED, closed_reason="filled"
    )
    mission.refresh_from_db()
    with pytest.raises(MissionError) as full:
        submit(mission, suzuki)
    assert full.value.message == messages.MISSION_FULL

    Mission.objects.filter(pk=mission.pk).update(accepted_count=0, closed_reason="host")
    mission.refresh_from_db()
    with pytest.raises(MissionError) as closed:
        submit(mission, takahashi)
    assert closed.value.message == messages.MISSION_NOT_OPEN
    assert not Application.objects.exists()


def test_an_unverified_account_cannot_apply(client, mission):
    person = UserFactory(email_verified_at=None)
    client.force_login(person)
    assert client.get(reverse("missions:apply", args=[mission.pk])).status_code == 403


@pytest.mark.parametrize(
    ("start", "to", "side", "allowed"),
    [
        ("applied", "in_conversation", "host", True),
        ("applied", "in_conversation", "candidate", False),
        ("applied", "offered", "host", True),
        ("applied", "declined", "host", True),
        ("applied", "withdrawn", "candidate", True),
        ("applied", "withdrawn", "host", False),
        ("applied", "accepted", "candidate", False),
        ("applied", "accepted", "host", False),
        ("in_conversation", "offered", "host", True),
        ("in_conversation", "offered", "candidate", False),
        ("offered", "accepted", "candidate", True),
        ("offered", "accepted", "host", False),
        ("offered", "declined", "candidate", True),
        ("offered", "withdrawn", "candidate", True),
        ("accepted", "withdrawn", "candidate", False),
        ("declined", "offered", "host", False),
        ("withdrawn", "applied", "candidate", False),
    ],
)
def test_moves_by_the_right_side_only(mission, lead, suzuki, start, to, side, allowed):
    application = apply(mission, suzuki, status=start)
    actor = lead if side == "host" else suzuki
    if allowed:
        services.application_move(actor=actor, application=application, to_status=to)
        application.refresh_from_db()
        assert application.status == to
        change = application.status_changes.last()
        assert (change.from_status, change.to_status, change.actor) == (start, to, actor)
    else:
        with pytest.raises(MissionError) as refused:
            services.application_move(actor=actor, application=application, to_status=to)
        assert refused.value.code == "not_allowed"
        application.refresh_from_db()
        assert application.status == start


def test_two_clicks_move_once(mission, lead, suzuki):
    application = apply(mission, suzuki)
    stale = Application.objects.select_related("mission").get(pk=application.pk)
    services.application_move(actor=lead, application=application, to_status="in_conversation")
    with pytest.raises(MissionError):
        services.application_move(actor=lead, application=stale, to_status="in_conversation")
    assert ApplicationStatusChange.objects.filter(to_status="in_conversation").count() == 1


def test_each_status_change_tells_the_candidate_and_both_see_the_history(
    client, mission, lead, suzuki
):
    application = apply(mission, suzuki)
    client.force_login(lead)
    client.post(
        reverse("missions:application_move", args=[application.pk]),
        {"to_status": "in_conversation", "reason": "一度お話ししましょう"},
    )
    client.post(
        reverse("missions:application_move", args=[application.pk]), {"to_status": "offered"}
    )

    texts = Notification.objects.filter(recipient=suzuki).values_list("text", flat=True)
    assert sorted(texts) == sorted(
        messages.NOTIFY_STATUS % {"title": mission.title, "status": status}
        for status in ("面談・やりとり中", "オファー中")
    )
    for person in (lead, suzuki):
        client.force_login(person)
        page = client.get(reverse("missions:application", args=[application.pk])).content.decode()
        assert "一度お話ししましょう" in page and "オファー中" in page


def test_accepting_joins_the_project_and_fills_the_mission(mission, project, suzuki):
    application = apply(mission, suzuki, status="offered")
    services.application_move(actor=suzuki, application=application, to_status="accepted")
    mission.refresh_from_db()
    assert (mission.accepted_count, mission.status, mission.closed_reason) == (
        1,
        "closed",
        "filled",
    )
    membership = Membership.objects.get(project=project, user=suzuki)
    assert (membership.status, membership.role) == ("active", "member")


def test_accepting_when_full_is_refused_and_nothing_changes(mission, suzuki, takahashi):
    Mission.objects.filter(pk=mission.pk).update(places=1, accepted_count=1)
    application = apply(mission, takahashi, status="offered")
    with pytest.raises(MissionError) as refused:
        services.application_move(actor=takahashi, application=application, to_status="accepted")
    assert refused.value.message == messages.MISSION_FULL
    application.refresh_from_db()
    assert application.status == "offered"
    assert not application.status_changes.filter(to_status="accepted").exists()


def test_an_org_mission_accepts_without_a_project(org_mission, suzuki, org_admin):
    application = apply(org_mission, suzuki)
    services.application_move(actor=org_admin, application=application, to_status="offered")
    services.application_move(actor=suzuki, application=application, to_status="accepted")
    org_mission.refresh_from_db()
    assert org_mission.accepted_count == 1


def test_messages_between_host_and_candidate(client, mission, lead, suzuki):
    application = apply(mission, suzuki)
    client.force_login(suzuki)
    client.post(reverse("missions:application", args=[application.pk]), {"body": "質問があります"})
    client.force_login(lead)
    client.post(reverse("missions:application", args=[application.pk]), {"body": "どうぞ"})
    empty = client.post(reverse("missions:application", args=[application.pk]), {"body": " "})
    huge = client.post(
        reverse("missions:application", args=[application.pk]), {"body": "あ" * 100_000}
    )

    assert list(ApplicationMessage.objects.values_list("author", "body")) == [
        (suzuki.pk, "質問があります"),
        (lead.pk, "どうぞ"),
    ]
    assert empty.status_code == 400 and huge.status_code == 400
    assert str(messages.MESSAGE_REQUIRED) in str(empty.context["message_form"].errors)
    assert Notification.objects.filter(recipient=lead, kind="missions.message").count() == 1
    assert Notification.objects.filter(recipient=suzuki, kind="missions.message").count() == 1


def test_others_cannot_see_an_application(client, mission, suzuki, takahashi, sato):
    application = apply(mission, suzuki)
    for person in (takahashi, sato):
        client.force_login(person)
        url = reverse("missions:application", args=[application.pk])
        # 404, not 403: the application must not be confirmed to exist (issue 20).
        assert client.get(url).status_code == 404


def test_my_applications_page(client, mission, org_mission, suzuki):
    apply(mission, suzuki)
    apply(org_mission, suzuki, status="offered")
    client.force_login(suzuki)
    page = client.get(reverse("missions:mine")).content.decode()
    assert mission.title in page and org_mission.title in page and "オファー中" in page
