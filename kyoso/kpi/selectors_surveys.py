"""Reads of surveys: the list, one survey with its questions, and results that never identify a
respondent.

Results are shown only from :data:`~kyoso.kpi.services.MIN_GROUP` (5) answers up: under that,
neither the share per choice nor the free texts appear (a breakdown of 3 answers tells staff
who said what). Anonymous surveys store no person on a response; the results never name one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from kyoso.kpi.models import Answer, Question, Survey, SurveyParticipation

MIN_GROUP = 5

DEFAULT_LIKERT = [
    _("とても悪くなった"),
    _("やや悪くなった"),
    _("変わらない"),
    _("やや良くなった"),
    _("とても良くなった"),
]


def surveys() -> QuerySet[Survey]:
    return (
        Survey.objects.select_related("community")
        .annotate(answer_count=Count("responses", distinct=True))
        .order_by("-created_at", "-id")
    )


def survey_get(pk: int) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("community").prefetch_related("questions"), pk=pk
    )


def has_answered(survey: Survey, user: Any) -> bool:
    if not (user is not None and user.is_authenticated):
        return False
    return SurveyParticipation.objects.filter(survey=survey, user_id=user.pk).exists()


def open_surveys_for(user: Any) -> list[Survey]:
    """Open surveys the person may still answer (for the dashboard block)."""
    from kyoso.kpi.services import may_answer

    if not (user is not None and user.is_authenticated):
        return []
    rows = (
        Survey.objects.filter(status=Survey.Status.OPEN)
        .exclude(participations__user_id=user.pk)
        .select_related("community")
        .order_by("closes_at", "id")
    )
    return [s for s in rows if may_answer(s, user)]


@dataclass(frozen=True)
class ChoiceCount:
    label: str
    count: int
    share: float
    counted: bool


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int
    #: Empty when fewer than MIN_GROUP answered.
    choices: list[ChoiceCount]
    #: Free texts (TEXT), in a fixed order unrelated to who wrote them; empty under MIN_GROUP.
    texts: list[str]
    shown: bool
    #: The share (%) of answers the indicator counts, when it feeds one and is shown.
    positive_share: float | None


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    responses: int
    shown: bool
    questions: list[QuestionResult]


def survey_results(survey: Survey) -> SurveyResults:
    """Counts per choice and free texts, or nothing under MIN_GROUP responses (3 queries)."""
    responses = survey.responses.count()
    questions = list(survey.questions.select_related("indicator").order_by("order", "id"))
    shown = responses >= MIN_GROUP
    counts: dict[tuple[int, int | None], int] = {}
    texts: dict[int, list[str]] = {}
    if shown:
        for row in (
            Answer.objects.filter(question__survey=survey, choice__isnull=False)
            .values("question_id", "choice")
            .annotate(n=Count("id"))
            .order_by()
        ):
            counts[(row["question_id"], row["choice"])] = row["n"]
        for question_id, text in (
            Answer.objects.filter(question__survey=survey, question__kind=Question.Kind.TEXT)
            .exclude(text="")
            .order_by("text")
            .values_list("question_id", "text")
        ):
            texts.setdefault(question_id, []).append(text)
    results = []
    for question in questions:
        per_choice = [counts.get((question.pk, i), 0) for i in range(len(question.choices))]
        answered = (
            sum(per_choice)
            if question.kind != Question.Kind.TEXT
            else len(texts.get(question.pk, []))
        )
        q_shown = shown and (answered >= MIN_GROUP)
        choices = (
            [
                ChoiceCount(
                    label=label,
                    count=n,
                    share=round(100 * n / answered, 1) if answered else 0.0,
                    counted=i in (question.positive or []),
                )
                for i, (label, n) in enumerate(zip(question.choices, per_choice, strict=True))
            ]
            if q_shown
            else []
        )
        positive = sum(c.count for c in choices if c.counted)
        results.append(
            QuestionResult(
                question=question,
                answered=answered if q_shown else 0,
                choices=choices,
                texts=texts.get(question.pk, []) if q_shown else [],
                shown=q_shown,
                positive_share=(
                    round(100 * positive / answered, 1)
                    if q_shown and question.indicator_id and answered
                    else None
                ),
            )
        )
    return SurveyResults(survey=survey, responses=responses, shown=shown, questions=results)
