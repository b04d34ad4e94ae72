"""Events in the global search: published events by title, description, guests and venue;
drafts never (except for their organizers); the index follows edits and cancellation."""

from __future__ import annotations

import pytest

from kyoso.events.models import EventStatus
from kyoso.events.services import events as services
from kyoso.events.tests.factories import service_data
from kyoso.search import services as search

pytestmark = pytest.mark.django_db


def data(**overrides):
    guest = {"name": "本間 健", "affiliation": "庄内不動産協会", "title": "", "profile": ""}
    return service_data(guests=[guest], **overrides)


def ids(query, viewer=None):
    return [hit.id for hit in search.search(query, viewer=viewer, types=["events"]).items]


def test_published_events_are_found_by_guest_and_venue(suzuki, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_create(actor=suzuki, data=data())
    assert ids("空き家") == [event.pk]
    assert ids("庄内不動産協会") == [event.pk]
    assert ids("公益研修センター") == [event.pk]


def test_drafts_are_never_indexed_and_publishing_adds_them(
    suzuki, takahashi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_create(actor=suzuki, data=data(), publish=False)
    assert ids("空き家", viewer=takahashi) == []
    assert ids("空き家", viewer=suzuki) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(actor=suzuki, event=event)
    assert ids("空き家", viewer=takahashi) == [event.pk]


def test_edits_reindex_and_cancelling_removes(suzuki, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_create(actor=suzuki, data=data())
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            actor=suzuki, event=event, data=data(title="農業の担い手を考える会", description="")
        )
    assert ids("担い手") == [event.pk]
    assert ids("空き家バンク") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(actor=suzuki, event=event)
    assert event.status == EventStatus.CANCELLED
    assert ids("担い手") == []
