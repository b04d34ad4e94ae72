"""Following a project: its moves reach the follower's notifications. The creator follows
from the start; ``follower_count`` moves only when a row was really added or removed."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from kyoso.projects.models import Follow, Project
from kyoso.projects.services.common import require


def follow_set(*, actor: Any, project: Project, on: bool) -> bool:
    """Follow (``on``) or stop following; idempotent. Returns whether the actor now follows."""
    require("projects.follow_project", actor, project)
    with transaction.atomic():
        if on:
            try:
                with transaction.atomic():
                    Follow.objects.create(project=project, user=actor)
            except IntegrityError:
                return True
            Project.objects.filter(pk=project.pk).update(follower_count=F("follower_count") + 1)
        else:
            deleted, _ = Follow.objects.filter(project=project, user_id=actor.pk).delete()
            if deleted:
                Project.objects.filter(pk=project.pk, follower_count__gt=0).update(
                    follower_count=F("follower_count") - 1
                )
    return on
