"""What the communities app holds about one person: export, erasure, the sole-leader blocker."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kyoso.communities import messages
from kyoso.communities.models import (
    BoardComment,
    BoardPost,
    Community,
    CommunityMembership,
    LeaderMessage,
    MembershipStatus,
)


def export(user: Any) -> dict[str, Any]:
    memberships = CommunityMembership.objects.filter(user_id=user.pk).select_related("community")
    posts = BoardPost.objects.filter(author_id=user.pk).select_related("community")
    comments = BoardComment.objects.filter(author_id=user.pk).select_related("post__community")
    sent = LeaderMessage.objects.filter(sender_id=user.pk).select_related("community")
    return {
        "memberships": [
            {
                "community": m.community.name,
                "community_slug": m.community.slug,
                "role": m.role,
                "status": m.status,
                "message": m.message,
                "messages_opted_out": m.messages_opted_out,
                "created_at": m.created_at,
                "decided_at": m.decided_at,
            }
            for m in memberships.order_by("created_at", "id")
        ],
        "board_posts": [
            {
                "community": p.community.slug,
                "id": p.pk,
                "title": p.title,
                "body": p.body,
                "pinned": p.pinned,
                "created_at": p.created_at,
                "deleted_at": p.deleted_at,
            }
            for p in posts.order_by("created_at", "id")
        ],
        "board_comments": [
            {
                "community": c.post.community.slug,
                "post": c.post_id,
                "body": c.body,
                "created_at": c.created_at,
                "deleted_at": c.deleted_at,
            }
            for c in comments.order_by("created_at", "id")
        ],
        "messages_sent": [
            {
                "community": m.community.slug,
                "subject": m.subject,
                "body": m.body,
                "recipient_count": m.recipient_count,
                "sent_at": m.sent_at,
            }
            for m in sent.order_by("sent_at", "id")
        ],
    }


def erase(user: Any) -> None:
    """Leave every community (counts brought down) and empty what the person wrote.

    Posts and comments stay as tombstones so the conversations keep their shape; a post
    without comments is removed. Runs only after :func:`sole_leader_blocker` let the deletion
    through, so no community is left without a leader.
    """
    now = timezone.now()
    memberships = CommunityMembership.objects.filter(user_id=user.pk)
    active = list(
        memberships.filter(status=MembershipStatus.ACTIVE).values_list("community_id", flat=True)
    )
    memberships.delete()
    Community.objects.filter(pk__in=active, member_count__gt=0).update(
        member_count=F("member_count") - 1
    )
    live_comments = BoardComment.objects.filter(author_id=user.pk, deleted_at__isnull=True)
    for post_id in live_comments.values_list("post_id", flat=True):
        BoardPost.objects.filter(pk=post_id, comment_count__gt=0).update(
            comment_count=F("comment_count") - 1
        )
    live_comments.update(body="", deleted_at=now)
    posts = BoardPost.objects.filter(author_id=user.pk)
    posts.filter(comments__isnull=True).delete()
    posts.update(title="", body="", pinned=False, deleted_at=now)
    LeaderMessage.objects.filter(sender_id=user.pk).update(sender=None)


def sole_leader_blocker(user: Any) -> str | None:
    from kyoso.communities.selectors import sole_led_communities

    names = list(sole_led_communities(user).values_list("name", flat=True))
    if not names:
        return None
    return str(messages.ACCOUNT_DELETION_BLOCKED % {"communities": _("、").join(names)})
