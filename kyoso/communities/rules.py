"""Rules of the communities app (``communities.<verb>_<model>``), registered by register().

Object-level predicates receive a :class:`~kyoso.communities.models.Community` (or a board
post or comment, whose community is then used) and answer "no" for anything else, ``None``
included. The viewer's membership is read once per request and kept on the community
(:data:`VIEWER_MEMBERSHIP`), so a page checking ten rules costs one query, or none when the
selector already loaded it.

Who may do what (the permission tests enumerate this table):

- see a community, its leaders, events and issues: everyone (communities are public);
- read the board: everyone for an open community; for a community that needs the leaders'
  approval, its active members and the secretariat (what members write there is for the
  members they accepted);
- create a community: the secretariat, and verified members holding the Organizer
  (オーガナイザー) or Manager (マネージャー) platform role. Seed 001 has the hub (サンロク)
  find community leaders and launch each community with them; a community's leaders may mail
  every member, so starting one is kept to people the secretariat already trusts to run
  places and events (it grants those roles), rather than to any account;
- edit a community (description, policy, linked issues): its leaders and the secretariat;
- join: verified members with no membership yet (an approval community makes it a request);
- leave (or withdraw a request): anyone with a membership; the service refuses the last
  leader with a message saying what to do first;
- see the member list: active members and the secretariat; decide requests, appoint and
  remove leaders: the leaders and the secretariat (who keeps a community whose leader has
  gone quiet running);
- remove a member (moderation: someone who harasses others on the board, or who has left the
  region): the leaders and the secretariat. The service refuses removing oneself (that is
  leaving), a pending request (that is declining) and the last leader;
- post on the board, comment: active members (leaders included);
- pin: leaders; delete a post or comment: its author, the leaders and the secretariat;
- mail the members: the leaders (rate-limited in the service);
- switch their own mail from leaders on or off: active members.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.communities.models import (
    BoardComment,
    BoardPost,
    Community,
    CommunityMembership,
    CommunityRole,
    JoinPolicy,
    MembershipStatus,
)
from kyoso.core.rules import is_active_member
from kyoso.roles.models import PlatformRole
from kyoso.roles.selectors import roles_of_user

#: Attributes where selectors (and the first rule asked) keep the viewer's membership.
VIEWER_MEMBERSHIP = "viewer_membership"
VIEWER_ID = "viewer_membership_of"

#: Platform roles (besides the secretariat) whose holders may start a community.
FOUNDING_ROLES = frozenset({PlatformRole.ORGANIZER, PlatformRole.MANAGER})


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def community_of(obj: Any) -> Community | None:
    if isinstance(obj, Community):
        return obj
    if isinstance(obj, BoardPost):
        return obj.community
    if isinstance(obj, BoardComment):
        return obj.post.community
    return None


def membership_of(user: Any, community: Community | None) -> CommunityMembership | None:
    """The person's membership (active or pending) in the community, or None."""
    if community is None or community.pk is None or not _authenticated(user):
        return None
    if getattr(community, VIEWER_ID, None) == user.pk:
        return getattr(community, VIEWER_MEMBERSHIP, None)
    membership = CommunityMembership.objects.filter(
        community_id=community.pk, user_id=user.pk
    ).first()
    remember_membership(community, user, membership)
    return membership


def remember_membership(
    community: Community, user: Any, membership: CommunityMembership | None
) -> None:
    setattr(community, VIEWER_ID, user.pk)
    setattr(community, VIEWER_MEMBERSHIP, membership)


def is_active_in(user: Any, community: Community | None) -> bool:
    membership = membership_of(user, community)
    return membership is not None and membership.status == MembershipStatus.ACTIVE


def is_leader_of(user: Any, community: Community | None) -> bool:
    membership = membership_of(user, community)
    return (
        membership is not None
        and membership.status == MembershipStatus.ACTIVE
        and membership.role == CommunityRole.LEADER
    )


# --- Predicates ------------------------------------------------------------------------------

verified_member = is_active_member & is_email_verified


@rules.predicate
def is_community(user, obj) -> bool:
    return isinstance(obj, Community)


@rules.predicate
def holds_founding_role(user) -> bool:
    return _authenticated(user) and bool(FOUNDING_ROLES & roles_of_user(user))


@rules.predicate
def is_leader(user, obj) -> bool:
    return is_leader_of(user, community_of(obj))


@rules.predicate
def is_active_community_member(user, obj) -> bool:
    return is_active_in(user, community_of(obj))


@rules.predicate
def has_membership(user, obj) -> bool:
    return membership_of(user, community_of(obj)) is not None


@rules.predicate
def has_no_membership(user, obj) -> bool:
    community = community_of(obj)
    return community is not None and membership_of(user, community) is None


@rules.predicate
def board_is_public(user, obj) -> bool:
    community = community_of(obj)
    return community is not None and community.join_policy == JoinPolicy.OPEN


@rules.predicate
def is_author(user, obj) -> bool:
    return (
        isinstance(obj, BoardPost | BoardComment)
        and _authenticated(user)
        and obj.author_id == user.pk
    )


@rules.predicate
def is_live_post(user, obj) -> bool:
    return isinstance(obj, BoardPost) and obj.deleted_at is None


@rules.predicate
def is_live_comment(user, obj) -> bool:
    return isinstance(obj, BoardComment) and obj.deleted_at is None


@rules.predicate
def has_a_community(user, obj) -> bool:
    return community_of(obj) is not None


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    staff = is_secretariat_member
    rules.set_perm("communities.view_community", is_community)
    rules.set_perm(
        "communities.view_board",
        has_a_community & (board_is_public | is_active_community_member | staff),
    )
    rules.set_perm("communities.add_community", verified_member & (staff | holds_founding_role))
    rules.set_perm("communities.change_community", is_community & (is_leader | staff))
    rules.set_perm("communities.join_community", verified_member & has_no_membership)
    rules.set_perm("communities.leave_community", is_community & has_membership)
    rules.set_perm("communities.view_members", is_community & (is_active_community_member | staff))
    rules.set_perm("communities.decide_membership", is_community & (is_leader | staff))
    rules.set_perm("communities.appoint_leader", is_community & (is_leader | staff))
    rules.set_perm("communities.remove_member", is_community & (is_leader | staff))
    rules.set_perm("communities.post_board", is_community & is_active_community_member)
    rules.set_perm("communities.comment_board", is_live_post & is_active_community_member)
    rules.set_perm("communities.pin_post", is_live_post & is_leader)
    rules.set_perm("communities.delete_post", is_live_post & (is_author | is_leader | staff))
    rules.set_perm("communities.delete_comment", is_live_comment & (is_author | is_leader | staff))
    rules.set_perm("communities.message_members", is_community & is_leader)
    rules.set_perm("communities.change_subscription", is_community & is_active_community_member)
