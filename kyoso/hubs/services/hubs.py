"""Setting up a hub: the hub itself, its spaces, opening hours and closures (hub staff)."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from kyoso.audit.services import audit_record
from kyoso.hubs import audit
from kyoso.hubs.models import Closure, Hub, HubPhoto, OpeningHours, Space
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


# --- Photos ----------------------------------------------------------------------------------

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_SIDE = 2000
PHOTOS_MAX = 12


def _shown(name: str) -> str:
    return ((name or "").replace("\\", "/").rsplit("/", 1)[-1])[:100] or "file"


def photo_add(
    *, actor: Any, hub: Hub, name: str, data: bytes, caption: str, request: Any = None
) -> HubPhoto:
    """Add a photo to the hub's page. The upload is sniffed, bounded and re-encoded
    (kyoso.core.images: EXIF such as the GPS position dropped) before anything is written."""
    from kyoso.core.images import ImageRejected, clean_image
    from kyoso.hubs import messages
    from kyoso.hubs.services.common import BookingError

    require("hubs.change_hub", actor, hub)
    caption = " ".join((caption or "").split())[:200]
    if not caption:
        raise BookingError(messages.PHOTO_CAPTION_REQUIRED, code="caption_required")
    shown = _shown(name)
    if not data:
        raise BookingError(messages.PHOTO_REQUIRED, code="photo_required")
    try:
        image = clean_image(data, max_bytes=PHOTO_MAX_BYTES, max_side=PHOTO_MAX_SIDE)
    except ImageRejected as rejected:
        if rejected.reason == "too_large":
            message = messages.PHOTO_TOO_LARGE % {
                "name": shown,
                "limit": PHOTO_MAX_BYTES // (1024 * 1024),
            }
        elif rejected.reason == "too_many_pixels":
            message = messages.PHOTO_TOO_MANY_PIXELS % {"name": shown}
        else:
            message = messages.PHOTO_NOT_IMAGE % {"name": shown}
        raise BookingError(message, code="not_image") from None
    with transaction.atomic():
        Hub.objects.select_for_update().filter(pk=hub.pk).first()  # one writer counts at a time
        count = HubPhoto.objects.filter(hub_id=hub.pk).count()
        if count >= PHOTOS_MAX:
            raise BookingError(messages.PHOTOS_FULL % {"limit": PHOTOS_MAX}, code="photos_full")
        photo = HubPhoto(hub=hub, caption=caption, position=count)
        photo.image.save(
            f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.content), save=False
        )
        photo.save()
        audit_record(
            actor=actor,
            action=audit.PHOTO_ADDED,
            target=hub,
            data={"photo": photo.pk},
            request=request,
        )
    return photo


def photo_remove(*, actor: Any, hub: Hub, photo_id: int, request: Any = None) -> bool:
    """Remove one of the hub's photos (and its file, once committed); False when not found."""
    require("hubs.change_hub", actor, hub)
    with transaction.atomic():
        photo = HubPhoto.objects.filter(hub_id=hub.pk, pk=photo_id).first()
        if photo is None:
            return False
        storage, path = photo.image.storage, photo.image.name or ""
        photo.delete()
        audit_record(
            actor=actor,
            action=audit.PHOTO_REMOVED,
            target=hub,
            data={"photo": photo_id},
            request=request,
        )
        if path:
            transaction.on_commit(lambda: storage.delete(path))
    return True
