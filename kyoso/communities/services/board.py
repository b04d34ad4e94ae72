"""The discussion board: posts (pinned by leaders) and their comments.

A deleted post with comments stays as a tombstone (title and body emptied) so the
conversation keeps its place; without comments it is removed. Deleted comments are tombstones
too. ``comment_count`` counts live comments, moved by conditional updates.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.communities import messages
from kyoso.communities.models import BoardComment, BoardPost, Community
from kyoso.communities.services.common import CommunityError, require


def post_create(*, actor: Any, community: Community, title: str, body: str) -> BoardPost:
    require("communities.post_board", actor, community)
    title, body = title.strip(), body.strip()
    if not title:
        raise CommunityError(messages.POST_TITLE_REQUIRED)
    if not body:
        raise CommunityError(messages.POST_BODY_REQUIRED)
    with transaction.atomic():
        post = BoardPost.objects.create(community=community, author=actor, title=title, body=body)
    return post


def post_pin(*, actor: Any, post: BoardPost, pinned: bool) -> BoardPost:
    require("communities.pin_post", actor, post)
    with transaction.atomic():
        BoardPost.objects.filter(pk=post.pk, deleted_at__isnull=True).update(pinned=pinned)
        post.pinned = pinned
    return post


def _audit_staff(actor: Any, target: Any, data: dict, request: HttpRequest | None) -> None:
    if getattr(target, "author_id", None) != actor.pk:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.STAFF_EDIT,
            target=target,
            data={**data, "deleted": True},
            request=request,
        )


def post_delete(*, actor: Any, post: BoardPost, request: HttpRequest | None = None) -> bool:
    """Delete a post; returns whether a tombstone stays (it has comments)."""
    require("communities.delete_post", actor, post)
    with transaction.atomic():
        rows = BoardPost.objects.filter(pk=post.pk, deleted_at__isnull=True)
        tombstone = BoardComment.objects.filter(post_id=post.pk).exists()
        if tombstone:
            changed = rows.update(deleted_at=timezone.now(), title="", body="", pinned=False)
        else:
            changed, _ = rows.delete()
        if not changed:
            raise CommunityError(messages.POST_ALREADY_DELETED)
        _audit_staff(actor, post, {"community": post.community_id, "post": post.pk}, request)
    return tombstone


def comment_create(*, actor: Any, post: BoardPost, body: str) -> BoardComment:
    require("communities.comment_board", actor, post)
    body = body.strip()
    if not body:
        raise CommunityError(messages.COMMENT_REQUIRED)
    with transaction.atomic():
        comment = BoardComment.objects.create(post=post, author=actor, body=body)
        changed = BoardPost.objects.filter(pk=post.pk, deleted_at__isnull=True).update(
            comment_count=F("comment_count") + 1, last_activity_at=timezone.now()
        )
        if not changed:  # deleted meanwhile
            raise CommunityError(messages.POST_CLOSED_FOR_COMMENTS)
    return comment


def comment_delete(
    *, actor: Any, comment: BoardComment, request: HttpRequest | None = None
) -> BoardComment:
    require("communities.delete_comment", actor, comment)
    with transaction.atomic():
        changed = BoardComment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
            deleted_at=timezone.now(), body=""
        )
        if not changed:
            raise CommunityError(messages.COMMENT_ALREADY_DELETED)
        BoardPost.objects.filter(pk=comment.post_id, comment_count__gt=0).update(
            comment_count=F("comment_count") - 1
        )
        _audit_staff(actor, comment, {"post": comment.post_id, "comment": comment.pk}, request)
        comment.body, comment.deleted_at = "", timezone.now()
    return comment
