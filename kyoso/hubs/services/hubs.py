"""Setting up a hub: the hub itself, its spaces, opening hours and closures (hub staff)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kyoso.audit.services import audit_record
from kyoso.hubs import audit
from kyoso.hubs.models import Closure, Hub, OpeningHours, Space
from kyoso.hubs.services.common import require

HUB_FIELDS = (
    "name",
    "slug",
    "description",
    "address",
    "municipality",
    "latitude",
    "longitude",
    "access_notes",
    "booking_window_days",
    "free_cancel_hours",
    "closed_on_holidays",
    "closed_year_end",
)


def _reindex(hub_id: int) -> None:
    from kyoso.core.home import touch_on_commit
    from kyoso.hubs.registry import search_queryset
    from kyoso.search.services import index_on_commit

    index_on_commit(search_queryset().filter(pk=hub_id))
    touch_on_commit("hubs")


def hub_create(*, actor: Any, organization: Any, data: dict[str, Any], request: Any = None) -> Hub:
    require("hubs.add_hub", actor, organization)
    with transaction.atomic():
        hub = Hub.objects.create(
            organization=organization,
            created_by=actor,
            **{k: v for k, v in data.items() if k in HUB_FIELDS},
        )
        audit_record(actor=actor, action=audit.HUB_CREATED, target=hub, request=request)
        _reindex(hub.pk)
    return hub


def hub_update(*, actor: Any, hub: Hub, data: dict[str, Any], request: Any = None) -> Hub:
    require("hubs.change_hub", actor, hub)
    with transaction.atomic():
        changed = [k for k, v in data.items() if k in HUB_FIELDS and getattr(hub, k) != v]
        for key in changed:
            setattr(hub, key, data[key])
        hub.save()
        audit_record(
            actor=actor,
            action=audit.HUB_UPDATED,
            target=hub,
            data={"fields": changed},
            request=request,
        )
        _reindex(hub.pk)
    return hub


def space_save(*, actor: Any, space: Space, request: Any = None) -> Space:
    """Create or update a space (the form filled it, on the staff's hub)."""
    require("hubs.change_space", actor, space)
    with transaction.atomic():
        space.save()
        audit_record(actor=actor, action=audit.SPACE_SAVED, target=space, request=request)
        _reindex(space.hub_id)
    return space


def hours_save(
    *, actor: Any, hub: Hub, hours: dict[int, tuple[time, time] | None], request: Any = None
) -> None:
    """Replace the weekly hours: ``None`` for a weekday closes it."""
    require("hubs.change_hub", actor, hub)
    with transaction.atomic():
        OpeningHours.objects.filter(hub=hub).delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(hub=hub, weekday=weekday, opens=pair[0], closes=pair[1])
            for weekday, pair in sorted(hours.items())
            if pair is not None
        )
        audit_record(
            actor=actor,
            action=audit.HOURS_SAVED,
            target=hub,
            data={str(k): [str(v[0]), str(v[1])] if v else None for k, v in hours.items()},
            request=request,
        )


def closure_add(
    *, actor: Any, hub: Hub, starts_on: date, ends_on: date, reason: str, request: Any = None
) -> Closure:
    require("hubs.change_hub", actor, hub)
    with transaction.atomic():
        closure = Closure.objects.create(
            hub=hub, starts_on=starts_on, ends_on=ends_on, reason=reason
        )
        audit_record(
            actor=actor,
            action=audit.CLOSURE_SAVED,
            target=hub,
            data={"added": [str(starts_on), str(ends_on), reason]},
            request=request,
        )
    return closure


def closure_remove(*, actor: Any, hub: Hub, closure_id: int, request: Any = None) -> None:
    require("hubs.change_hub", actor, hub)
    with transaction.atomic():
        deleted, _ = Closure.objects.filter(hub=hub, pk=closure_id).delete()
        if not deleted:
            raise PermissionDenied
        audit_record(
            actor=actor,
            action=audit.CLOSURE_SAVED,
            target=hub,
            data={"removed": closure_id},
            request=request,
        )
