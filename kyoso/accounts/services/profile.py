"""Editing one's name, profile and avatar."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest

from kyoso.accounts.hooks import profile_changed
from kyoso.accounts.models import Profile, User
from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.images import clean_image

AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_MAX_SIDE = 512

USER_FIELDS = ("display_name", "family_name", "given_name", "family_name_kana", "given_name_kana")
PROFILE_FIELDS = (
    "bio",
    "skills",
    "themes",
    "sectors",
    "municipality",
    "available_side_job",
    "available_volunteer",
    "available_advice",
    "contact_preference",
    "visibility",
)


def profile_of(user: User) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(
    *, actor: User, user: User, data: dict[str, Any], request: HttpRequest | None = None
) -> Profile:
    """Save the given user and profile fields. Staff editing someone else is audited."""
    profile = profile_of(user)
    changed_user = [f for f in USER_FIELDS if f in data]
    for field in changed_user:
        setattr(user, field, data[field])
    if changed_user:
        user.save(update_fields=changed_user)
    changed_profile = [f for f in PROFILE_FIELDS if f in data]
    for field in changed_profile:
        setattr(profile, field, data[field])
    if changed_profile:
        profile.save(update_fields=[*changed_profile, "updated_at"])
    if actor.pk != user.pk:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.STAFF_EDIT,
            target=user,
            data={"fields": changed_user + changed_profile},
            request=request,
        )
    profile_changed(user.pk)
    return profile


@transaction.atomic
def avatar_set(*, actor: User, user: User, data: bytes) -> Profile:
    """Replace the avatar with a re-encoded copy; raises ImageRejected for bad uploads."""
    image = clean_image(data, max_bytes=AVATAR_MAX_BYTES, max_side=AVATAR_MAX_SIDE)
    profile = profile_of(user)
    old_name = profile.avatar.name if profile.avatar else ""
    profile.avatar.save(f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.content))
    if old_name:
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return profile


@transaction.atomic
def avatar_remove(*, actor: User, user: User) -> None:
    profile = profile_of(user)
    if profile.avatar:
        name, storage = profile.avatar.name or "", profile.avatar.storage
        profile.avatar = ""
        profile.save(update_fields=["avatar", "updated_at"])
        transaction.on_commit(lambda: storage.delete(name))
