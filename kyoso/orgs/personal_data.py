"""What the orgs app holds about one person: export, erasure, and the sole-owner blocker."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kyoso.accounts.messages import LAST_OWNER_BLOCKS_DELETION
from kyoso.orgs.models import Invitation, JoinRequest, Membership
from kyoso.orgs.selectors import sole_owned_organizations


def export(user: Any) -> dict[str, Any]:
    memberships = Membership.objects.filter(user_id=user.pk).select_related("organization")
    join_requests = JoinRequest.objects.filter(user_id=user.pk).select_related("organization")
    sent = Invitation.objects.filter(invited_by_id=user.pk).select_related("organization")
    received = Invitation.objects.filter(
        Q(email__iexact=user.email) | Q(accepted_by_id=user.pk)
    ).select_related("organization")
    return {
        "memberships": [
            {
                "organization": m.organization.name,
                "organization_slug": m.organization.slug,
                "role": m.role,
                "joined_at": m.joined_at,
            }
            for m in memberships.order_by("joined_at", "id")
        ],
        "join_requests": [
            {
                "organization": r.organization.name,
                "message": r.message,
                "status": r.status,
                "created_at": r.created_at,
                "decided_at": r.decided_at,
            }
            for r in join_requests.order_by("created_at", "id")
        ],
        "invitations_sent": [
            {
                "organization": i.organization.name,
                "email": i.email,
                "role": i.role,
                "status": i.status,
                "created_at": i.created_at,
                "expires_at": i.expires_at,
            }
            for i in sent.order_by("created_at", "id")
        ],
        "invitations_received": [
            {
                "organization": i.organization.name,
                "email": i.email,
                "role": i.role,
                "status": i.status,
                "created_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in received.order_by("created_at", "id")
        ],
    }


def erase(user: Any) -> None:
    """Leave every organization, withdraw pending requests, forget the address invited.

    Runs only after :func:`sole_owner_blocker` let the deletion through, so no organization is
    left without an owner.
    """
    Membership.objects.filter(user_id=user.pk).delete()
    JoinRequest.objects.filter(user_id=user.pk, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.WITHDRAWN, decided_at=timezone.now()
    )
    JoinRequest.objects.filter(user_id=user.pk).exclude(message="").update(message="")
    addressed = Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by_id=user.pk))
    addressed.filter(status=Invitation.Status.PENDING).update(status=Invitation.Status.REVOKED)
    addressed.update(email=f"deleted-{user.pk}@deleted.invalid")


def sole_owner_blocker(user: Any) -> str | None:
    names = list(sole_owned_organizations(user).values_list("name", flat=True))
    if not names:
        return None
    return LAST_OWNER_BLOCKS_DELETION % {"orgs": _("、").join(names)}
