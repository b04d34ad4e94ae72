"""What the services of a project's work share: the refusal, the rule check, followers.

Every service checks its rule again (a forged POST must not get past the view by calling the
service), runs in ``transaction.atomic`` and raises :class:`WorkError` with a message from
:mod:`kyoso.projects.messages_work` for refusals a person can act on.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kyoso.accounts.models import User
from kyoso.core.policy import check
from kyoso.notifications.services import notify
from kyoso.projects.models import Project


class WorkError(Exception):
    """A refusal with a message the person can act on (shown as is)."""

    def __init__(self, message: Any, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


def require(rule: str, actor: Any, obj: Any = None) -> None:
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def project_url(project: Project | int, anchor: str = "") -> str:
    """The project's page (the core part's ``projects:detail``; its work pages until then)."""
    pk = project if isinstance(project, int) else project.pk
    try:
        return reverse("projects:detail", args=[pk]) + anchor
    except NoReverseMatch:
        return f"/projects/{pk}/{anchor}"


def followers_of(project: Project) -> QuerySet[User]:
    return User.objects.filter(project_follows__project_id=project.pk, is_active=True)


def notify_followers(*, project: Project, actor: Any, kind: str, text: str, url: str) -> int:
    """Tell the project's followers (not the actor); a hidden project tells nobody."""
    if project.hidden_at is not None:
        return 0
    # notify() leaves the actor out.
    return notify(
        recipients=followers_of(project), kind=kind, actor=actor, target=project, text=text, url=url
    )


def touch(project_id: int, **counters: Any) -> None:
    """Mark recent activity on the project, with optional counter updates (F expressions);
    after commit the home's project block is rendered again (its open needs)."""
    from kyoso.core.home import touch_on_commit

    Project.objects.filter(pk=project_id).update(last_activity_at=timezone.now(), **counters)
    touch_on_commit("projects")
