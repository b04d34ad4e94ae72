"""What every write of the communities app shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse

from kyoso.communities.models import Community
from kyoso.core.policy import check
from kyoso.search.services import index_on_commit


class CommunityError(Exception):
    """A refusal with a message the person can act on (shown as is)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def reindex_on_commit(community_id: int) -> None:
    """After commit, give the search layer the community as it is then."""
    index_on_commit(
        Community.objects.select_related("municipality__prefecture", "municipality__parent").filter(
            pk=community_id
        )
    )


def add_members(community_id: int, delta: int) -> None:
    """Move ``member_count`` by ``delta`` with a conditional UPDATE (never below zero)."""
    rows = Community.objects.filter(pk=community_id)
    if delta < 0:
        rows = rows.filter(member_count__gte=-delta)
    rows.update(member_count=F("member_count") + delta)


def community_url(community: Community, name: str = "detail") -> str:
    return reverse(f"communities:{name}", args=[community.slug])


def notify(*, recipients: Any, kind: str, actor: Any, community: Community, text: str, url: str):
    from kyoso.notifications.services import notify as send

    return send(recipients=recipients, kind=kind, actor=actor, target=community, text=text, url=url)
