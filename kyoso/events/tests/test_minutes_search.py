"""Minutes in the global search: minutes are found by their words, under the event's title and
linking to the minutes page, by whoever may read them (everyone when public, signed-in people
when for members, the organizers also while unpublished: role × state in
test_minutes_search_visibility.py); the index follows saving, publishing, unpublishing and the
event's own edits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.events.models import EventStatus
from kyoso.events.services import events as event_services
from kyoso.events.services import minutes as minutes_services
from kyoso.events.tests.after_event import make_event, organizer
from kyoso.search import services as search

pytestmark = pytest.mark.django_db

BODY = "## 出た意見\n\n- 放課後の**居場所**が足りない\n- 移動販売車を呼びたい"


@pytest.fixture
def creator(db):
    return organizer()


@pytest.fixture
def event(creator):
    return make_event(
        created_by=creator, title="定例会：若者の居場所", status=EventStatus.PUBLISHED
    )


def hits(query, viewer=None):
    page = search.search(query, viewer=viewer, types=["minutes"])
    return [(hit.title, hit.url) for hit in page.items]


def save(event, creator, capture, *, publish: str | None = None, body: str = BODY):
    with capture(execute=True):
        minutes_services.minutes_save(
            actor=creator, event=event, body=body, visibility=publish or "members"
        )
    if publish:
        with capture(execute=True):
            minutes_services.minutes_publish(actor=creator, event=event, visibility=publish)


def test_public_minutes_are_found_by_anyone_under_the_event_title(
    event, creator, django_capture_on_commit_callbacks
):
    save(event, creator, django_capture_on_commit_callbacks, publish="public")
    expected = [(event.title, reverse("events:minutes", args=[event.pk]))]
    assert hits("移動販売車") == expected
    assert hits("放課後") == expected
    page = search.search("移動販売車", viewer=None, types=["minutes"])
    assert "<mark>移動販売車</mark>" in page.items[0].snippet_html
    assert "**" not in page.items[0].snippet_html  # the Markdown is indexed as text


def test_minutes_for_members_are_found_only_by_signed_in_people(
    event, creator, takahashi, django_capture_on_commit_callbacks
):
    save(event, creator, django_capture_on_commit_callbacks, publish="members")
    assert hits("移動販売車") == []
    assert [title for title, _url in hits("移動販売車", viewer=takahashi)] == [event.title]


def test_unpublished_minutes_are_found_by_their_organizers_only_and_unpublishing_hides_them(
    event, creator, takahashi, sato, django_capture_on_commit_callbacks
):
    save(event, creator, django_capture_on_commit_callbacks)
    for viewer in (None, takahashi):
        assert hits("移動販売車", viewer=viewer) == []
    for viewer in (creator, sato):
        assert [title for title, _url in hits("移動販売車", viewer=viewer)] == [event.title]

    save(event, creator, django_capture_on_commit_callbacks, publish="public")
    assert len(hits("移動販売車")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_unpublish(actor=creator, event=event)
    for viewer in (None, takahashi):
        assert hits("移動販売車", viewer=viewer) == []
    assert [title for title, _url in hits("移動販売車", viewer=creator)] == [event.title]


def test_rewritten_minutes_and_a_renamed_event_are_found_as_they_are_now(
    event, creator, django_capture_on_commit_callbacks
):
    save(event, creator, django_capture_on_commit_callbacks, publish="public")
    save(event, creator, django_capture_on_commit_callbacks, body="- 除雪の担い手が足りない")
    # Saving again keeps the minutes published (now for members, the form's default).
    assert hits("移動販売車", viewer=creator) == []
    assert [title for title, _url in hits("除雪", viewer=creator)] == [event.title]

    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(
            actor=creator,
            event=event,
            data={
                "title": "冬の暮らしを考える会",
                "kind": event.kind,
                "description": event.description,
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "mode": event.mode,
                "venue_name": event.venue_name,
                "online_url": event.online_url,
                "guests": [],
                "questions": [],
            },
        )
    assert [title for title, _url in hits("除雪", viewer=creator)] == ["冬の暮らしを考える会"]
