"""Loading the demo's co-creation communities (data in ``kyoso/demo/data/communities.py``).

Idempotent like the rest of ``load-demo``: a community is looked up by its slug, a membership
by (community, person), a board post by (community, title); only what is missing is created,
and nothing that exists is changed. ``member_count`` moves with every active membership
created, so it always equals the active rows. Board posts and their comments are backdated
(``days_ago``) so the board looks lived in. New communities are added to the search index.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import F

from kyoso.communities.models import (
    BoardComment,
    BoardPost,
    Community,
    CommunityMembership,
    CommunityRole,
    MembershipStatus,
)
from kyoso.demo.data.communities import COMMUNITIES


def load_communities(run: Any) -> None:
    """The ``_load_communities`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.search.services import index_object

    for entry in COMMUNITIES:
        run.totals["communities"] += 1
        community = Community.objects.filter(slug=entry["slug"]).first()
        created = community is None
        if community is None:
            leader = run.users[entry["leaders"][0]]
            community = Community(
                slug=entry["slug"],
                name=entry["name"],
                theme=entry["theme"],
                description=entry["description"],
                municipality=run.municipality(entry["municipality"]),
                join_policy=entry["join_policy"],
                created_by=leader,
            )
            community.full_clean(exclude=["municipality", "created_by", "issues"])
            community.save()
            run.created["communities"] += 1
        _memberships(run, community, entry)
        _posts(run, community, entry)
        if created:
            index_object(community)


def _membership(run: Any, community: Community, key: str, **fields: Any) -> None:
    run.totals["community_memberships"] += 1
    user = run.users[key]
    if CommunityMembership.objects.filter(community=community, user=user).exists():
        return
    CommunityMembership.objects.create(community=community, user=user, **fields)
    run.created["community_memberships"] += 1
    if fields["status"] == MembershipStatus.ACTIVE:
        Community.objects.filter(pk=community.pk).update(member_count=F("member_count") + 1)


def _memberships(run: Any, community: Community, entry: dict) -> None:
    active = {"status": MembershipStatus.ACTIVE, "decided_at": run.now}
    for key in entry["leaders"]:
        _membership(run, community, key, role=CommunityRole.LEADER, **active)
    for key in entry["members"]:
        _membership(run, community, key, role=CommunityRole.MEMBER, **active)
    for key, message in entry["pending"]:
        _membership(
            run,
            community,
            key,
            role=CommunityRole.MEMBER,
            status=MembershipStatus.PENDING,
            message=message,
        )


def _posts(run: Any, community: Community, entry: dict) -> None:
    existing = set(BoardPost.objects.filter(community=community).values_list("title", flat=True))
    for spec in entry["posts"]:
        run.totals["board_posts"] += 1
        if spec["title"] in existing:
            continue
        posted = run.now - timedelta(days=spec["days_ago"])
        post = BoardPost.objects.create(
            community=community,
            author=run.users[spec["author"]],
            title=spec["title"],
            body=spec["body"],
            pinned=spec["pinned"],
            comment_count=len(spec["comments"]),
        )
        last = posted
        for number, (key, body) in enumerate(spec["comments"], start=1):
            comment = BoardComment.objects.create(post=post, author=run.users[key], body=body)
            last = posted + timedelta(hours=5 * number)
            BoardComment.objects.filter(pk=comment.pk).update(created_at=last, updated_at=last)
        BoardPost.objects.filter(pk=post.pk).update(
            created_at=posted, updated_at=posted, last_activity_at=last
        )
        run.created["board_posts"] += 1
