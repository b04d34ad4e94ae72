"""A person's survey data: the download lists what they answered by name only; erasure keeps
the shares (the answers stay, without the person)."""

from __future__ import annotations

import pytest

from kyoso.kpi import personal_data, services
from kyoso.kpi.models import Answer, Response, SurveyParticipation
from kyoso.kpi.tests.conftest import make_survey

pytestmark = pytest.mark.django_db


def _answer(survey, person, choice):
    question = survey.questions.order_by("order").first()
    services.survey_answer(actor=person, survey=survey, answers={question.pk: choice})


def test_anonymous_answers_are_not_in_the_download(survey, suzuki):
    _answer(survey, suzuki, 4)
    data = personal_data.export(suzuki)
    assert data == {"surveys_answered": ["well-beingアンケート"], "named_answers": []}


def test_named_answers_are_downloaded_and_erasure_keeps_them_without_the_person(
    sato, community, members, suzuki
):
    survey = make_survey(sato, community, anonymous=False)
    services.survey_open(actor=sato, survey=survey)
    _answer(survey, suzuki, 4)
    data = personal_data.export(suzuki)
    assert data["named_answers"][0]["choice"] == "とても良くなった"
    personal_data.erase(suzuki)
    assert Response.objects.get().respondent is None
    assert Answer.objects.count() == 1
    assert not SurveyParticipation.objects.filter(user=suzuki).exists()
