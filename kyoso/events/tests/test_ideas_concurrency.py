"""Team sizes under parallel joins — real threads, one database connection each, started
together: ``Pitch.team_size`` always equals the number of members, and a person ends up in one
team whatever they click at once."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases
from kyoso.events.models import IdeaRound, Pitch, RegistrationStatus, TeamMember
from kyoso.events.services import ideas
from kyoso.events.services.refusals import Refused
from kyoso.events.tests.after_event import idea_event, organizer
from kyoso.events.tests.builders import RegistrationBuilder

THREADS = 8


def _board(people: int) -> tuple:
    event = idea_event(created_by=organizer(), round=IdeaRound.PITCH)
    authors = UserFactory.create_batch(2)
    joiners = UserFactory.create_batch(people)
    for person in authors + joiners:
        RegistrationBuilder(event=event, user=person, status=RegistrationStatus.CONFIRMED)
    pitches = [
        ideas.pitch_create(actor=author, event=event, title=f"アイデア{i}")
        for i, author in enumerate(authors)
    ]
    event.idea_round = IdeaRound.TEAM_UP
    event.save(update_fields=["idea_round"])
    for pitch in pitches:
        pitch.event = event
    return event, pitches, joiners


def _attempt(job):
    def run():
        try:
            job()
        except Refused:
            return False
        return True

    return run


def _sizes(event) -> list[tuple[int, int]]:
    return [
        (pitch.team_size, TeamMember.objects.filter(pitch=pitch).count())
        for pitch in Pitch.objects.filter(event=event).order_by("id")
    ]


@pytest.mark.django_db(transaction=True)
def test_many_people_join_one_team_at_once(tmp_path):
    event, pitches, joiners = _board(THREADS)
    target = pitches[0]
    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(
            open_connection,
            [
                _attempt(lambda person=person: ideas.team_join(actor=person, pitch=target))
                for person in joiners
            ],
        )
        sizes = read(open_connection, lambda: _sizes(event))
    assert answers == [True] * THREADS
    assert sizes == [(THREADS + 1, THREADS + 1), (1, 1)]


@pytest.mark.django_db(transaction=True)
def test_one_person_clicking_join_on_two_teams_at_once_ends_in_one(tmp_path):
    event, pitches, (person,) = _board(1)
    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(
            open_connection,
            [
                _attempt(lambda pitch=pitches[i % 2]: ideas.team_join(actor=person, pitch=pitch))
                for i in range(THREADS)
            ],
        )
        sizes = read(open_connection, lambda: _sizes(event))
        teams = read(
            open_connection,
            lambda: TeamMember.objects.filter(pitch__event=event, user=person).count(),
        )
    assert answers.count(True) == 1
    assert teams == 1
    assert sorted(sizes) == [(1, 1), (2, 2)]


@pytest.mark.django_db(transaction=True)
def test_joins_and_leaves_at_once_keep_the_count(tmp_path):
    event, pitches, joiners = _board(THREADS)
    target = pitches[0]
    leaving = joiners[: THREADS // 2]
    for person in leaving:
        ideas.team_join(actor=person, pitch=target)
    staying = joiners[THREADS // 2 :]
    jobs = [
        _attempt(lambda person=person: ideas.team_leave(actor=person, pitch=target))
        for person in leaving
    ] + [
        _attempt(lambda person=person: ideas.team_join(actor=person, pitch=target))
        for person in staying
    ]
    with thread_databases(tmp_path) as open_connection:
        in_parallel(open_connection, jobs)
        sizes = read(open_connection, lambda: _sizes(event))
    assert sizes[0] == (1 + len(staying), 1 + len(staying))
