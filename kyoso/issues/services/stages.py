"""Moving an issue between stages, with a reason, as an append-only history.

Who may move it where is :func:`kyoso.issues.rules.stage_choices_for`. Merging (the "merged"
stage) is the merge service's, never this one's.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.services import audit_record
from kyoso.issues import messages
from kyoso.issues.models import Issue, Stage, StageChange
from kyoso.issues.rules import stage_choices_for
from kyoso.issues.services.posting import IssueError, notify_followers, reindex_on_commit, require

#: The audit action of a stage change (recorded with from, to and the reason).
AUDIT_STAGE_CHANGED = "issue.stage_changed"
REASON_MAX = 2000


def issue_change_stage(
    *,
    actor: Any,
    issue: Issue,
    to_stage: str,
    reason: str,
    request: HttpRequest | None = None,
) -> StageChange:
    """Move ``issue`` to ``to_stage``; writes the history row, an audit row, tells followers.

    The move is a conditional UPDATE on the stage the actor saw, so two people changing the
    stage at the same moment cannot both succeed (the second is told to reload).
    """
    require("issues.change_stage", actor, issue)
    if to_stage == issue.stage:
        raise IssueError(messages.STAGE_UNCHANGED)
    if to_stage not in stage_choices_for(actor, issue):
        raise IssueError(messages.STAGE_NOT_ALLOWED)
    reason = (reason or "").strip()
    if not reason:
        raise IssueError(messages.STAGE_REASON_REQUIRED)
    reason = reason[:REASON_MAX]
    from_stage = issue.stage
    with transaction.atomic():
        moved = Issue.objects.filter(pk=issue.pk, stage=from_stage).update(
            stage=to_stage, last_activity_at=timezone.now(), updated_at=timezone.now()
        )
        if not moved:
            raise IssueError(messages.STAGE_CHANGED_ELSEWHERE)
        change = StageChange.objects.create(
            issue=issue, from_stage=from_stage, to_stage=to_stage, actor=actor, reason=reason
        )
        issue.stage = to_stage
        audit_record(
            actor=actor,
            action=AUDIT_STAGE_CHANGED,
            target=issue,
            data={"from": from_stage, "to": to_stage, "reason": reason},
            request=request,
        )
        notify_followers(
            issue=issue,
            actor=actor,
            kind="issues.stage",
            text=gettext("「%(title)s」の段階が「%(stage)s」になりました。")
            % {"title": issue.title, "stage": Stage(to_stage).label},
            anchor="#timeline",
        )
        reindex_on_commit(issue.pk)
    return change
