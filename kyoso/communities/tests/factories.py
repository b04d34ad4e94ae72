"""Factories for communities. They write rows directly (no services): ``member_count`` is
whatever the test sets; :func:`add_member` keeps it in step for the common case."""

from __future__ import annotations

from typing import Any

import factory
from django.db.models import F

from kyoso.communities.models import (
    BoardComment,
    BoardPost,
    Community,
    CommunityMembership,
    CommunityRole,
    JoinPolicy,
    MembershipStatus,
)


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    slug = factory.Sequence(lambda n: f"community-{n}")
    name = factory.Sequence(lambda n: f"共創コミュニティ{n}")
    theme = "agriculture"
    description = "仲間と販路を共同で開きます。"
    join_policy = JoinPolicy.OPEN


class BoardPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardPost

    community = factory.SubFactory(CommunityFactory)
    author = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    title = factory.Sequence(lambda n: f"お知らせ{n}")
    body = "次の定例会は第2木曜日です。"


class BoardCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardComment

    post = factory.SubFactory(BoardPostFactory)
    author = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    body = "参加します。"


def add_member(
    community: Community,
    user: Any,
    *,
    role: str = CommunityRole.MEMBER,
    status: str = MembershipStatus.ACTIVE,
    **fields: Any,
) -> CommunityMembership:
    membership = CommunityMembership.objects.create(
        community=community, user=user, role=role, status=status, **fields
    )
    if status == MembershipStatus.ACTIVE:
        Community.objects.filter(pk=community.pk).update(member_count=F("member_count") + 1)
        community.refresh_from_db(fields=["member_count"])
    return membership
