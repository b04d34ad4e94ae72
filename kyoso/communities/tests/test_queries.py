"""A constant number of queries on every page and API endpoint, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.tests.factories import (
    BoardCommentFactory,
    BoardPostFactory,
    CommunityFactory,
    add_member,
)
from kyoso.core.testing import assert_num_queries
from kyoso.issues.tests.factories import IssueFactory


@pytest.mark.parametrize("count", [1, 20])
def test_list_for_anonymous_visitors(client, db, count):
    CommunityFactory.create_batch(count, municipality_id="06204")

    # 1 municipalities that have communities (filter choices), 2 count, 3 the page with regions
    with assert_num_queries(3, label=f"{count} communities"):
        response = client.get(reverse("communities:list"), {"theme": "agriculture"})

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 20])
def test_list_for_a_signed_in_member(client, suzuki, count):
    CommunityFactory.create_batch(count)
    client.force_login(suzuki)

    # 1 session, 2 user, 3 municipalities with communities, 4 count, 5 page,
    # 6 roles (may the viewer create one?)
    with assert_num_queries(6, label=f"{count} communities"):
        client.get(reverse("communities:list"))


@pytest.mark.parametrize("count", [1, 10])
def test_detail_for_a_member(client, open_community, suzuki, count):
    add_member(open_community, suzuki)
    for _ in range(count):
        add_member(open_community, UserFactory(), role="leader")
        open_community.issues.add(IssueFactory())
    client.force_login(suzuki)

    # 1 session, 2 user, 3 community with region, 4 its leaders with users, 5 viewer's
    # membership, 6 upcoming events, 7 linked issues visible to the viewer, 8 roles
    with assert_num_queries(8, label=f"{count} leaders and issues"):
        response = client.get(reverse("communities:detail", args=[open_community.slug]))

    assert len(response.context["leaders"]) == count + 1
    assert len(response.context["issues"]) == count


def test_detail_for_a_leader_also_reads_the_mail_quota(client, open_community, leader):
    client.force_login(leader)

    # 1 session, 2 user, 3 community, 4 leaders, 5 membership, 6 roles, 7 messages of the last
    # day (quota), 8 events, 9 issues
    with assert_num_queries(9):
        client.get(reverse("communities:detail", args=[open_community.slug]))


@pytest.mark.parametrize("count", [1, 20])
def test_board(client, open_community, suzuki, count):
    add_member(open_community, suzuki)
    for _ in range(count):
        BoardPostFactory(community=open_community, author=UserFactory())
    client.force_login(suzuki)

    # 1 session, 2 user, 3 community, 4 leaders, 5 membership, 6 count, 7 page of posts with
    # authors, 8 roles
    with assert_num_queries(8, label=f"{count} posts"):
        response = client.get(reverse("communities:board", args=[open_community.slug]))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 20])
def test_post_with_comments(client, open_community, suzuki, count):
    add_member(open_community, suzuki)
    post = BoardPostFactory(community=open_community)
    for _ in range(count):
        BoardCommentFactory(post=post, author=UserFactory())
    client.force_login(suzuki)

    # 1 session, 2 user, 3 community, 4 leaders, 5 membership, 6 post with author,
    # 7 comments with authors, 8 roles
    with assert_num_queries(8, label=f"{count} comments"):
        response = client.get(reverse("communities:post", args=[open_community.slug, post.pk]))

    assert len(response.context["comments"]) == count


@pytest.mark.parametrize("count", [1, 20])
def test_members_page(client, open_community, leader, count):
    for _ in range(count):
        add_member(open_community, UserFactory())
        add_member(open_community, UserFactory(), status="pending")
    client.force_login(leader)

    # 1 session, 2 user, 3 community, 4 leaders, 5 membership, 6 roles, 7 members with users,
    # 8 pending requests with users
    with assert_num_queries(8, label=f"{count} members"):
        client.get(reverse("communities:members", args=[open_community.slug]))


@pytest.mark.parametrize("count", [1, 20])
def test_api_list(client, db, count):
    CommunityFactory.create_batch(count, municipality_id="04101")

    # 1 count, 2 page with regions
    with assert_num_queries(2, label=f"{count} communities"):
        response = client.get("/api/v1/communities")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 10])
def test_api_detail(client, open_community, count):
    for _ in range(count):
        add_member(open_community, UserFactory(), role="leader")

    # 1 community with region, 2 leaders with users, 3 upcoming events
    with assert_num_queries(3, label=f"{count} leaders"):
        response = client.get(f"/api/v1/communities/{open_community.slug}")

    assert len(response.json()["leaders"]) == count + 1
