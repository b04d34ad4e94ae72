"""Moving a project between stages, as an append-only history with who and why.

構想 → 準備 → 実験 → 実践 → 提案・普及 → 終了. A move forward may say why; a move backwards
must. "Ended" needs an outcome (continued by someone, handed to the city, stopped) and may keep
a lesson; leaving "ended" (a move backwards) clears them. The move is a conditional UPDATE on
the stage the actor saw, so two people moving the stage at once cannot both succeed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.audit.services import audit_record
from kyoso.projects import audit, messages
from kyoso.projects.models import (
    REASON_MAX,
    STAGE_ORDER,
    TEXT_MAX,
    Outcome,
    Project,
    Stage,
    StageChange,
)
from kyoso.projects.services.common import ProjectError, notify_followers, require


def is_backwards(from_stage: str, to_stage: str) -> bool:
    return STAGE_ORDER.index(to_stage) < STAGE_ORDER.index(from_stage)


def project_change_stage(
    *,
    actor: Any,
    project: Project,
    to_stage: str,
    reason: str = "",
    outcome: str = "",
    lesson: str = "",
    request: HttpRequest | None = None,
) -> StageChange:
    """Move ``project`` from the stage the actor saw (``project.stage``) to ``to_stage``."""
    require("projects.change_stage", actor, project)
    if to_stage not in STAGE_ORDER:
        raise ProjectError(messages.CHOICE_INVALID)
    from_stage = project.stage
    if to_stage == from_stage:
        raise ProjectError(messages.STAGE_UNCHANGED)
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ProjectError(
            messages.TEXT_TOO_LONG % {"limit_value": REASON_MAX, "show_value": len(reason)}
        )
    lesson = (lesson or "").strip()
    if len(lesson) > TEXT_MAX:
        raise ProjectError(
            messages.TEXT_TOO_LONG % {"limit_value": TEXT_MAX, "show_value": len(lesson)}
        )
    if is_backwards(from_stage, to_stage) and not reason:
        raise ProjectError(messages.STAGE_REASON_REQUIRED_BACKWARDS)
    if to_stage == Stage.ENDED:
        if outcome not in Outcome.values:
            raise ProjectError(messages.OUTCOME_REQUIRED)
    elif outcome:
        raise ProjectError(messages.OUTCOME_ONLY_WHEN_ENDED)
    ended = to_stage == Stage.ENDED
    now = timezone.now()
    with transaction.atomic():
        moved = Project.objects.filter(pk=project.pk, stage=from_stage).update(
            stage=to_stage,
            outcome=outcome if ended else "",
            lesson=lesson if ended else "",
            last_activity_at=now,
            updated_at=now,
        )
        if not moved:
            raise ProjectError(messages.STAGE_CHANGED_ELSEWHERE)
        change = StageChange.objects.create(
            project=project,
            from_stage=from_stage,
            to_stage=to_stage,
            outcome=outcome if ended else "",
            actor=actor,
            reason=reason,
        )
        project.stage = to_stage
        project.outcome = outcome if ended else ""
        project.lesson = lesson if ended else ""
        audit_record(
            actor=actor,
            action=audit.STAGE_CHANGED,
            target=project,
            data={"from": from_stage, "to": to_stage, "outcome": outcome, "reason": reason},
            request=request,
        )
        notify_followers(
            project=project,
            actor=actor,
            kind="projects.stage",
            text=gettext("「%(title)s」の段階が「%(stage)s」になりました。")
            % {"title": project.title, "stage": Stage(to_stage).label},
            anchor="#stages",
        )
    return change
