"""Rules of the projects app (``projects.<verb>_<model>``), registered by register().

Object-level predicates receive a :class:`~kyoso.projects.models.Project` or one of its parts
(a need, trial, hearing, resource, update, comment), whose project is then used, and answer
"no" for anything else, ``None`` included. The viewer's membership is read once per request and
kept on the project (:data:`VIEWER_MEMBERSHIP`), so a page checking ten rules costs one query,
or none when the selector already loaded it.

The rules of the project itself and its members are registered here (``register_projects``);
those of its work — needs, trials, hearings, resources, updates, comments — in
``rules_work.py``. The table of who may do what is in each function's docstring.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.core.rules import is_active_member
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project

#: Attributes where selectors (and the first rule asked) keep the viewer's membership.
VIEWER_MEMBERSHIP = "viewer_membership"
VIEWER_ID = "viewer_membership_of"


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def project_of(obj: Any) -> Project | None:
    """The project of ``obj``: the project itself, or the ``project`` of one of its parts."""
    if isinstance(obj, Project):
        return obj
    project = getattr(obj, "project", None)
    return project if isinstance(project, Project) else None


def membership_of(user: Any, project: Project | None) -> Membership | None:
    """The person's membership (active, invited or requested) in the project, or None."""
    if project is None or project.pk is None or not _authenticated(user):
        return None
    if getattr(project, VIEWER_ID, None) == user.pk:
        return getattr(project, VIEWER_MEMBERSHIP, None)
    membership = Membership.objects.filter(project_id=project.pk, user_id=user.pk).first()
    remember_membership(project, user, membership)
    return membership


def remember_membership(project: Project, user: Any, membership: Membership | None) -> None:
    setattr(project, VIEWER_ID, user.pk)
    setattr(project, VIEWER_MEMBERSHIP, membership)


def is_active_in(user: Any, project: Project | None) -> bool:
    membership = membership_of(user, project)
    return membership is not None and membership.status == MemberStatus.ACTIVE


def is_lead_of(user: Any, project: Project | None) -> bool:
    membership = membership_of(user, project)
    return (
        membership is not None
        and membership.status == MemberStatus.ACTIVE
        and membership.role == MemberRole.LEAD
    )


# --- Predicates shared by both rule modules ---------------------------------------------------

verified_member = is_active_member & is_email_verified
staff = is_secretariat_member


@rules.predicate
def is_project(user, obj) -> bool:
    return isinstance(obj, Project)


@rules.predicate
def has_a_project(user, obj) -> bool:
    return project_of(obj) is not None


@rules.predicate
def is_lead(user, obj) -> bool:
    return is_lead_of(user, project_of(obj))


@rules.predicate
def is_active_project_member(user, obj) -> bool:
    return is_active_in(user, project_of(obj))


@rules.predicate
def project_is_visible(user, obj) -> bool:
    """A hidden (moderated) project is seen only by its members and the secretariat."""
    project = project_of(obj)
    if project is None:
        return False
    if project.hidden_at is None:
        return True
    return is_active_in(user, project) or is_secretariat_member(user)


@rules.predicate
def is_signed_in(user) -> bool:
    return _authenticated(user)


@rules.predicate
def has_membership(user, obj) -> bool:
    return isinstance(obj, Project) and membership_of(user, obj) is not None


@rules.predicate
def has_no_membership(user, obj) -> bool:
    return isinstance(obj, Project) and _authenticated(user) and membership_of(user, obj) is None


@rules.predicate
def is_invited(user, obj) -> bool:
    membership = membership_of(user, obj) if isinstance(obj, Project) else None
    return membership is not None and membership.status == MemberStatus.INVITED


def register_projects() -> None:
    """The project and its members. Who may do what (the permission tests enumerate it):

    - see a project, its stage history and members: everyone, unless it is hidden (then its
      active members and the secretariat);
    - start one (from scratch, an issue, minutes, a pitch): signed-in people with a verified
      email address (the services then check what they start from);
    - edit it, move its stage, invite, decide requests, remove members, change roles: its
      active leads and the secretariat (who keeps a project whose leads went quiet running);
    - ask to join: verified people with no membership (active, invited or requested) who can
      see it; answer an invitation: the person invited; leave (or withdraw a request): anyone
      with a membership — the service refuses the last lead;
    - follow: signed-in people who can see it.
    """
    managers = is_project & (is_lead | staff)
    rules.set_perm("projects.view_project", is_project & project_is_visible)
    rules.set_perm("projects.add_project", verified_member)
    rules.set_perm("projects.change_project", managers)
    rules.set_perm("projects.change_stage", managers)
    rules.set_perm("projects.view_members", is_project & project_is_visible)
    rules.set_perm("projects.invite_member", managers)
    rules.set_perm("projects.decide_membership", managers)
    rules.set_perm("projects.remove_member", managers)
    rules.set_perm("projects.change_member_role", managers)
    rules.set_perm(
        "projects.join_project",
        is_project & verified_member & has_no_membership & project_is_visible,
    )
    rules.set_perm("projects.answer_invitation", is_project & is_invited)
    rules.set_perm("projects.leave_project", is_project & has_membership)
    rules.set_perm("projects.follow_project", is_project & is_signed_in & project_is_visible)


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    from kyoso.projects import rules_work

    register_projects()
    rules_work.register()
