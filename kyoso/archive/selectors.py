"""Reads of the archive: querysets that already carry what their pages show.

The gallery is keyset-paginated on (published_at, id), newest first, in one query (the
index ``archive_item_gallery`` (status, -published_at, -id) serves it); themes and walls filter
through ``ItemTag`` with ``EXISTS``. Who sees what follows ``archive.view_item``: published
items for everyone (public) or for signed-in members (members only); drafts and items in
review only for their authors and the secretariat.

Minutes published from events are not copied here: :func:`event_minutes` reads them through
the events app's selector (``searchable_minutes``), read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple
from django.http import Http404

from kyoso.archive.models import Attachment, Audience, Authorship, Item, ItemTag, Status
from kyoso.core.keyset import RowLessThan, decode_cursor, encode_cursor
from kyoso.issues.vocab import FacetKind

PER_PAGE = 20
CURSOR_TAG = "archive"
FEED_SIZE = 30
MINUTES_SHOWN = 6


@dataclass(frozen=True)
class ItemFilters:
    kind: str = ""
    theme: str = ""
    wall: str = ""
    year: int | None = None

    @property
    def active(self) -> bool:
        return any((self.kind, self.theme, self.wall, self.year))


@dataclass
class ItemPage:
    items: list[Item] = field(default_factory=list)
    next_cursor: str | None = None
    is_first: bool = True


def _is_staff(viewer: Any) -> bool:
    from kyoso.roles.selectors import is_secretariat

    return bool(getattr(viewer, "is_authenticated", False) and is_secretariat(viewer))


def published_items(viewer: Any) -> QuerySet[Item]:
    """The published items ``viewer`` may read (members-only ones for signed-in members)."""
    rows = Item.objects.filter(status=Status.PUBLISHED)
    if not (getattr(viewer, "is_authenticated", False) and viewer.is_active):
        rows = rows.filter(audience=Audience.PUBLIC)
    return rows


def _authors() -> Prefetch:
    return Prefetch(
        "authorships", queryset=Authorship.objects.select_related("user").order_by("position")
    )


def _tags() -> Prefetch:
    return Prefetch("tags", queryset=ItemTag.objects.order_by("kind", "value"))


def filtered_items(
    viewer: Any, filters: ItemFilters, *, after: tuple[datetime, int] | None = None
) -> QuerySet[Item]:
    rows = published_items(viewer)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    for kind, value in ((FacetKind.THEME, filters.theme), (FacetKind.WALL, filters.wall)):
        if value:
            rows = rows.filter(
                Exists(ItemTag.objects.filter(item_id=OuterRef("pk"), kind=kind, value=value))
            )
    if filters.year:
        rows = rows.filter(year=filters.year)
    if after is not None:
        rows = rows.filter(RowLessThan(Tuple(F("published_at"), F("id")), after))
    return rows.order_by("-published_at", "-id")


def item_page(
    viewer: Any, filters: ItemFilters, *, after: str = "", limit: int = PER_PAGE
) -> ItemPage:
    """One page of the gallery (1 query for the rows, 1 for their tags). Raises
    CursorInvalid for a cursor that is not this list's."""
    key = decode_cursor(CURSOR_TAG, after) if after else None
    rows = list(filtered_items(viewer, filters, after=key).prefetch_related(_tags())[: limit + 1])
    page = ItemPage(items=rows[:limit], is_first=not after)
    if len(rows) > limit:
        last = rows[limit - 1]
        assert last.published_at is not None
        page.next_cursor = encode_cursor(CURSOR_TAG, last.published_at, last.pk)
    return page


def feed_items() -> list[Item]:
    """The newest published public items (the Atom feed is read by anyone)."""
    return list(
        published_items(None).order_by("-published_at", "-id").prefetch_related(_tags())[:FEED_SIZE]
    )


def item_detail(pk: int) -> Item:
    """The item with its authors, tags and attachments (4 queries); 404 when missing."""
    item = (
        Item.objects.select_related("created_by")
        .prefetch_related(_authors(), _tags(), "attachments")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def related_of(item: Item, viewer: Any) -> dict[str, list[Any]]:
    """The item's issues, events and projects that ``viewer`` may see (one query each,
    through their apps' selectors)."""
    from kyoso.events.selectors import visible_events
    from kyoso.issues.selectors import visible_issues
    from kyoso.projects.selectors import visible_projects

    return {
        "issues": list(
            visible_issues(viewer).filter(archive_items=item).order_by("id").only("id", "title")
        ),
        "events": list(
            visible_events(viewer)
            .filter(archive_items=item)
            .order_by("starts_at", "id")
            .only("id", "title", "starts_at")
        ),
        "projects": list(
            visible_projects(viewer).filter(archive_items=item).order_by("id").only("id", "title")
        ),
    }


def status_history(item: Item) -> QuerySet:
    return item.status_changes.select_related("actor").order_by("at", "id")


def versions_of(item: Item) -> QuerySet:
    return item.versions.select_related("published_by").order_by("-number")


def version_of(item: Item, number: int) -> Any:
    version = item.versions.select_related("published_by").filter(number=number).first()
    if version is None:
        raise Http404
    return version


def attachment_of(item: Item, attachment_id: int) -> Attachment:
    attachment = Attachment.objects.filter(item=item, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def my_items(user: Any) -> QuerySet[Item]:
    """What the person writes or wrote, every state, newest change first."""
    return Item.objects.filter(
        Q(created_by_id=user.pk)
        | Exists(Authorship.objects.filter(item_id=OuterRef("pk"), user_id=user.pk))
    ).order_by("-updated_at", "-id")


def review_queue() -> QuerySet[Item]:
    """Items waiting for the secretariat, oldest first."""
    return (
        Item.objects.filter(status=Status.REVIEW)
        .select_related("created_by")
        .order_by("updated_at", "id")
    )


def wall_tips(wall: str, viewer: Any) -> list[Item]:
    """The published tips against one wall that ``viewer`` may read, newest first."""
    from kyoso.archive.models import Kind

    return list(
        published_items(viewer)
        .filter(kind=Kind.TIP)
        .filter(
            Exists(ItemTag.objects.filter(item_id=OuterRef("pk"), kind=FacetKind.WALL, value=wall))
        )
        .prefetch_related(_tags())
        .order_by("-published_at", "-id")
    )


def tips_per_wall(viewer: Any) -> dict[str, int]:
    """How many published tips ``viewer`` may read stand against each wall (one query)."""
    from django.db.models import Count

    from kyoso.archive.models import Kind

    rows = (
        ItemTag.objects.filter(
            kind=FacetKind.WALL,
            item__in=published_items(viewer).filter(kind=Kind.TIP),
        )
        .values("value")
        .annotate(n=Count("item_id"))
    )
    return {row["value"]: row["n"] for row in rows}


def event_minutes(viewer: Any, *, year: int | None = None, limit: int = MINUTES_SHOWN) -> list:
    """Published minutes of events that ``viewer`` may read, newest first, read through the
    events app (never copied into the archive's tables)."""
    from kyoso.events.selectors_followup import searchable_minutes

    rows = searchable_minutes(viewer).filter(published_at__isnull=False)
    rows = rows.exclude(event__status="draft")
    if year:
        rows = rows.filter(event__starts_at__year=year)
    return list(rows.select_related("event").order_by("-published_at", "-id")[:limit])


def authors_of(item: Item) -> list[Any]:
    return [a.user for a in item.authorships.all()]
