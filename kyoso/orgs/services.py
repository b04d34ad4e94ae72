"""Writes of the orgs app: organizations, roles, join requests and invitations.

Every service checks its rule again (a forged POST must not get past the view's check by
asking a service directly), runs inside ``transaction.atomic`` and locks the organization row
(``select_for_update``: a real lock on PostgreSQL, and SQLite serializes write transactions
anyway) before changing who belongs to it, so two concurrent changes cannot, for example,
both demote one of the last two owners. State transitions are conditional updates whose row
count is checked, so a double submit changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.mail import queue_email
from kyoso.core.policy import check
from kyoso.core.text import normalize_email
from kyoso.orgs import messages
from kyoso.orgs import rules as org_rules
from kyoso.orgs.models import Invitation, JoinRequest, MemberRole, Membership, Organization

INVITATION_VALID_FOR = timedelta(days=14)
SLUG_MAX_BASE = 50
#: Path segments under /orgs/ that are pages, not organizations.
RESERVED_SLUGS = frozenset({"new", "mine", "invitations"})
EDITABLE_FIELDS = (
    "name",
    "name_kana",
    "org_type",
    "description",
    "website",
    "contact_email",
    "municipality",
)


class OrgError(Exception):
    """A refusal with a message the person can act on (shown as is)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def _require(rule: str, actor: Any, obj: Any = None) -> None:
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def _locked(organization: Organization) -> Organization:
    """Take the organization's row lock; later membership reads see a settled state."""
    return Organization.objects.select_for_update().get(pk=organization.pk)


# --- Organizations ---------------------------------------------------------------------------


def _random_slug() -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "org-" + "".join(secrets.choice(alphabet) for _ in range(6))


def _slug_candidates(name: str):
    base = slugify(name, allow_unicode=False)[:SLUG_MAX_BASE].strip("-")
    if base and base not in RESERVED_SLUGS:
        yield base
        for n in range(2, 10):
            yield f"{base}-{n}"
    while True:
        yield _random_slug()


def unique_slug(name: str) -> str:
    """An ASCII slug from the name; Japanese names (which slugify empties) get org-xxxxxx."""
    for candidate in _slug_candidates(name):
        if not Organization.objects.filter(slug=candidate).exists():
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def organization_create(
    *, actor: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Organization:
    _require("orgs.add_organization", actor)
    fields = {key: data[key] for key in EDITABLE_FIELDS if key in data}
    for _attempt in range(5):
        organization = Organization(slug=unique_slug(fields["name"]), created_by=actor, **fields)
        try:
            with transaction.atomic():
                organization.save()
        except IntegrityError:
            # Another organization took the same slug between the check and the insert.
            continue
        break
    else:  # pragma: no cover - five slug collisions in a row
        raise IntegrityError("could not find a free slug")
    Membership.objects.create(organization=organization, user=actor, role=MemberRole.OWNER)
    audit_record(
        actor=actor, action=AuditEvent.Action.ORG_CREATED, target=organization, request=request
    )
    return organization


@transaction.atomic
def organization_update(
    *,
    actor: Any,
    organization: Organization,
    data: dict[str, Any],
    request: HttpRequest | None = None,
) -> Organization:
    """Save the changed fields. The secretariat editing an organization it does not manage is
    recorded as a staff edit."""
    organization = _locked(organization)
    _require("orgs.change_organization", actor, organization)
    changed = [
        key for key in EDITABLE_FIELDS if key in data and getattr(organization, key) != data[key]
    ]
    for key in changed:
        setattr(organization, key, data[key])
    if changed:
        organization.save(update_fields=changed)
        if not org_rules.is_org_manager(actor, organization):
            audit_record(
                actor=actor,
                action=AuditEvent.Action.STAFF_EDIT,
                target=organization,
                data={"fields": changed},
                request=request,
            )
    return organization


@transaction.atomic
def organization_verify(
    *, actor: Any, organization: Organization, request: HttpRequest | None = None
) -> Organization:
    _require("orgs.verify_organization", actor, organization)
    now = timezone.now()
    updated = Organization.objects.filter(pk=organization.pk, verified_at__isnull=True).update(
        verified_at=now, verified_by=actor
    )
    if not updated:
        raise OrgError(messages.ORG_ALREADY_VERIFIED)
    organization.verified_at, organization.verified_by = now, actor
    audit_record(
        actor=actor, action=AuditEvent.Action.ORG_VERIFIED, target=organization, request=request
    )
    return organization


@transaction.atomic
def organization_unverify(
    *, actor: Any, organization: Organization, request: HttpRequest | None = None
) -> Organization:
    _require("orgs.verify_organization", actor, organization)
    updated = Organization.objects.filter(pk=organization.pk, verified_at__isnull=False).update(
        verified_at=None, verified_by=None
    )
    if not updated:
        raise OrgError(messages.ORG_NOT_VERIFIED)
    organization.verified_at, organization.verified_by = None, None
    audit_record(
        actor=actor, action=AuditEvent.Action.ORG_UNVERIFIED, target=organization, request=request
    )
    return organization


# --- Roles ------------------------------------------------------------------------------------


def _current_membership(organization: Organization, membership: Membership) -> Membership:
    current = Membership.objects.filter(pk=membership.pk, organization=organization).first()
    if current is None:
        raise OrgError(messages.MEMBERSHIP_GONE)
    current.organization = organization
    return current


def _require_change(actor: Any, change: org_rules.MemberChange) -> None:
    refusal = org_rules.member_change_refusal(actor, change)
    if refusal == org_rules.LAST_OWNER:
        raise OrgError(messages.LAST_OWNER_PROTECTED)
    if refusal is not None:
        raise PermissionDenied(refusal)


@transaction.atomic
def membership_change_role(
    *,
    actor: Any,
    membership: Membership,
    role: str,
    request: HttpRequest | None = None,
) -> Membership:
    if role not in MemberRole.values:
        raise OrgError(messages.ROLE_INVALID)
    organization = _locked(membership.organization)
    membership = _current_membership(organization, membership)
    _require_change(actor, org_rules.MemberChange(organization, membership, role))
    if membership.role == role:
        return membership
    old_role = membership.role
    updated = Membership.objects.filter(pk=membership.pk, role=old_role).update(role=role)
    if not updated:  # pragma: no cover - the row lock makes this unreachable on PostgreSQL
        raise OrgError(messages.MEMBERSHIP_GONE)
    membership.role = role
    audit_record(
        actor=actor,
        action=AuditEvent.Action.MEMBER_ROLE_CHANGED,
        target=organization,
        data={"user": membership.user_id, "from": old_role, "to": role},
        request=request,
    )
    return membership


@transaction.atomic
def membership_remove(
    *, actor: Any, membership: Membership, request: HttpRequest | None = None
) -> None:
    organization = _locked(membership.organization)
    membership = _current_membership(organization, membership)
    _require_change(actor, org_rules.MemberChange(organization, membership, None))
    Membership.objects.filter(pk=membership.pk).delete()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.MEMBER_REMOVED,
        target=organization,
        data={"user": membership.user_id, "role": membership.role},
        request=request,
    )


@transaction.atomic
def membership_leave(
    *, actor: Any, organization: Organization, request: HttpRequest | None = None
) -> None:
    organization = _locked(organization)
    membership = Membership.objects.filter(organization=organization, user_id=actor.pk).first()
    if membership is None:
        raise OrgError(messages.NOT_A_MEMBER)
    if membership.role == MemberRole.OWNER and org_rules.owner_count(organization) <= 1:
        raise OrgError(messages.LAST_OWNER_PROTECTED)
    membership.delete()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.MEMBER_REMOVED,
        target=organization,
        data={"user": actor.pk, "role": membership.role, "left": True},
        request=request,
    )


def _add_member(
    *,
    actor: Any,
    organization: Organization,
    user: Any,
    role: str,
    via: str,
    request: HttpRequest | None,
) -> Membership:
    """Insert the membership; a duplicate (double submit, or already a member) is refused."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(organization=organization, user=user, role=role)
    except IntegrityError:
        raise OrgError(messages.ALREADY_MEMBER) from None
    audit_record(
        actor=actor,
        action=AuditEvent.Action.MEMBER_ADDED,
        target=organization,
        data={"user": user.pk, "role": role, "via": via},
        request=request,
    )
    return membership


# --- Join requests ----------------------------------------------------------------------------


@transaction.atomic
def join_request_create(
    *,
    actor: Any,
    organization: Organization,
    message: str = "",
    request: HttpRequest | None = None,
) -> JoinRequest:
    organization = _locked(organization)
    if org_rules.role_in(actor, organization) is not None:
        raise OrgError(messages.ALREADY_MEMBER)
    if org_rules.has_pending_join_request(actor, organization):
        raise OrgError(messages.JOIN_ALREADY_PENDING)
    _require("orgs.request_join", actor, organization)
    try:
        with transaction.atomic():
            return JoinRequest.objects.create(
                organization=organization, user=actor, message=message
            )
    except IntegrityError:
        raise OrgError(messages.JOIN_ALREADY_PENDING) from None


def _decide(
    *, actor: Any, join_request: JoinRequest, status: str, request: HttpRequest | None
) -> JoinRequest:
    organization = _locked(join_request.organization)
    join_request.organization = organization
    _require("orgs.decide_join_request", actor, join_request)
    now = timezone.now()
    updated = JoinRequest.objects.filter(
        pk=join_request.pk, organization=organization, status=JoinRequest.Status.PENDING
    ).update(status=status, decided_at=now, decided_by=actor)
    if not updated:
        raise OrgError(messages.JOIN_ALREADY_DECIDED)
    join_request.status, join_request.decided_at, join_request.decided_by = status, now, actor
    audit_record(
        actor=actor,
        action=AuditEvent.Action.JOIN_REQUEST_DECIDED,
        target=organization,
        data={"join_request": join_request.pk, "user": join_request.user_id, "decision": status},
        request=request,
    )
    return join_request


@transaction.atomic
def join_request_approve(
    *, actor: Any, join_request: JoinRequest, request: HttpRequest | None = None
) -> JoinRequest:
    join_request = _decide(
        actor=actor, join_request=join_request, status=JoinRequest.Status.APPROVED, request=request
    )
    if not Membership.objects.filter(
        organization=join_request.organization, user_id=join_request.user_id
    ).exists():
        _add_member(
            actor=actor,
            organization=join_request.organization,
            user=join_request.user,
            role=MemberRole.MEMBER,
            via="join_request",
            request=request,
        )
    return join_request


@transaction.atomic
def join_request_reject(
    *, actor: Any, join_request: JoinRequest, request: HttpRequest | None = None
) -> JoinRequest:
    return _decide(
        actor=actor, join_request=join_request, status=JoinRequest.Status.REJECTED, request=request
    )


@transaction.atomic
def join_request_withdraw(*, actor: Any, organization: Organization) -> JoinRequest:
    """Withdraw the actor's own pending request to join ``organization``."""
    join_request = JoinRequest.objects.filter(
        organization=organization, user_id=actor.pk, status=JoinRequest.Status.PENDING
    ).first()
    if join_request is None:
        raise OrgError(messages.JOIN_NO_PENDING)
    _require("orgs.withdraw_join_request", actor, join_request)
    updated = JoinRequest.objects.filter(
        pk=join_request.pk, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.WITHDRAWN, decided_at=timezone.now())
    if not updated:  # pragma: no cover - decided between the read and the update
        raise OrgError(messages.JOIN_ALREADY_DECIDED)
    join_request.status = JoinRequest.Status.WITHDRAWN
    return join_request


# --- Invitations ------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def invitation_create(
    *,
    actor: Any,
    organization: Organization,
    email: str,
    role: str = MemberRole.MEMBER,
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:
    """Invite an email address; returns the invitation and the raw token (mailed, not stored)."""
    if role not in (MemberRole.MEMBER, MemberRole.ADMIN):
        raise OrgError(messages.ROLE_INVALID)
    organization = _locked(organization)
    _require("orgs.manage_members", actor, organization)
    _require_change(actor, org_rules.MemberChange(organization, None, role))
    email = normalize_email(email)
    if Membership.objects.filter(organization=organization, user__email=email).exists():
        raise OrgError(messages.INVITATION_EXISTING_MEMBER)
    now = timezone.now()
    open_invitations = Invitation.objects.filter(
        organization=organization, email=email, status=Invitation.Status.PENDING
    )
    if open_invitations.filter(expires_at__gt=now).exists():
        raise OrgError(messages.INVITATION_ALREADY_PENDING)
    # Expired, never-answered invitations to this address are superseded by the new one.
    open_invitations.update(status=Invitation.Status.REVOKED)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=now + INVITATION_VALID_FOR,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.INVITATION_SENT,
        target=organization,
        data={"invitation": invitation.pk, "role": role},
        request=request,
    )
    language = translation.get_language() or settings.LANGUAGE_CODE
    send_invitation_email(invitation=invitation, token=token, language=language)
    return invitation, token


def invitation_url(token: str) -> str:
    return settings.BASE_URL + reverse("orgs:invitation_accept", args=[token])


def send_invitation_email(
    *, invitation: Invitation, token: str, language: str | None = None
) -> None:
    context = {
        "organization": invitation.organization,
        "invited_by": invitation.invited_by,
        "role": invitation.get_role_display(),
        "url": invitation_url(token),
        "expires_at": invitation.expires_at,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("orgs/email/invitation_subject.txt", context).strip()
        body = render_to_string("orgs/email/invitation_body.txt", context)
    queue_email(subject=subject, body=body, to=[invitation.email])


INVITATION_REFUSALS = {
    "anonymous": messages.INVITATION_WRONG_EMAIL,
    "revoked": messages.INVITATION_REVOKED,
    "accepted": messages.INVITATION_ALREADY_ACCEPTED,
    "expired": messages.INVITATION_EXPIRED,
    "wrong_email": messages.INVITATION_WRONG_EMAIL,
    "unverified": messages.INVITATION_EMAIL_UNVERIFIED,
}


def invitation_refusal_message(user: Any, invitation: Invitation) -> Any:
    """Why ``user`` cannot accept ``invitation`` (a message), or ``None`` when they can."""
    refusal = org_rules.invitation_refusal(user, invitation)
    return INVITATION_REFUSALS.get(refusal) if refusal else None


@transaction.atomic
def invitation_accept(
    *, actor: Any, invitation: Invitation, request: HttpRequest | None = None
) -> Membership:
    organization = _locked(invitation.organization)
    invitation = Invitation.objects.get(pk=invitation.pk)
    invitation.organization = organization
    refusal = invitation_refusal_message(actor, invitation)
    if refusal is not None:
        raise OrgError(refusal)
    if org_rules.role_in(actor, organization) is not None:
        raise OrgError(messages.ALREADY_MEMBER)
    now = timezone.now()
    updated = Invitation.objects.filter(
        pk=invitation.pk, status=Invitation.Status.PENDING, expires_at__gt=now
    ).update(status=Invitation.Status.ACCEPTED, accepted_by=actor, accepted_at=now)
    if not updated:  # pragma: no cover - answered between the read and the update
        raise OrgError(messages.INVITATION_NOT_PENDING)
    return _add_member(
        actor=actor,
        organization=organization,
        user=actor,
        role=invitation.role,
        via="invitation",
        request=request,
    )


@transaction.atomic
def invitation_revoke(
    *, actor: Any, invitation: Invitation, request: HttpRequest | None = None
) -> Invitation:
    organization = _locked(invitation.organization)
    _require("orgs.manage_members", actor, organization)
    updated = Invitation.objects.filter(
        pk=invitation.pk, organization=organization, status=Invitation.Status.PENDING
    ).update(status=Invitation.Status.REVOKED)
    if not updated:
        raise OrgError(messages.INVITATION_NOT_PENDING)
    invitation.status = Invitation.Status.REVOKED
    return invitation
