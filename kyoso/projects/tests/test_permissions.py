"""Who may do what, as role × action × state (the table in ``register_projects``)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.policy import check
from kyoso.projects.models import MemberRole, MemberStatus
from kyoso.projects.tests.factories import add_member, project_led_by

ROLES = ["anonymous", "unverified", "outsider", "requester", "invitee", "member", "lead", "sato"]

#: rule → the roles it allows on a visible project, and on a hidden one.
TABLE = {
    "projects.view_project": (set(ROLES), {"member", "lead", "sato"}),
    "projects.view_members": (set(ROLES), {"member", "lead", "sato"}),
    "projects.change_project": ({"lead", "sato"}, {"lead", "sato"}),
    "projects.change_stage": ({"lead", "sato"}, {"lead", "sato"}),
    "projects.invite_member": ({"lead", "sato"}, {"lead", "sato"}),
    "projects.decide_membership": ({"lead", "sato"}, {"lead", "sato"}),
    "projects.remove_member": ({"lead", "sato"}, {"lead", "sato"}),
    "projects.change_member_role": ({"lead", "sato"}, {"lead", "sato"}),
    "projects.join_project": ({"outsider", "sato"}, {"sato"}),
    "projects.answer_invitation": ({"invitee"}, {"invitee"}),
    "projects.leave_project": (
        {"requester", "invitee", "member", "lead"},
        {"requester", "invitee", "member", "lead"},
    ),
    "projects.follow_project": (
        {"unverified", "outsider", "requester", "invitee", "member", "lead", "sato"},
        {"member", "lead", "sato"},
    ),
}


@pytest.fixture
def people(db, sato):
    from django.contrib.auth.models import AnonymousUser

    lead = UserFactory()
    project = project_led_by(lead)
    member = UserFactory()
    add_member(project, member)
    requester, invitee = UserFactory(), UserFactory()
    add_member(project, requester, status=MemberStatus.REQUESTED)
    add_member(project, invitee, status=MemberStatus.INVITED, role=MemberRole.ADVISOR)
    return project, {
        "anonymous": AnonymousUser(),
        "unverified": UserFactory(email_verified_at=None),
        "outsider": UserFactory(),
        "requester": requester,
        "invitee": invitee,
        "member": member,
        "lead": lead,
        "sato": sato,
    }


@pytest.mark.parametrize("state", ["visible", "hidden"])
@pytest.mark.parametrize("rule", sorted(TABLE))
def test_the_table(people, rule, state):
    project, by_role = people
    if state == "hidden":
        project.hidden_at = timezone.now()
        project.save(update_fields=["hidden_at"])
    allowed = TABLE[rule][0 if state == "visible" else 1]
    answers = {role: check(rule, user, project) for role, user in by_role.items()}
    assert {role for role, yes in answers.items() if yes} == allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("anonymous", False), ("unverified", False), ("outsider", True), ("sato", True)],
)
def test_who_may_start_a_project(people, role, allowed):
    _project, by_role = people
    assert check("projects.add_project", by_role[role]) is allowed


def test_rules_say_no_to_anything_else(people):
    _project, by_role = people
    for rule in TABLE:
        assert check(rule, by_role["sato"], None) is False
