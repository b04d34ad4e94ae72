"""The communities app's block on the dashboard (kyoso.core.home)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

MY_POSTS = 5
#: A post is new for this many days.
NEW_DAYS = 14


def new_posts(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """Board posts of the last two weeks in the viewer's communities (active member), newest
    first, by other people, with their community (1 query)."""
    from kyoso.communities.models import BoardPost, MembershipStatus

    since = timezone.now() - timedelta(days=NEW_DAYS)
    posts = list(
        BoardPost.objects.filter(
            community__memberships__user_id=viewer.pk,
            community__memberships__status=MembershipStatus.ACTIVE,
            created_at__gte=since,
            deleted_at__isnull=True,
        )
        .exclude(author_id=viewer.pk)
        .select_related("community")
        .order_by("-created_at", "-id")[:MY_POSTS]
    )
    return {"posts": posts, "more_url": reverse("communities:list")}


def register() -> None:
    home.register_dashboard(
        "communities.posts",
        title=_("わたしのコミュニティの新しい投稿"),
        order=50,
        template="communities/blocks/posts.html",
        data=new_posts,
    )
