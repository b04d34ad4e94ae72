"""Issuing, revoking and recording the use of personal API tokens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from kyoso.api.models import ApiToken, TokenScope
from kyoso.api.tokens import hash_secret, new_secret
from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.text import normalize_text

#: ``last_used_at`` is written at most this often per token.
LAST_USED_RESOLUTION = timedelta(minutes=1)
NAME_MAX_LENGTH = 100


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret; the secret exists only here and is shown once."""

    token: ApiToken
    secret: str


def _scope_from(scopes: Iterable[str]) -> str:
    requested = set(scopes) or {TokenScope.READ.value}
    unknown = requested - set(TokenScope.values)
    if unknown:
        raise ValueError(f"Unknown scopes: {sorted(unknown)}")
    return TokenScope.WRITE if TokenScope.WRITE in requested else TokenScope.READ


@transaction.atomic
def api_token_create(
    *,
    actor: Any,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> IssuedToken:
    """Issue a token for ``actor`` itself. ``write`` in ``scopes`` implies ``read``."""
    name = normalize_text(name)
    if not name or len(name) > NAME_MAX_LENGTH:
        raise ValueError("A token needs a name of 1 to 100 characters.")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValueError("expires_at must be in the future.")
    scope = _scope_from(scopes)
    prefix, secret = new_secret()
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=prefix,
        token_hash=hash_secret(secret),
        scope=scope,
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.TOKEN_CREATED,
        target=token,
        data={
            "prefix": prefix,
            "scope": scope,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
        request=request,
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken, request: HttpRequest | None = None) -> bool:
    """Revoke one of the actor's own tokens. False when it was already revoked."""
    if actor.pk != token.user_id:
        raise PermissionError("A person revokes only their own tokens.")
    now = timezone.now()
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    if not revoked:
        return False
    token.revoked_at = now
    audit_record(
        actor=actor,
        action=AuditEvent.Action.TOKEN_REVOKED,
        target=token,
        data={"prefix": token.prefix},
        request=request,
    )
    return True


def api_token_touch(*, token: ApiToken, now: datetime | None = None) -> bool:
    """Record that the token was used, at most once a minute.

    Skips the database entirely while the loaded value is recent; otherwise a conditional
    UPDATE lets exactly one of several parallel requests write.
    """
    now = now or timezone.now()
    stale_before = now - LAST_USED_RESOLUTION
    if token.last_used_at is not None and token.last_used_at > stale_before:
        return False
    touched = ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale_before), pk=token.pk
    ).update(last_used_at=now)
    if touched:
        token.last_used_at = now
    return bool(touched)
