"""A constant number of queries on every network page, whatever the number of rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.network.models import AdviceRecord
from kyoso.network.services.advice import (
    advice_request_assign,
    advice_request_create,
    advice_request_move,
)
from kyoso.network.services.introductions import introduction_answer, introduction_request

pytestmark = pytest.mark.django_db


def accepted_introductions(actor, count):
    intros = []
    for _ in range(count):
        person = UserFactory()
        intro = introduction_request(actor=actor, to_user=person, reason="相談したい")
        introduction_answer(actor=person, introduction=intro, accept=True)
        intros.append(intro)
    return intros


@pytest.mark.parametrize("count", [1, 10])
def test_introduction_list(client, suzuki, count):
    accepted_introductions(suzuki, count)
    client.force_login(suzuki)

    # 1 session, 2 user, 3 roles (navigation), 4 introductions with people and organizations
    # (the managed organizations as a subquery)
    with assert_num_queries(4, label=f"{count} introductions"):
        response = client.get(reverse("introductions:list"))
    assert len(response.context["introductions"]) == count


def test_introduction_detail_with_contact(client, suzuki):
    intro = accepted_introductions(suzuki, 1)[0]
    client.force_login(suzuki)

    # 1 session, 2 user, 3 roles, 4 the introduction with both people, their profiles and the
    # organization
    with assert_num_queries(4):
        response = client.get(reverse("introductions:detail", args=[intro.pk]))
    assert response.context["contact"] is not None


@pytest.mark.parametrize("count", [1, 10])
def test_advice_list_for_the_secretariat(client, sato, suzuki, count):
    for i in range(count):
        advice_request_create(actor=suzuki, kind="advice", subject=f"相談{i}", body="本文")
        advice_request_create(actor=sato, kind="advice", subject=f"自分{i}", body="本文")
    client.force_login(sato)

    # 1 session, 2 user, 3 roles, 4 the secretariat check, 5 own and handled requests with
    # advisors, 6 the queue with requesters
    with assert_num_queries(6, label=f"{count} requests"):
        response = client.get(reverse("advice:list"))
    assert len(response.context["queue"]) == 2 * count


@pytest.mark.parametrize("count", [1, 5])
def test_advice_detail_for_the_advisor(client, sato, suzuki, advisor_ito, count):
    advisor_ito.monthly_limit = 10
    advisor_ito.save()
    advice = advice_request_create(actor=suzuki, kind="advice", subject="相談", body="本文")
    advice_request_assign(actor=sato, advice=advice, advisor=advisor_ito)
    advice_request_move(actor=advisor_ito.user, advice=advice, to_status="in_conversation")
    for i in range(count):
        advice.changes.create(
            from_status="in_conversation", to_status="in_conversation", actor=sato, reason=str(i)
        )
    AdviceRecord.objects.create(request=advice, author=advisor_ito.user, text="助言した")
    client.force_login(advisor_ito.user)

    # 1 session, 2 user, 3 roles, 4 the request with requester, advisor and record,
    # 5 its history, 6 the history's actors
    with assert_num_queries(6, label=f"{count} changes"):
        client.get(reverse("advice:detail", args=[advice.pk]))


@pytest.mark.parametrize("count", [1, 10])
def test_network_page(client, sato, suzuki, count):
    accepted_introductions(suzuki, count)
    client.force_login(sato)

    # 1 session, 2 user, 3 roles, 4 site settings (staff two-factor), then for each of the two
    # fiscal years 2 sector queries and 5 tie sources (events, communities, projects,
    # introductions, missions): 5-18; 19-20 the sectors of the picture, 21 who is shown
    with assert_num_queries(21, label=f"{count} ties"):
        client.get(reverse("network:picture"))


@pytest.mark.parametrize("count", [1, 10])
def test_public_figures(client, suzuki, count):
    accepted_introductions(suzuki, count)

    # for each of the two fiscal years: 2 sector queries and 5 tie sources
    with assert_num_queries(14, label=f"{count} ties"):
        client.get(reverse("network:figures"))
