"""Moderation: reports (通報), hiding with a reason, locking comments, reviewing first posts.

Anyone signed in may report an issue or a comment they can see; the secretariat works the
queue. Every change of state is a conditional ``UPDATE … WHERE <still in the old state>``
whose row count is checked, so two secretariat members acting on the same report at once,
or a double submit, change nothing the second time and get a clear message. Every moderation
action writes an audit row (``STAFF_EDIT`` with the ``operation`` in its data) and tells the
person whose content it was through :func:`kyoso.notifications.services.notify`; reporters
hear how their report was handled.

The reads behind the moderation pages (:func:`report_queue_page` and friends) live at the end
of this module, next to the writes whose state they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.accounts.models import User
from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.issues.models import Comment, Issue, Report
from kyoso.issues.services.posting import IssueError, reindex_on_commit, require
from kyoso.notifications.services import notify
from kyoso.roles.selectors import secretariat_users

MODERATE = "issues.moderate_issue"
REPORT = "issues.report_issue"

REASON_MAX = 1000
#: Reports one account may send per :data:`REPORT_LIMIT_WINDOW` (``KYOSO_REPORT_LIMIT``).
REPORT_LIMIT_PER_ACCOUNT = 10
REPORT_LIMIT_WINDOW = timedelta(hours=1)
QUEUE_PAGE_SIZE = 20

# --- Messages (constants the tests assert against) -------------------------------------------

REPORT_SENT = _("通報を受け付けました。事務局が確認します。ご協力ありがとうございます。")
REPORT_REASON_REQUIRED = _("通報の理由を入力してください。")
REPORT_REASON_TOO_LONG = _("理由は%(limit)s文字以内で入力してください（いま%(length)s文字です）。")
REPORT_DUPLICATE = _(
    "この内容は既に通報済みで、事務局が確認しています。重ねて通報する必要はありません。"
)
REPORT_LIMIT = _(
    "短い時間に多くの通報が送られたため、通報を一時的に止めています。"
    "1時間に%(limit)s件まで通報できます。しばらくしてからもう一度お試しください。"
)
REPORT_OWN_CONTENT = _("自分の投稿は通報できません。直したいときは編集または削除してください。")
REPORT_TARGET_GONE = _("このコメントは削除または非表示にされているため、通報できません。")
REPORT_ALREADY_HIDDEN = _("この課題は既に非表示になっています。")

HIDE_REASON_REQUIRED = _("非表示にする理由を入力してください。理由は投稿者に伝えられます。")
REJECT_REASON_REQUIRED = _("公開しない理由を入力してください。理由は投稿者に伝えられます。")
ISSUE_HIDDEN = _("課題を非表示にしました。投稿者に理由を伝えました。")
ISSUE_ALREADY_HIDDEN = _("この課題は既に非表示になっています。")
ISSUE_UNHIDDEN = _("課題を再び表示しました。")
ISSUE_NOT_HIDDEN = _("この課題は非表示になっていません。")
COMMENT_HIDDEN = _("コメントを非表示にしました。投稿者に理由を伝えました。")
COMMENT_ALREADY_HIDDEN = _("このコメントは既に非表示になっているか、削除されています。")
COMMENT_UNHIDDEN = _("コメントを再び表示しました。")
COMMENT_NOT_HIDDEN = _("このコメントは非表示になっていません。")
REPORTS_DISMISSED = _("通報を「問題なし」として閉じました。")
REPORTS_ALREADY_HANDLED = _("この通報は既に対応済みです。")
COMMENTS_LOCKED_DONE = _("この課題へのコメントを締め切りました。")
COMMENTS_ALREADY_LOCKED = _("この課題へのコメントは既に締め切られています。")
COMMENTS_UNLOCKED_DONE = _("この課題へのコメントを再開しました。")
COMMENTS_NOT_LOCKED = _("この課題へのコメントは締め切られていません。")
ISSUE_APPROVED = _("課題を公開しました。")
ISSUE_REJECTED = _("課題を公開せず、非表示にしました。投稿者に理由を伝えました。")
NOT_AWAITING_REVIEW = _("この課題は確認待ちではありません（既に判断されています）。")

# Notification texts (rendered in the actor's language when the action happens).
_NOTE_ISSUE_HIDDEN = _("あなたの課題「%(title)s」を事務局が非表示にしました。理由：%(reason)s")
_NOTE_ISSUE_UNHIDDEN = _("あなたの課題「%(title)s」は再び表示されるようになりました。")
_NOTE_COMMENT_HIDDEN = _(
    "課題「%(title)s」へのあなたのコメントを事務局が非表示にしました。理由：%(reason)s"
)
_NOTE_COMMENT_UNHIDDEN = _(
    "課題「%(title)s」へのあなたのコメントは再び表示されるようになりました。"
)
_NOTE_LOCKED = _("あなたの課題「%(title)s」へのコメントを事務局が締め切りました。")
_NOTE_LOCKED_REASON = _(
    "あなたの課題「%(title)s」へのコメントを事務局が締め切りました。理由：%(reason)s"
)
_NOTE_UNLOCKED = _("あなたの課題「%(title)s」へのコメントを事務局が再開しました。")
_NOTE_APPROVED = _("あなたの課題「%(title)s」を事務局が確認し、公開しました。")
_NOTE_REJECTED = _("あなたの課題「%(title)s」は公開されませんでした。理由：%(reason)s")
_NOTE_REPORT_RECEIVED = _("「%(title)s」について通報がありました。")
_NOTE_REPORT_HIDDEN = _(
    "通報いただいた「%(title)s」の内容を非表示にしました。ありがとうございました。"
)
_NOTE_REPORT_DISMISSED = _(
    "通報いただいた「%(title)s」の内容を確認しましたが、非表示にはしませんでした。"
)


def report_limit() -> int:
    return int(getattr(settings, "KYOSO_REPORT_LIMIT", REPORT_LIMIT_PER_ACCOUNT))


def clean_reason(reason: str, *, required_message: Any) -> str:
    """The reason, trimmed; refused when empty or longer than :data:`REASON_MAX`."""
    text = (reason or "").strip()
    if not text:
        raise IssueError(required_message)
    if len(text) > REASON_MAX:
        raise IssueError(REPORT_REASON_TOO_LONG % {"limit": REASON_MAX, "length": len(text)})
    return text


def issue_url(issue: Issue, anchor: str = "") -> str:
    return reverse("issues:detail", args=[issue.pk]) + anchor


def comment_anchor(comment: Comment) -> str:
    """What follows the issue's URL to land on a comment: ``?comment=`` picks the page of
    comments that shows it (comments are paginated), the fragment scrolls to it."""
    return f"?comment={comment.pk}#comment-{comment.pk}"


def _audit(
    *, actor: Any, operation: str, target: Any, request: HttpRequest | None, **data: Any
) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.STAFF_EDIT,
        target=target,
        data={"operation": operation, **data},
        request=request,
    )


def _comments_changed() -> None:
    """After commit, bump the issues version: signed-out visitors' cached comment threads
    (the issue page) are rendered again."""
    from kyoso.core.home import touch_on_commit

    touch_on_commit("issues")


def unindex_on_commit(issue: Issue) -> None:
    """After commit, take the issue out of the search index (a no-op without the layer) and
    off the home (kyoso.core.home)."""
    from kyoso.core.home import touch_on_commit

    touch_on_commit("issues")
    try:
        from kyoso.search.services import unindex_object
    except ImportError:  # the search layer is not installed yet
        return
    transaction.on_commit(lambda: unindex_object(issue))


def _tell(recipients: Any, *, kind: str, actor: Any, target: Any, text: Any, url: str) -> int:
    return notify(
        recipients=recipients, kind=kind, actor=actor, target=target, text=str(text), url=url
    )


def _close_reports(*, actor: Any, reports: Any, status: str) -> tuple[int, list[int]]:
    """Close the open reports in ``reports``; return how many, and who had sent them."""
    open_reports = reports.filter(status=Report.Status.OPEN)
    reporters = list(
        open_reports.exclude(reporter__isnull=True)
        .order_by()
        .values_list("reporter_id", flat=True)
        .distinct()
    )
    closed = open_reports.update(status=status, handled_by=actor, handled_at=timezone.now())
    return closed, reporters


def _issue_reports(issue: Issue) -> Any:
    return Report.objects.filter(issue_id=issue.pk, comment__isnull=True)


def _comment_reports(comment: Comment) -> Any:
    return Report.objects.filter(comment_id=comment.pk)


# --- Reports ---------------------------------------------------------------------------------


def report_create(
    *,
    actor: Any,
    issue: Issue,
    comment: Comment | None = None,
    reason: str,
    request: HttpRequest | None = None,
) -> Report:
    """Report an issue (or one of its comments) to the secretariat.

    Refused with a message for one's own content, a comment that is gone, a second open report
    of the same thing by the same person, and beyond :func:`report_limit` reports an hour.
    """
    require(REPORT, actor, issue)
    text = clean_reason(reason, required_message=REPORT_REASON_REQUIRED)
    if comment is not None:
        if comment.issue_id != issue.pk:
            raise IssueError(REPORT_TARGET_GONE)
        if comment.deleted_at is not None or comment.hidden_at is not None:
            raise IssueError(REPORT_TARGET_GONE)
        if comment.author_id == actor.pk:
            raise IssueError(REPORT_OWN_CONTENT)
    else:
        if issue.author_id == actor.pk:
            raise IssueError(REPORT_OWN_CONTENT)
        if issue.is_hidden:
            raise IssueError(REPORT_ALREADY_HIDDEN)
    with transaction.atomic():
        # One person's reports are serialized on their own row, so the duplicate check and
        # the hourly limit hold even for requests sent in parallel.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        mine = Report.objects.filter(reporter_id=actor.pk)
        same = mine.filter(issue_id=issue.pk, status=Report.Status.OPEN)
        same = same.filter(comment_id=comment.pk) if comment else same.filter(comment__isnull=True)
        if same.exists():
            raise IssueError(REPORT_DUPLICATE)
        limit = report_limit()
        if mine.filter(created_at__gte=timezone.now() - REPORT_LIMIT_WINDOW).count() >= limit:
            raise IssueError(REPORT_LIMIT % {"limit": limit})
        report = Report.objects.create(issue=issue, comment=comment, reporter=actor, reason=text)
        _tell(
            secretariat_users(),
            kind="issues.report",
            actor=actor,
            target=issue,
            text=_NOTE_REPORT_RECEIVED % {"title": issue.title},
            url=reverse("issues:moderation"),
        )
    return report


@transaction.atomic
def reports_dismiss(
    *,
    actor: Any,
    issue: Issue,
    comment: Comment | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Close the open reports of an issue (or of one comment) as "no problem"."""
    require(MODERATE, actor, issue)
    reports = _comment_reports(comment) if comment else _issue_reports(issue)
    closed, reporters = _close_reports(actor=actor, reports=reports, status=Report.Status.DISMISSED)
    if not closed:
        raise IssueError(REPORTS_ALREADY_HANDLED)
    target = comment or issue
    _audit(
        actor=actor,
        operation="reports.dismiss",
        target=target,
        request=request,
        issue=issue.pk,
        reports=closed,
    )
    _tell(
        reporters,
        kind="issues.report_handled",
        actor=None,
        target=issue,
        text=_NOTE_REPORT_DISMISSED % {"title": issue.title},
        url=issue_url(issue),
    )
    return closed


# --- Hiding issues and comments ---------------------------------------------------------------


@transaction.atomic
def issue_hide(
    *, actor: Any, issue: Issue, reason: str, request: HttpRequest | None = None
) -> Issue:
    """Hide the issue from everyone but its poster and the secretariat, with a reason the
    poster sees; open reports of the issue are closed as handled."""
    require(MODERATE, actor, issue)
    text = clean_reason(reason, required_message=HIDE_REASON_REQUIRED)
    now = timezone.now()
    changed = Issue.objects.filter(pk=issue.pk, hidden_at__isnull=True).update(
        hidden_at=now, hidden_reason=text, hidden_by=actor
    )
    if not changed:
        raise IssueError(ISSUE_ALREADY_HIDDEN)
    issue.hidden_at, issue.hidden_reason, issue.hidden_by = now, text, actor
    _closed, reporters = _close_reports(
        actor=actor, reports=_issue_reports(issue), status=Report.Status.HIDDEN
    )
    _audit(actor=actor, operation="issue.hide", target=issue, request=request, reason=text)
    unindex_on_commit(issue)
    _tell(
        [issue.author_id],
        kind="issues.hidden",
        actor=actor,
        target=issue,
        text=_NOTE_ISSUE_HIDDEN % {"title": issue.title, "reason": text},
        url=issue_url(issue),
    )
    _tell(
        reporters,
        kind="issues.report_handled",
        actor=None,
        target=issue,
        text=_NOTE_REPORT_HIDDEN % {"title": issue.title},
        url=reverse("issues:list"),
    )
    return issue


@transaction.atomic
def issue_unhide(*, actor: Any, issue: Issue, request: HttpRequest | None = None) -> Issue:
    require(MODERATE, actor, issue)
    changed = Issue.objects.filter(pk=issue.pk, hidden_at__isnull=False).update(
        hidden_at=None, hidden_reason="", hidden_by=None
    )
    if not changed:
        raise IssueError(ISSUE_NOT_HIDDEN)
    issue.hidden_at, issue.hidden_reason, issue.hidden_by = None, "", None
    _audit(actor=actor, operation="issue.unhide", target=issue, request=request)
    reindex_on_commit(issue.pk)
    _tell(
        [issue.author_id],
        kind="issues.unhidden",
        actor=actor,
        target=issue,
        text=_NOTE_ISSUE_UNHIDDEN % {"title": issue.title},
        url=issue_url(issue),
    )
    return issue


@transaction.atomic
def comment_hide(
    *, actor: Any, comment: Comment, reason: str, request: HttpRequest | None = None
) -> Comment:
    """Hide a comment (its place in the thread says so); its open reports are closed."""
    issue = comment.issue
    require(MODERATE, actor, issue)
    text = clean_reason(reason, required_message=HIDE_REASON_REQUIRED)
    now = timezone.now()
    changed = Comment.objects.filter(
        pk=comment.pk, hidden_at__isnull=True, deleted_at__isnull=True
    ).update(hidden_at=now, hidden_reason=text)
    if not changed:
        raise IssueError(COMMENT_ALREADY_HIDDEN)
    comment.hidden_at, comment.hidden_reason = now, text
    _comments_changed()
    _closed, reporters = _close_reports(
        actor=actor, reports=_comment_reports(comment), status=Report.Status.HIDDEN
    )
    _audit(
        actor=actor,
        operation="comment.hide",
        target=comment,
        request=request,
        issue=issue.pk,
        reason=text,
    )
    _tell(
        [comment.author_id],
        kind="issues.comment_hidden",
        actor=actor,
        target=issue,
        text=_NOTE_COMMENT_HIDDEN % {"title": issue.title, "reason": text},
        url=issue_url(issue, comment_anchor(comment)),
    )
    _tell(
        reporters,
        kind="issues.report_handled",
        actor=None,
        target=issue,
        text=_NOTE_REPORT_HIDDEN % {"title": issue.title},
        url=issue_url(issue),
    )
    return comment


@transaction.atomic
def comment_unhide(*, actor: Any, comment: Comment, request: HttpRequest | None = None) -> Comment:
    issue = comment.issue
    require(MODERATE, actor, issue)
    changed = Comment.objects.filter(pk=comment.pk, hidden_at__isnull=False).update(
        hidden_at=None, hidden_reason=""
    )
    if not changed:
        raise IssueError(COMMENT_NOT_HIDDEN)
    comment.hidden_at, comment.hidden_reason = None, ""
    _comments_changed()
    _audit(actor=actor, operation="comment.unhide", target=comment, request=request, issue=issue.pk)
    _tell(
        [comment.author_id],
        kind="issues.comment_unhidden",
        actor=actor,
        target=issue,
        text=_NOTE_COMMENT_UNHIDDEN % {"title": issue.title},
        url=issue_url(issue, comment_anchor(comment)),
    )
    return comment


# --- Locking comments ------------------------------------------------------------------------


@transaction.atomic
def comments_lock(
    *,
    actor: Any,
    issue: Issue,
    locked: bool,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Issue:
    """Close (``locked=True``) or reopen the issue's comments; the reason is optional."""
    require(MODERATE, actor, issue)
    text = (reason or "").strip()[:REASON_MAX]
    changed = Issue.objects.filter(pk=issue.pk, comments_locked=not locked).update(
        comments_locked=locked
    )
    if not changed:
        raise IssueError(COMMENTS_ALREADY_LOCKED if locked else COMMENTS_NOT_LOCKED)
    issue.comments_locked = locked
    _audit(
        actor=actor,
        operation="comments.lock" if locked else "comments.unlock",
        target=issue,
        request=request,
        **({"reason": text} if text else {}),
    )
    if locked:
        note = (_NOTE_LOCKED_REASON if text else _NOTE_LOCKED) % {
            "title": issue.title,
            "reason": text,
        }
    else:
        note = _NOTE_UNLOCKED % {"title": issue.title}
    _tell(
        [issue.author_id],
        kind="issues.comments_locked" if locked else "issues.comments_unlocked",
        actor=actor,
        target=issue,
        text=note,
        url=issue_url(issue),
    )
    return issue


# --- Reviewing first posts -------------------------------------------------------------------


@transaction.atomic
def issue_approve(*, actor: Any, issue: Issue, request: HttpRequest | None = None) -> Issue:
    """Publish an issue that was held for review."""
    require(MODERATE, actor, issue)
    changed = Issue.objects.filter(
        pk=issue.pk, awaiting_review=True, hidden_at__isnull=True
    ).update(awaiting_review=False)
    if not changed:
        raise IssueError(NOT_AWAITING_REVIEW)
    issue.awaiting_review = False
    _audit(actor=actor, operation="issue.approve", target=issue, request=request)
    reindex_on_commit(issue.pk)
    _tell(
        [issue.author_id],
        kind="issues.approved",
        actor=actor,
        target=issue,
        text=_NOTE_APPROVED % {"title": issue.title},
        url=issue_url(issue),
    )
    return issue


@transaction.atomic
def issue_reject(
    *, actor: Any, issue: Issue, reason: str, request: HttpRequest | None = None
) -> Issue:
    """Decide not to publish an issue held for review: it stays hidden, with the reason."""
    require(MODERATE, actor, issue)
    text = clean_reason(reason, required_message=REJECT_REASON_REQUIRED)
    now = timezone.now()
    changed = Issue.objects.filter(
        pk=issue.pk, awaiting_review=True, hidden_at__isnull=True
    ).update(awaiting_review=False, hidden_at=now, hidden_reason=text, hidden_by=actor)
    if not changed:
        raise IssueError(NOT_AWAITING_REVIEW)
    issue.awaiting_review = False
    issue.hidden_at, issue.hidden_reason, issue.hidden_by = now, text, actor
    _audit(actor=actor, operation="issue.reject", target=issue, request=request, reason=text)
    unindex_on_commit(issue)
    _tell(
        [issue.author_id],
        kind="issues.rejected",
        actor=actor,
        target=issue,
        text=_NOTE_REJECTED % {"title": issue.title, "reason": text},
        url=issue_url(issue),
    )
    return issue


# --- Reads behind the moderation pages -------------------------------------------------------


@dataclass
class ReportGroup:
    """The open reports of one issue or one comment, oldest first."""

    issue: Issue
    comment: Comment | None
    reports: list[Report]
    first_at: datetime

    @property
    def count(self) -> int:
        return len(self.reports)


def report_queue_page(number: Any) -> tuple[Page, list[ReportGroup]]:
    """Open reports grouped by what they report, the longest-waiting group first.

    Three queries whatever the page holds: 1 the number of groups, 2 this page's groups,
    3 their open reports with the reporter, the issue and its poster, the comment and its
    author.
    """
    from kyoso.core.moderation import grouped_open_reports

    page, groups = grouped_open_reports(
        Report.objects.filter(status=Report.Status.OPEN),
        owner="issue",
        related=("reporter", "issue__author", "comment__author"),
        number=number,
        page_size=QUEUE_PAGE_SIZE,
    )
    return page, [
        ReportGroup(
            issue=found[0].issue, comment=found[0].comment, reports=found, first_at=first_at
        )
        for first_at, found in groups
    ]


def review_queue_page(number: Any) -> Page:
    """Issues held for review, oldest first (a count and a page query)."""
    issues = (
        Issue.objects.filter(awaiting_review=True, hidden_at__isnull=True)
        .select_related("author", "organization")
        .order_by("created_at", "id")
    )
    return Paginator(issues, QUEUE_PAGE_SIZE).get_page(number)


def hidden_issues_page(number: Any) -> Page:
    """Hidden issues, most recently hidden first (a count and a page query)."""
    issues = (
        Issue.objects.filter(hidden_at__isnull=False)
        .select_related("author", "hidden_by")
        .order_by("-hidden_at", "-id")
    )
    return Paginator(issues, QUEUE_PAGE_SIZE).get_page(number)


def hidden_comments_page(number: Any) -> Page:
    """Hidden comments, most recently hidden first (a count and a page query)."""
    comments = (
        Comment.objects.filter(hidden_at__isnull=False)
        .select_related("author", "issue")
        .order_by("-hidden_at", "-id")
    )
    return Paginator(comments, QUEUE_PAGE_SIZE).get_page(number)
