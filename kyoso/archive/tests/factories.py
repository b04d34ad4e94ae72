"""Factories of the archive. They write rows directly (no services), so a test sets up any
state; :func:`published` gives an item as the workflow leaves it."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from kyoso.archive.models import Audience, Authorship, Item, ItemTag, Kind, Status, Version
from kyoso.issues.vocab import FacetKind


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        skip_postgeneration_save = True

    kind = Kind.REPORT
    title = factory.Sequence(lambda n: f"地域の学び{n}")
    summary = "まとめ"
    body = "本文です。"
    year = 2021
    audience = Audience.PUBLIC
    status = Status.DRAFT


def item_by(author: Any, **fields: Any) -> Item:
    item = ItemFactory(created_by=author, **fields)
    Authorship.objects.create(item=item, user=author, position=0)
    return item


def published(author: Any = None, *, walls: tuple[str, ...] = (), **fields: Any) -> Item:
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    fields.setdefault("version", 1)
    item = item_by(author, **fields) if author is not None else ItemFactory(**fields)
    for wall in walls:
        ItemTag.objects.create(item=item, kind=FacetKind.WALL, value=wall)
    if item.status == Status.PUBLISHED:
        Version.objects.create(
            item=item,
            number=1,
            kind=item.kind,
            title=item.title,
            summary=item.summary,
            body=item.body,
            audience=item.audience,
            published_at=item.published_at,
        )
    return item
