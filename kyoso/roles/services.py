"""Granting and revoking platform roles.

Both are idempotent: granting a role that is already held, or revoking one that is not,
changes nothing and writes no audit row. Every real change is audited with the role and
its holder. The secretariat role is held only by people, and the last person holding it can
never lose it, so that somebody can always manage roles and read the audit log.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.functional import Promise

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.roles import messages
from kyoso.roles.models import PlatformRole, RoleAssignment
from kyoso.roles.selectors import forget_cached_roles


class RoleError(Exception):
    """A role change that is refused; ``message`` is a constant from ``roles.messages``."""

    def __init__(self, message: Promise) -> None:
        super().__init__(str(message))
        self.message = message


class UnknownRole(RoleError):
    def __init__(self) -> None:
        super().__init__(messages.ROLE_UNKNOWN)


class HolderRequired(RoleError):
    def __init__(self) -> None:
        super().__init__(messages.HOLDER_REQUIRED)


class SecretariatOnlyForPeople(RoleError):
    def __init__(self) -> None:
        super().__init__(messages.SECRETARIAT_ONLY_FOR_PEOPLE)


class LastSecretariat(RoleError):
    def __init__(self) -> None:
        super().__init__(messages.LAST_SECRETARIAT)


def _checked(role: str, user: Any, organization: Any) -> PlatformRole:
    if role not in PlatformRole.values:
        raise UnknownRole
    if (user is None) == (organization is None):
        raise HolderRequired
    if role == PlatformRole.SECRETARIAT and organization is not None:
        raise SecretariatOnlyForPeople
    return PlatformRole(role)


def _holder_filter(user: Any, organization: Any) -> dict[str, Any]:
    return {"user": user} if user is not None else {"organization": organization}


def _audit_data(role: PlatformRole, user: Any, organization: Any) -> dict[str, Any]:
    if user is not None:
        return {"role": role.value, "holder_type": "user", "holder_email": user.email}
    return {"role": role.value, "holder_type": "organization", "holder_slug": organization.slug}


def _forget(actor: Any, user: Any) -> None:
    if user is None:
        return
    forget_cached_roles(user)
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        forget_cached_roles(actor)


@transaction.atomic
def role_grant(
    *,
    actor: Any,
    role: str,
    user: Any = None,
    organization: Any = None,
    request: HttpRequest | None = None,
) -> bool:
    """Give ``role`` to a person or an organization; return False if it was already held."""
    role = _checked(role, user, organization)
    holder = _holder_filter(user, organization)
    try:
        with transaction.atomic():
            RoleAssignment.objects.create(
                role=role,
                granted_by=actor if getattr(actor, "is_authenticated", False) else None,
                **holder,
            )
    except IntegrityError:
        # The unique constraints say it is already held; anything else is a real error.
        if RoleAssignment.objects.filter(role=role, **holder).exists():
            return False
        raise
    audit_record(
        actor=actor,
        action=AuditEvent.Action.ROLE_GRANTED,
        target=user if user is not None else organization,
        data=_audit_data(role, user, organization),
        request=request,
    )
    _forget(actor, user)
    return True


@transaction.atomic
def role_revoke(
    *,
    actor: Any,
    role: str,
    user: Any = None,
    organization: Any = None,
    request: HttpRequest | None = None,
) -> bool:
    """Take ``role`` away; return False if it was not held. Raises :class:`LastSecretariat`."""
    role = _checked(role, user, organization)
    holder = _holder_filter(user, organization)
    if role == PlatformRole.SECRETARIAT:
        # Lock every secretariat row (PostgreSQL) so that two people revoking each other's
        # role at the same moment cannot both succeed; SQLite serializes writers anyway.
        holders = list(
            RoleAssignment.objects.select_for_update(of=("self",))
            .filter(role=PlatformRole.SECRETARIAT)
            .values_list("user_id", "user__is_active", "user__deleted_at")
        )
        if not any(user_id == user.pk for user_id, _a, _d in holders):
            return False
        others_active = [
            user_id
            for user_id, is_active, deleted_at in holders
            if user_id != user.pk and is_active and deleted_at is None
        ]
        if not others_active:
            raise LastSecretariat
    deleted, _by_model = RoleAssignment.objects.filter(role=role, **holder).delete()
    if not deleted:
        return False
    audit_record(
        actor=actor,
        action=AuditEvent.Action.ROLE_REVOKED,
        target=user if user is not None else organization,
        data=_audit_data(role, user, organization),
        request=request,
    )
    _forget(actor, user)
    return True
