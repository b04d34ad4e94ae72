"""Parallel empathy requests from one person never count twice — with real threads, each on its
own database connection, started together by a barrier.

The thread and connection helpers live in :mod:`kyoso.core.concurrency_testing` (they explain
how SQLite gets a file database for this).
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.issues.models import Empathy, Follow, Issue
from kyoso.issues.services import engagement
from kyoso.issues.tests.factories import IssueFactory

THREADS = 10


def _state(issue: Issue) -> tuple[int, int]:
    return (
        Empathy.objects.filter(issue_id=issue.pk).count(),
        Issue.objects.get(pk=issue.pk).empathy_count,
    )


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_requests_from_one_person_count_once(tmp_path):
    person = UserFactory()
    issue = IssueFactory()

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(
            open_connection,
            [
                lambda: engagement.empathy_toggle(actor=person, issue=issue, on=True)
                for _ in range(THREADS)
            ],
        )
        rows, counter = read(open_connection, lambda: _state(issue))

    assert answers == [True] * THREADS
    assert (rows, counter) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_take_backs_leave_zero(tmp_path):
    person = UserFactory()
    issue = IssueFactory()
    engagement.empathy_toggle(actor=person, issue=issue, on=True)

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(
            open_connection,
            [
                lambda: engagement.empathy_toggle(actor=person, issue=issue, on=False)
                for _ in range(THREADS)
            ],
        )
        rows, counter = read(open_connection, lambda: _state(issue))

    assert answers == [False] * THREADS
    assert (rows, counter) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_ten_people_at_once_count_ten(tmp_path):
    people = UserFactory.create_batch(THREADS)
    issue = IssueFactory()

    with thread_databases(tmp_path) as open_connection:
        in_parallel(
            open_connection,
            [
                (
                    lambda person=person: engagement.empathy_toggle(
                        actor=person, issue=issue, on=True
                    )
                )
                for person in people
            ],
        )
        rows, counter = read(open_connection, lambda: _state(issue))

    assert (rows, counter) == (THREADS, THREADS)


@pytest.mark.django_db(transaction=True)
def test_parallel_follows_from_one_person_count_once(tmp_path):
    person = UserFactory()
    issue = IssueFactory()

    with thread_databases(tmp_path) as open_connection:
        in_parallel(
            open_connection,
            [
                lambda: engagement.follow_toggle(actor=person, issue=issue, on=True)
                for _ in range(THREADS)
            ],
        )
        rows, counter = read(
            open_connection,
            lambda: (
                Follow.objects.filter(issue_id=issue.pk).count(),
                Issue.objects.get(pk=issue.pk).follower_count,
            ),
        )

    assert (rows, counter) == (1, 1)
