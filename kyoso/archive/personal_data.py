"""What the archive holds about one person: export, files and erasure.

Items are the region's record and stay when their author leaves: the person's name is taken
off them (authorship rows go, ``created_by`` and the history's actor are cut)."""

from __future__ import annotations

from typing import Any

from kyoso.archive.models import Attachment, Authorship, Item, StatusChange, Version


def export(user: Any) -> dict[str, Any]:
    return {
        "items_authored": [
            {
                "id": a.item_id,
                "title": a.item.title,
                "kind": a.item.kind,
                "status": a.item.status,
                "created_at": a.item.created_at,
            }
            for a in Authorship.objects.filter(user_id=user.pk)
            .select_related("item")
            .order_by("item__created_at", "id")
        ],
        "items_created": list(
            Item.objects.filter(created_by_id=user.pk).order_by("id").values_list("pk", flat=True)
        ),
        "attachments_uploaded": [
            {"item": a.item_id, "name": a.original_name, "size": a.size}
            for a in Attachment.objects.filter(uploaded_by_id=user.pk).order_by("id")
        ],
    }


def files(user: Any) -> list[Any]:
    return [a.file for a in Attachment.objects.filter(uploaded_by_id=user.pk).order_by("id")]


def erase(user: Any) -> None:
    Authorship.objects.filter(user_id=user.pk).delete()
    Item.objects.filter(created_by_id=user.pk).update(created_by=None)
    Attachment.objects.filter(uploaded_by_id=user.pk).update(uploaded_by=None)
    StatusChange.objects.filter(actor_id=user.pk).update(actor=None)
    Version.objects.filter(published_by_id=user.pk).update(published_by=None)
