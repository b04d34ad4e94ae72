"""Updates (活動報告): a post on the project's page with an optional image.

The image goes through :func:`kyoso.core.images.clean_image` before anything is written: it
is sniffed (never trusting the name or the browser's type), bounded in bytes and pixels, and
re-encoded, which drops EXIF (GPS position, camera) and any payload. Followers are told.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from kyoso.audit.services import audit_record
from kyoso.core.images import ImageRejected, clean_image
from kyoso.projects import audit
from kyoso.projects import messages_work as messages
from kyoso.projects.models import TEXT_MAX, Project, Update
from kyoso.projects.services.work import WorkError, notify_followers, require, touch

MAX_IMAGE_BYTES = 10 * 1024 * 1024
IMAGE_MAX_SIDE = 2400


@dataclass(frozen=True)
class CleanUpload:
    content: bytes
    extension: str


def _shown(name: str) -> str:
    return ((name or "").replace("\\", "/").rsplit("/", 1)[-1])[:100] or "file"


def check_image(name: str, data: bytes) -> CleanUpload:
    """The upload re-encoded as a safe image, or a :class:`WorkError` that names the file."""
    shown = _shown(name)
    if not data:
        raise WorkError(messages.IMAGE_NOT_IMAGE % {"name": shown}, field="image")
    try:
        image = clean_image(data, max_bytes=MAX_IMAGE_BYTES, max_side=IMAGE_MAX_SIDE)
    except ImageRejected as rejected:
        if rejected.reason == "too_large":
            message = messages.IMAGE_TOO_LARGE % {
                "name": shown,
                "limit": MAX_IMAGE_BYTES // (1024 * 1024),
            }
        elif rejected.reason == "too_many_pixels":
            message = messages.IMAGE_TOO_MANY_PIXELS % {"name": shown}
        else:
            message = messages.IMAGE_NOT_IMAGE % {"name": shown}
        raise WorkError(message, field="image") from None
    return CleanUpload(image.content, image.extension)


def update_create(
    *, actor: Any, project: Project, body: str, image: CleanUpload | None = None
) -> Update:
    """Post an update (``image``: already checked by :func:`check_image`); followers hear."""
    require("projects.add_update", actor, project)
    text = (body or "").strip()
    if not text:
        raise WorkError(messages.UPDATE_BODY_REQUIRED, field="body")
    if len(text) > TEXT_MAX:
        raise WorkError(
            messages.TOO_LONG % {"limit_value": TEXT_MAX, "show_value": len(text)}, field="body"
        )
    update = Update(project=project, author=actor, body=text)
    if image is not None:
        update.image.save(
            f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.content), save=False
        )
    try:
        with transaction.atomic():
            update.save()
            touch(project.pk)
            notify_followers(
                project=project,
                actor=actor,
                kind="projects.update",
                text=str(messages.NOTE_UPDATE % {"title": project.title}),
                url=reverse("projects:updates", args=[project.pk]) + f"#update-{update.pk}",
            )
    except BaseException:
        # Nothing half-written: a post that did not make it leaves no file behind.
        if update.image:
            update.image.storage.delete(str(update.image.name))
        raise
    return update


def update_delete(*, actor: Any, update: Update, request: HttpRequest | None = None) -> None:
    """Delete an update and its image (the author, the leads or the secretariat)."""
    require("projects.delete_update", actor, update)
    with transaction.atomic():
        deleted, _ = Update.objects.filter(pk=update.pk).delete()
        if not deleted:
            raise WorkError(messages.RECORD_GONE)
        if update.author_id != actor.pk:
            audit_record(
                actor=actor,
                action=audit.UPDATE_DELETED,
                target=update.project,
                data={"update": update.pk, "author": update.author_id},
                request=request,
            )
        if update.image:
            name, storage = str(update.image.name), update.image.storage
            transaction.on_commit(lambda: storage.delete(name))
