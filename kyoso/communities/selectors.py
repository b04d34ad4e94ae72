"""Reads of the communities app: querysets that already carry what their pages show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyoso.communities.models import (
    BoardComment,
    BoardPost,
    Community,
    CommunityMembership,
    CommunityRole,
    LeaderMessage,
    MembershipStatus,
)
from kyoso.communities.rules import remember_membership

PAGE_SIZE = 20
BOARD_PAGE_SIZE = 20
UPCOMING_EVENTS = 10

#: Attribute where the leaders (memberships with their users) are prefetched.
LEADERS = "leader_memberships"

_REGION = ("municipality__prefecture", "municipality__parent")


@dataclass(frozen=True)
class CommunityFilters:
    theme: str = ""
    municipality: str = ""  # JIS code; a city also finds its wards

    @property
    def active(self) -> bool:
        return bool(self.theme or self.municipality)


def _leaders() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=CommunityMembership.objects.filter(
            role=CommunityRole.LEADER, status=MembershipStatus.ACTIVE
        )
        .select_related("user")
        .order_by("created_at", "id"),
        to_attr=LEADERS,
    )


def community_list(filters: CommunityFilters | None = None) -> QuerySet[Community]:
    filters = filters or CommunityFilters()
    queryset = Community.objects.select_related(*_REGION).order_by("name", "id")
    if filters.theme:
        queryset = queryset.filter(theme=filters.theme)
    if filters.municipality:
        queryset = queryset.filter(
            Q(municipality_id=filters.municipality)
            | Q(municipality__parent_id=filters.municipality)
        )
    return queryset


def community_page(filters: CommunityFilters, page_number: Any) -> Page:
    """One page of 20 (2 queries: count, rows); a bad page number gives the nearest page."""
    return Paginator(community_list(filters), PAGE_SIZE).get_page(page_number)


def community_choices() -> list[Community]:
    """Every community by name, with only what a choice shows (one query): for other apps'
    filter forms."""
    return list(Community.objects.order_by("name", "id").only("pk", "name"))


def community_by_slug(slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related(*_REGION), slug=slug)


def community_detail(slug: str, viewer: Any) -> Community:
    """The community with its region, leaders and the viewer's membership (2–3 queries)."""
    community = get_object_or_404(
        Community.objects.select_related(*_REGION).prefetch_related(_leaders()), slug=slug
    )
    if viewer is not None and viewer.is_authenticated:
        remember_membership(
            community,
            viewer,
            CommunityMembership.objects.filter(community=community, user_id=viewer.pk).first(),
        )
    return community


def leaders_of(community: Community) -> list[CommunityMembership]:
    prefetched = getattr(community, LEADERS, None)
    if prefetched is not None:
        return prefetched
    return list(
        CommunityMembership.objects.filter(
            community=community, role=CommunityRole.LEADER, status=MembershipStatus.ACTIVE
        )
        .select_related("user")
        .order_by("created_at", "id")
    )


def upcoming_events(community: Community) -> list[Any]:
    """Published events of the community that have not ended, soonest first."""
    from kyoso.events.models import Event

    return list(
        Event.objects.filter(
            community=community, status="published", ends_at__gte=timezone.now()
        ).order_by("starts_at", "id")[:UPCOMING_EVENTS]
    )


def issues_of(community: Community, viewer: Any) -> list[Any]:
    """The linked issues the viewer may see (hidden and awaiting ones only to whom may)."""
    from kyoso.issues.selectors import visible_issues

    return list(
        visible_issues(viewer)
        .filter(communities=community)
        .select_related("municipality")
        .order_by("-last_activity_at", "-id")[:50]
    )


def members_of(community: Community) -> list[CommunityMembership]:
    """Active members with their users: leaders first, then by joining order."""
    return list(
        CommunityMembership.objects.filter(community=community, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("role", "created_at", "id")  # "leader" sorts before "member"
    )


def pending_requests(community: Community) -> list[CommunityMembership]:
    return list(
        CommunityMembership.objects.filter(community=community, status=MembershipStatus.PENDING)
        .select_related("user")
        .order_by("created_at", "id")
    )


def membership_in(community: Community, membership_id: int) -> CommunityMembership:
    return get_object_or_404(
        CommunityMembership.objects.select_related("user"),
        pk=membership_id,
        community=community,
    )


def active_recipients(community: Community, *, sender: Any = None) -> QuerySet[CommunityMembership]:
    """Active members who have not opted out of the leaders' mail, with their users (the
    sender, who wrote the message, excepted)."""
    rows = (
        CommunityMembership.objects.filter(
            community=community,
            status=MembershipStatus.ACTIVE,
            messages_opted_out=False,
            user__is_active=True,
            user__deleted_at__isnull=True,
        )
        .select_related("user")
        .order_by("id")
    )
    return rows.exclude(user_id=sender.pk) if sender is not None else rows


# --- Board -----------------------------------------------------------------------------------


def board_posts(community: Community) -> QuerySet[BoardPost]:
    """Pinned posts first, then by latest activity; tombstones stay while they have comments."""
    return (
        BoardPost.objects.filter(community=community)
        .exclude(deleted_at__isnull=False, comment_count=0)
        .select_related("author")
        .order_by("-pinned", "-last_activity_at", "-id")
    )


def board_page(community: Community, page_number: Any) -> Page:
    return Paginator(board_posts(community), BOARD_PAGE_SIZE).get_page(page_number)


def post_detail(community: Community, post_id: int) -> BoardPost:
    """A post with its author and its comments (with theirs); 404 for a post deleted whole."""
    post = get_object_or_404(
        BoardPost.objects.select_related("author").prefetch_related(
            Prefetch(
                "comments",
                queryset=BoardComment.objects.select_related("author").order_by("created_at", "id"),
            )
        ),
        pk=post_id,
        community=community,
    )
    post.community = community  # the rules read the viewer's membership kept on it
    return post


def post_in(community: Community, post_id: int) -> BoardPost:
    post = get_object_or_404(BoardPost, pk=post_id, community=community)
    post.community = community
    return post


def comment_in(community: Community, post_id: int, comment_id: int) -> BoardComment:
    comment = get_object_or_404(
        BoardComment.objects.select_related("post"),
        pk=comment_id,
        post_id=post_id,
        post__community=community,
    )
    comment.post.community = community
    return comment


# --- Messages --------------------------------------------------------------------------------


def recent_messages(community: Community, days: int = 30) -> list[LeaderMessage]:
    return list(
        LeaderMessage.objects.filter(
            community=community, sent_at__gte=timezone.now() - timedelta(days=days)
        )
        .select_related("sender")
        .order_by("-sent_at", "-id")[:20]
    )


def sole_led_communities(user: Any) -> QuerySet[Community]:
    """Communities where ``user`` is the only active leader (they block deleting the account)."""
    led = CommunityMembership.objects.filter(
        user_id=user.pk, role=CommunityRole.LEADER, status=MembershipStatus.ACTIVE
    ).values("community_id")
    others = CommunityMembership.objects.filter(
        community_id__in=led, role=CommunityRole.LEADER, status=MembershipStatus.ACTIVE
    ).exclude(user_id=user.pk)
    return (
        Community.objects.filter(pk__in=led)
        .exclude(pk__in=others.values("community_id"))
        .order_by("name")
    )


def member_rows() -> QuerySet:
    """``(community_id, user_id, joined)`` of every active membership, ordered by community:
    the collaboration network's shared-community ties."""
    return (
        CommunityMembership.objects.filter(status=MembershipStatus.ACTIVE)
        .order_by("community_id", "user_id")
        .values_list("community_id", "user_id", "created_at")
    )
