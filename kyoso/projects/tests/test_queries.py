"""Constant query counts: the list, a project's page, the members page and the API list and
detail read as many queries for one project (or member) as for ten."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.issues.tests.factories import IssueFactory
from kyoso.projects.models import MemberRole, MemberStatus, ProjectTag, StageChange
from kyoso.projects.tests.factories import add_member, project_led_by
from kyoso.regions.models import Municipality

#: The project's work on its page (kyoso/projects/selectors_work.py::work_summary).
WORK_QUERIES = 7
WORK = (
    "open needs, their skills, trials, hearings, resources, updates with authors, "
    "comments with authors"
)


#: What other apps show on a project's page: its upcoming published events
#: (kyoso.events.selectors.upcoming_project_events) and its open or last campaign
#: (kyoso.campaigns.selectors.campaign_of_project), one query each however many there are.
HELD_FOR = 2


def _projects(size):
    places = list(Municipality.objects.filter(code__in=["06204", "04101"]))
    projects = []
    for n in range(size):
        project = project_led_by(UserFactory(), title=f"プロジェクト{n}")
        ProjectTag.objects.create(project=project, kind="theme", value="childcare")
        ProjectTag.objects.create(project=project, kind="sdg", value="sdg04")
        project.municipalities.set(places)
        projects.append(project)
    return projects


def _work(project, lead, n):
    from datetime import date

    from kyoso.projects.models import Comment, Hearing, Need, NeedSkill, Resource, Trial, Update

    need = Need.objects.create(project=project, kind="skills", title=f"困りごと{n}")
    NeedSkill.objects.create(need=need, skill="design")
    Trial.objects.create(project=project, title=f"実験{n}", hypothesis="仮説")
    Hearing.objects.create(project=project, held_on=date(2026, 4, 1), learned="わかった")
    Resource.objects.create(project=project, kind="place", name=f"場所{n}")
    Update.objects.create(project=project, author=lead, body=f"報告{n}")
    Comment.objects.create(project=project, author=lead, body=f"コメント{n}")


def _held_for(project, lead, n):
    """An event held for the project and a campaign of it (one open, the others ended)."""
    from datetime import timedelta

    from django.utils import timezone

    from kyoso.campaigns.models import Campaign
    from kyoso.events.tests.factories import EventFactory

    EventFactory(project=project, created_by=lead, title=f"催し{n}")
    now = timezone.now()
    Campaign.objects.create(
        project=project,
        title=f"キャンペーン{n}",
        goal=100_000,
        mode="keep_it_all",
        deadline=now + timedelta(days=10),
        state="open" if n == 0 else "succeeded",
        opened_at=now - timedelta(days=30),
        ended_at=None if n == 0 else now - timedelta(days=n),
        pledged_total=50_000,
    )


def _rich(size):
    lead = UserFactory()
    project = project_led_by(lead)
    for n in range(size):
        add_member(project, UserFactory(), role=MemberRole.MEMBER if n % 2 else MemberRole.ADVISOR)
        add_member(project, UserFactory(), status=MemberStatus.REQUESTED)
        add_member(project, UserFactory(), status=MemberStatus.INVITED)
        StageChange.objects.create(project=project, from_stage="idea", to_stage="trial", actor=lead)
        project.issues.add(IssueFactory())
        ProjectTag.objects.create(project=project, kind="sdg", value=f"sdg{n + 1:02d}")
        _work(project, lead, n)
        _held_for(project, lead, n)
    project.municipalities.set(Municipality.objects.filter(code__in=["06204", "04101"]))
    return project, lead


@pytest.mark.parametrize("size", [1, 10])
def test_the_list(client, db, size):
    _projects(size)
    # 1 municipalities with projects (filter), 2 the page's keys in order, 3 those projects
    # with organizations, 4 tags, 5 municipalities of the page's projects
    with assert_num_queries(5, label=f"{size} projects"):
        response = client.get(reverse("projects:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_the_list_filtered(client, db, size):
    _projects(size)
    # The same five queries as unfiltered (the filters are conditions of the keys' query).
    with assert_num_queries(5, label=f"{size} projects"):
        response = client.get(
            reverse("projects:list"),
            {"stage": "idea", "theme": "childcare", "municipality": "06204", "needs_help": ""},
        )
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_a_project_page_for_visitors(client, db, size):
    project, _lead = _rich(size)
    # 1 the project with organization, origin event and pitch, 2 tags, 3 municipalities,
    # 4 stage history with actors, 5 active members with accounts, 6 visible issues,
    # 7 partner organizations, then the work (WORK), then HELD_FOR (its events, its campaign)
    with assert_num_queries(7 + WORK_QUERIES + HELD_FOR, label=f"{size} of each"):
        response = client.get(reverse("projects:detail", args=[project.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_a_project_page_for_its_lead(client, db, size):
    project, lead = _rich(size)
    client.force_login(lead)
    # 1 session, 2 user, 3 the project (+ whether the lead follows it), 4 tags,
    # 5 municipalities, 6 stage history, 7 members, 8 roles (secretariat?) for the visible
    # issues, 9 issues, 10 the lead's membership, 11 partners, then the work (WORK), then
    # HELD_FOR (its events, its campaign)
    with assert_num_queries(11 + WORK_QUERIES + HELD_FOR, label=f"{size} of each"):
        response = client.get(reverse("projects:detail", args=[project.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_the_members_page_for_its_lead(client, db, size):
    project, lead = _rich(size)
    client.force_login(lead)
    # 1 session, 2 user, 3 roles, 4 the project (+ follow), 5 the lead's membership,
    # 6 active members, 7 invitations and requests
    with assert_num_queries(7, label=f"{size} of each"):
        response = client.get(reverse("projects:members", args=[project.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_the_api_list(client, db, size):
    _projects(size)
    # 1 count, 2 projects, 3 tags, 4 municipalities
    with assert_num_queries(4, label=f"{size} projects"):
        response = client.get("/api/v1/projects")
    assert response.status_code == 200
    assert response.json()["count"] == size


@pytest.mark.parametrize("size", [1, 10])
def test_the_api_detail(client, db, size):
    project, _lead = _rich(size)
    with assert_num_queries(6, label=f"{size} of each"):
        response = client.get(f"/api/v1/projects/{project.pk}")
    assert response.status_code == 200
    assert len(response.json()["members"]) == size + 1
