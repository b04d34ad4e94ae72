"""What a project's work holds about one person: export and erasure.

The core part of the projects app registers the ``projects`` section; it adds
``export(user)`` of this module under the key ``work`` and calls ``erase(user)`` from its
eraser, and ``files(user)`` from its file lister (update images go into the download and are
deleted with the account).

Erasure keeps the project's own records readable and drops the person from them: comments
become tombstones (the count goes down), updates the person posted are deleted (with their
images), hearings, resources and filled needs keep what the project learned but no longer
name the person, and reports they sent lose their sender.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from kyoso.projects.models import Comment, Hearing, Need, Project, Report, Resource, Update


def export(user: Any) -> dict[str, Any]:
    comments = Comment.objects.filter(author_id=user.pk).order_by("created_at", "id")
    updates = Update.objects.filter(author_id=user.pk).order_by("created_at", "id")
    hearings = Hearing.objects.filter(created_by_id=user.pk).order_by("held_on", "id")
    heard = Hearing.objects.filter(heard_user_id=user.pk).order_by("held_on", "id")
    filled = Need.objects.filter(filled_by_id=user.pk).order_by("filled_at", "id")
    reports = Report.objects.filter(reporter_id=user.pk).order_by("created_at", "id")
    return {
        "comments": [
            {
                "project": c.project_id,
                "body": c.body,
                "created_at": c.created_at,
                "edited_at": c.edited_at,
                "deleted_at": c.deleted_at,
                "hidden_at": c.hidden_at,
            }
            for c in comments
        ],
        "updates": [
            {
                "project": u.project_id,
                "body": u.body,
                "image": u.image.name or None,
                "created_at": u.created_at,
            }
            for u in updates
        ],
        "hearings_recorded": [
            {
                "project": h.project_id,
                "held_on": h.held_on,
                "heard": h.heard_text,
                "learned": h.learned,
                "private_notes": h.private_notes,
            }
            for h in hearings
        ],
        "hearings_heard_in": [{"project": h.project_id, "held_on": h.held_on} for h in heard],
        "needs_filled": [
            {"project": n.project_id, "need": n.title, "kind": n.kind, "filled_at": n.filled_at}
            for n in filled
        ],
        "reports_sent": [
            {
                "project": r.project_id,
                "comment": r.comment_id,
                "reason": r.reason,
                "status": r.status,
                "created_at": r.created_at,
            }
            for r in reports
        ],
    }


def files(user: Any) -> list[Any]:
    """The images of the person's updates."""
    return [u.image for u in Update.objects.filter(author_id=user.pk).exclude(image="")]


def erase(user: Any) -> None:
    now = timezone.now()
    live = Comment.objects.filter(author_id=user.pk, deleted_at__isnull=True)
    for project_id in live.values_list("project_id", flat=True):
        Project.objects.filter(pk=project_id, comment_count__gt=0).update(
            comment_count=F("comment_count") - 1
        )
    live.update(body="", deleted_at=now)
    Comment.objects.filter(author_id=user.pk).update(body="", hidden_reason="")
    Update.objects.filter(author_id=user.pk).delete()
    Hearing.objects.filter(created_by_id=user.pk).update(created_by=None)
    Hearing.objects.filter(heard_user_id=user.pk).update(heard_user=None)
    Resource.objects.filter(user_id=user.pk).update(user=None)
    Resource.objects.filter(created_by_id=user.pk).update(created_by=None)
    Need.objects.filter(filled_by_id=user.pk).update(filled_by=None)
    Report.objects.filter(reporter_id=user.pk).update(reporter=None)
