"""Drafting, editing, publishing and closing missions; their questions; closing on deadline.

``data`` keys (the cleaned data of :class:`kyoso.missions.forms.MissionForm`): the fields in
:data:`EDITABLE_FIELDS` and ``required_skills`` / ``welcome_skills`` (lists of skill keys).
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone

from kyoso.audit.services import audit_record
from kyoso.core.skills import SKILL_KEYS
from kyoso.missions import audit, completeness, messages
from kyoso.missions.models import (
    QUESTION_MAX,
    QUESTIONS_MAX,
    Application,
    ClosedReason,
    Mission,
    MissionQuestion,
    MissionSkill,
    MissionStatus,
)
from kyoso.missions.rules import hosts_owner
from kyoso.missions.services.common import MissionError, reindex_on_commit, require

EDITABLE_FIELDS = (
    "kind",
    "title",
    "background",
    "tasks",
    "deliverables",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "work_style",
    "visits_per_month",
    "reward_kind",
    "reward_yen",
    "host",
    "contact",
    "places",
    "deadline",
    "municipality",
    "latitude",
    "longitude",
)


def _check(owner: Any, data: dict[str, Any], mission: Mission | None) -> None:
    """What the form checks too, checked again here: a service called directly (the API, a
    script) must not write what the page would refuse."""
    host = data.get("host")
    if host is not None and not hosts_owner(host, owner):
        raise MissionError(messages.HOST_NOT_A_HOST, "host_invalid")
    required, welcome = set(data.get("required_skills", ())), set(data.get("welcome_skills", ()))
    if not (required | welcome) <= SKILL_KEYS:
        raise MissionError(messages.CHOICE_INVALID, "skill_invalid")
    if required & welcome:
        raise MissionError(
            messages.SKILL_BOTH % {"skills": ", ".join(sorted(required & welcome))}, "skill_both"
        )
    if mission is not None and data["places"] < mission.accepted_count:
        raise MissionError(
            messages.PLACES_BELOW_ACCEPTED % {"count": mission.accepted_count}, "places_too_few"
        )
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        raise MissionError(messages.PERIOD_BACKWARDS, "period_backwards")


def _set_skills(mission: Mission, data: dict[str, Any]) -> None:
    MissionSkill.objects.filter(mission=mission).delete()
    MissionSkill.objects.bulk_create(
        [MissionSkill(mission=mission, skill=s, required=True) for s in data["required_skills"]]
        + [MissionSkill(mission=mission, skill=s, required=False) for s in data["welcome_skills"]]
    )


def mission_create(
    *, actor: Any, owner: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Mission:
    """Draft a mission of ``owner`` (a Project or an Organization) hosted by ``actor``'s side."""
    require("missions.add_mission", actor, owner)
    _check(owner, data, None)
    from kyoso.projects.models import Project

    with transaction.atomic():
        mission = Mission.objects.create(
            project=owner if isinstance(owner, Project) else None,
            organization=None if isinstance(owner, Project) else owner,
            created_by=actor,
            **{field: data[field] for field in EDITABLE_FIELDS},
        )
        _set_skills(mission, data)
        audit_record(actor=actor, action=audit.CREATED, target=mission, data={}, request=request)
    return mission


def mission_update(
    *, actor: Any, mission: Mission, data: dict[str, Any], request: HttpRequest | None = None
) -> Mission:
    require("missions.change_mission", actor, mission)
    _check(mission.owner, data, mission)
    if mission.status == MissionStatus.PUBLISHED:
        # A published mission stays complete enough for the candidates reading it.
        after = SimpleNamespace(
            **{f: data[f] for f in EDITABLE_FIELDS},
            host_id=getattr(data["host"], "pk", None),
        )
        result = completeness.score(after, [*data["required_skills"], *data["welcome_skills"]])
        if not result.publishable:
            raise MissionError(_incomplete(result), "incomplete")
    with transaction.atomic():
        changed = [f for f in EDITABLE_FIELDS if getattr(mission, f) != data[f]]
        for field in EDITABLE_FIELDS:
            setattr(mission, field, data[field])
        mission.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
        _set_skills(mission, data)
        audit_record(
            actor=actor,
            action=audit.UPDATED,
            target=mission,
            data={"fields": changed},
            request=request,
        )
        reindex_on_commit(mission.pk)
    return mission


def skills_of(mission: Mission) -> list[str]:
    prefetched = getattr(mission, "_prefetched_objects_cache", {}).get("skills")
    if prefetched is not None:
        return [s.skill for s in prefetched]
    return list(MissionSkill.objects.filter(mission=mission).values_list("skill", flat=True))


def completeness_of(mission: Mission) -> completeness.Completeness:
    return completeness.score(mission, skills_of(mission))


def _incomplete(result: completeness.Completeness) -> str:
    return messages.PUBLISH_INCOMPLETE % {
        "score": result.score,
        "threshold": result.threshold,
        "missing": result.missing_text(),
    }


def mission_publish(
    *, actor: Any, mission: Mission, request: HttpRequest | None = None, today: date | None = None
) -> Mission:
    """Publish a draft that scores at least the threshold (refused listing what is missing)."""
    require("missions.publish_mission", actor, mission)
    today = today or timezone.localdate()
    result = completeness_of(mission)
    if not result.publishable:
        raise MissionError(_incomplete(result), "incomplete")
    if mission.deadline is not None and mission.deadline < today:
        raise MissionError(
            messages.DEADLINE_PASSED
            % {"deadline": formats.date_format(mission.deadline, "DATE_FORMAT")},
            "deadline_passed",
        )
    now = timezone.now()
    with transaction.atomic():
        rows = Mission.objects.filter(pk=mission.pk, status=MissionStatus.DRAFT).update(
            status=MissionStatus.PUBLISHED, published_at=now, updated_at=now
        )
        if rows != 1:
            raise MissionError(messages.NOT_A_DRAFT, "not_a_draft")
        mission.status, mission.published_at = MissionStatus.PUBLISHED, now
        audit_record(
            actor=actor,
            action=audit.PUBLISHED,
            target=mission,
            data={"score": result.score},
            request=request,
        )
        reindex_on_commit(mission.pk)
    return mission


def mission_close(*, actor: Any, mission: Mission, request: HttpRequest | None = None) -> Mission:
    """Stop taking applications (the host, or the secretariat moderating)."""
    require("missions.close_mission", actor, mission)
    with transaction.atomic():
        rows = Mission.objects.filter(pk=mission.pk, status=MissionStatus.PUBLISHED).update(
            status=MissionStatus.CLOSED, closed_reason=ClosedReason.HOST
        )
        if rows != 1:
            raise MissionError(messages.ALREADY_CLOSED, "closed")
        mission.status, mission.closed_reason = MissionStatus.CLOSED, ClosedReason.HOST
        audit_record(actor=actor, action=audit.CLOSED, target=mission, data={}, request=request)
        reindex_on_commit(mission.pk)
    return mission


def questions_set(
    *, actor: Any, mission: Mission, texts: list[str], request: HttpRequest | None = None
) -> list[MissionQuestion]:
    """Replace the questions (blank ones dropped; at most five, none once someone applied)."""
    require("missions.change_questions", actor, mission)
    texts = [t.strip() for t in texts if t and t.strip()]
    if len(texts) > QUESTIONS_MAX:
        raise MissionError(messages.QUESTIONS_TOO_MANY % {"max": QUESTIONS_MAX}, "too_many")
    if any(len(t) > QUESTION_MAX for t in texts):
        raise MissionError(messages.QUESTION_TOO_LONG % {"max": QUESTION_MAX}, "too_long")
    with transaction.atomic():
        if Application.objects.filter(mission=mission).exists():
            raise MissionError(messages.QUESTIONS_LOCKED, "locked")
        MissionQuestion.objects.filter(mission=mission).delete()
        questions = MissionQuestion.objects.bulk_create(
            [
                MissionQuestion(mission=mission, position=i, text=text)
                for i, text in enumerate(texts, start=1)
            ]
        )
        audit_record(
            actor=actor,
            action=audit.QUESTIONS_CHANGED,
            target=mission,
            data={"count": len(questions)},
            request=request,
        )
    return questions


def is_past_deadline(mission: Mission, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return mission.deadline is not None and mission.deadline < today


def close_if_past_deadline(mission: Mission, today: date | None = None) -> bool:
    """The deadline check on read: a published mission past its deadline (in Japan's calendar;
    the deadline day itself still takes applications) is closed now, by a conditional UPDATE
    (no query at all when it is not due)."""
    if mission.status != MissionStatus.PUBLISHED or not is_past_deadline(mission, today):
        return False
    Mission.objects.filter(pk=mission.pk, status=MissionStatus.PUBLISHED).update(
        status=MissionStatus.CLOSED, closed_reason=ClosedReason.DEADLINE
    )
    mission.status, mission.closed_reason = MissionStatus.CLOSED, ClosedReason.DEADLINE
    reindex_on_commit(mission.pk)
    return True


def close_expired(today: date | None = None) -> int:
    """Close every published mission past its deadline (``close_missions``); returns how many."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(
            Mission.objects.filter(status=MissionStatus.PUBLISHED, deadline__lt=today).values_list(
                "pk", flat=True
            )
        )
        closed = Mission.objects.filter(pk__in=due, status=MissionStatus.PUBLISHED).update(
            status=MissionStatus.CLOSED, closed_reason=ClosedReason.DEADLINE
        )
        for pk in due:
            reindex_on_commit(pk)
    return closed
