"""Query counts of the concierge pages: constant in the number of rows shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.concierge.models import ConsultationStatus
from kyoso.concierge.tests.factories import ConsultationFactory, IntroductionFactory, SlotFactory
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(hub, concierge, suzuki, held):
    for n in range(3):
        SlotFactory(hub=hub, concierge=concierge)
        ConsultationFactory(
            hub=hub,
            concierge=concierge,
            person=suzuki,
            starts_at=timezone.now() + timedelta(days=2, hours=n),
        )
        ConsultationFactory(
            hub=hub,
            concierge=concierge,
            person=suzuki,
            status=ConsultationStatus.HELD,
            starts_at=timezone.now() - timedelta(days=3, hours=n),
            follow_up_on=timezone.localdate(),
            follow_up_note="いかがですか",
        )
        IntroductionFactory(consultation=held)


def test_desk(client, concierge, many):
    client.force_login(concierge)
    # 1 session, 2 user, 3 roles, 4 concierge hub ids, 5 their hubs, 6 follow-ups due,
    # 7 to record, 8 upcoming
    with assert_num_queries(8):
        assert client.get(reverse("concierge:desk")).status_code == 200


def test_mine(client, suzuki, many):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 follow-ups, 5 consultations
    with assert_num_queries(5):
        assert client.get(reverse("concierge:mine")).status_code == 200


def test_consultation_with_record(client, concierge, held, many):
    client.force_login(concierge)
    # 1 session, 2 user, 3 roles, 4 consultation, 5 concierge?, 6 introductions,
    # 7 history
    with assert_num_queries(7):
        response = client.get(reverse("concierge:consultation", args=[held.pk]))
    assert response.status_code == 200


def test_hub_page(client, concierge, hub, many):
    client.force_login(concierge)
    # 1 session, 2 user, 3 roles, 4 hub, 5 spaces, 6 staff?, 7 concierge?, 8 open slots
    with assert_num_queries(8):
        assert client.get(reverse("concierge:hub", args=[hub.slug])).status_code == 200
