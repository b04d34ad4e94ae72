"""Comments on a project: one level, edited by their author, deleted as a tombstone.

``Project.comment_count`` counts the comments that are not deleted (a hidden comment still
has its place in the thread, shown as hidden), moved by relative UPDATEs in the same
transaction. A project whose comments are locked refuses new ones (the secretariat may still
comment, to say why, as on issues). Followers are told of each comment.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.rules import is_secretariat_member
from kyoso.audit.services import audit_record
from kyoso.projects import audit
from kyoso.projects import messages_work as messages
from kyoso.projects.models import COMMENT_MAX, Comment, Project
from kyoso.projects.services.work import WorkError, notify_followers, require, touch


def comment_anchor(comment: Comment) -> str:
    return f"#comment-{comment.pk}"


def comments_url(project: Project | int, anchor: str = "") -> str:
    pk = project if isinstance(project, int) else project.pk
    return reverse("projects:comments", args=[pk]) + anchor


def _clean_body(body: str) -> str:
    text = (body or "").strip()
    if not text:
        raise WorkError(messages.COMMENT_REQUIRED, field="body")
    if len(text) > COMMENT_MAX:
        raise WorkError(
            messages.TOO_LONG % {"limit_value": COMMENT_MAX, "show_value": len(text)},
            field="body",
        )
    return text


def comment_create(*, actor: Any, project: Project, body: str) -> Comment:
    """Comment on the project; its followers are told."""
    if project.comments_locked and not is_secretariat_member(actor):
        raise WorkError(messages.COMMENTS_LOCKED, field="body")
    require("projects.add_comment", actor, project)
    text = _clean_body(body)
    with transaction.atomic():
        comment = Comment.objects.create(project=project, author=actor, body=text)
        touch(project.pk, comment_count=F("comment_count") + 1)
        notify_followers(
            project=project,
            actor=actor,
            kind="projects.comment",
            text=str(messages.NOTE_COMMENT % {"title": project.title}),
            url=comments_url(project, comment_anchor(comment)),
        )
    return comment


def comment_edit(*, actor: Any, comment: Comment, body: str) -> Comment:
    require("projects.change_comment", actor, comment)
    text = _clean_body(body)
    with transaction.atomic():
        now = timezone.now()
        changed = Comment.objects.filter(
            pk=comment.pk, deleted_at__isnull=True, hidden_at__isnull=True
        ).update(body=text, edited_at=now)
        if not changed:
            raise WorkError(messages.COMMENT_GONE)
        comment.body, comment.edited_at = text, now
    return comment


def comment_delete(*, actor: Any, comment: Comment, request: HttpRequest | None = None) -> Comment:
    """Delete a comment: its text is erased and a tombstone keeps its place."""
    require("projects.delete_comment", actor, comment)
    with transaction.atomic():
        now = timezone.now()
        changed = Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
            deleted_at=now, body=""
        )
        if not changed:
            raise WorkError(messages.COMMENT_GONE)
        Project.objects.filter(pk=comment.project_id, comment_count__gt=0).update(
            comment_count=F("comment_count") - 1
        )
        if comment.author_id != actor.pk:
            audit_record(
                actor=actor,
                action=audit.COMMENT_DELETED,
                target=comment.project,
                data={"comment": comment.pk, "author": comment.author_id},
                request=request,
            )
        comment.deleted_at, comment.body = now, ""
    return comment
