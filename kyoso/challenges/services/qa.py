"""Public questions about a challenge and the poster's answers.

Every proposer reads the same answers (fairness): questions and answers are shown on the
challenge's page to everyone who may see it, and the asker's name never is (not to the poster
either: the page and the API have no field for it). An answer notifies everyone who follows
the challenge. Questions are taken until ``questions_until`` (that day included, in Japan's
calendar).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.challenges import audit, messages
from kyoso.challenges.models import ANSWER_MAX, QUESTION_MAX, Challenge, Follow, Question
from kyoso.challenges.services.common import (
    ChallengeError,
    manager_ids,
    notify,
    require,
    too_long,
)


def questions_open(challenge: Challenge, today: date | None = None) -> bool:
    return challenge.questions_until >= (today or timezone.localdate())


def question_ask(
    *,
    actor: Any,
    challenge: Challenge,
    text: str,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> Question:
    require("challenges.ask_question", actor, challenge)
    if not questions_open(challenge, today):
        raise ChallengeError(
            messages.QUESTIONS_CLOSED % {"date": challenge.questions_until.isoformat()},
            "questions_closed",
        )
    text = (text or "").strip()
    if not text:
        raise ChallengeError(messages.QUESTION_REQUIRED, "question_required")
    if len(text) > QUESTION_MAX:
        raise too_long(QUESTION_MAX, text)
    with transaction.atomic():
        question = Question.objects.create(challenge=challenge, asker=actor, text=text)
        Follow.objects.get_or_create(challenge=challenge, user=actor)
        audit_record(
            actor=actor,
            action=audit.QUESTION_ASKED,
            target=challenge,
            data={"question": question.pk},
            request=request,
        )
        notify(
            recipients=manager_ids(challenge.organization_id),
            kind="challenges.question",
            actor=None,  # the asker stays anonymous, in notifications too
            target=challenge,
            text=str(messages.NOTIFY_QUESTION % {"title": challenge.title}),
            url=reverse("challenges:detail", args=[challenge.pk]) + "#qa",
        )
    return question


def question_answer(
    *,
    actor: Any,
    question: Question,
    answer: str,
    request: HttpRequest | None = None,
) -> Question:
    """Answer (or correct an answer); everyone following the challenge is told."""
    challenge = question.challenge
    require("challenges.answer_question", actor, challenge)
    answer = (answer or "").strip()
    if not answer:
        raise ChallengeError(messages.ANSWER_REQUIRED, "answer_required")
    if len(answer) > ANSWER_MAX:
        raise too_long(ANSWER_MAX, answer)
    with transaction.atomic():
        question.answer = answer
        question.answered_by = actor
        question.answered_at = timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at"])
        audit_record(
            actor=actor,
            action=audit.QUESTION_ANSWERED,
            target=challenge,
            data={"question": question.pk},
            request=request,
        )
        followers = Follow.objects.filter(challenge=challenge).values_list("user_id", flat=True)
        notify(
            recipients=list(followers),
            kind="challenges.answer",
            actor=actor,
            target=challenge,
            text=str(messages.NOTIFY_ANSWER % {"title": challenge.title}),
            url=reverse("challenges:detail", args=[challenge.pk]) + f"#q{question.pk}",
        )
    return question
