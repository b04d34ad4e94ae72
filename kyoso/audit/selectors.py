"""Reading the audit log."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.core.text import normalize_email
from kyoso.core.wareki import TOKYO


def _start_of(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=TOKYO)
    return datetime.combine(value, time.min, tzinfo=TOKYO)


def audit_events(
    action: str | None = None,
    actor_email: str | None = None,
    target_type: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, with their actors.

    ``since`` and ``until`` are dates in Japan time (JST), both included: ``until=4月1日``
    keeps events up to 23:59:59 on 4月1日. Datetimes are taken as exact bounds (``until``
    exclusive). ``actor_email`` matches part of the address, ignoring case and 全角.
    """
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
    if action:
        events = events.filter(action=action)
    if actor_email:
        events = events.filter(actor__email__contains=normalize_email(actor_email))
    if target_type:
        events = events.filter(target_type=target_type)
    if since is not None:
        events = events.filter(at__gte=_start_of(since))
    if until is not None:
        if isinstance(until, datetime):
            events = events.filter(at__lt=_start_of(until))
        else:
            events = events.filter(at__lt=_start_of(until + timedelta(days=1)))
    return events
