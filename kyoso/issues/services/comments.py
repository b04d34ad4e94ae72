"""Comments on an issue: one level deep, editable for a while, deleted as a tombstone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.issues import messages
from kyoso.issues.models import Comment, Follow, Issue
from kyoso.issues.rules import COMMENT_EDIT_WINDOW
from kyoso.issues.services.posting import (
    IssueError,
    notify_followers,
    reindex_on_commit,
    require,
    set_counter,
)
from kyoso.roles.selectors import is_secretariat

#: Comments one account may post in :data:`COMMENT_LIMIT_WINDOW` (KYOSO_COMMENT_LIMIT).
COMMENT_LIMIT = 30
COMMENT_LIMIT_WINDOW = timedelta(minutes=10)


def _check_comment_limit(actor: Any) -> None:
    if is_secretariat(actor):
        return
    limit = int(getattr(settings, "KYOSO_COMMENT_LIMIT", COMMENT_LIMIT))
    since = timezone.now() - COMMENT_LIMIT_WINDOW
    if Comment.objects.filter(author_id=actor.pk, created_at__gte=since).count() >= limit:
        raise IssueError(messages.COMMENT_LIMIT_ACCOUNT)


def _check_parent(issue: Issue, parent: Comment | None) -> None:
    if parent is None:
        return
    if parent.issue_id != issue.pk or parent.deleted_at is not None or parent.hidden_at:
        raise IssueError(messages.REPLY_PARENT_MISSING)
    if parent.parent_id is not None:
        raise IssueError(messages.REPLY_TOO_DEEP)


def comment_create(
    *,
    actor: Any,
    issue: Issue,
    body: str,
    parent: Comment | None = None,
) -> Comment:
    """Comment on the issue, or reply to one of its top-level comments.

    The commenter starts following the issue; its followers are told.
    """
    require("issues.add_comment", actor, issue)
    body = body.strip()
    if not body:
        raise IssueError(messages.COMMENT_REQUIRED)
    _check_parent(issue, parent)
    with transaction.atomic():
        _check_comment_limit(actor)
        comment = Comment.objects.create(issue=issue, author=actor, parent=parent, body=body)
        _, followed = Follow.objects.get_or_create(issue_id=issue.pk, user_id=actor.pk)
        counters: dict[str, Any] = {"comment_count": F("comment_count") + 1}
        if followed:
            counters["follower_count"] = F("follower_count") + 1
        Issue.objects.filter(pk=issue.pk).update(last_activity_at=timezone.now(), **counters)
        notify_followers(
            issue=issue,
            actor=actor,
            kind="issues.comment",
            text=gettext("「%(title)s」にコメントがありました。") % {"title": issue.title},
            anchor=f"?comment={comment.pk}#comment-{comment.pk}",
        )
        reindex_on_commit(issue.pk)
    return comment


def comment_edit(*, actor: Any, comment: Comment, body: str) -> Comment:
    """Change a comment's text; only its author, within the edit window."""
    if (
        comment.author_id == getattr(actor, "pk", None)
        and comment.deleted_at is None
        and timezone.now() - comment.created_at > COMMENT_EDIT_WINDOW
    ):
        raise IssueError(
            messages.EDIT_WINDOW_OVER % {"minutes": int(COMMENT_EDIT_WINDOW.total_seconds() // 60)}
        )
    require("issues.change_comment", actor, comment)
    body = body.strip()
    if not body:
        raise IssueError(messages.COMMENT_REQUIRED)
    with transaction.atomic():
        now = timezone.now()
        updated = Comment.objects.filter(
            pk=comment.pk, deleted_at__isnull=True, hidden_at__isnull=True
        ).update(body=body, edited_at=now)
        if not updated:
            raise IssueError(messages.COMMENT_ALREADY_DELETED)
        comment.body, comment.edited_at = body, now
        reindex_on_commit(comment.issue_id)
    return comment


def comment_delete(*, actor: Any, comment: Comment, request: HttpRequest | None = None) -> Comment:
    """Delete a comment: its text is erased and a tombstone stays so replies keep their place."""
    require("issues.delete_comment", actor, comment)
    with transaction.atomic():
        now = timezone.now()
        updated = Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
            deleted_at=now, body=""
        )
        if not updated:
            raise IssueError(messages.COMMENT_ALREADY_DELETED)
        set_counter(comment.issue_id, "comment_count", -1)
        if comment.author_id != actor.pk:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.STAFF_EDIT,
                target=comment,
                data={"issue": comment.issue_id, "comment": comment.pk, "deleted": True},
                request=request,
            )
        comment.deleted_at, comment.body = now, ""
        reindex_on_commit(comment.issue_id)
    return comment
