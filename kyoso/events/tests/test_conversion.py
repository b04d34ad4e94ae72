"""The conversion figure (docs/events.md, "Conversion"): participants who offer help, follow an
issue surfaced at the event or join an idea-event team from the event's start to exactly 90 days
after its end — with the clock stopped on each side of the boundary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.events.models import EventStatus, IdeaRound, RegistrationStatus
from kyoso.events.selectors_followup import conversion_by_fiscal_year, conversion_of
from kyoso.events.services import ideas
from kyoso.events.tests.after_event import (
    attend,
    frozen_clock,
    idea_event,
    make_event,
    organizer,
    write_minutes,
)
from kyoso.events.tests.builders import RegistrationBuilder, tokyo
from kyoso.issues.services import engagement
from kyoso.issues.tests.factories import IssueFactory

START = tokyo(2021, 6, 4, 19, 0)
END = tokyo(2021, 6, 4, 21, 0)
LAST_MOMENT = END + timedelta(days=90)
ONE_SECOND = timedelta(seconds=1)


def offer(person, issue, at):
    with frozen_clock(at):
        engagement.offer_create(
            actor=person, issue=issue, kinds=["time"], message="週末なら手伝えます"
        )


def follow(person, issue, at):
    with frozen_clock(at):
        engagement.follow_toggle(actor=person, issue=issue, on=True)


@pytest.fixture
def creator(db):
    return organizer()


@pytest.fixture
def event(creator):
    return make_event(created_by=creator, starts_at=START, ends_at=END)


def test_each_way_of_converting_and_the_90_day_boundary(creator, event):
    surfaced = IssueFactory(title="放課後の居場所")
    elsewhere = IssueFactory(title="別の課題")
    people = {name: UserFactory(display_name=name) for name in "ABCDEFGH"}
    for name in "ABCDEF":
        attend(event, people[name])
    attend(event, people["G"], checked_in=False)  # registered, never came
    surfaced_by_e = IssueFactory(title="Eさんが投稿した課題", author=people["E"])
    from kyoso.issues.models import Follow

    Follow.objects.create(issue=surfaced_by_e, user=people["E"])  # posters follow their issues
    write_minutes(event, issues=(surfaced, surfaced_by_e), published=True)

    offer(people["A"], elsewhere, LAST_MOMENT)  # the last moment still counts
    offer(people["B"], elsewhere, LAST_MOMENT + ONE_SECOND)  # one second late
    follow(people["C"], surfaced, END + timedelta(days=10))  # follows a surfaced issue
    follow(people["D"], elsewhere, END + timedelta(days=10))  # follows another issue
    offer(people["H"], elsewhere, END)  # not a participant
    offer(people["G"], elsewhere, END)  # a registrant who did not come

    # F joins a team at a later idea event, 30 days on.
    later = idea_event(created_by=creator, round=IdeaRound.TEAM_UP)
    later.starts_at = END + timedelta(days=30)
    later.ends_at = later.starts_at + timedelta(hours=3)
    later.save()
    pitcher = UserFactory()
    for person in (pitcher, people["F"]):
        RegistrationBuilder(event=later, user=person, status=RegistrationStatus.CONFIRMED)
    with frozen_clock(later.starts_at):
        pitch = ideas.Pitch.objects.create(event=later, author=pitcher, title="庄内の食で起業")
        ideas.TeamMember.objects.create(pitch=pitch, user=pitcher)
        ideas.team_join(actor=people["F"], pitch=pitch)

    with frozen_clock(LAST_MOMENT):
        figure = conversion_of(event)
    assert (figure.participants, figure.converted) == (6, 3)  # A, C, F of A–F
    assert figure.share == 0.5 and figure.percent == 50.0
    assert figure.final is False  # the window is still open at its last moment
    with frozen_clock(LAST_MOMENT + ONE_SECOND):
        assert conversion_of(event).final is True


def test_activity_before_the_event_does_not_count(creator, event):
    person = UserFactory()
    attend(event, person)
    offer(person, IssueFactory(), START - ONE_SECOND)
    assert conversion_of(event).converted == 0
    offer(person, IssueFactory(), START)
    assert conversion_of(event).converted == 1


def test_no_participants_no_share(event):
    figure = conversion_of(event)
    assert (figure.participants, figure.converted, figure.share, figure.percent) == (
        0,
        0,
        None,
        None,
    )


def test_by_fiscal_year_counts_each_event_and_person(creator):
    person, other = UserFactory(), UserFactory()
    # FY2021 runs 2021-04-01 to 2022-03-31 (Asia/Tokyo).
    first = make_event(created_by=creator, starts_at=tokyo(2021, 4, 1, 0, 0))
    last = make_event(created_by=creator, starts_at=tokyo(2022, 3, 31, 23, 0))
    next_year = make_event(created_by=creator, starts_at=tokyo(2022, 4, 1, 0, 0))
    draft = make_event(
        created_by=creator, starts_at=tokyo(2021, 7, 1, 19, 0), status=EventStatus.DRAFT
    )
    for event in (first, last, next_year, draft):
        attend(event, person)
    attend(first, other)
    # In the window of "first" only.
    offer(person, IssueFactory(), first.ends_at + timedelta(days=1))
    figure = conversion_by_fiscal_year(2021)
    # のべ participants: person at first and last, other at first = 3; person converted at
    # first only (the offer came before "last" started).
    assert (figure.events, figure.participants, figure.converted) == (2, 3, 1)
    assert figure.fiscal_year == 2021
    assert round(figure.share, 4) == round(1 / 3, 4)
    assert conversion_by_fiscal_year(2022).participants == 1
    assert conversion_by_fiscal_year(2020).participants == 0


def test_fiscal_year_figure_has_a_fixed_number_of_queries(creator):
    from kyoso.core.testing import assert_num_queries

    for month in (5, 6, 7):
        event = make_event(created_by=creator, starts_at=tokyo(2021, month, 1, 19, 0))
        attend(event, UserFactory())
    # 1 participants and conversions  2 how many events
    with assert_num_queries(2):
        conversion_by_fiscal_year(2021)


def test_organizers_see_the_figure_attendees_do_not(client, creator, event, suzuki):
    attend(event, suzuki)
    write_minutes(event, issues=(IssueFactory(),), published=True)
    client.force_login(creator)
    assert (
        client.get(reverse("events:followup", args=[event.pk])).context["conversion"].participants
        == 1
    )
    client.force_login(suzuki)
    response = client.get(reverse("events:followup", args=[event.pk]))
    assert response.context["conversion"] is None
    assert "転換率" not in response.content.decode()
