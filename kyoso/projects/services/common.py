"""What every write of the projects app (core) shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse

from kyoso.core.policy import check
from kyoso.projects.models import Project
from kyoso.search.services import index_on_commit


class ProjectError(Exception):
    """A refusal with a message the person can act on (shown as is)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def reindex_on_commit(project_id: int) -> None:
    """After commit, give the search layer the project as it is then, and re-render the
    home's project block (kyoso.core.home)."""
    from kyoso.core.home import touch_on_commit
    from kyoso.projects.registry import search_queryset

    index_on_commit(search_queryset().filter(pk=project_id))
    touch_on_commit("projects")


def lock(project: Project) -> None:
    """Lock the project row until the transaction ends (PostgreSQL; SQLite serializes writes).

    Every change that could leave the project without a lead takes it first, so two of them
    never both count the other lead as still there."""
    list(Project.objects.select_for_update().filter(pk=project.pk).values_list("pk"))


def add_members(project_id: int, delta: int) -> None:
    """Move ``member_count`` by ``delta`` with a relative UPDATE (never below zero)."""
    rows = Project.objects.filter(pk=project_id)
    if delta < 0:
        rows = rows.filter(member_count__gte=-delta)
    rows.update(member_count=F("member_count") + delta)


def project_url(project: Project, name: str = "detail") -> str:
    return reverse(f"projects:{name}", args=[project.pk])


def notify(
    *, recipients: Any, kind: str, actor: Any, project: Project, text: str, url: str = ""
) -> int:
    from kyoso.notifications.services import notify as send

    return send(
        recipients=recipients,
        kind=kind,
        actor=actor,
        target=project,
        text=text,
        url=url or project_url(project),
    )


def notify_followers(
    *, project: Project, actor: Any, kind: str, text: str, anchor: str = ""
) -> int:
    """Tell the project's followers and active members (not the actor). A hidden project tells
    only its members."""
    from kyoso.projects.selectors import project_audience

    return notify(
        recipients=project_audience(project),
        kind=kind,
        actor=actor,
        project=project,
        text=text,
        url=project_url(project) + anchor,
    )
