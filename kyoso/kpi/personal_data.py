"""What the KPI app holds about one person: data download and erasure.

Anonymous answers carry no person and are not theirs to download (nobody, staff included, can
tell which they are). Their download lists the surveys they answered and, for surveys that were
not anonymous, their answers. On deletion their named answers become anonymous (the response
keeps its answers so the survey's shares and the KPI actuals do not change) and the record of
which surveys they answered goes.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kyoso.kpi.models import Answer, Response, SurveyParticipation


def export(user: Any) -> dict[str, Any]:
    answered = (
        SurveyParticipation.objects.filter(user_id=user.pk)
        .select_related("survey")
        .order_by("survey_id")
    )
    answers = (
        Answer.objects.filter(response__respondent_id=user.pk)
        .select_related("question", "response__survey")
        .order_by("response_id", "question__order", "id")
    )
    return {
        "surveys_answered": [p.survey.title for p in answered],
        "named_answers": [
            {
                "survey": a.response.survey.title,
                "submitted_on": a.response.submitted_on,
                "question": a.question.text,
                "choice": (
                    a.question.choices[a.choice]
                    if a.choice is not None and a.choice < len(a.question.choices)
                    else None
                ),
                "text": a.text,
            }
            for a in answers
        ],
    }


def erase(user: Any) -> None:
    with transaction.atomic():
        Response.objects.filter(respondent_id=user.pk).update(respondent=None)
        SurveyParticipation.objects.filter(user_id=user.pk).delete()
