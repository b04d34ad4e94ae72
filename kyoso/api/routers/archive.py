"""The archive (Knowledge Core, issue 19): published items the caller may read, and one item.

The same rules and selectors as the gallery: members-only items only for signed-in callers,
drafts and items in review only for their authors and the secretariat (a 404 for everyone
else). The body is given as written (Markdown) and as sanitized HTML.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from kyoso.api import auth
from kyoso.api.filters import choice_or_none
from kyoso.api.permissions import acting_user, rule
from kyoso.archive import selectors
from kyoso.archive.models import Audience, Item, Kind, Status
from kyoso.issues.vocab import FacetKind, Theme, Wall

router = Router(tags=["archive"])


class ArchiveItemOut(Schema):
    id: int
    kind: str = Field(json_schema_extra={"enum": list(Kind.values)})
    kind_label: str
    title: str
    summary: str
    year: int
    audience: str = Field(json_schema_extra={"enum": list(Audience.values)})
    status: str = Field(json_schema_extra={"enum": list(Status.values)})
    themes: list[str]
    walls: list[str]
    version: int
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [t.value for t in obj.tags.all() if t.kind == FacetKind.THEME]

    @staticmethod
    def resolve_walls(obj) -> list[str]:
        return [t.value for t in obj.tags.all() if t.kind == FacetKind.WALL]

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("archive:detail", args=[obj.pk])


class ArchiveAttachmentOut(Schema):
    id: int
    kind: str
    name: str = Field(alias="original_name")
    size: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        from django.urls import reverse

        return reverse("archive:attachment", args=[obj.item_id, obj.pk])


class ItemDetailOut(ArchiveItemOut):
    body: str
    body_html: str
    authors: list[str] = Field(description="Display names of the authors, in order")
    attachments: list[ArchiveAttachmentOut]
    issues: list[int] = Field(description="Related issues the caller may see")
    events: list[int] = Field(description="Related events the caller may see")
    projects: list[int] = Field(description="Related projects the caller may see")

    @staticmethod
    def resolve_body_html(obj) -> str:
        from kyoso.core.markdown import render_markdown

        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_authors(obj) -> list[str]:
        return [a.user.display_name for a in obj.authorships.all()]

    @staticmethod
    def resolve_attachments(obj) -> list[Any]:
        return list(obj.attachments.all())

    @staticmethod
    def resolve_issues(obj) -> list[int]:
        return [i.pk for i in obj.related["issues"]]

    @staticmethod
    def resolve_events(obj) -> list[int]:
        return [e.pk for e in obj.related["events"]]

    @staticmethod
    def resolve_projects(obj) -> list[int]:
        return [p.pk for p in obj.related["projects"]]


class ItemFilter(Schema):
    kind: str | None = Field(None, json_schema_extra={"enum": list(Kind.values)})
    theme: str | None = Field(None, json_schema_extra={"enum": list(Theme.values)})
    wall: str | None = Field(None, json_schema_extra={"enum": list(Wall.values)})
    year: int | None = Field(None, ge=2000, le=2100)

    @field_validator("kind", "theme", "wall")
    @classmethod
    def _choice(cls, value: str | None, info: Any) -> str | None:
        allowed = {"kind": Kind.values, "theme": Theme.values, "wall": Wall.values}[info.field_name]
        return choice_or_none(value, list(allowed))


def _item(request: HttpRequest, item_id: int, **kwargs: Any) -> Item:
    from django.http import Http404

    from kyoso.archive.rules import visible_or_404

    viewer = acting_user(request)
    item = visible_or_404(viewer, selectors.item_detail(item_id))
    if not item.is_published or item.audience == Audience.PUBLIC:
        return item
    if viewer is None or not viewer.is_authenticated:
        raise Http404  # members only: the API does not tell an anonymous caller it exists
    return item


@router.get(
    "/archive",
    response=list[ArchiveItemOut],
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="Published archive items",
)
@paginate
@rule("core.public")
def archive_list(request: HttpRequest, filters: Query[ItemFilter]):
    """Newest first; members-only items for signed-in callers. Filters: ``kind``, ``theme``,
    ``wall`` (one of the 14 walls), ``year``."""
    values = filters.dict()
    return selectors.filtered_items(
        acting_user(request),
        selectors.ItemFilters(
            kind=values["kind"] or "",
            theme=values["theme"] or "",
            wall=values["wall"] or "",
            year=values["year"],
        ),
    ).prefetch_related("tags")


@router.get(
    "/archive/{item_id}",
    response=ItemDetailOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    summary="One archive item",
)
@rule("archive.view_item", get_object=_item)
def archive_detail(request: HttpRequest, item_id: int, obj: Item):
    obj.related = selectors.related_of(obj, acting_user(request))  # type: ignore[attr-defined]
    return obj
