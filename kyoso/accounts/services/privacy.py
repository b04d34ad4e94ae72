"""個人情報保護法: a person downloads everything Kyoso holds about them, or leaves."""

from __future__ import annotations

import io
import json
import zipfile
from functools import partial
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kyoso.accounts.models import Profile, TOTPDevice, User
from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core import personal_data


def export_account(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "family_name": user.family_name,
        "given_name": user.given_name,
        "family_name_kana": user.family_name_kana,
        "given_name_kana": user.given_name_kana,
        "email_verified_at": user.email_verified_at,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "two_factor_enabled": TOTPDevice.objects.filter(
            user=user, confirmed_at__isnull=False
        ).exists(),
    }


def export_profile(user: User) -> dict[str, Any] | None:
    profile = Profile.objects.filter(user=user).select_related("municipality").first()
    if profile is None:
        return None
    return {
        "bio": profile.bio,
        "skills": profile.skills,
        "themes": profile.themes,
        "sectors": profile.sectors,
        "municipality": profile.municipality_id,
        "available_side_job": profile.available_side_job,
        "available_volunteer": profile.available_volunteer,
        "available_advice": profile.available_advice,
        "contact_preference": profile.contact_preference,
        "visibility": {f: profile.visibility_of(f) for f in Profile.VISIBLE_FIELDS},
        "avatar": profile.avatar.name or None,
        "updated_at": profile.updated_at,
    }


def avatar_files(user: User) -> list[Any]:
    profile = Profile.objects.filter(user=user).first()
    return [profile.avatar] if profile and profile.avatar else []


def export_own_audit_events(user: User) -> list[dict[str, Any]]:
    """Security events about the person's own account (failed logins, 2FA changes…)."""
    events = AuditEvent.objects.filter(target_type="accounts.user", target_id=str(user.pk))
    return [
        {"at": e.at, "action": e.action, "ip_address": e.ip_address}
        for e in events.order_by("at", "id")
    ]


def register_personal_data() -> None:
    personal_data.register("account", export=export_account)
    personal_data.register("profile", export=export_profile, files=avatar_files)
    personal_data.register("security_events", export=export_own_audit_events)


@transaction.atomic
def user_export_data(*, actor: User, user: User, request: HttpRequest | None = None) -> bytes:
    """A zip with data.json and the person's uploads. Only ever the actor's own data."""
    if actor.pk != user.pk:
        raise PermissionError("A person downloads only their own data.")
    document = {
        "format": "kyoso-personal-data/1",
        "exported_at": timezone.now(),
        **personal_data.export_sections(user),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for field_file in personal_data.files_of(user):
            with field_file.open("rb") as handle:
                archive.writestr(f"uploads/{field_file.name}", handle.read())
    audit_record(actor=actor, action=AuditEvent.Action.DATA_EXPORTED, target=user, request=request)
    return buffer.getvalue()


@transaction.atomic
def user_delete(*, actor: User, user: User, request: HttpRequest | None = None) -> None:
    """Erase personal data; keep the row so contributions read 「退会したユーザー」."""
    files = [(f.storage, f.name) for f in personal_data.files_of(user)]
    personal_data.erase_all(user)
    Profile.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = ""
    user.family_name = user.given_name = ""
    user.family_name_kana = user.given_name_kana = ""
    user.password = make_password(None)
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.email_verified_at = None
    user.deleted_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(
        actor=actor, action=AuditEvent.Action.ACCOUNT_DELETED, target=user, request=request
    )
    for storage, name in files:
        transaction.on_commit(partial(storage.delete, name))
