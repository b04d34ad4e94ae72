"""Concurrent clicks never accept more people than places wanted, never apply twice — real
threads, each on its own database connection (kyoso.core.concurrency_testing)."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.missions.models import Application, ApplicationStatusChange, Mission
from kyoso.missions.services import applications
from kyoso.missions.services.common import MissionError
from kyoso.missions.tests.factories import apply, make_project, published
from kyoso.projects.models import Membership

THREADS = 6
PLACES = 2


def _attempt(job):
    def run():
        try:
            job()
        except MissionError as error:
            return error.code
        return "done"

    return run


@pytest.mark.django_db(transaction=True)
def test_offered_candidates_accepting_at_once_fill_only_the_places(tmp_path):
    project = make_project()
    mission = published(project=project, places=PLACES)
    candidates = [UserFactory() for _ in range(THREADS)]
    offers = [apply(mission, person, status="offered") for person in candidates]

    def accept(person, application):
        def job():
            row = Application.objects.select_related("mission__project").get(pk=application.pk)
            applications.application_move(actor=person, application=row, to_status="accepted")

        return job

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(
            open_connection,
            [_attempt(accept(p, a)) for p, a in zip(candidates, offers, strict=True)],
        )
        state = read(
            open_connection,
            lambda: (
                Mission.objects.values_list("accepted_count", "status", "closed_reason").get(
                    pk=mission.pk
                ),
                Application.objects.filter(mission_id=mission.pk, status="accepted").count(),
                ApplicationStatusChange.objects.filter(to_status="accepted").count(),
                Membership.objects.filter(project_id=project.pk, role="member").count(),
            ),
        )

    assert sorted(answers) == ["done"] * PLACES + ["mission_full"] * (THREADS - PLACES)
    assert state == ((PLACES, "closed", "filled"), PLACES, PLACES, PLACES)


@pytest.mark.django_db(transaction=True)
def test_one_person_applying_in_parallel_applies_once(tmp_path):
    mission = published(project=make_project())
    person = UserFactory()

    def submit():
        return applications.application_submit(
            actor=person,
            mission=Mission.objects.select_related("project").get(pk=mission.pk),
            motivation="やりたい",
            answers={},
        )

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [_attempt(submit) for _ in range(4)])
        rows = read(open_connection, lambda: Application.objects.count())

    assert answers.count("done") == 1
    assert set(answers) == {"done", "already_applied"}
    assert rows == 1
