"""Joining (open or by the leaders' approval), deciding requests, leaving, leaders, mail.

``member_count`` counts active memberships (leaders included). It moves only when a row really
changed state — the insert succeeded, the conditional ``UPDATE … WHERE status = 'pending'``
touched a row, the delete removed one — so a double click or two leaders deciding the same
request at once never counts twice.

A community never has zero leaders: every change that could remove its last leader first locks
the community row (``select_for_update`` on PostgreSQL; SQLite serializes write transactions)
and counts the other leaders. Removing a member (:func:`membership_remove`) is one of them: a
leader may be removed in one step, like a leader may leave in one step, as long as another
leader remains.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.communities import messages
from kyoso.communities.models import (
    REMOVAL_REASON_MAX,
    Community,
    CommunityMembership,
    CommunityRole,
    JoinPolicy,
    MembershipStatus,
)
from kyoso.communities.rules import remember_membership
from kyoso.communities.services.common import (
    CommunityError,
    add_members,
    community_url,
    notify,
    require,
)


def _current(actor: Any, community: Community) -> CommunityMembership | None:
    return CommunityMembership.objects.filter(community=community, user_id=actor.pk).first()


def _lock(community: Community) -> None:
    list(Community.objects.select_for_update().filter(pk=community.pk).values_list("pk"))


def _other_leaders(community: Community, membership: CommunityMembership) -> int:
    return (
        CommunityMembership.objects.filter(
            community=community, role=CommunityRole.LEADER, status=MembershipStatus.ACTIVE
        )
        .exclude(pk=membership.pk)
        .count()
    )


def _leaders(community: Community):
    from kyoso.accounts.models import User

    return User.objects.filter(
        community_memberships__community=community,
        community_memberships__role=CommunityRole.LEADER,
        community_memberships__status=MembershipStatus.ACTIVE,
    )


def membership_join(*, actor: Any, community: Community, message: str = "") -> CommunityMembership:
    """Join an open community at once, or ask to join one that needs approval.

    A request carries an optional message and tells the leaders. Asking twice is refused with
    a message saying where the first one stands.
    """
    existing = _current(actor, community)
    if existing is not None:
        raise CommunityError(
            messages.ALREADY_REQUESTED
            if existing.status == MembershipStatus.PENDING
            else messages.ALREADY_MEMBER
        )
    remember_membership(community, actor, None)
    require("communities.join_community", actor, community)
    is_open = community.join_policy == JoinPolicy.OPEN
    with transaction.atomic():
        try:
            with transaction.atomic():
                membership = CommunityMembership.objects.create(
                    community=community,
                    user=actor,
                    role=CommunityRole.MEMBER,
                    status=MembershipStatus.ACTIVE if is_open else MembershipStatus.PENDING,
                    message="" if is_open else message.strip(),
                    decided_at=timezone.now() if is_open else None,
                )
        except IntegrityError:
            raise CommunityError(messages.ALREADY_MEMBER) from None
        if is_open:
            add_members(community.pk, +1)
        else:
            notify(
                recipients=_leaders(community),
                kind="communities.join_request",
                actor=actor,
                community=community,
                text=gettext("「%(name)s」に参加の申請がありました。") % {"name": community.name},
                url=community_url(community, "members"),
            )
    remember_membership(community, actor, membership)
    return membership


def membership_decide(
    *,
    actor: Any,
    membership: CommunityMembership,
    approve: bool,
    request: HttpRequest | None = None,
) -> CommunityMembership:
    """Approve (the person becomes an active member) or decline (the request is removed)."""
    community = membership.community
    require("communities.decide_membership", actor, community)
    with transaction.atomic():
        pending = CommunityMembership.objects.filter(
            pk=membership.pk, status=MembershipStatus.PENDING
        )
        now = timezone.now()
        if approve:
            changed = pending.update(status=MembershipStatus.ACTIVE, decided_at=now)
        else:
            changed, _ = pending.delete()
        if not changed:
            raise CommunityError(messages.REQUEST_ALREADY_DECIDED)
        if approve:
            add_members(community.pk, +1)
            membership.status, membership.decided_at = MembershipStatus.ACTIVE, now
        audit_record(
            actor=actor,
            action=AuditEvent.Action.COMMUNITY_MEMBER_DECIDED,
            target=community,
            data={"user": membership.user_id, "approved": approve},
            request=request,
        )
        text = (
            gettext("「%(name)s」への参加が承認されました。")
            if approve
            else gettext("「%(name)s」への参加の申請は、今回は見送られました。")
        )
        notify(
            recipients=[membership.user_id],
            kind="communities.join_decided",
            actor=actor,
            community=community,
            text=text % {"name": community.name},
            url=community_url(community),
        )
    return membership


def membership_leave(*, actor: Any, community: Community) -> bool:
    """Leave the community (or withdraw a pending request); returns whether one was active.

    The last leader cannot leave: the message says to make someone else a leader first.
    """
    require("communities.leave_community", actor, community)
    with transaction.atomic():
        _lock(community)
        membership = _current(actor, community)
        if membership is None:
            raise CommunityError(messages.NOT_A_MEMBER)
        if membership.role == CommunityRole.LEADER and not _other_leaders(community, membership):
            raise CommunityError(messages.LAST_LEADER_CANNOT_LEAVE)
        deleted, _ = CommunityMembership.objects.filter(pk=membership.pk).delete()
        was_active = bool(deleted) and membership.status == MembershipStatus.ACTIVE
        if was_active:
            add_members(community.pk, -1)
    remember_membership(community, actor, None)
    return was_active


def leader_appoint(
    *, actor: Any, membership: CommunityMembership, request: HttpRequest | None = None
) -> CommunityMembership:
    """Make an active member a leader."""
    community = membership.community
    require("communities.appoint_leader", actor, community)
    with transaction.atomic():
        changed = CommunityMembership.objects.filter(
            pk=membership.pk, status=MembershipStatus.ACTIVE, role=CommunityRole.MEMBER
        ).update(role=CommunityRole.LEADER)
        if not changed:
            fresh = CommunityMembership.objects.filter(pk=membership.pk).first()
            if fresh is not None and fresh.role == CommunityRole.LEADER:
                raise CommunityError(messages.ALREADY_LEADER)
            raise CommunityError(messages.LEADER_NEEDS_ACTIVE_MEMBER)
        membership.role = CommunityRole.LEADER
        audit_record(
            actor=actor,
            action=AuditEvent.Action.COMMUNITY_LEADER_APPOINTED,
            target=community,
            data={"user": membership.user_id},
            request=request,
        )
        notify(
            recipients=[membership.user_id],
            kind="communities.leader_appointed",
            actor=actor,
            community=community,
            text=gettext("「%(name)s」のリーダーになりました。") % {"name": community.name},
            url=community_url(community),
        )
    return membership


def leader_remove(
    *, actor: Any, membership: CommunityMembership, request: HttpRequest | None = None
) -> CommunityMembership:
    """Make a leader a plain member again, never leaving the community without a leader."""
    community = membership.community
    require("communities.appoint_leader", actor, community)
    with transaction.atomic():
        _lock(community)
        if not _other_leaders(community, membership):
            raise CommunityError(messages.LAST_LEADER_CANNOT_STEP_DOWN)
        changed = CommunityMembership.objects.filter(
            pk=membership.pk, role=CommunityRole.LEADER
        ).update(role=CommunityRole.MEMBER)
        if not changed:
            raise CommunityError(messages.NOT_LEADER)
        membership.role = CommunityRole.MEMBER
        audit_record(
            actor=actor,
            action=AuditEvent.Action.COMMUNITY_LEADER_REMOVED,
            target=community,
            data={"user": membership.user_id},
            request=request,
        )
    return membership


def membership_remove(
    *,
    actor: Any,
    membership: CommunityMembership,
    reason: str = "",
    request: HttpRequest | None = None,
) -> CommunityMembership:
    """Remove an active member (a leader too, while another leader remains); tell them why.

    The person can join again later like anyone (a request, if the community needs approval).
    Refused: removing oneself (leave instead), a pending request (decline it), the last leader,
    and someone no longer a member — which is what the second of two leaders removing the same
    person at once is told, so the count moves once.
    """
    community = membership.community
    require("communities.remove_member", actor, community)
    if membership.user_id == actor.pk:
        raise CommunityError(messages.CANNOT_REMOVE_SELF)
    reason = reason.strip()[:REMOVAL_REASON_MAX]
    with transaction.atomic():
        _lock(community)
        current = CommunityMembership.objects.filter(pk=membership.pk, community=community).first()
        if current is None:
            raise CommunityError(messages.MEMBER_ALREADY_GONE)
        if current.status != MembershipStatus.ACTIVE:
            raise CommunityError(messages.REMOVAL_OF_A_REQUEST)
        if current.role == CommunityRole.LEADER and not _other_leaders(community, current):
            raise CommunityError(messages.LAST_LEADER_CANNOT_BE_REMOVED)
        deleted, _ = CommunityMembership.objects.filter(
            pk=current.pk, status=MembershipStatus.ACTIVE
        ).delete()
        if not deleted:
            raise CommunityError(messages.MEMBER_ALREADY_GONE)
        add_members(community.pk, -1)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.COMMUNITY_MEMBER_REMOVED,
            target=community,
            data={"user": current.user_id, "role": current.role, "reason": reason},
            request=request,
        )
        values = {"name": community.name, "reason": reason}
        text = (
            gettext("「%(name)s」のメンバーから外されました。理由：%(reason)s")
            if reason
            else gettext("「%(name)s」のメンバーから外されました。")
        )
        notify(
            recipients=[current.user_id],
            kind="communities.member_removed",
            actor=actor,
            community=community,
            text=text % values,
            url=community_url(community),
        )
    return current


def subscription_set(*, actor: Any, community: Community, receive: bool) -> bool:
    """Receive the leaders' mail (``True``) or not; returns the new setting."""
    require("communities.change_subscription", actor, community)
    with transaction.atomic():
        CommunityMembership.objects.filter(community=community, user_id=actor.pk).update(
            messages_opted_out=not receive
        )
    return receive
