"""Bad input is refused with a clear message and nothing is half-written: no title or goal,
100k-character fields, a backwards move without a reason, ended without an outcome, the last
lead removed, invitations to people who are not registered, garbage in the query string."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.issues.models import Issue
from kyoso.issues.tests.factories import IssueFactory
from kyoso.projects import messages
from kyoso.projects.models import Membership, Project, StageChange
from kyoso.projects.services import projects as services
from kyoso.projects.services.common import ProjectError

GOAL = "週に一度、子どもが安心して食べられる場をつくる。"
HUGE = "あ" * 100_000


def _page(response):
    return response.content.decode()


def test_no_title_nor_goal(client, suzuki):
    client.force_login(suzuki)
    response = client.post(reverse("projects:create"), {"title": " ", "goal": ""})
    assert response.status_code == 400
    assert str(messages.TITLE_REQUIRED) in _page(response)
    assert str(messages.GOAL_REQUIRED) in _page(response)
    assert str(messages.FORM_HAS_ERRORS) in _page(response)
    assert not Project.objects.exists()


@pytest.mark.parametrize("field", ["title", "goal", "body", "issues"])
def test_huge_fields(client, suzuki, field):
    client.force_login(suzuki)
    data = {"title": "空き家で子ども食堂", "goal": GOAL, field: HUGE}
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 400
    assert not Project.objects.exists()


def test_the_service_refuses_what_the_form_would(suzuki):
    for data, message in (
        ({"title": "", "goal": GOAL}, messages.TITLE_REQUIRED),
        ({"title": "t", "goal": "   "}, messages.GOAL_REQUIRED),
        (
            {"title": "t", "goal": GOAL, "body": HUGE},
            messages.TEXT_TOO_LONG % {"limit_value": 20_000, "show_value": 100_000},
        ),
    ):
        with pytest.raises(ProjectError) as refused:
            services.project_create(actor=suzuki, data=data)
        assert refused.value.message == message
    assert not Project.objects.exists()


def test_unknown_and_hidden_issues(client, suzuki):
    from django.utils import timezone

    hidden = IssueFactory(hidden_at=timezone.now())
    client.force_login(suzuki)
    response = client.post(
        reverse("projects:create"),
        {"title": "t", "goal": GOAL, "issues": f"999999, {hidden.pk}, abc"},
    )
    assert response.status_code == 400
    assert str(messages.ISSUE_NUMBERS_INVALID) in _page(response)
    response = client.post(
        reverse("projects:create"), {"title": "t", "goal": GOAL, "issues": f"999999, {hidden.pk}"}
    )
    assert str(messages.ISSUE_NOT_FOUND % {"number": 999999}) in _page(response)
    assert str(messages.ISSUE_NOT_FOUND % {"number": hidden.pk}) in _page(response)
    assert not Project.objects.exists()
    assert Issue.objects.get(pk=hidden.pk).stage == "seed"


@pytest.mark.parametrize(
    "point",
    [
        {"latitude": "91", "longitude": "139"},
        {"latitude": "38.9", "longitude": ""},
        {"latitude": "NaN", "longitude": "139"},
    ],
)
def test_bad_points(client, suzuki, point):
    client.force_login(suzuki)
    response = client.post(reverse("projects:create"), {"title": "t", "goal": GOAL, **point})
    assert response.status_code == 400
    assert not Project.objects.exists()


def test_bad_choices(client, suzuki):
    client.force_login(suzuki)
    response = client.post(
        reverse("projects:create"),
        {"title": "t", "goal": GOAL, "themes": ["cooking"], "municipalities": ["99999"]},
    )
    assert response.status_code == 400
    assert str(messages.CHOICE_INVALID) in _page(response)
    assert not Project.objects.exists()


def test_stage_page_refusals(client, lead, project):
    client.force_login(lead)
    url = reverse("projects:stage", args=[project.pk])
    client.post(url, {"to_stage": "trial", "seen_stage": "idea"})
    backwards = client.post(url, {"to_stage": "idea", "seen_stage": "trial"})
    assert backwards.status_code == 400
    assert str(messages.STAGE_REASON_REQUIRED_BACKWARDS) in _page(backwards)
    unknown = client.post(url, {"to_stage": "flying", "seen_stage": "trial"})
    assert unknown.status_code == 400
    huge = client.post(url, {"to_stage": "idea", "seen_stage": "trial", "reason": HUGE})
    assert huge.status_code == 400
    assert StageChange.objects.filter(project=project).count() == 2
    assert Project.objects.get(pk=project.pk).stage == "trial"


def test_removing_the_last_lead_on_the_page(client, lead, project, sato):
    client.force_login(sato)
    row = Membership.objects.get(user=lead)
    response = client.post(
        reverse("projects:member_remove", args=[project.pk, row.pk]), follow=True
    )
    assert str(messages.LAST_LEAD_CANNOT_BE_REMOVED) in _page(response)
    assert Membership.objects.filter(pk=row.pk).exists()


def test_invite_garbage(client, lead, project):
    client.force_login(lead)
    for data in ({"email": "", "role": "member"}, {"email": "x@y", "role": "boss"}):
        response = client.post(reverse("projects:invite", args=[project.pk]), data)
        assert response.status_code == 400
    response = client.post(
        reverse("projects:invite", args=[project.pk]),
        {"email": "a@b.jp", "role": "member", "message": HUGE},
    )
    assert response.status_code == 400
    assert Membership.objects.filter(project=project).count() == 2


def test_garbage_in_the_query_string(client, suzuki):
    client.force_login(suzuki)
    assert client.get(reverse("projects:list") + "?after=garbage").status_code == 200
    assert client.get(reverse("projects:list") + "?stage=flying&municipality=x").status_code == 200
    for key in ("issue", "minutes", "pitch"):
        assert client.get(reverse("projects:create") + f"?{key}=abc").status_code == 404
        assert (
            client.get(reverse("projects:create") + f"?{key}=99999999999999999999").status_code
            == 404
        )
