"""Rules of the missions app (``missions.<verb>_<model>``), registered by register().

Who hosts a mission: for a project's mission the project's active leads
(``kyoso.projects.rules.is_lead_of``), for an organization's mission its owners and admins
(``kyoso.orgs.rules.role_in``). The answer is kept on the mission for the request
(:data:`VIEWER_HOST`), so a page asking ten rules asks the database once.

Who may do what (``tests/test_permissions.py`` enumerates this table):

- see a mission: everyone once it is published or closed; a draft only its hosts and the
  secretariat;
- draft a mission for a project or an organization: its hosts (verified members);
- edit it (not once closed), see its completeness score: its hosts and the secretariat
  (moderation); publish a draft, set its questions (not once closed): its hosts;
- close a published mission: its hosts and the secretariat (moderation);
- apply: verified members, to a listed (published or closed) mission; the service refuses a
  closed or filled one, one past its deadline, one's own and a second application, each with
  its message;
- see the mission's applications: its hosts (not the secretariat: what candidates write is
  for the hosts they wrote to);
- see an application, write on it and move its status: the candidate and the hosts; which
  side may make which move is the service's table (``services.applications.TRANSITIONS``).
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.core.rules import is_active_member
from kyoso.missions.models import Application, Mission, MissionStatus

#: Attribute where the first rule asked keeps (viewer id, hosts?) on the mission.
VIEWER_HOST = "viewer_hosts_mission"


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def hosts_owner(user: Any, owner: Any) -> bool:
    """Whether ``user`` may host missions of ``owner`` (a Project or an Organization)."""
    from kyoso.orgs.models import Organization
    from kyoso.projects.models import Project

    if not _authenticated(user) or owner is None:
        return False
    if isinstance(owner, Project):
        from kyoso.projects.rules import is_lead_of

        return is_lead_of(user, owner)
    if isinstance(owner, Organization):
        from kyoso.orgs.rules import MANAGER_ROLES, role_in

        return role_in(user, owner) in MANAGER_ROLES
    return False


def is_host_of(user: Any, mission: Mission | None) -> bool:
    if mission is None or mission.pk is None or not _authenticated(user):
        return False
    kept = getattr(mission, VIEWER_HOST, None)
    if kept is not None and kept[0] == user.pk:
        return kept[1]
    answer = hosts_owner(user, mission.owner)
    setattr(mission, VIEWER_HOST, (user.pk, answer))
    return answer


def mission_of(obj: Any) -> Mission | None:
    if isinstance(obj, Mission):
        return obj
    if isinstance(obj, Application):
        return obj.mission
    return None


# --- Predicates ------------------------------------------------------------------------------

verified_member = is_active_member & is_email_verified
staff = is_secretariat_member


@rules.predicate
def is_mission(user, obj) -> bool:
    return isinstance(obj, Mission)


@rules.predicate
def is_owner(user, obj) -> bool:
    from kyoso.orgs.models import Organization
    from kyoso.projects.models import Project

    return isinstance(obj, Project | Organization)


@rules.predicate
def may_host_owner(user, obj) -> bool:
    return hosts_owner(user, obj)


@rules.predicate
def is_host(user, obj) -> bool:
    return is_host_of(user, mission_of(obj))


@rules.predicate
def is_listed(user, obj) -> bool:
    return isinstance(obj, Mission) and obj.status != MissionStatus.DRAFT


@rules.predicate
def is_draft(user, obj) -> bool:
    return isinstance(obj, Mission) and obj.status == MissionStatus.DRAFT


@rules.predicate
def is_published(user, obj) -> bool:
    return isinstance(obj, Mission) and obj.status == MissionStatus.PUBLISHED


@rules.predicate
def is_not_closed(user, obj) -> bool:
    return isinstance(obj, Mission) and obj.status != MissionStatus.CLOSED


@rules.predicate
def is_application(user, obj) -> bool:
    return isinstance(obj, Application)


@rules.predicate
def is_candidate(user, obj) -> bool:
    return isinstance(obj, Application) and _authenticated(user) and obj.applicant_id == user.pk


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    rules.set_perm("missions.view_mission", is_mission & (is_listed | is_host | staff))
    rules.set_perm("missions.add_mission", verified_member & is_owner & may_host_owner)
    rules.set_perm("missions.change_mission", is_mission & is_not_closed & (is_host | staff))
    rules.set_perm("missions.view_completeness", is_mission & (is_host | staff))
    rules.set_perm("missions.publish_mission", is_draft & is_host)
    rules.set_perm("missions.change_questions", is_not_closed & is_host)
    rules.set_perm("missions.close_mission", is_published & (is_host | staff))
    rules.set_perm("missions.apply_mission", verified_member & is_listed)
    rules.set_perm("missions.view_applications", is_mission & is_host)
    # The API's list: the hosts see every application, anyone signed in their own.
    rules.set_perm(
        "missions.list_applications", is_active_member & is_mission & (is_listed | is_host)
    )
    party = is_application & (is_candidate | is_host)
    rules.set_perm("missions.view_application", party)
    rules.set_perm("missions.message_application", party)
    rules.set_perm("missions.move_application", party)
