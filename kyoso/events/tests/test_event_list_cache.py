"""The event list's body is cached for signed-out visitors (kyoso.core.pagecache): a warm page
reads no query, and a newly published event shows at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.events.services import events as services
from kyoso.events.tests.after_event import frozen_clock
from kyoso.events.tests.factories import EventFactory, service_data

pytestmark = pytest.mark.django_db
URL = reverse("events:list")


def test_a_new_event_shows_at_once_and_a_warm_list_reads_nothing(
    client, suzuki, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.event_create(actor=suzuki, data=service_data(title="空き家の勉強会"))
    assert "空き家の勉強会" in client.get(URL).content.decode()

    with assert_num_queries(0):
        client.get(URL)

    with django_capture_on_commit_callbacks(execute=True):
        services.event_create(actor=suzuki, data=service_data(title="防災の勉強会"))
    page = client.get(URL).content.decode()
    assert "空き家の勉強会" in page and "防災の勉強会" in page


def test_signed_in_people_get_their_own_buttons(client, suzuki):
    client.get(URL)
    client.force_login(suzuki)
    assert "マイイベント" in client.get(URL).content.decode()


def test_a_cached_list_moves_an_event_to_the_past_the_moment_it_ends(client):
    """The signed-out body is kept no longer than the earliest end of a listed event: one
    moment after it, the event has left 「これから」 even though nothing was written."""
    now = timezone.now()
    ends = now + timedelta(hours=1)
    EventFactory(title="夕方の交流会", starts_at=now - timedelta(hours=1), ends_at=ends)
    with frozen_clock(ends):
        assert "夕方の交流会" in client.get(URL).content.decode()
        with assert_num_queries(0):
            assert "夕方の交流会" in client.get(URL).content.decode()
    with frozen_clock(ends + timedelta(microseconds=1)):
        assert "夕方の交流会" not in client.get(URL).content.decode()
        assert "夕方の交流会" in client.get(URL, {"when": "past"}).content.decode()
