"""Applying to a mission, moving an application through its states, and messages on it.

Which side may make which move (``TRANSITIONS``)::

    applied ──host──▶ in_conversation ──host──▶ offered ──candidate──▶ accepted
       │  └──host──────────────────────────────▶ offered      └─candidate─▶ declined
       ├──host──▶ declined      in_conversation ──host──▶ declined
       └──candidate──▶ withdrawn (also from in_conversation and offered)

Every move is a conditional ``UPDATE … WHERE status = <from>`` (two clicks move once) and an
append-only :class:`~kyoso.missions.models.ApplicationStatusChange`. Accepting adds one to the
mission's ``accepted_count`` with ``UPDATE … WHERE accepted_count < places``: when no row
changes the mission is full and the whole acceptance is rolled back, so concurrent clicks never
accept more people than places wanted (the CHECK ``accepted_count <= places`` is the last line).
The place that fills the mission closes it; for a project's mission the person joins the project
(``kyoso.projects.services.membership.member_add``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone

from kyoso.audit.services import audit_record
from kyoso.missions import audit, messages
from kyoso.missions.models import (
    ANSWER_MAX,
    MESSAGE_MAX,
    MOTIVATION_MAX,
    REASON_MAX,
    Application,
    ApplicationAnswer,
    ApplicationMessage,
    ApplicationStatus,
    ApplicationStatusChange,
    ClosedReason,
    Mission,
    MissionStatus,
)
from kyoso.missions.rules import is_host_of
from kyoso.missions.services.common import MissionError, host_ids, notify, require
from kyoso.missions.services.missions import close_if_past_deadline

HOST = "host"
CANDIDATE = "candidate"

S = ApplicationStatus
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.APPLIED, S.IN_CONVERSATION): HOST,
    (S.APPLIED, S.OFFERED): HOST,
    (S.APPLIED, S.DECLINED): HOST,
    (S.IN_CONVERSATION, S.OFFERED): HOST,
    (S.IN_CONVERSATION, S.DECLINED): HOST,
    (S.OFFERED, S.ACCEPTED): CANDIDATE,
    (S.OFFERED, S.DECLINED): CANDIDATE,
    (S.APPLIED, S.WITHDRAWN): CANDIDATE,
    (S.IN_CONVERSATION, S.WITHDRAWN): CANDIDATE,
    (S.OFFERED, S.WITHDRAWN): CANDIDATE,
}


def moves_for(application: Application, side: str | None) -> list[str]:
    """The states ``side`` may move the application to now (for the buttons and the API)."""
    return [
        to for (frm, to), who in TRANSITIONS.items() if frm == application.status and who == side
    ]


def side_of(actor: Any, application: Application) -> str | None:
    if actor.is_authenticated and application.applicant_id == actor.pk:
        return CANDIDATE
    if is_host_of(actor, application.mission):
        return HOST
    return None


def _too_long(limit: int, text: str) -> MissionError:
    return MissionError(
        messages.TEXT_TOO_LONG % {"limit_value": limit, "show_value": len(text)}, "too_long"
    )


def refusal_to_apply(
    actor: Any, mission: Mission, today: date | None = None
) -> MissionError | None:
    """Why ``actor`` may not apply now, or None (also read by the apply page)."""
    if is_host_of(actor, mission):
        return MissionError(messages.OWN_MISSION, "own_mission")
    close_if_past_deadline(mission, today)
    if mission.status == MissionStatus.CLOSED and mission.closed_reason == ClosedReason.DEADLINE:
        deadline = formats.date_format(mission.deadline, "DATE_FORMAT") if mission.deadline else ""
        return MissionError(messages.DEADLINE_PASSED % {"deadline": deadline}, "deadline_passed")
    if mission.accepted_count >= mission.places or mission.closed_reason == ClosedReason.FILLED:
        return MissionError(messages.MISSION_FULL, "mission_full")
    if mission.status != MissionStatus.PUBLISHED:
        return MissionError(messages.MISSION_NOT_OPEN, "not_open")
    if Application.objects.filter(mission=mission, applicant_id=actor.pk).exists():
        return MissionError(messages.ALREADY_APPLIED, "already_applied")
    return None


def application_submit(
    *,
    actor: Any,
    mission: Mission,
    motivation: str,
    answers: dict[int, str],
    request: HttpRequest | None = None,
    today: date | None = None,
) -> Application:
    """Apply with a motivation and an answer to each of the mission's questions (by id)."""
    require("missions.apply_mission", actor, mission)
    refusal = refusal_to_apply(actor, mission, today)
    if refusal is not None:
        raise refusal
    motivation = (motivation or "").strip()
    if not motivation:
        raise MissionError(messages.MOTIVATION_REQUIRED, "motivation_required")
    if len(motivation) > MOTIVATION_MAX:
        raise _too_long(MOTIVATION_MAX, motivation)
    questions = list(mission.questions.all())
    texts = {}
    for question in questions:
        text = (answers.get(question.pk) or "").strip()
        if not text:
            raise MissionError(messages.ANSWER_REQUIRED, "answer_required")
        if len(text) > ANSWER_MAX:
            raise _too_long(ANSWER_MAX, text)
        texts[question.pk] = text
    try:
        with transaction.atomic():
            application = Application.objects.create(
                mission=mission, applicant=actor, motivation=motivation
            )
            ApplicationAnswer.objects.bulk_create(
                [
                    ApplicationAnswer(
                        application=application,
                        question=q,
                        question_text=q.text,
                        position=q.position,
                        text=texts[q.pk],
                    )
                    for q in questions
                ]
            )
            ApplicationStatusChange.objects.create(
                application=application, from_status="", to_status=S.APPLIED, actor=actor
            )
            audit_record(
                actor=actor,
                action=audit.APPLIED,
                target=mission,
                data={"application": application.pk},
                request=request,
            )
            notify(
                recipients=host_ids(mission),
                kind="missions.application",
                actor=actor,
                mission=mission,
                text=str(messages.NOTIFY_NEW_APPLICATION % {"title": mission.title}),
                url=application_url(application),
            )
    except IntegrityError:
        # The same person's other click got there first (one application per mission).
        if Application.objects.filter(mission=mission, applicant_id=actor.pk).exists():
            raise MissionError(messages.ALREADY_APPLIED, "already_applied") from None
        raise
    return application


def application_url(application: Application) -> str:
    return reverse("missions:application", args=[application.pk])


def application_move(
    *,
    actor: Any,
    application: Application,
    to_status: str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Application:
    """Move the application to ``to_status`` if ``actor``'s side may (see TRANSITIONS)."""
    require("missions.move_application", actor, application)
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise _too_long(REASON_MAX, reason)
    side = side_of(actor, application)
    from_status = application.status
    if side is None or TRANSITIONS.get((from_status, to_status)) != side:
        raise _not_allowed(application)
    mission = application.mission
    with transaction.atomic():
        moved = Application.objects.filter(pk=application.pk, status=from_status).update(
            status=to_status, updated_at=timezone.now()
        )
        if moved != 1:
            application.refresh_from_db(fields=["status"])
            raise _not_allowed(application)
        if to_status == S.ACCEPTED:
            _take_a_place(actor=actor, mission=mission, request=request)
        application.status = to_status
        ApplicationStatusChange.objects.create(
            application=application,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason,
        )
        audit_record(
            actor=actor,
            action=audit.APPLICATION_MOVED,
            target=mission,
            data={"application": application.pk, "from": from_status, "to": to_status},
            request=request,
        )
        label = str(S(to_status).label)
        if side == HOST:
            recipients = [application.applicant_id]
            text = messages.NOTIFY_STATUS % {"title": mission.title, "status": label}
        else:
            recipients = host_ids(mission)
            text = messages.NOTIFY_CANDIDATE_MOVED % {"title": mission.title, "status": label}
        notify(
            recipients=recipients,
            kind="missions.status",
            actor=actor,
            mission=mission,
            text=str(text),
            url=application_url(application),
        )
    return application


def _not_allowed(application: Application) -> MissionError:
    return MissionError(
        messages.STATUS_NOT_ALLOWED % {"status": S(application.status).label}, "not_allowed"
    )


def _take_a_place(*, actor: Any, mission: Mission, request: HttpRequest | None) -> None:
    """One place for the accepting candidate, never beyond ``places``; close when full."""
    taken = Mission.objects.filter(
        pk=mission.pk,
        accepted_count__lt=F("places"),
        status__in=[MissionStatus.PUBLISHED, MissionStatus.CLOSED],
    ).update(accepted_count=F("accepted_count") + 1)
    if taken != 1:
        raise MissionError(messages.MISSION_FULL, "mission_full")
    Mission.objects.filter(
        pk=mission.pk, status=MissionStatus.PUBLISHED, accepted_count__gte=F("places")
    ).update(status=MissionStatus.CLOSED, closed_reason=ClosedReason.FILLED)
    mission.refresh_from_db(fields=["accepted_count", "status", "closed_reason"])
    if mission.status == MissionStatus.CLOSED:
        from kyoso.missions.services.common import reindex_on_commit

        reindex_on_commit(mission.pk)
    if mission.project is not None:
        from kyoso.projects.services.membership import member_add

        member_add(
            actor=actor,
            project=mission.project,
            user=actor,
            via=f"mission:{mission.pk}",
            request=request,
        )


def message_send(
    *, actor: Any, application: Application, body: str, request: HttpRequest | None = None
) -> ApplicationMessage:
    """A message from one side to the other on the application."""
    require("missions.message_application", actor, application)
    body = (body or "").strip()
    if not body:
        raise MissionError(messages.MESSAGE_REQUIRED, "message_required")
    if len(body) > MESSAGE_MAX:
        raise _too_long(MESSAGE_MAX, body)
    mission = application.mission
    with transaction.atomic():
        message = ApplicationMessage.objects.create(
            application=application, author=actor, body=body
        )
        if side_of(actor, application) == CANDIDATE:
            recipients = host_ids(mission)
        else:
            recipients = [application.applicant_id]
        notify(
            recipients=recipients,
            kind="missions.message",
            actor=actor,
            mission=mission,
            text=str(messages.NOTIFY_MESSAGE % {"title": mission.title}),
            url=application_url(application),
        )
    return message
