"""Who may do what with a mission and its applications: role × action × state.

Roles: the project's lead (host), an organization admin (host of the org's missions, not of the
project's), the candidate, another signed-in person, an account whose email is not verified,
the secretariat, an anonymous visitor. States: draft, published, closed.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.policy import check
from kyoso.missions.models import Mission
from kyoso.missions.tests.factories import apply

pytestmark = pytest.mark.django_db

ROLES = ("host", "org_admin", "candidate", "other", "unverified", "secretariat", "anonymous")

#: action → state → roles allowed.
MISSION_MATRIX = {
    "missions.view_mission": {
        "draft": {"host", "secretariat"},
        "published": set(ROLES),
        "closed": set(ROLES),
    },
    "missions.change_mission": {
        "draft": {"host", "secretariat"},
        "published": {"host", "secretariat"},
        "closed": set(),
    },
    "missions.view_completeness": {
        "draft": {"host", "secretariat"},
        "published": {"host", "secretariat"},
        "closed": {"host", "secretariat"},
    },
    "missions.publish_mission": {"draft": {"host"}, "published": set(), "closed": set()},
    "missions.change_questions": {"draft": {"host"}, "published": {"host"}, "closed": set()},
    "missions.close_mission": {
        "draft": set(),
        "published": {"host", "secretariat"},
        "closed": set(),
    },
    "missions.apply_mission": {
        "draft": set(),
        # The rule lets verified members try; the service refuses the host's own mission.
        "published": {"host", "org_admin", "candidate", "other", "secretariat"},
        "closed": {"host", "org_admin", "candidate", "other", "secretariat"},
    },
    "missions.view_applications": {
        "draft": {"host"},
        "published": {"host"},
        "closed": {"host"},
    },
}

APPLICATION_MATRIX = {
    "missions.view_application": {"host", "candidate"},
    "missions.message_application": {"host", "candidate"},
    "missions.move_application": {"host", "candidate"},
}


@pytest.fixture
def people(lead, org_admin, organization, sato, suzuki, takahashi):
    return {
        "host": lead,
        "org_admin": org_admin,
        "candidate": suzuki,
        "other": takahashi,
        "unverified": UserFactory(email_verified_at=None),
        "secretariat": sato,
        "anonymous": AnonymousUser(),
    }


def _in_state(mission: Mission, state: str) -> Mission:
    fields = {"status": state, "closed_reason": "host" if state == "closed" else ""}
    fields["published_at"] = None if state == "draft" else timezone.now()
    Mission.objects.filter(pk=mission.pk).update(**fields)
    return Mission.objects.select_related("project", "organization").get(pk=mission.pk)


@pytest.mark.parametrize("state", ["draft", "published", "closed"])
@pytest.mark.parametrize("action", sorted(MISSION_MATRIX))
def test_mission_rules(draft, people, action, state):
    mission = _in_state(draft, state)
    allowed = {role for role in ROLES if check(action, people[role], mission)}
    assert allowed == MISSION_MATRIX[action][state]


@pytest.mark.parametrize("action", sorted(APPLICATION_MATRIX))
def test_application_rules(mission, people, action):
    application = apply(mission, people["candidate"])
    allowed = {role for role in ROLES if check(action, people[role], application)}
    assert allowed == APPLICATION_MATRIX[action]


def test_an_org_admin_hosts_the_orgs_missions_and_drafts_for_it(org_mission, people):
    assert check("missions.view_applications", people["org_admin"], org_mission)
    assert not check("missions.view_applications", people["host"], org_mission)
    assert check("missions.add_mission", people["org_admin"], org_mission.organization)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_draft_for_a_project(project, people, role):
    allowed = check("missions.add_mission", people[role], project)
    assert allowed == (role == "host")


def test_a_plain_org_member_does_not_host(org_mission, organization):
    from kyoso.orgs.tests.factories import MembershipFactory

    member = MembershipFactory(organization=organization, role="member").user
    assert not check("missions.view_applications", member, org_mission)
    assert not check("missions.add_mission", member, organization)


def test_a_former_lead_no_longer_hosts(mission, lead):
    from kyoso.projects.models import Membership

    Membership.objects.filter(user=lead).update(role="member")
    fresh = Mission.objects.select_related("project").get(pk=mission.pk)
    assert not check("missions.change_mission", lead, fresh)
