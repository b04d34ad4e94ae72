"""Projects in the global search (type ``projects``), and in the personal-data download and
account deletion."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.projects import messages
from kyoso.projects.models import Follow, Membership, Project
from kyoso.projects.personal_data import erase, export, sole_lead_blocker
from kyoso.projects.services import projects as services
from kyoso.projects.tests.factories import add_member
from kyoso.regions.models import Municipality
from kyoso.search.services import index_object, matching_ids

GOAL = "規格外の野菜を学校給食に回す。"


@pytest.mark.django_db(transaction=True)
def test_found_by_title_goal_theme_and_place_and_kept_in_step():
    person = UserFactory()
    project = services.project_create(
        actor=person,
        data={
            "title": "庄内の給食プロジェクト",
            "goal": GOAL,
            "themes": ["agriculture"],
            "municipalities": list(Municipality.objects.filter(code="06204")),
        },
    )
    for words in ("給食", "規格外", "農林水産業", "酒田"):
        assert matching_ids(words, type="projects") == [project.pk], words

    services.project_update(
        actor=person,
        project=project,
        data={"title": "庄内の朝ごはん", "goal": "朝ごはんを届ける。"},
    )
    assert matching_ids("朝ごはん", type="projects") == [project.pk]
    assert matching_ids("給食", type="projects") == []


@pytest.mark.django_db(transaction=True)
def test_hidden_projects_are_not_indexed():
    person = UserFactory()
    services.project_create(actor=person, data={"title": "隠れた計画", "goal": GOAL})
    Project.objects.update(hidden_at=timezone.now())
    index_object(Project.objects.get())
    assert matching_ids("隠れた計画", type="projects") == []


def test_export_and_erase(lead, member, project):
    Follow.objects.create(project=project, user=member)
    Project.objects.filter(pk=project.pk).update(follower_count=1, created_by=lead)
    exported = export(member)
    assert exported["memberships"][0]["project_title"] == "空き家で子ども食堂"
    assert exported["follows"] == [
        {"project": project.pk, "created_at": exported["follows"][0]["created_at"]}
    ]
    assert export(lead)["projects_created"][0]["id"] == project.pk

    erase(member)
    project.refresh_from_db()
    assert (project.member_count, project.follower_count) == (1, 0)
    assert not Membership.objects.filter(user=member).exists()


def test_the_sole_lead_of_a_project_with_members_is_blocked(lead, member, project):
    assert sole_lead_blocker(lead) == str(
        messages.ACCOUNT_DELETION_BLOCKED % {"projects": "空き家で子ども食堂"}
    )
    assert sole_lead_blocker(member) is None
    add_member(project, UserFactory(), role="lead")
    assert sole_lead_blocker(lead) is None


def test_found_in_english_too(english, db):
    """A project written while the page was in English is indexed with Japanese labels."""
    from django.utils import translation

    person = UserFactory()
    with translation.override("en"):
        project = services.project_create(
            actor=person, data={"title": "t", "goal": GOAL, "themes": ["agriculture"]}
        )
    from kyoso.projects.registry import search_document, search_queryset

    with translation.override("en"):
        document = search_document(search_queryset().get(pk=project.pk))
    assert "農林水産業" in document.body
