"""A constant number of queries on every mission page and API endpoint, whatever the rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.api.tests.factories import bearer, issue_token, send
from kyoso.core.testing import assert_num_queries
from kyoso.missions.models import ApplicationMessage
from kyoso.missions.tests.factories import add_questions, apply, published

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 20])
def test_list_for_anonymous_visitors(client, count):
    for _ in range(count):
        published(municipality_id="06204", skills=["marketing", "design"])

    # 1 municipalities with missions (filter choices), 2 the page of missions with owner and
    # region, 3 their skills
    with assert_num_queries(3, label=f"{count} missions"):
        response = client.get(reverse("missions:list"), {"kind": "side_job", "skill": "design"})

    assert len(response.context["page"].items) == count


@pytest.mark.parametrize("count", [1, 20])
def test_list_for_a_signed_in_person(client, suzuki, count):
    for _ in range(count):
        published()
    client.force_login(suzuki)

    # 1 session, 2 user, 3 roles (navigation), 4 municipalities, 5 missions, 6 skills
    with assert_num_queries(6, label=f"{count} missions"):
        client.get(reverse("missions:list"))


@pytest.mark.parametrize("count", [1, 5])
def test_detail_for_a_candidate(client, mission, suzuki, count):
    add_questions(mission, *[f"質問{i}" for i in range(count)])
    client.force_login(suzuki)

    # 1 session, 2 user, 3 roles, 4 mission with owner, region and host, 5 skills,
    # 6 questions, 7 the viewer's project membership (do they host?), 8 their application
    with assert_num_queries(8, label=f"{count} questions"):
        client.get(reverse("missions:detail", args=[mission.pk]))


def test_detail_for_anonymous_visitors(client, mission):
    # 1 mission, 2 skills, 3 questions
    with assert_num_queries(3):
        client.get(reverse("missions:detail", args=[mission.pk]))


def test_detail_for_the_host_with_the_score(client, mission, lead):
    client.force_login(lead)
    # 1 session, 2 user, 3 roles, 4 mission, 5 skills, 6 questions, 7 host's membership,
    # 8 the host's own application (none); the score reads the prefetched skills
    with assert_num_queries(8):
        response = client.get(reverse("missions:detail", args=[mission.pk]))
    assert response.context["completeness"].score == 100


@pytest.mark.parametrize("count", [1, 10])
def test_host_applications(client, mission, lead, count):
    for _ in range(count):
        apply(mission, UserFactory())
    client.force_login(lead)

    # 1 session, 2 user, 3 roles, 4 mission with owner, 5 host's membership, 6 applications
    # with candidates
    with assert_num_queries(6, label=f"{count} applications"):
        response = client.get(reverse("missions:applications", args=[mission.pk]))
    assert len(response.context["applications"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_my_applications(client, suzuki, count):
    for _ in range(count):
        apply(published(), suzuki)
    client.force_login(suzuki)

    # 1 session, 2 user, 3 roles, 4 applications with missions and owners, 5 missions I host
    with assert_num_queries(5, label=f"{count} applications"):
        client.get(reverse("missions:mine"))


@pytest.mark.parametrize("count", [1, 10])
def test_application_detail_for_the_host(client, mission, lead, suzuki, count):
    questions = add_questions(mission, "経験は？")
    application = apply(mission, suzuki)
    application.answers.create(
        question=questions[0], question_text="経験は？", position=1, text="3年"
    )
    for _ in range(count):
        ApplicationMessage.objects.create(application=application, author=suzuki, body="こんにちは")
    client.force_login(lead)

    # 1 session, 2 user, 3 roles, 4 application with mission, owner, host and candidate,
    # 5 answers, 6 history with actors, 7 messages with authors, 8 host's membership
    with assert_num_queries(8, label=f"{count} messages"):
        client.get(reverse("missions:application", args=[application.pk]))


@pytest.mark.parametrize("count", [1, 20])
def test_api_list(client, count):
    for _ in range(count):
        published()
    # 1 count, 2 missions with owner and region, 3 skills
    with assert_num_queries(3, label=f"{count} missions"):
        send(client, "get", "/missions")


def test_api_detail(client, mission):
    # 1 mission, 2 skills, 3 questions
    with assert_num_queries(3):
        send(client, "get", f"/missions/{mission.pk}")


@pytest.mark.parametrize("count", [1, 10])
def test_api_applications_for_the_host(client, mission, lead, count):
    for _ in range(count):
        apply(mission, UserFactory())
    token = bearer(issue_token(lead, ["read"]))

    # 1 token, 2 token last used, 3 mission with owner, 4 host's membership, 5 count,
    # 6 applications with candidates, 7 answers, 8 history
    with assert_num_queries(8, label=f"{count} applications"):
        send(client, "get", f"/missions/{mission.pk}/applications", **token)
