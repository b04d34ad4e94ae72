"""Rules of a project's work: needs, trials, hearings, resources, updates, comments, reports.

Who may do what (``tests/test_work_permissions.py`` enumerates this table); "everyone who
sees the project" is :func:`~kyoso.projects.rules.project_is_visible` (a hidden project: its
active members and the secretariat):

- needs — view: everyone who sees the project; add, edit, reopen (with a reason), delete: the
  project's leads and the secretariat; mark "in talks" or "filled" (with who filled it): leads;
- trials, hearings, resources — view: everyone who sees the project; a hearing's
  ``private_notes``: active members and the secretariat; add, edit, delete: active members;
- updates (活動報告) — view: everyone who sees the project; post: active members; delete: the
  author, the leads and the secretariat;
- comments — post: verified members on a visible project whose comments are not locked (the
  secretariat may still comment on a locked one, to say why, as on issues); edit: the author;
  delete: the author or the secretariat; hide: the secretariat; lock or reopen the comments:
  the leads and the secretariat;
- reports — any signed-in person reports a project they can see (or one of its comments);
  the moderation queue, hiding projects and dismissing reports: the secretariat.
"""

from __future__ import annotations

import rules

from kyoso.core.rules import is_active_member
from kyoso.projects.models import Comment, Update
from kyoso.projects.rules import (
    _authenticated,
    has_a_project,
    is_active_project_member,
    is_lead,
    project_is_visible,
    project_of,
    staff,
    verified_member,
)


@rules.predicate
def comments_open(user, obj) -> bool:
    project = project_of(obj)
    if project is None or project.hidden_at is not None:
        return False
    return not project.comments_locked or bool(staff(user))


@rules.predicate
def is_own_comment(user, obj) -> bool:
    return (
        isinstance(obj, Comment)
        and _authenticated(user)
        and obj.author_id == user.pk
        and obj.deleted_at is None
        and obj.hidden_at is None
    )


@rules.predicate
def is_live_comment(user, obj) -> bool:
    return isinstance(obj, Comment) and obj.deleted_at is None


@rules.predicate
def is_comment_author(user, obj) -> bool:
    return isinstance(obj, Comment) and _authenticated(user) and obj.author_id == user.pk


@rules.predicate
def is_update_author(user, obj) -> bool:
    return isinstance(obj, Update) and _authenticated(user) and obj.author_id == user.pk


def register() -> None:
    """Register the work rules (called from ``kyoso.projects.rules.register``)."""
    sees = has_a_project & project_is_visible
    stewards = is_lead | staff

    rules.set_perm("projects.view_need", sees)
    rules.set_perm("projects.add_need", has_a_project & stewards)
    rules.set_perm("projects.change_need", has_a_project & stewards)
    rules.set_perm("projects.delete_need", has_a_project & stewards)
    rules.set_perm("projects.reopen_need", has_a_project & stewards)
    rules.set_perm("projects.fill_need", has_a_project & is_lead)

    for model in ("trial", "hearing", "resource"):
        rules.set_perm(f"projects.view_{model}", sees)
        rules.set_perm(f"projects.add_{model}", is_active_project_member)
        rules.set_perm(f"projects.change_{model}", is_active_project_member)
        rules.set_perm(f"projects.delete_{model}", is_active_project_member)
    rules.set_perm(
        "projects.view_hearing_notes", is_active_project_member | (has_a_project & staff)
    )

    rules.set_perm("projects.view_update", sees)
    rules.set_perm("projects.add_update", is_active_project_member)
    rules.set_perm("projects.delete_update", is_update_author | (has_a_project & stewards))

    rules.set_perm("projects.view_comment", sees)
    rules.set_perm("projects.add_comment", verified_member & sees & comments_open)
    rules.set_perm("projects.change_comment", is_own_comment)
    rules.set_perm("projects.delete_comment", is_live_comment & (is_comment_author | staff))
    rules.set_perm("projects.hide_comment", has_a_project & staff)
    rules.set_perm("projects.lock_comments", has_a_project & stewards)

    rules.set_perm("projects.report_project", is_active_member & sees)
    rules.set_perm("projects.moderate_project", staff)
