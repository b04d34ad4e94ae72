"""Surveys: sent to a community, answered once and anonymously, refused after the close, never
broken down under five answers, feeding the well-being indicator (seed 001 KPI ②)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kyoso.core.fiscal import fiscal_year
from kyoso.kpi import messages, selectors, selectors_surveys, services
from kyoso.kpi.models import Answer, Response, Survey, SurveyParticipation
from kyoso.kpi.tests.conftest import make_survey
from kyoso.kpi.validation import KpiError
from kyoso.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _answer(survey, person, choice, text=""):
    question, free = list(survey.questions.order_by("order"))
    return services.survey_answer(
        actor=person, survey=survey, answers={question.pk: str(choice), free.pk: text}
    )


def test_sending_notifies_the_communitys_members_only(survey, members, takahashi):
    notified = set(
        Notification.objects.filter(kind="kpi.survey_opened").values_list("recipient_id", flat=True)
    )
    assert notified == {m.pk for m in members}
    assert takahashi.pk not in notified


def test_an_anonymous_answer_carries_no_person(survey, suzuki):
    response = _answer(survey, suzuki, 4, "仲間ができた")
    assert response.respondent is None
    assert SurveyParticipation.objects.filter(survey=survey, user=suzuki).exists()
    assert Answer.objects.filter(response=response).count() == 2


def test_answering_twice_is_refused(survey, suzuki):
    _answer(survey, suzuki, 4)
    with pytest.raises(KpiError) as refused:
        _answer(survey, suzuki, 0)
    assert refused.value.message == messages.SURVEY_ALREADY_ANSWERED
    assert Response.objects.filter(survey=survey).count() == 1


def test_answering_after_the_close_is_refused_with_when_it_closed(survey, suzuki, sato):
    services.survey_close(actor=sato, survey=survey)
    survey.refresh_from_db()
    with pytest.raises(KpiError) as refused:
        _answer(survey, suzuki, 4)
    assert str(refused.value.message).startswith("このアンケートは")
    assert "締め切られました。回答は受け付けていません。" in str(refused.value.message)
    assert not Response.objects.exists()


def test_answering_past_the_closing_time_is_refused_before_the_job_closes_it(survey, suzuki):
    later = survey.closes_at + timedelta(minutes=1)
    question, _free = list(survey.questions.order_by("order"))
    with pytest.raises(KpiError):
        services.survey_answer(actor=suzuki, survey=survey, answers={question.pk: "4"}, now=later)
    assert not Response.objects.exists()


def test_someone_outside_the_community_may_not_answer(survey, takahashi):
    with pytest.raises(KpiError) as refused:
        _answer(survey, takahashi, 4)
    assert refused.value.message == messages.SURVEY_NOT_FOR_YOU % {"community": "サンロクIT女子"}


def test_a_required_question_left_blank_is_refused(survey, suzuki):
    free = survey.questions.order_by("order").last()
    with pytest.raises(KpiError) as refused:
        services.survey_answer(actor=suzuki, survey=survey, answers={free.pk: "x"})
    assert refused.value.message == messages.ANSWER_REQUIRED
    assert not Response.objects.exists()


def test_no_breakdown_under_five_answers(survey, members):
    for person in members[:4]:
        _answer(survey, person, 4, f"{person.display_name}の感想")
    results = selectors_surveys.survey_results(survey)
    assert results.responses == 4 and results.shown is False
    assert all(q.choices == [] and q.texts == [] for q in results.questions)
    _answer(survey, members[4], 2)
    results = selectors_surveys.survey_results(survey)
    assert results.shown is True
    likert = results.questions[0]
    assert [c.count for c in likert.choices] == [0, 0, 1, 0, 4]
    assert likert.positive_share == 80.0
    # four free texts: still under five, so none is shown
    assert results.questions[1].shown is False and results.questions[1].texts == []


def test_closing_feeds_the_wellbeing_indicator_only_from_five_answers(
    sato, community, members, wellbeing
):
    small = make_survey(sato, community, wellbeing)
    services.survey_open(actor=sato, survey=small)
    for person in members[:3]:
        _answer(small, person, 4)
    services.survey_close(actor=sato, survey=small)
    assert selectors.indicator_table()[0].latest is None  # 3 answers: no share stored

    survey = make_survey(sato, community, wellbeing)
    services.survey_open(actor=sato, survey=survey)
    for person, choice in zip(members, [4, 3, 3, 2, 1, 4, 0], strict=True):
        _answer(survey, person, choice)
    services.survey_close(actor=sato, survey=survey)
    row = selectors.indicator_table()[0]
    year = row.year(fiscal_year(timezone.now()))
    # the small survey closed in the same year: 3 + 7 answers, 3 + 4 improved = 70%
    assert year is not None
    assert year.actual_row is not None and year.actual_row.answers == 10
    assert year.actual_level == Decimal("70.00")
    assert year.actual_cumulative == Decimal("46.00")


def test_a_survey_without_questions_cannot_be_sent_and_a_sent_one_cannot_change(sato, community):
    survey = services.survey_create(
        actor=sato, title="空", closes_at=timezone.now() + timedelta(days=1), community=community
    )
    with pytest.raises(KpiError) as refused:
        services.survey_open(actor=sato, survey=survey)
    assert refused.value.message == messages.SURVEY_NO_QUESTIONS
    services.question_add(actor=sato, survey=survey, kind="choice", text="Q", choices=["A", "B"])
    services.survey_open(actor=sato, survey=survey)
    with pytest.raises(KpiError) as refused:
        services.question_add(actor=sato, survey=survey, kind="text", text="後から")
    assert refused.value.message == messages.SURVEY_NOT_DRAFT


def test_the_scheduled_refresh_closes_due_surveys(survey, members):
    for person in members[:5]:
        _answer(survey, person, 4)
    assert services.surveys_close_due(now=survey.closes_at + timedelta(seconds=1)) == 1
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    assert survey.closed_at == survey.closes_at
