"""Real concurrency: one person pressing 回答を送る in two tabs at once stores one response;
answers racing the close are either stored before it or refused, never half-written."""

from __future__ import annotations

import pytest

from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.kpi import messages, services
from kyoso.kpi.models import Answer, Response, Survey, SurveyParticipation
from kyoso.kpi.validation import KpiError


def _answer(person, survey):
    def job():
        question = survey.questions.order_by("order").first()
        try:
            services.survey_answer(actor=person, survey=survey, answers={question.pk: "4"})
        except KpiError as error:
            return str(error.message)
        return "answered"

    return job


@pytest.mark.django_db(transaction=True)
def test_answering_twice_at_once_stores_one_response(tmp_path, survey, suzuki):
    with thread_databases(tmp_path) as open_connection:
        results = in_parallel(open_connection, [_answer(suzuki, survey) for _ in range(4)])
        counts = read(open_connection, lambda: (Response.objects.count(), Answer.objects.count()))
    assert sorted(results) == sorted(["answered"] + [str(messages.SURVEY_ALREADY_ANSWERED)] * 3)
    assert counts == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_answers_racing_the_close_are_stored_whole_or_refused(tmp_path, survey, members, sato):
    def close():
        services.survey_close(actor=sato, survey=survey)
        return "closed"

    jobs = [_answer(person, survey) for person in members[:5]] + [close]
    with thread_databases(tmp_path) as open_connection:
        results = in_parallel(open_connection, jobs)
        state = read(
            open_connection,
            lambda: (
                Response.objects.count(),
                Answer.objects.count(),
                SurveyParticipation.objects.count(),
                Survey.objects.get().status,
            ),
        )
    answered = results.count("answered")
    assert "closed" in results
    assert all(r in ("answered", "closed") or "締め切られました" in r for r in results)
    assert state == (answered, answered, answered, "closed")
