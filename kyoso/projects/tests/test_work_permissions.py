"""The work rules as a table: role × action × project state (see rules_work.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory, make_secretariat
from kyoso.core.policy import check
from kyoso.projects.models import MemberRole
from kyoso.projects.tests.factories_work import (
    CommentFactory,
    HearingFactory,
    NeedFactory,
    UpdateFactory,
    join,
    project_with_lead,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "unverified", "member", "advisor", "lead", "secretariat"]

# action -> the roles allowed on a visible project whose comments are open
VISIBLE = {
    "view_need": set(ROLES),
    "add_need": {"lead", "secretariat"},
    "change_need": {"lead", "secretariat"},
    "delete_need": {"lead", "secretariat"},
    "reopen_need": {"lead", "secretariat"},
    "fill_need": {"lead"},
    "view_trial": set(ROLES),
    "add_trial": {"member", "advisor", "lead"},
    "change_trial": {"member", "advisor", "lead"},
    "delete_trial": {"member", "advisor", "lead"},
    "view_hearing": set(ROLES),
    "add_hearing": {"member", "advisor", "lead"},
    "view_hearing_notes": {"member", "advisor", "lead", "secretariat"},
    "add_resource": {"member", "advisor", "lead"},
    "view_update": set(ROLES),
    "add_update": {"member", "advisor", "lead"},
    "view_comment": set(ROLES),
    "add_comment": {"outsider", "member", "advisor", "lead", "secretariat"},
    "hide_comment": {"secretariat"},
    "lock_comments": {"lead", "secretariat"},
    "report_project": {"outsider", "unverified", "member", "advisor", "lead", "secretariat"},
    "moderate_project": {"secretariat"},
}
# What changes on a hidden project: only members and the secretariat see it.
HIDDEN = {
    **VISIBLE,
    "view_need": {"member", "advisor", "lead", "secretariat"},
    "view_trial": {"member", "advisor", "lead", "secretariat"},
    "view_hearing": {"member", "advisor", "lead", "secretariat"},
    "view_update": {"member", "advisor", "lead", "secretariat"},
    "view_comment": {"member", "advisor", "lead", "secretariat"},
    "add_comment": set(),
    "report_project": {"member", "advisor", "lead", "secretariat"},
}
# Comments locked: only the secretariat may still comment (to say why).
LOCKED = {**VISIBLE, "add_comment": {"secretariat"}}


@pytest.fixture
def people(db):
    lead = UserFactory(display_name="リーダー")
    project = project_with_lead(lead)
    member, advisor = UserFactory(), UserFactory()
    join(project, member)
    join(project, advisor, MemberRole.ADVISOR)
    return project, {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "unverified": UserFactory(email_verified_at=None),
        "member": member,
        "advisor": advisor,
        "lead": lead,
        "secretariat": make_secretariat(),
    }


@pytest.mark.parametrize("state", ["visible", "hidden", "locked"])
def test_rule_table(people, state):
    project, users = people
    if state == "hidden":
        project.hidden_at = timezone.now()
    if state == "locked":
        project.comments_locked = True
    project.save()
    table = {"visible": VISIBLE, "hidden": HIDDEN, "locked": LOCKED}[state]
    wrong = []
    for action, allowed in table.items():
        for role, user in users.items():
            fresh = type(project).objects.get(pk=project.pk)
            if check(f"projects.{action}", user, fresh) != (role in allowed):
                wrong.append((action, role))
    assert wrong == []


def test_own_things(people):
    project, users = people
    comment = CommentFactory(project=project, author=users["outsider"])
    update = UpdateFactory(project=project, author=users["member"])
    assert check("projects.change_comment", users["outsider"], comment)
    assert not check("projects.change_comment", users["lead"], comment)
    assert not check("projects.change_comment", users["secretariat"], comment)
    assert check("projects.delete_comment", users["secretariat"], comment)
    assert not check("projects.delete_comment", users["lead"], comment)
    for role in ("member", "lead", "secretariat"):
        assert check("projects.delete_update", users[role], update), role
    assert not check("projects.delete_update", users["advisor"], update)
    assert not check("projects.delete_update", users["outsider"], update)
    comment.deleted_at = timezone.now()
    assert not check("projects.change_comment", users["outsider"], comment)
    assert not check("projects.delete_comment", users["outsider"], comment)


def test_parts_answer_for_their_project(people):
    project, users = people
    need = NeedFactory(project=project)
    hearing = HearingFactory(project=project)
    assert check("projects.change_need", users["lead"], need)
    assert not check("projects.change_need", users["member"], need)
    assert check("projects.change_hearing", users["member"], hearing)
    assert not check("projects.change_hearing", users["outsider"], hearing)
    assert not check("projects.change_need", users["lead"], None)


def test_pages_refuse_by_role(client, people):
    from django.urls import reverse

    project, users = people
    url = reverse("projects:needs", args=[project.pk])
    data = {"kind": "people", "title": "受付の手伝い"}
    assert client.post(url, data).status_code == 302  # anonymous: to log in
    client.force_login(users["member"])
    assert client.post(url, data).status_code == 403
    trials = reverse("projects:trials", args=[project.pk])
    client.force_login(users["outsider"])
    assert client.post(trials, {"title": "t", "hypothesis": "h"}).status_code == 403
    assert client.get(reverse("projects:moderation")).status_code == 403
