"""Parallel empathy requests from one person never count twice — with real threads, each on its
own database connection, started together by a barrier.

On PostgreSQL the threads connect to the test database. On SQLite the test database is a shared
in-memory database, whose table locks make concurrent writers fail at once instead of
waiting; so for these tests the committed database is copied into a file (SQLite's backup API)
and every thread opens its own connection to that file, with the same settings as production
(WAL, busy timeout, IMMEDIATE transactions).
"""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.db.utils import load_backend

from kyoso.accounts.tests.factories import UserFactory
from kyoso.issues.models import Empathy, Follow, Issue
from kyoso.issues.services import engagement
from kyoso.issues.tests.factories import IssueFactory

THREADS = 10


@contextmanager
def thread_databases(tmp_path: Path) -> Iterator[Callable[[], None]]:
    """Yield a function each worker thread calls first to open its own connection."""
    if connection.vendor != "sqlite":

        def use_default() -> None:
            return None

        yield use_default
        return
    copy_path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy_path)
    connection.connection.backup(target)
    target.close()
    file_settings = copy.deepcopy(connections.settings["default"])
    file_settings["NAME"] = str(copy_path)
    backend = load_backend(file_settings["ENGINE"])

    def use_file() -> None:
        connections["default"] = backend.DatabaseWrapper(copy.deepcopy(file_settings), "default")

    yield use_file


def in_parallel(open_connection: Callable[[], None], jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run ``jobs`` at the same moment, one thread and one connection each."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []

    def work(index: int, job: Callable[[], Any]) -> None:
        open_connection()
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def read(open_connection: Callable[[], None], query: Callable[[], Any]) -> Any:
    """Run ``query`` on a thread connection (the copy, on SQLite)."""
    return in_parallel(open_connection, [query])[0]


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
