"""Loading the recent board posts of the demo communities (data in
``kyoso/demo/data/board.py``), through the communities' board services as the members
would post them, so the comment counts and last activity are what the site keeps. Then only
timestamps are moved: the post ``days_ago`` days before the load, its comments five hours
apart after it.

Idempotent: a post is looked up by (community, title), a comment by (post, author, text).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from kyoso.communities.models import BoardComment, BoardPost, Community
from kyoso.demo.data.board import BOARD_POSTS


def load_board(run: Any) -> None:
    """The ``load_board`` step of :mod:`kyoso.demo.services`."""
    from kyoso.communities.services.board import comment_create, post_create

    communities = Community.objects.in_bulk(
        {entry["community"] for entry in BOARD_POSTS}, field_name="slug"
    )
    for entry in BOARD_POSTS:
        community = communities[entry["community"]]
        run.totals["board_posts"] += 1
        post = BoardPost.objects.filter(community=community, title=entry["title"]).first()
        posted = run.now - timedelta(days=entry["days_ago"])
        if post is None:
            post = post_create(
                actor=run.users[entry["author"]],
                community=community,
                title=entry["title"],
                body=entry["body"],
            )
            BoardPost.objects.filter(pk=post.pk).update(
                created_at=posted, updated_at=posted, last_activity_at=posted
            )
            run.created["board_posts"] += 1
        said = set(BoardComment.objects.filter(post=post).values_list("author_id", "body"))
        last = None
        for number, (key, body) in enumerate(entry["comments"], start=1):
            run.totals["board_comments"] += 1
            if (run.users[key].pk, body) in said:
                continue
            comment = comment_create(actor=run.users[key], post=post, body=body)
            last = posted + timedelta(hours=5 * number)
            BoardComment.objects.filter(pk=comment.pk).update(created_at=last, updated_at=last)
            run.created["board_comments"] += 1
        if last is not None:
            BoardPost.objects.filter(pk=post.pk).update(last_activity_at=last)
