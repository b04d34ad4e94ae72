"""Rules of the orgs app.

Object-level predicates receive an :class:`~kyoso.orgs.models.Organization` (or a join
request, invitation or :class:`MemberChange`) and must tolerate ``None``: a rule asked without
an object answers "no" unless it does not need one.

The role of the person in an organization is read from the organization's prefetched members
when :func:`kyoso.orgs.selectors.organization_detail` loaded them, so pages that check several
rules do not query once per rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.utils import timezone

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.core.rules import is_active_member
from kyoso.core.text import normalize_email
from kyoso.orgs.models import Invitation, JoinRequest, MemberRole, Membership, Organization

#: Attribute under which the detail selector prefetches the memberships (user joined).
PREFETCHED_MEMBERS = "ordered_members"

MANAGER_ROLES = frozenset({MemberRole.OWNER, MemberRole.ADMIN})


@dataclass(frozen=True)
class MemberChange:
    """A proposed change to who is in an organization and with which role.

    ``target`` is the membership being changed, or ``None`` for someone joining (an
    invitation). ``to_role`` is the role after the change, or ``None`` for a removal.
    """

    organization: Organization
    target: Membership | None
    to_role: str | None


def _organization_of(obj: Any) -> Organization | None:
    if isinstance(obj, Organization):
        return obj
    if isinstance(obj, JoinRequest | Invitation | Membership):
        return obj.organization
    if isinstance(obj, MemberChange):
        return obj.organization
    return None


def role_in(user: Any, organization: Organization | None) -> str | None:
    """The person's role in the organization, or ``None`` when they do not belong to it."""
    if organization is None or organization.pk is None:
        return None
    if not (user is not None and user.is_authenticated and user.is_active):
        return None
    prefetched = getattr(organization, PREFETCHED_MEMBERS, None)
    if prefetched is not None:
        return next((m.role for m in prefetched if m.user_id == user.pk), None)
    return (
        Membership.objects.filter(organization_id=organization.pk, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )


def owner_count(organization: Organization) -> int:
    prefetched = getattr(organization, PREFETCHED_MEMBERS, None)
    if prefetched is not None:
        return sum(1 for m in prefetched if m.role == MemberRole.OWNER)
    return Membership.objects.filter(organization_id=organization.pk, role=MemberRole.OWNER).count()


# --- Why a member change is refused ---------------------------------------------------------

NOT_MANAGER = "not_manager"
OWNER_ONLY = "owner_only"
LAST_OWNER = "last_owner"
WRONG_ORGANIZATION = "wrong_organization"
WRONG_EMAIL = "wrong_email"


def member_change_refusal(user: Any, change: MemberChange | None) -> str | None:
    """``None`` when ``user`` may make ``change``, else a reason code.

    - owners may do anything, except leaving the organization without an owner;
    - admins may only add and remove plain members (never touch admins or owners, never
      grant admin or owner);
    - everyone else may do nothing.
    """
    if change is None:
        return NOT_MANAGER
    organization = change.organization
    target = change.target
    if target is not None and target.organization_id != organization.pk:
        return WRONG_ORGANIZATION
    actor_role = role_in(user, organization)
    if actor_role not in MANAGER_ROLES:
        return NOT_MANAGER
    from_role = target.role if target is not None else None
    touches_privileged = from_role in MANAGER_ROLES or change.to_role in MANAGER_ROLES
    if actor_role == MemberRole.ADMIN and touches_privileged:
        return OWNER_ONLY
    if (
        from_role == MemberRole.OWNER
        and change.to_role != MemberRole.OWNER
        and owner_count(organization) <= 1
    ):
        return LAST_OWNER
    return None


# --- Predicates ------------------------------------------------------------------------------


@rules.predicate
def is_org_manager(user, obj) -> bool:
    return role_in(user, _organization_of(obj)) in MANAGER_ROLES


@rules.predicate
def is_org_member(user, obj) -> bool:
    return role_in(user, _organization_of(obj)) is not None


@rules.predicate
def may_change_member(user, change) -> bool:
    if not isinstance(change, MemberChange):
        return False
    return member_change_refusal(user, change) is None


@rules.predicate
def has_pending_join_request(user, obj) -> bool:
    organization = _organization_of(obj)
    if organization is None or not user.is_authenticated:
        return False
    return JoinRequest.objects.filter(
        organization_id=organization.pk, user_id=user.pk, status=JoinRequest.Status.PENDING
    ).exists()


@rules.predicate
def is_join_requester(user, obj) -> bool:
    return bool(
        isinstance(obj, JoinRequest)
        and user.is_authenticated
        and obj.user_id == user.pk
        and obj.status == JoinRequest.Status.PENDING
    )


@rules.predicate
def is_organization(user, obj) -> bool:
    return isinstance(obj, Organization)


def invitation_refusal(user: Any, invitation: Invitation | None) -> str | None:
    """``None`` when ``user`` may accept the invitation, else a reason code."""
    if invitation is None:
        return "missing"
    if not (user is not None and user.is_authenticated and user.is_active):
        return "anonymous"
    if invitation.status == Invitation.Status.REVOKED:
        return "revoked"
    if invitation.status == Invitation.Status.ACCEPTED:
        return "accepted"
    if invitation.expires_at <= timezone.now():
        return "expired"
    if normalize_email(user.email) != normalize_email(invitation.email):
        return WRONG_EMAIL
    if user.email_verified_at is None:
        return "unverified"
    return None


@rules.predicate
def may_accept_invitation(user, invitation) -> bool:
    if not isinstance(invitation, Invitation):
        return False
    return invitation_refusal(user, invitation) is None


verified_member = is_active_member & is_email_verified


def register() -> None:
    rules.set_perm("orgs.view_organization", rules.always_allow)
    rules.set_perm("orgs.add_organization", verified_member)
    rules.set_perm(
        "orgs.change_organization",
        is_organization & is_active_member & (is_org_manager | is_secretariat_member),
    )
    rules.set_perm("orgs.manage_members", is_organization & is_org_manager)
    rules.set_perm("orgs.change_member_role", may_change_member)
    rules.set_perm("orgs.verify_organization", is_secretariat_member)
    rules.set_perm(
        "orgs.request_join",
        is_organization & verified_member & ~is_org_member & ~has_pending_join_request,
    )
    rules.set_perm("orgs.withdraw_join_request", is_join_requester)
    rules.set_perm("orgs.decide_join_request", is_org_manager)
    rules.set_perm("orgs.leave_organization", is_organization & is_org_member)
    rules.set_perm("orgs.accept_invitation", may_accept_invitation)
