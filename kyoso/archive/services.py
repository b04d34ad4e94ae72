"""Every write of the archive: ``<entity>_<verb>(*, actor, …)`` in one transaction, with an
audit row; the search index is refreshed after commit.

Status changes are conditional ``UPDATE … WHERE status = <expected>`` statements whose row
count is checked, so two reviewers pressing "publish" at once make one version, not two, and
a change that lost the race is refused with :data:`messages.WRONG_STATE`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from kyoso.archive import audit, messages
from kyoso.archive.models import (
    BODY_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Attachment,
    AttachmentKind,
    Audience,
    Authorship,
    Item,
    ItemTag,
    Kind,
    Status,
    StatusChange,
    Version,
)
from kyoso.audit.services import audit_record
from kyoso.core.policy import check
from kyoso.issues.vocab import FacetKind, Theme, Wall

PDF_MAGIC = b"%PDF-"
ATTACHMENT_BYTES_MAX = 10 * 1024 * 1024
ATTACHMENTS_MAX = 10
IMAGE_SIDE_MAX = 2400
FIRST_YEAR = 2000
PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")


class ArchiveError(Exception):
    """A refusal with a message the person can act on; ``code`` names it for the API and
    ``field`` says which form field it belongs to (None: the whole form)."""

    def __init__(self, message: Any, code: str = "refused", field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


# --- Checking what was written ----------------------------------------------------------------


@dataclass
class ItemData:
    kind: str
    title: str
    year: int
    summary: str = ""
    body: str = ""
    audience: str = Audience.PUBLIC
    themes: tuple[str, ...] = ()
    walls: tuple[str, ...] = ()
    issue_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()
    project_ids: tuple[int, ...] = ()
    author_emails: tuple[str, ...] = ()


def last_year() -> int:
    return timezone.localdate().year + 1


def check_data(data: ItemData) -> ItemData:
    """Refuse what no item may hold, one clear message per problem (the form shows the same
    ones; the API reaches only these)."""
    data.title = (data.title or "").strip()
    data.summary = (data.summary or "").strip()
    data.body = (data.body or "").strip()
    if not data.title:
        raise ArchiveError(messages.TITLE_REQUIRED, "title_required", "title")
    for field, text, limit, message in (
        ("title", data.title, TITLE_MAX, messages.TITLE_TOO_LONG),
        ("summary", data.summary, SUMMARY_MAX, messages.SUMMARY_TOO_LONG),
        ("body", data.body, BODY_MAX, messages.BODY_TOO_LONG),
    ):
        if len(text) > limit:
            raise ArchiveError(message % {"limit": limit, "count": len(text)}, "too_long", field)
    if data.kind not in Kind.values:
        raise ArchiveError(messages.VALUE_INVALID, "kind_invalid", "kind")
    if data.audience not in Audience.values:
        raise ArchiveError(messages.VALUE_INVALID, "audience_invalid", "audience")
    if not isinstance(data.year, int) or not FIRST_YEAR <= data.year <= last_year():
        raise ArchiveError(messages.YEAR_INVALID % {"last": last_year()}, "year_invalid", "year")
    if any(t not in Theme.values for t in data.themes):
        raise ArchiveError(messages.VALUE_INVALID, "theme_invalid", "themes")
    if any(w not in Wall.values for w in data.walls):
        raise ArchiveError(messages.VALUE_INVALID, "wall_invalid", "walls")
    if data.kind == Kind.TIP and not data.walls:
        raise ArchiveError(messages.TIP_NEEDS_WALL, "tip_needs_wall", "walls")
    return data


def _visible_ids(actor: Any, ids: tuple[int, ...], what: str, field: str) -> list[int]:
    """The ids the actor may see among ``ids`` (the related issues, events or projects, read
    through their apps' selectors); a refusal naming the others."""
    if not ids:
        return []
    rows: QuerySet[Any]
    if what == "issues":
        from kyoso.issues.selectors import visible_issues

        rows = visible_issues(actor)
        label = "課題"
    elif what == "events":
        from kyoso.events.selectors import visible_events

        rows = visible_events(actor)
        label = "イベント"
    else:
        from kyoso.projects.selectors import visible_projects

        rows = visible_projects(actor)
        label = "プロジェクト"
    found = set(rows.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise ArchiveError(
            messages.LINK_INVALID % {"ids": ", ".join(map(str, missing)), "what": label},
            "link_invalid",
            field,
        )
    return list(ids)


def _author_ids(actor: Any, emails: tuple[str, ...]) -> list[int]:
    from kyoso.accounts.models import User

    if not emails:
        return []
    wanted = [e.strip().lower() for e in emails if e.strip()]
    found = {u.email.lower(): u.pk for u in User.objects.filter(email__in=wanted, is_active=True)}
    missing = [e for e in wanted if e not in found]
    if missing:
        raise ArchiveError(
            messages.AUTHOR_UNKNOWN % {"emails": "、".join(missing)}, "author_unknown", "authors"
        )
    return [found[e] for e in wanted]


def _write_relations(item: Item, actor: Any, data: ItemData, *, first: bool) -> None:
    issue_ids = _visible_ids(actor, data.issue_ids, "issues", "issues")
    event_ids = _visible_ids(actor, data.event_ids, "events", "events")
    project_ids = _visible_ids(actor, data.project_ids, "projects", "projects")
    item.issues.set(issue_ids)
    item.events.set(event_ids)
    item.projects.set(project_ids)
    item.tags.all().delete()
    ItemTag.objects.bulk_create(
        [ItemTag(item=item, kind=FacetKind.THEME, value=t) for t in dict.fromkeys(data.themes)]
        + [ItemTag(item=item, kind=FacetKind.WALL, value=w) for w in dict.fromkeys(data.walls)]
    )
    # Co-authors: only the secretariat names other people (a member is the author of what
    # they write). The person who created the item stays its first author.
    staff = check_staff(actor)
    if first or staff:
        extra = _author_ids(actor, data.author_emails) if staff else []
        creator = item.created_by_id
        ids = list(dict.fromkeys([i for i in [creator, *extra] if i is not None]))
        if not first:
            item.authorships.exclude(user_id__in=ids).delete()
        for position, user_id in enumerate(ids):
            Authorship.objects.update_or_create(
                item=item, user_id=user_id, defaults={"position": position}
            )


def check_staff(actor: Any) -> bool:
    from kyoso.roles.selectors import is_secretariat

    return bool(actor is not None and actor.is_authenticated and is_secretariat(actor))


def _reindex(item_id: int) -> None:
    from kyoso.archive.registry import search_queryset
    from kyoso.search.services import index_on_commit

    index_on_commit(search_queryset().filter(pk=item_id))


# --- Items -------------------------------------------------------------------------------------


def item_create(*, actor: Any, data: ItemData, request: Any = None) -> Item:
    """A new draft, written by ``actor`` (its first author)."""
    require("archive.add_item", actor)
    data = check_data(data)
    with transaction.atomic():
        item = Item.objects.create(
            kind=data.kind,
            title=data.title,
            summary=data.summary,
            body=data.body,
            audience=data.audience,
            year=data.year,
            created_by=actor,
        )
        _write_relations(item, actor, data, first=True)
        StatusChange.objects.create(item=item, from_status="", to_status=Status.DRAFT, actor=actor)
        audit_record(
            actor=actor,
            action=audit.CREATED,
            target=item,
            data={"kind": item.kind, "title": item.title},
            request=request,
        )
    return item


def item_update(*, actor: Any, item: Item, data: ItemData, request: Any = None) -> Item:
    """Save an edit. On a published item (the secretariat only) the edit is a new version."""
    require("archive.change_item", actor, item)
    data = check_data(data)
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if not check("archive.change_item", actor, locked):
            raise ArchiveError(
                messages.WRONG_STATE % {"status": locked.get_status_display()}, "wrong_state"
            )
        for field in ("kind", "title", "summary", "body", "audience", "year"):
            setattr(locked, field, getattr(data, field))
        locked.save()
        _write_relations(locked, actor, data, first=False)
        audit_record(
            actor=actor,
            action=audit.UPDATED,
            target=locked,
            data={"status": locked.status, "title": locked.title},
            request=request,
        )
        if locked.is_published:
            _new_version(locked, actor, request=request)
        _reindex(locked.pk)
    return locked


def _new_version(item: Item, actor: Any, *, request: Any) -> Version:
    """Append the item's current content as its next version (the item row is locked)."""
    now = timezone.now()
    Item.objects.filter(pk=item.pk).update(version=F("version") + 1)
    item.refresh_from_db(fields=["version"])
    version = Version.objects.create(
        item=item,
        number=item.version,
        kind=item.kind,
        title=item.title,
        summary=item.summary,
        body=item.body,
        audience=item.audience,
        published_by=actor,
        published_at=now,
    )
    audit_record(
        actor=actor,
        action=audit.VERSION_PUBLISHED,
        target=item,
        data={"version": version.number},
        request=request,
    )
    return version


def _move(
    item: Item,
    *,
    actor: Any,
    from_states: tuple[str, ...],
    to_state: str,
    reason: str = "",
    request: Any = None,
    **fields: Any,
) -> Item:
    """Change the status with a conditional UPDATE (refused if someone moved it first)."""
    moved = Item.objects.filter(pk=item.pk, status__in=from_states).update(
        status=to_state, updated_at=timezone.now(), **fields
    )
    if moved != 1:
        item.refresh_from_db()
        raise ArchiveError(
            messages.WRONG_STATE % {"status": item.get_status_display()}, "wrong_state"
        )
    before = item.status
    item.refresh_from_db()
    StatusChange.objects.create(
        item=item, from_status=before, to_status=to_state, actor=actor, reason=reason
    )
    audit_record(
        actor=actor,
        action=audit.STATUS_CHANGED,
        target=item,
        data={"from": before, "to": to_state, "reason": reason},
        request=request,
    )
    return item


def item_submit(*, actor: Any, item: Item, request: Any = None) -> Item:
    """Draft → in review (the secretariat reviews)."""
    require("archive.submit_item", actor, item)
    if not item.body.strip():
        raise ArchiveError(messages.BODY_REQUIRED, "body_required", "body")
    with transaction.atomic():
        return _move(
            item, actor=actor, from_states=(Status.DRAFT,), to_state=Status.REVIEW, request=request
        )


def item_publish(*, actor: Any, item: Item, request: Any = None) -> Item:
    """In review → published: the first (or next) version, in the search and the feed."""
    require("archive.publish_item", actor, item)
    with transaction.atomic():
        now = timezone.now()
        item = _move(
            item,
            actor=actor,
            from_states=(Status.REVIEW,),
            to_state=Status.PUBLISHED,
            request=request,
            published_at=now,
        )
        _new_version(item, actor, request=request)
        _reindex(item.pk)
    return item


def item_return(*, actor: Any, item: Item, reason: str, request: Any = None) -> Item:
    """In review or published → draft, with the reason the authors read."""
    require("archive.return_item", actor, item)
    reason = (reason or "").strip()[:500]
    if not reason:
        raise ArchiveError(messages.REASON_REQUIRED, "reason_required", "reason")
    with transaction.atomic():
        item = _move(
            item,
            actor=actor,
            from_states=(Status.REVIEW, Status.PUBLISHED),
            to_state=Status.DRAFT,
            reason=reason,
            request=request,
            published_at=None,
        )
        _reindex(item.pk)
    return item


# --- Attachments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    content: bytes
    extension: str


def shown_name(name: str) -> str:
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1][:200] or "file"


def check_file(name: str, content: bytes) -> CheckedFile:
    """A PDF (by its magic bytes) or an image (opened, bounded and re-encoded by
    :func:`kyoso.core.images.clean_image`); the name and the browser's type are not trusted,
    and a name that claims one kind while the bytes are not it is refused by name."""
    from kyoso.core.images import ImageRejected, clean_image

    shown = shown_name(name)
    lower = shown.lower()
    if not content:
        raise ArchiveError(messages.FILE_EMPTY % {"name": shown}, "file_empty", "file")
    if len(content) > ATTACHMENT_BYTES_MAX:
        raise ArchiveError(
            messages.FILE_TOO_LARGE
            % {"name": shown, "limit": ATTACHMENT_BYTES_MAX // (1024 * 1024)},
            "file_too_large",
            "file",
        )
    is_pdf = content.startswith(PDF_MAGIC)
    if lower.endswith(PDF_SUFFIXES):
        if not is_pdf:
            raise ArchiveError(messages.FILE_CLAIMS_PDF % {"name": shown}, "file_not_pdf", "file")
        return CheckedFile(shown, AttachmentKind.PDF, content, "pdf")
    if is_pdf:
        return CheckedFile(shown, AttachmentKind.PDF, content, "pdf")
    try:
        image = clean_image(content, max_bytes=ATTACHMENT_BYTES_MAX, max_side=IMAGE_SIDE_MAX)
    except ImageRejected as exc:
        if lower.endswith(IMAGE_SUFFIXES):
            raise ArchiveError(
                messages.FILE_CLAIMS_IMAGE % {"name": shown}, "file_not_image", "file"
            ) from exc
        raise ArchiveError(
            messages.FILE_NOT_WHAT_IT_CLAIMS % {"name": shown}, "file_not_allowed", "file"
        ) from exc
    return CheckedFile(shown, AttachmentKind.IMAGE, image.content, image.extension)


def attachment_add(
    *, actor: Any, item: Item, name: str, content: bytes, request: Any = None
) -> Attachment:
    require("archive.add_attachment", actor, item)
    checked = check_file(name, content)
    with transaction.atomic():
        Item.objects.select_for_update().filter(pk=item.pk).first()
        if item.attachments.count() >= ATTACHMENTS_MAX:
            raise ArchiveError(
                messages.TOO_MANY_FILES % {"limit": ATTACHMENTS_MAX}, "too_many_files", "file"
            )
        attachment = Attachment(
            item=item,
            kind=checked.kind,
            original_name=checked.name,
            size=len(checked.content),
            uploaded_by=actor,
        )
        attachment.file.save(
            f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(checked.content), save=False
        )
        attachment.save()
        audit_record(
            actor=actor,
            action=audit.ATTACHMENT_ADDED,
            target=item,
            data={"name": checked.name, "kind": checked.kind, "size": attachment.size},
            request=request,
        )
    return attachment


def attachment_remove(*, actor: Any, attachment: Attachment, request: Any = None) -> None:
    require("archive.delete_attachment", actor, attachment)
    item = attachment.item
    name = attachment.original_name
    with transaction.atomic():
        stored = attachment.file.name or ""
        storage = attachment.file.storage
        attachment.delete()
        audit_record(
            actor=actor,
            action=audit.ATTACHMENT_REMOVED,
            target=item,
            data={"name": name},
            request=request,
        )
        transaction.on_commit(lambda: storage.delete(stored))
