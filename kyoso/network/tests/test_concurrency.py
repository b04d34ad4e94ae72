"""Concurrent requests never give an advisor more than their monthly limit and never let a
person ask for more than 20 introductions a day — real threads, each on its own database
connection (kyoso.core.concurrency_testing), on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.network.models import (
    AdviceRequest,
    AdviceStatus,
    Advisor,
    AdvisorMonth,
    Introduction,
    RequestKind,
)
from kyoso.network.services.advice import advice_request_create
from kyoso.network.services.common import NetworkError
from kyoso.network.services.introductions import DAILY_LIMIT, introduction_request

THREADS = 6
LIMIT = 2


def _attempt(job):
    def run():
        try:
            job()
        except NetworkError as error:
            return error.code
        return "done"

    return run


@pytest.mark.django_db(transaction=True)
def test_an_advisor_never_gets_more_than_their_monthly_limit_at_once(tmp_path):
    advisor = Advisor.objects.create(
        user=UserFactory(), expertise="事業計画", kinds=[RequestKind.ADVICE], monthly_limit=LIMIT
    )
    askers = [UserFactory() for _ in range(THREADS)]

    def ask(person):
        def job():
            chosen = Advisor.objects.get(pk=advisor.pk)
            advice_request_create(
                actor=person, kind=RequestKind.ADVICE, subject="相談", body="本文", advisor=chosen
            )

        return job

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(ask(p)) for p in askers])
        state = read(
            open_connection,
            lambda: (
                AdvisorMonth.objects.get(advisor_id=advisor.pk).count,
                AdviceRequest.objects.filter(
                    advisor_id=advisor.pk, status=AdviceStatus.ASSIGNED
                ).count(),
                AdviceRequest.objects.count(),
            ),
        )

    assert sorted(answers) == ["advisor_full"] * (THREADS - LIMIT) + ["done"] * LIMIT
    assert state == (LIMIT, LIMIT, LIMIT)


@pytest.mark.django_db(transaction=True)
def test_the_daily_limit_holds_when_requests_arrive_at_once(tmp_path):
    asker = UserFactory()
    now = timezone.now()
    for person in UserFactory.create_batch(DAILY_LIMIT - 1):
        Introduction.objects.create(
            requester=asker, to_user=person, reason="相談", requester_accepted_at=now
        )
    targets = [UserFactory() for _ in range(4)]

    def ask(person):
        return lambda: introduction_request(actor=asker, to_user=person, reason="相談したい")

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(ask(p)) for p in targets])
        made = read(open_connection, lambda: Introduction.objects.filter(requester=asker).count())

    assert sorted(answers) == ["daily_limit"] * 3 + ["done"]
    assert made == DAILY_LIMIT
