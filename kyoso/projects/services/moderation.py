"""Moderation of projects: reports (通報), hiding projects and comments, locking comments.

As in :mod:`kyoso.issues.services.moderation`: any signed-in person reports a project they
can see, or one of its comments, once (a second open report of the same thing by the same
person is refused); the secretariat works the queue and hides or dismisses. Every change of
state is a conditional ``UPDATE … WHERE <still in the old state>`` whose row count is checked,
so a double submit changes nothing the second time and gets a clear message. Every action is
audited; the people concerned (leads, the comment's author, the reporters) are told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.models import User
from kyoso.audit.services import audit_record
from kyoso.notifications.services import notify
from kyoso.projects import audit
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Comment, MemberRole, Membership, MemberStatus, Project, Report
from kyoso.projects.services.comments import comment_anchor, comments_url
from kyoso.projects.services.work import WorkError, project_url, require
from kyoso.roles.selectors import secretariat_users

MODERATE = "projects.moderate_project"
REPORT = "projects.report_project"
REASON_MAX = 1000
QUEUE_PAGE_SIZE = 20


def clean_reason(reason: str, *, required_message: Any) -> str:
    text = (reason or "").strip()
    if not text:
        raise WorkError(required_message, field="reason")
    if len(text) > REASON_MAX:
        raise WorkError(
            messages.TOO_LONG % {"limit_value": REASON_MAX, "show_value": len(text)},
            field="reason",
        )
    return text


def lead_ids(project: Project) -> list[int]:
    return list(
        Membership.objects.filter(
            project_id=project.pk, role=MemberRole.LEAD, status=MemberStatus.ACTIVE
        ).values_list("user_id", flat=True)
    )


def _close_reports(*, actor: Any, reports: Any, status: str) -> tuple[int, list[int]]:
    open_reports = reports.filter(status=Report.Status.OPEN)
    reporters = list(
        open_reports.exclude(reporter__isnull=True)
        .order_by()
        .values_list("reporter_id", flat=True)
        .distinct()
    )
    closed = open_reports.update(status=status, handled_by=actor, handled_at=timezone.now())
    return closed, reporters


def _project_reports(project: Project) -> Any:
    return Report.objects.filter(project_id=project.pk, comment__isnull=True)


def _comment_reports(comment: Comment) -> Any:
    return Report.objects.filter(comment_id=comment.pk)


def _tell_reporters(reporters: list[int], project: Project) -> None:
    notify(
        recipients=reporters,
        kind="projects.report_handled",
        actor=None,
        target=project,
        text=str(messages.NOTE_REPORT_HANDLED % {"title": project.title}),
        url=project_url(project),
    )


# --- Reports -----------------------------------------------------------------------------------


def report_create(
    *, actor: Any, project: Project, comment: Comment | None = None, reason: str
) -> Report:
    """Report a project (or one of its comments) to the secretariat, once."""
    require(REPORT, actor, project)
    text = clean_reason(reason, required_message=messages.REPORT_REASON_REQUIRED)
    if comment is not None:
        if comment.project_id != project.pk or comment.deleted_at or comment.hidden_at:
            raise WorkError(messages.REPORT_TARGET_GONE)
        if comment.author_id == actor.pk:
            raise WorkError(messages.REPORT_OWN_CONTENT)
    elif project.hidden_at is not None:
        raise WorkError(messages.REPORT_PROJECT_HIDDEN)
    with transaction.atomic():
        # One person's reports are serialized on their own row, so the "once" check holds for
        # requests sent in parallel too.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        same = Report.objects.filter(
            reporter_id=actor.pk, project_id=project.pk, status=Report.Status.OPEN
        )
        same = same.filter(comment_id=comment.pk) if comment else same.filter(comment__isnull=True)
        if same.exists():
            raise WorkError(messages.REPORT_DUPLICATE)
        report = Report.objects.create(
            project=project, comment=comment, reporter=actor, reason=text
        )
        notify(
            recipients=secretariat_users(),
            kind="projects.report",
            actor=actor,
            target=project,
            text=str(messages.NOTE_REPORT_RECEIVED % {"title": project.title}),
            url=reverse("projects:moderation"),
        )
    return report


@transaction.atomic
def reports_dismiss(
    *,
    actor: Any,
    project: Project,
    comment: Comment | None = None,
    request: HttpRequest | None = None,
) -> int:
    require(MODERATE, actor, project)
    reports = _comment_reports(comment) if comment else _project_reports(project)
    closed, reporters = _close_reports(actor=actor, reports=reports, status=Report.Status.DISMISSED)
    if not closed:
        raise WorkError(messages.REPORTS_ALREADY_HANDLED)
    audit_record(
        actor=actor,
        action=audit.REPORTS_DISMISSED,
        target=project,
        data={"comment": comment.pk if comment else None, "reports": closed},
        request=request,
    )
    _tell_reporters(reporters, project)
    return closed


# --- Hiding ------------------------------------------------------------------------------------


@transaction.atomic
def project_hide(
    *, actor: Any, project: Project, reason: str, request: HttpRequest | None = None
) -> Project:
    """Hide the project from everyone but its members and the secretariat; leads are told."""
    require(MODERATE, actor, project)
    text = clean_reason(reason, required_message=messages.HIDE_REASON_REQUIRED)
    now = timezone.now()
    changed = Project.objects.filter(pk=project.pk, hidden_at__isnull=True).update(
        hidden_at=now, hidden_reason=text
    )
    if not changed:
        raise WorkError(messages.PROJECT_ALREADY_HIDDEN)
    project.hidden_at, project.hidden_reason = now, text
    _closed, reporters = _close_reports(
        actor=actor, reports=_project_reports(project), status=Report.Status.HIDDEN
    )
    audit_record(
        actor=actor, action=audit.HIDDEN, target=project, data={"reason": text}, request=request
    )
    notify(
        recipients=lead_ids(project),
        kind="projects.hidden",
        actor=actor,
        target=project,
        text=str(messages.NOTE_PROJECT_HIDDEN % {"title": project.title, "reason": text}),
        url=project_url(project),
    )
    _tell_reporters(reporters, project)
    return project


@transaction.atomic
def project_unhide(*, actor: Any, project: Project, request: HttpRequest | None = None) -> Project:
    require(MODERATE, actor, project)
    changed = Project.objects.filter(pk=project.pk, hidden_at__isnull=False).update(
        hidden_at=None, hidden_reason=""
    )
    if not changed:
        raise WorkError(messages.PROJECT_NOT_HIDDEN)
    project.hidden_at, project.hidden_reason = None, ""
    audit_record(actor=actor, action=audit.UNHIDDEN, target=project, request=request)
    return project


@transaction.atomic
def comment_hide(
    *, actor: Any, comment: Comment, reason: str, request: HttpRequest | None = None
) -> Comment:
    """Hide a comment (its place in the thread says so); its open reports are closed."""
    project = comment.project
    require("projects.hide_comment", actor, comment)
    text = clean_reason(reason, required_message=messages.HIDE_REASON_REQUIRED)
    now = timezone.now()
    changed = Comment.objects.filter(
        pk=comment.pk, hidden_at__isnull=True, deleted_at__isnull=True
    ).update(hidden_at=now, hidden_reason=text)
    if not changed:
        raise WorkError(messages.COMMENT_ALREADY_HIDDEN)
    comment.hidden_at, comment.hidden_reason = now, text
    _closed, reporters = _close_reports(
        actor=actor, reports=_comment_reports(comment), status=Report.Status.HIDDEN
    )
    audit_record(
        actor=actor,
        action=audit.COMMENT_HIDDEN,
        target=project,
        data={"comment": comment.pk, "reason": text},
        request=request,
    )
    notify(
        recipients=[comment.author_id],
        kind="projects.comment_hidden",
        actor=actor,
        target=project,
        text=str(messages.NOTE_COMMENT_HIDDEN % {"title": project.title, "reason": text}),
        url=comments_url(project, comment_anchor(comment)),
    )
    _tell_reporters(reporters, project)
    return comment


@transaction.atomic
def comment_unhide(*, actor: Any, comment: Comment, request: HttpRequest | None = None) -> Comment:
    require("projects.hide_comment", actor, comment)
    changed = Comment.objects.filter(pk=comment.pk, hidden_at__isnull=False).update(
        hidden_at=None, hidden_reason=""
    )
    if not changed:
        raise WorkError(messages.COMMENT_NOT_HIDDEN)
    comment.hidden_at, comment.hidden_reason = None, ""
    audit_record(
        actor=actor,
        action=audit.COMMENT_UNHIDDEN,
        target=comment.project,
        data={"comment": comment.pk},
        request=request,
    )
    return comment


@transaction.atomic
def comments_lock(
    *, actor: Any, project: Project, locked: bool, request: HttpRequest | None = None
) -> Project:
    """Close (``locked=True``) or reopen the project's comments (leads and the secretariat)."""
    require("projects.lock_comments", actor, project)
    changed = Project.objects.filter(pk=project.pk, comments_locked=not locked).update(
        comments_locked=locked
    )
    if not changed:
        raise WorkError(
            messages.COMMENTS_ALREADY_LOCKED if locked else messages.COMMENTS_NOT_LOCKED
        )
    project.comments_locked = locked
    audit_record(
        actor=actor,
        action=audit.COMMENTS_LOCKED if locked else audit.COMMENTS_UNLOCKED,
        target=project,
        request=request,
    )
    return project


# --- The queue ---------------------------------------------------------------------------------


@dataclass
class ReportGroup:
    """The open reports of one project or one comment, oldest first."""

    project: Project
    comment: Comment | None
    reports: list[Report]
    first_at: datetime

    @property
    def count(self) -> int:
        return len(self.reports)


def report_queue_page(number: Any) -> tuple[Page, list[ReportGroup]]:
    """Open reports grouped by what they report, the longest-waiting group first.

    Three queries whatever the page holds: 1 the number of groups, 2 this page's groups,
    3 their open reports with the reporter, the project, the comment and its author.
    """
    from kyoso.core.moderation import grouped_open_reports

    page, groups = grouped_open_reports(
        Report.objects.filter(status=Report.Status.OPEN),
        owner="project",
        related=("reporter", "project", "comment__author"),
        number=number,
        page_size=QUEUE_PAGE_SIZE,
    )
    return page, [
        ReportGroup(
            project=found[0].project, comment=found[0].comment, reports=found, first_at=first_at
        )
        for first_at, found in groups
    ]
