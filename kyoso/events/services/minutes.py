"""Minutes (議事録): the organizer's notes after an event, and the issues surfaced there.

The minutes are a draft (seen by the organizers only) until published for signed-in members or
for everyone. Issues surfaced at the event are linked (existing issues) or created from the
minutes through the issues app's own posting service, so they get its validation, limits,
review and search indexing. Publishing minutes that list surfaced issues sends the follow-up
to the people who attended (:mod:`kyoso.events.services.followup`), once per person.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.policy import check
from kyoso.events import messages
from kyoso.events.models import MINUTES_MAX, Event, Minutes, MinutesVisibility
from kyoso.events.services.events import reindex_minutes_on_commit
from kyoso.events.services.refusals import Refused
from kyoso.issues.models import Issue, Stage
from kyoso.issues.services.posting import Upload, issue_create
from kyoso.roles.selectors import is_secretariat

#: Audit actions of this module.
AUDIT_PUBLISHED = AuditEvent.Action.EVENT_MINUTES_PUBLISHED
AUDIT_UNPUBLISHED = AuditEvent.Action.EVENT_MINUTES_UNPUBLISHED


def _require(rule: str, actor: Any, obj: Any = None) -> None:
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def _visibility(value: str) -> str:
    if value not in MinutesVisibility.values:
        raise Refused(messages.MINUTES_VISIBILITY_INVALID)
    return value


def minutes_save(
    *, actor: Any, event: Event, body: str, visibility: str, request: HttpRequest | None = None
) -> Minutes:
    """Write or rewrite the minutes (Markdown). Publishing is its own action.

    When the secretariat writes the minutes of someone else's event, the audit log says so."""
    _require("events.change_minutes", actor, event)
    text = (body or "").strip()
    if not text:
        raise Refused(messages.MINUTES_REQUIRED)
    if len(text) > MINUTES_MAX:
        raise Refused(
            messages.MINUTES_TOO_LONG % {"limit_value": MINUTES_MAX, "show_value": len(text)}
        )
    with transaction.atomic():
        minutes, created = Minutes.objects.select_for_update().get_or_create(
            event=event,
            defaults={"body": text, "visibility": _visibility(visibility), "author": actor},
        )
        if not created:
            minutes.body = text
            minutes.visibility = _visibility(visibility)
            minutes.save(update_fields=["body", "visibility", "updated_at"])
        if actor.pk != event.created_by_id and is_secretariat(actor):
            audit_record(
                actor=actor,
                action=AuditEvent.Action.STAFF_EDIT,
                target=event,
                data={"event": event.pk, "minutes": minutes.pk},
                request=request,
            )
        reindex_minutes_on_commit(event.pk)
    event.minutes = minutes
    return minutes


def _minutes_for_update(event: Event) -> Minutes:
    minutes = Minutes.objects.select_for_update().filter(event=event).first()
    if minutes is None:
        raise Refused(messages.MINUTES_MISSING)
    return minutes


def minutes_publish(
    *, actor: Any, event: Event, visibility: str | None = None, request: HttpRequest | None = None
) -> int:
    """Publish the minutes (for members or the public); return how many attendees were sent
    the follow-up now (0 when there are no surfaced issues, or all were sent before)."""
    from kyoso.events.services.followup import followup_send

    _require("events.change_minutes", actor, event)
    with transaction.atomic():
        minutes = _minutes_for_update(event)
        if visibility is not None:
            minutes.visibility = _visibility(visibility)
        if minutes.published_at is None:
            minutes.published_at = timezone.now()
        minutes.save(update_fields=["visibility", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AUDIT_PUBLISHED,
            target=event,
            data={"event": event.pk, "visibility": minutes.visibility},
            request=request,
        )
        event.minutes = minutes
        sent = followup_send(event=event, minutes=minutes)
        reindex_minutes_on_commit(event.pk)
    return sent


def minutes_unpublish(*, actor: Any, event: Event, request: HttpRequest | None = None) -> Minutes:
    """Back to a draft that only the organizers see (follow-ups already sent stay sent)."""
    _require("events.change_minutes", actor, event)
    with transaction.atomic():
        minutes = _minutes_for_update(event)
        minutes.published_at = None
        minutes.save(update_fields=["published_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AUDIT_UNPUBLISHED,
            target=event,
            data={"event": event.pk},
            request=request,
        )
        reindex_minutes_on_commit(event.pk)
    event.minutes = minutes
    return minutes


def _linkable(issue: Issue) -> bool:
    return not issue.is_hidden and not issue.awaiting_review and issue.stage != Stage.MERGED


def surfaced_issue_link(*, actor: Any, event: Event, issue_id: int) -> tuple[Issue, bool]:
    """Link an existing, visible issue as surfaced at the event; return it and whether it was
    newly linked. The minutes must exist (the link lives on them)."""
    _require("events.change_minutes", actor, event)
    from kyoso.issues.selectors import visible_issues

    issue = visible_issues(actor).filter(pk=issue_id).first()
    if issue is None:
        raise Refused(messages.MINUTES_ISSUE_NOT_FOUND)
    if not _linkable(issue):
        raise Refused(messages.MINUTES_ISSUE_NOT_LINKABLE)
    with transaction.atomic():
        minutes = _minutes_for_update(event)
        through = Minutes.surfaced_issues.through
        if through.objects.filter(minutes_id=minutes.pk, issue_id=issue.pk).exists():
            return issue, False
        minutes.surfaced_issues.add(issue)
        _send_if_published(event, minutes)
    return issue, True


def surfaced_issue_unlink(*, actor: Any, event: Event, issue_id: int) -> Issue | None:
    """Remove an issue from the event's surfaced issues (the issue itself stays)."""
    _require("events.change_minutes", actor, event)
    with transaction.atomic():
        minutes = _minutes_for_update(event)
        issue = minutes.surfaced_issues.filter(pk=issue_id).first()
        if issue is not None:
            minutes.surfaced_issues.remove(issue)
    return issue


def surfaced_issue_create(
    *,
    actor: Any,
    event: Event,
    data: dict[str, Any],
    attachments: Sequence[Upload] = (),
    request: HttpRequest | None = None,
) -> Issue:
    """Post a new issue through the issues app's posting service and link it as surfaced.

    Both happen in one transaction: a refused post (limits, rules) links nothing.
    Raises the issues app's ``IssueError`` for its own refusals.
    """
    _require("events.change_minutes", actor, event)
    with transaction.atomic():
        minutes = _minutes_for_update(event)
        issue = issue_create(actor=actor, data=data, attachments=attachments, request=request)
        minutes.surfaced_issues.add(issue)
        _send_if_published(event, minutes)
    return issue


def _send_if_published(event: Event, minutes: Minutes) -> None:
    """An issue added after publishing reaches attendees who had no follow-up yet."""
    if minutes.published_at is None:
        return
    from kyoso.events.services.followup import followup_send

    followup_send(event=event, minutes=minutes)
