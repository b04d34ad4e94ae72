"""Posting and editing issues, and what every issue write shares.

Every service checks its rule again (a forged POST must not get past the view by calling the
service), runs in ``transaction.atomic`` and, after commit, asks the search layer to reindex
the issue. Refusals a person can act on are :class:`IssueError` with a message from
:mod:`kyoso.issues.messages`.

``issue_create`` ``data`` keys (the cleaned data of :class:`kyoso.issues.forms.IssueForm`):
``title``, ``body`` (Markdown), ``themes``, ``sdgs``, ``targets``, ``walls`` (lists of
:mod:`kyoso.issues.vocab` values), ``municipality`` (Municipality or None), ``latitude`` and
``longitude`` (Decimal or None, both or neither), ``organization`` (an Organization the actor
belongs to, or None) and ``name_hidden`` (bool). Attachments are :class:`Upload` objects, already
sniffed and cleaned by the form (:func:`check_upload`).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record, client_ip
from kyoso.core.images import ImageRejected, clean_image
from kyoso.core.policy import check
from kyoso.issues import messages
from kyoso.issues.models import Attachment, Follow, Issue, IssueTag
from kyoso.roles.selectors import is_secretariat
from kyoso.search.services import index_on_commit

# --- Limits ----------------------------------------------------------------------------------

#: Issues one account may post per hour (setting KYOSO_ISSUE_LIMIT_PER_ACCOUNT).
ISSUE_LIMIT_PER_ACCOUNT = 10
#: Issues one IP address may post per hour; several people may share an address
#: (setting KYOSO_ISSUE_LIMIT_PER_IP).
ISSUE_LIMIT_PER_IP = 30
ISSUE_LIMIT_WINDOW = timedelta(hours=1)

MAX_ATTACHMENTS = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
IMAGE_MAX_SIDE = 2400
PDF_MAGIC = b"%PDF-"

TAG_KEYS: dict[str, str] = {
    "themes": IssueTag.Kind.THEME,
    "sdgs": IssueTag.Kind.SDG,
    "targets": IssueTag.Kind.TARGET,
    "walls": IssueTag.Kind.WALL,
}
EDITABLE_FIELDS = ("title", "body", "municipality", "latitude", "longitude", "name_hidden")


class IssueError(Exception):
    """A refusal with a message the person can act on (shown as is)."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


def require(rule: str, actor: Any, obj: Any = None) -> None:
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


# --- What every issue write shares -----------------------------------------------------------


def reindex_on_commit(issue_id: int) -> None:
    """After commit, give the search layer the issue as it is then, and re-render the home's
    issue blocks (kyoso.core.home)."""
    from kyoso.core.home import touch_on_commit

    index_on_commit(Issue.objects.filter(pk=issue_id))
    touch_on_commit("issues")


def touch(issue_id: int, **counters: Any) -> None:
    """Mark recent activity on the issue, with optional counter updates (F expressions)."""
    Issue.objects.filter(pk=issue_id).update(last_activity_at=timezone.now(), **counters)


def notify(
    *,
    recipients: Any,
    kind: str,
    actor: Any,
    issue: Issue,
    text: str,
    anchor: str = "",
) -> int:
    """In-site notification and mail through the notifications app (0 until it exists)."""
    try:
        from kyoso.notifications.services import notify as send
    except ImportError:
        return 0
    url = reverse("issues:detail", args=[issue.pk]) + anchor
    return send(recipients=recipients, kind=kind, actor=actor, target=issue, text=text, url=url)


def notify_followers(*, issue: Issue, actor: Any, kind: str, text: str, anchor: str = "") -> int:
    """Tell the issue's followers (not the actor). A non-public issue tells only its poster."""
    from kyoso.issues.selectors import issue_followers

    recipients = issue_followers(issue).exclude(pk=actor.pk)
    if issue.is_hidden or issue.awaiting_review:
        recipients = recipients.filter(pk=issue.author_id)
    return notify(
        recipients=recipients, kind=kind, actor=actor, issue=issue, text=text, anchor=anchor
    )


# --- Posting limits --------------------------------------------------------------------------


def account_limit() -> int:
    return int(getattr(settings, "KYOSO_ISSUE_LIMIT_PER_ACCOUNT", ISSUE_LIMIT_PER_ACCOUNT))


def ip_limit() -> int:
    return int(getattr(settings, "KYOSO_ISSUE_LIMIT_PER_IP", ISSUE_LIMIT_PER_IP))


class PostingWindow:
    """Per-key timestamps of recent posts in the cache (like the login FailureWindow)."""

    def __init__(self, prefix: str, window: timedelta) -> None:
        self.prefix, self.window = prefix, window.total_seconds()

    def _recent(self, key: str, now: float) -> list[float]:
        return [t for t in cache.get(f"{self.prefix}:{key}", []) if now - t < self.window]

    def count(self, key: str) -> int:
        return len(self._recent(key, time.time()))

    def record(self, key: str) -> None:
        now = time.time()
        recent = self._recent(key, now)
        recent.append(now)
        cache.set(f"{self.prefix}:{key}", recent, timeout=int(self.window) + 1)


_ip_window = PostingWindow("kyoso:issue-posts-ip", ISSUE_LIMIT_WINDOW)


def _ip_key(request: HttpRequest | None) -> str | None:
    ip = client_ip(request)
    return hashlib.sha256(ip.encode()).hexdigest() if ip else None


def check_posting_limits(*, actor: Any, request: HttpRequest | None = None) -> None:
    """Raise IssueError when the account or its IP address posted too much recently.

    The per-account count is read from the database (exact, survives restarts); the per-IP
    count lives in the cache, shared by every worker of the host.
    """
    if is_secretariat(actor):
        return
    since = timezone.now() - ISSUE_LIMIT_WINDOW
    limit = account_limit()
    if Issue.objects.filter(author_id=actor.pk, created_at__gte=since).count() >= limit:
        raise IssueError(messages.POSTING_LIMIT_ACCOUNT % {"limit": limit})
    key = _ip_key(request)
    if key is not None and _ip_window.count(key) >= ip_limit():
        raise IssueError(messages.POSTING_LIMIT_IP)


# --- Attachments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """An attachment that passed the checks: its kind, safe bytes and the name shown."""

    kind: str
    content: bytes
    extension: str
    original_name: str


def _display_name(name: str) -> str:
    from kyoso.core.text import tidy_text

    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return tidy_text(base)[:200] or "file"


def check_upload(name: str, data: bytes) -> Upload:
    """Sniff an uploaded file: a PDF (by its magic bytes) or an image (re-encoded, EXIF gone).

    The file name and the type the browser claimed are never trusted. Raises IssueError.
    """
    shown = _display_name(name)
    limit_mb = MAX_FILE_BYTES // (1024 * 1024)
    if not data:
        raise IssueError(messages.FILE_EMPTY % {"name": shown})
    if len(data) > MAX_FILE_BYTES:
        raise IssueError(messages.FILE_TOO_LARGE % {"name": shown, "limit": limit_mb})
    if data.startswith(PDF_MAGIC):
        return Upload(Attachment.Kind.PDF, data, "pdf", shown)
    try:
        image = clean_image(data, max_bytes=MAX_FILE_BYTES, max_side=IMAGE_MAX_SIDE)
    except ImageRejected as rejected:
        if rejected.reason == "too_many_pixels":
            raise IssueError(messages.IMAGE_TOO_MANY_PIXELS % {"name": shown}) from None
        if rejected.reason == "too_large":
            raise IssueError(messages.FILE_TOO_LARGE % {"name": shown, "limit": limit_mb}) from None
        raise IssueError(messages.FILE_NOT_ALLOWED % {"name": shown}) from None
    return Upload(Attachment.Kind.IMAGE, image.content, image.extension, shown)


def _store_attachment(issue: Issue, upload: Upload, actor: Any) -> Attachment:
    attachment = Attachment(
        issue=issue,
        uploaded_by=actor,
        kind=upload.kind,
        original_name=upload.original_name,
        size=len(upload.content),
    )
    attachment.file.save(
        f"{uuid.uuid4().hex}.{upload.extension}", ContentFile(upload.content), save=False
    )
    attachment.save()
    return attachment


# --- Posting ---------------------------------------------------------------------------------


def _set_tags(issue: Issue, data: dict[str, Any], *, replace: bool) -> None:
    for key, kind in TAG_KEYS.items():
        if key not in data:
            continue
        values = list(dict.fromkeys(data[key] or ()))
        if replace:
            IssueTag.objects.filter(issue=issue, kind=kind).exclude(value__in=values).delete()
            existing = set(
                IssueTag.objects.filter(issue=issue, kind=kind).values_list("value", flat=True)
            )
            values = [v for v in values if v not in existing]
        IssueTag.objects.bulk_create([IssueTag(issue=issue, kind=kind, value=v) for v in values])


def _needs_review(actor: Any) -> bool:
    """The secretariat's switch: hold a person's first issue until it has been reviewed."""
    if not getattr(settings, "KYOSO_REVIEW_FIRST_POST", False) or is_secretariat(actor):
        return False
    return not Issue.objects.filter(author_id=actor.pk).exists()


def issue_create(
    *,
    actor: Any,
    data: dict[str, Any],
    attachments: Sequence[Upload] = (),
    request: HttpRequest | None = None,
) -> Issue:
    require("issues.add_issue", actor)
    organization = data.get("organization")
    if organization is not None and not _is_member(actor, organization):
        raise IssueError(messages.ORGANIZATION_NOT_ALLOWED)
    if len(attachments) > MAX_ATTACHMENTS:
        raise IssueError(messages.TOO_MANY_FILES % {"limit": MAX_ATTACHMENTS})
    latitude, longitude = data.get("latitude"), data.get("longitude")
    if (latitude is None) != (longitude is None):
        raise IssueError(messages.POINT_INCOMPLETE)
    with transaction.atomic():
        check_posting_limits(actor=actor, request=request)
        issue = Issue.objects.create(
            title=data["title"],
            body=data["body"],
            author=actor,
            organization=organization,
            name_hidden=bool(data.get("name_hidden")),
            municipality=data.get("municipality"),
            latitude=latitude,
            longitude=longitude,
            awaiting_review=_needs_review(actor),
            follower_count=1,
        )
        _set_tags(issue, data, replace=False)
        for upload in attachments:
            _store_attachment(issue, upload, actor)
        # The poster follows their issue: they hear about comments and stage changes.
        Follow.objects.create(issue=issue, user=actor)
        reindex_on_commit(issue.pk)
    key = _ip_key(request)
    if key is not None:
        _ip_window.record(key)
    return issue


def _is_member(actor: Any, organization: Any) -> bool:
    from kyoso.orgs.models import Membership

    return Membership.objects.filter(organization_id=organization.pk, user_id=actor.pk).exists()


def issue_update(
    *,
    actor: Any,
    issue: Issue,
    data: dict[str, Any],
    attachments: Sequence[Upload] = (),
    remove_attachments: Iterable[int] = (),
    request: HttpRequest | None = None,
) -> Issue:
    """Change what the poster wrote. The organization it was posted as does not change."""
    require("issues.change_issue", actor, issue)
    latitude = data.get("latitude", issue.latitude)
    longitude = data.get("longitude", issue.longitude)
    if (latitude is None) != (longitude is None):
        raise IssueError(messages.POINT_INCOMPLETE)
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        removing = list(Attachment.objects.filter(issue=locked, pk__in=list(remove_attachments)))
        kept = Attachment.objects.filter(issue=locked).count() - len(removing)
        if kept + len(attachments) > MAX_ATTACHMENTS:
            raise IssueError(messages.TOO_MANY_FILES % {"limit": MAX_ATTACHMENTS})
        changed = [name for name in EDITABLE_FIELDS if name in data]
        for name in changed:
            setattr(locked, name, data[name])
        locked.save(update_fields=[*changed, "updated_at"])
        _set_tags(locked, data, replace=True)
        for attachment in removing:
            stored_name: str = attachment.file.name or ""
            attachment.delete()
            transaction.on_commit(partial(attachment.file.storage.delete, stored_name))
        for upload in attachments:
            _store_attachment(locked, upload, actor)
        if actor.pk != issue.author_id:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.STAFF_EDIT,
                target=locked,
                data={"issue": locked.pk, "fields": changed + [k for k in TAG_KEYS if k in data]},
                request=request,
            )
        reindex_on_commit(locked.pk)
    for name in changed:
        setattr(issue, name, getattr(locked, name))
    return locked


def set_counter(issue_id: int, counter: str, delta: int) -> None:
    """Add ``delta`` to a counter without ever going below zero (conditional UPDATE)."""
    if delta >= 0:
        Issue.objects.filter(pk=issue_id).update(**{counter: F(counter) + delta})
    else:
        Issue.objects.filter(pk=issue_id, **{f"{counter}__gte": -delta}).update(
            **{counter: F(counter) + delta}
        )
