"""Exact query counts of the minutes and follow-up pages: fixed whatever the number of surfaced
issues (each query named)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.events.tests.after_event import attend, make_event, organizer, write_minutes
from kyoso.issues.tests.factories import IssueFactory


@pytest.fixture
def setup(db, suzuki):
    creator = organizer()
    event = make_event(created_by=creator)
    attend(event, suzuki)
    return creator, event


@pytest.mark.parametrize("issue_count", [1, 4])
def test_public_minutes_for_an_anonymous_reader(client, setup, issue_count):
    _creator, event = setup
    write_minutes(
        event, published=True, visibility="public", issues=IssueFactory.create_batch(issue_count)
    )
    # 1 the event with its minutes  2 the surfaced issues with their counts
    with assert_num_queries(2):
        response = client.get(reverse("events:minutes", args=[event.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("issue_count", [1, 4])
def test_members_minutes_for_an_attendee(client, setup, suzuki, issue_count):
    _creator, event = setup
    write_minutes(event, issues=IssueFactory.create_batch(issue_count), published=True)
    client.force_login(suzuki)
    # 1 session  2 user  3 the person's roles (secretariat?)  4 the event with its minutes
    # 5 the surfaced issues with the viewer's follow/offer
    with assert_num_queries(5):
        response = client.get(reverse("events:minutes", args=[event.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("issue_count", [1, 4])
def test_minutes_page_for_the_organizer(client, setup, issue_count):
    creator, event = setup
    write_minutes(event, issues=IssueFactory.create_batch(issue_count))
    client.force_login(creator)
    # 1 session  2 user  3 the person's roles  4 the event with its minutes
    # 5 the surfaced issues  6 the conversion figure
    with assert_num_queries(6):
        response = client.get(reverse("events:minutes", args=[event.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("issue_count", [1, 4])
def test_edit_page_for_the_organizer(client, setup, issue_count):
    creator, event = setup
    write_minutes(event, issues=IssueFactory.create_batch(issue_count))
    client.force_login(creator)
    # 1 session  2 user  3 the person's roles  4 the event with its minutes
    # 5 the surfaced issues  6 the conversion figure
    with assert_num_queries(6):
        response = client.get(reverse("events:minutes_edit", args=[event.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("issue_count", [1, 4])
def test_followup_page_for_an_attendee(client, setup, suzuki, issue_count):
    _creator, event = setup
    write_minutes(event, issues=IssueFactory.create_batch(issue_count), published=True)
    client.force_login(suzuki)
    # 1 session  2 user  3 the person's roles  4 the event with its minutes
    # 5 the attendee's registration (checked in?)  6 the surfaced issues
    # 7 the projects that grew out of the event (kyoso.core.outgrowths, one per app)
    with assert_num_queries(7):
        response = client.get(reverse("events:followup", args=[event.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("event_count", [1, 3])
def test_my_followups_page(client, suzuki, event_count, db):
    creator = organizer()
    for _ in range(event_count):
        event = make_event(created_by=creator)
        attend(event, suzuki)
        write_minutes(event, issues=IssueFactory.create_batch(2), published=True)
    client.force_login(suzuki)
    # 1 session  2 user  3 the person's roles  4 the events attended with published minutes
    # 5 their surfaced issues with the person's follow/offer
    with assert_num_queries(5):
        response = client.get(reverse("events:followups"))
    assert response.status_code == 200
    assert len(response.context["events"]) == event_count
