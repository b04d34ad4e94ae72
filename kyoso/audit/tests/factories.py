"""Making audit events at a chosen moment (the clock is the only thing patched)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from unittest import mock

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.wareki import TOKYO


@contextmanager
def clock_at(moment: datetime):
    """Freeze ``django.utils.timezone.now`` (used by ``auto_now_add``) at ``moment``."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def jst(*args: int) -> datetime:
    return datetime(*args, tzinfo=TOKYO)


def make_event(
    action: str = AuditEvent.Action.SETTINGS_CHANGED,
    *,
    actor=None,
    target=None,
    data=None,
    at: datetime | None = None,
) -> AuditEvent:
    if at is None:
        return audit_record(actor=actor, action=action, target=target, data=data)
    with clock_at(at):
        return audit_record(actor=actor, action=action, target=target, data=data)
