"""Project membership: who is in a project and with which role.

A project always keeps at least one active lead. Other apps add people through
:func:`member_add` (the missions app does when a host accepts a candidate); they never write
``Membership`` rows themselves.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.projects import audit
from kyoso.projects.models import MemberRole, Membership, MemberStatus, Project


def member_add(
    *,
    actor: Any,
    project: Project,
    user: Any,
    role: str = MemberRole.MEMBER,
    via: str,
    request: HttpRequest | None = None,
) -> Membership:
    """Make ``user`` an active member of ``project`` with ``role`` (idempotent).

    An open invitation or request becomes an active membership; an active member keeps the
    role they have. ``via`` says why, for the audit log (``"mission:12"``, ``"pitch:3"``,
    ``"creator"``). The member count moves in the same transaction, by a relative UPDATE.
    """
    if role not in MemberRole.values:
        raise ValueError(f"Unknown project role {role!r}")
    now = timezone.now()
    with transaction.atomic():
        membership, created = Membership.objects.select_for_update().get_or_create(
            project=project,
            user=user,
            defaults={"role": role, "status": MemberStatus.ACTIVE, "joined_at": now},
        )
        if not created:
            if membership.status == MemberStatus.ACTIVE:
                return membership
            membership.status = MemberStatus.ACTIVE
            membership.role = role
            membership.joined_at = now
            membership.save(update_fields=["status", "role", "joined_at"])
        Project.objects.filter(pk=project.pk).update(
            member_count=F("member_count") + 1, last_activity_at=now
        )
        audit_record(
            actor=actor,
            action=audit.MEMBER_ADDED,
            target=project,
            data={"user": user.pk, "role": role, "via": via},
            request=request,
        )
    return membership
