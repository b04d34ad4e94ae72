"""An issue taken up by a project: the public service the projects app calls.

Starting a project on an issue is itself the reason the issue moves to 取組中 (in action), so
this move needs no stage permission of the person: it happens only forwards, from 種 (seed) or
顕在化 (surfaced), with a history row whose reason names the project. The issue's followers
are told in every case (an issue already in action, or solved, gets a new project too).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.services import audit_record
from kyoso.issues.models import Issue, Stage, StageChange
from kyoso.issues.services.posting import reindex_on_commit
from kyoso.issues.services.stages import AUDIT_STAGE_CHANGED, REASON_MAX

#: The stages an issue leaves for 取組中 when a project takes it up.
BEFORE_ACTION = (Stage.SEED, Stage.SURFACED)


def issue_taken_up(
    *,
    actor: Any,
    issue: Issue,
    project_title: str,
    project_url: str,
    request: HttpRequest | None = None,
) -> bool:
    """Record that the project ``project_title`` (at ``project_url``) took ``issue`` up.

    Returns whether the issue moved to 取組中. The move is a conditional UPDATE on the stages
    before it, so a concurrent stage change is never overwritten.
    """
    from kyoso.issues.selectors import issue_followers
    from kyoso.notifications.services import notify

    values = {"title": issue.title, "project": project_title}
    reason = (gettext("プロジェクト「%(project)s」が取り組みを始めました。") % values)[:REASON_MAX]
    with transaction.atomic():
        from_stage = Issue.objects.filter(pk=issue.pk).values_list("stage", flat=True).first() or ""
        moved = bool(
            from_stage in BEFORE_ACTION
            and Issue.objects.filter(pk=issue.pk, stage=from_stage).update(
                stage=Stage.IN_ACTION, last_activity_at=timezone.now(), updated_at=timezone.now()
            )
        )
        if moved:
            StageChange.objects.create(
                issue=issue,
                from_stage=from_stage,
                to_stage=Stage.IN_ACTION,
                actor=actor,
                reason=reason,
            )
            issue.stage = Stage.IN_ACTION
            audit_record(
                actor=actor,
                action=AUDIT_STAGE_CHANGED,
                target=issue,
                data={"from": from_stage, "to": Stage.IN_ACTION, "reason": reason},
                request=request,
            )
            reindex_on_commit(issue.pk)
        recipients = issue_followers(issue)
        if issue.is_hidden or issue.awaiting_review:
            recipients = recipients.filter(pk=issue.author_id)
        notify(
            recipients=recipients,
            kind="issues.taken_up",
            actor=actor,
            target=issue,
            text=gettext("「%(title)s」にプロジェクト「%(project)s」が取り組み始めました。")
            % values,
            url=project_url,
        )
    return moved
