"""Writing audit events. Every sensitive service calls :func:`audit_record`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from kyoso.audit import registry
from kyoso.audit.models import AuditEvent
from kyoso.core.http import client_ip as address_of


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    address = address_of(request)
    return str(address) if address else None


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    if not registry.is_known(action):
        # A programming error, not bad input: every action needs a label (AuditEvent.Action or
        # registry.register_actions), or the secretariat's log would show it as a raw code.
        raise ValueError(f"Unknown audit action {action!r}: register it with a label.")
    real_actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=real_actor,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        data=data or {},
        ip_address=client_ip(request),
    )


def audit_log_export(
    *, actor: Any, filters: dict[str, Any], request: HttpRequest | None = None
) -> AuditEvent:
    """Record that ``actor`` exported the audit log with ``filters`` (before it is sent)."""
    return audit_record(
        actor=actor,
        action=AuditEvent.Action.DATA_EXPORTED,
        data={
            "export": "audit_log",
            "filters": {
                key: value.isoformat() if hasattr(value, "isoformat") else value
                for key, value in filters.items()
            },
        },
        request=request,
    )
