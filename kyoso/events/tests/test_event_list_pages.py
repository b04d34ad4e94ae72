"""The event list's pages: keyset cursors ("次へ") that chain every listed event exactly once in
the tab's order, keep the filters, survive ties on the start time, refuse a bad cursor with a
notice, and cost the same queries on every page."""

from __future__ import annotations

import base64
import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.keyset import encode_cursor
from kyoso.core.testing import assert_num_queries
from kyoso.events import messages
from kyoso.events.models import Event, EventKind, EventStatus
from kyoso.events.selectors import PER_PAGE
from kyoso.events.tests.after_event import frozen_clock
from kyoso.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

URL = reverse("events:list")
NEXT_LINK = re.compile(r'<a href="\?([^"]*)" rel="next">')
NO_MORE = "これ以上のイベントはありません。"
CARD_TITLE = re.compile(r'id="event-(\d+)-title"')


def next_query(response) -> str | None:
    """The query string of the page's 「次へ」 link, as a browser would follow it."""
    found = NEXT_LINK.search(response.content.decode())
    return html.unescape(found.group(1)) if found else None


def walk(client, query: str = "") -> list[list[int]]:
    """Every page of the list from ``query`` on, following 「次へ」: the event ids per page."""
    pages = []
    url = f"{URL}?{query}"
    while True:
        response = client.get(url)
        assert response.status_code == 200
        pages.append([int(pk) for pk in CARD_TITLE.findall(response.content.decode())])
        query_string = next_query(response)
        if query_string is None:
            return pages
        url = f"{URL}?{query_string}"
        assert len(pages) < 50, "the pages do not end"


def flat(pages: list[list[int]]) -> list[int]:
    return [pk for page in pages for pk in page]


def in_list_order(events, *, past: bool = False) -> list[int]:
    rows = sorted(events, key=lambda e: (e.starts_at, e.pk), reverse=past)
    return [e.pk for e in rows]


def events_at(when, count: int, **kwargs) -> list[Event]:
    return EventFactory.create_batch(
        count, starts_at=when, ends_at=when + timedelta(hours=2), **kwargs
    )


# --- Chaining the pages ----------------------------------------------------------------------


def test_upcoming_pages_chain_every_event_once_across_equal_start_times(client):
    soon = timezone.now().replace(microsecond=0) + timedelta(days=3)
    # Three start times shared by many events: page boundaries fall inside the ties.
    events = [
        *events_at(soon, 17),
        *events_at(soon + timedelta(days=1), 9),
        *events_at(soon + timedelta(days=2), 19),
    ]

    pages = walk(client)

    assert [len(page) for page in pages] == [PER_PAGE, PER_PAGE, 5]
    assert flat(pages) == in_list_order(events)


def test_past_pages_chain_latest_first_across_equal_start_times(client):
    ago = timezone.now().replace(microsecond=0) - timedelta(days=30)
    events = [*events_at(ago, 23), *events_at(ago - timedelta(days=400), 22)]
    EventFactory(title="来週の会")

    pages = walk(client, "when=past")

    assert [len(page) for page in pages] == [PER_PAGE, PER_PAGE, 5]
    assert flat(pages) == in_list_order(events, past=True)


def test_a_list_of_exactly_one_page_offers_no_next_page(client):
    events_at(timezone.now() + timedelta(days=3), PER_PAGE)

    response = client.get(URL)

    assert len(response.context["page"].items) == PER_PAGE
    assert next_query(response) is None
    assert 'rel="next"' not in response.content.decode()


def test_drafts_are_never_listed_on_any_page(client):
    when = timezone.now().replace(microsecond=0) + timedelta(days=3)
    listed = events_at(when, 15) + events_at(when, 10, status=EventStatus.CANCELLED)
    events_at(when, 12, status=EventStatus.DRAFT)
    events_at(when - timedelta(days=60), 5, status=EventStatus.DRAFT)

    assert flat(walk(client)) == in_list_order(listed)
    assert flat(walk(client, "when=past")) == []


# --- Which tab an event is on ----------------------------------------------------------------


def test_an_ongoing_multi_day_event_is_upcoming_and_comes_first(client):
    now = timezone.now()
    running = EventFactory(
        title="三日間の集中講座", starts_at=now - timedelta(days=2), ends_at=now + timedelta(days=1)
    )
    later = events_at(now + timedelta(days=5), 25)
    finished = EventFactory(
        title="先週の会",
        starts_at=now - timedelta(days=7),
        ends_at=now - timedelta(days=7, hours=-2),
    )

    assert flat(walk(client)) == [running.pk, *in_list_order(later)]
    assert flat(walk(client, "when=past")) == [finished.pk]


def test_an_event_moves_to_the_past_tab_the_moment_it_ends(client):
    now = timezone.now()
    ends = now + timedelta(hours=1)
    event = EventFactory(starts_at=now - timedelta(hours=1), ends_at=ends)

    with frozen_clock(ends):
        assert flat(walk(client)) == [event.pk]
        assert flat(walk(client, "when=past")) == []
    with frozen_clock(ends + timedelta(microseconds=1)):
        assert flat(walk(client)) == []
        assert flat(walk(client, "when=past")) == [event.pk]


# --- Filters ---------------------------------------------------------------------------------


def test_the_next_link_keeps_the_filters_and_every_page_matches_them(client):
    when = timezone.now().replace(microsecond=0) + timedelta(days=2)
    regular = events_at(when, 25, kind=EventKind.REGULAR)
    events_at(when, 25, kind=EventKind.STUDY)

    first = client.get(URL, {"kind": "regular"})
    query = next_query(first)

    assert query is not None and "kind=regular" in query and "after=" in query
    assert flat(walk(client, "kind=regular")) == in_list_order(regular)


def test_past_tab_filters_and_cursor_together(client):
    ago = timezone.now().replace(microsecond=0) - timedelta(days=10)
    online = events_at(ago, 22, mode="online", online_url="https://x.example.jp")
    events_at(ago, 22, mode="venue")

    pages = walk(client, "when=past&online=online")

    assert len(pages) == 2
    assert flat(pages) == in_list_order(online, past=True)


def test_the_tabs_and_the_first_page_link_drop_the_cursor(client):
    events_at(timezone.now() + timedelta(days=2), 25, kind=EventKind.REGULAR)
    second = client.get(f"{URL}?{next_query(client.get(URL, {'kind': 'regular'}))}")
    text = second.content.decode()

    assert "最初のページへ" in text
    assert 'href="?kind=regular"' in text  # the first page and the 「これから」 tab
    assert 'href="?kind=regular&amp;when=past"' in text


# --- Cursors that cannot be followed ---------------------------------------------------------


def raw(payload: str) -> str:
    """A hand-made cursor: ``payload`` in URL-safe base64, as the list writes its own."""
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


FORGED = [
    "garbage!",
    raw('{"not": "a list"}'),
    encode_cursor("past", datetime(2026, 1, 1, tzinfo=UTC), 1),  # the other tab's (a fixed
    # moment: parameters must be the same in every pytest-xdist worker)
    raw('["upcoming", "2026-01-01T00:00:00", 1]'),  # no time zone
    raw('["upcoming", "2026-13-40T00:00:00+00:00", 1]'),  # no such day
    raw('["upcoming", "0001-01-01T00:00:00+09:00", 1]'),  # before year 1 in UTC
    raw('["upcoming", "2026-01-01T00:00:00+00:00", 9223372036854775808]'),  # past 64 bits
    raw('["upcoming", "2026-01-01T00:00:00+00:00", true]'),
    raw('["upcoming", "2026-01-01T00:00:00+00:00", 0]'),
    raw('["upcoming", 20260101, 1]'),
]


@pytest.mark.parametrize("cursor", FORGED)
def test_an_unreadable_or_forged_cursor_shows_the_first_page_with_a_notice(client, cursor):
    events = events_at(timezone.now() + timedelta(days=2), 25)

    response = client.get(URL, {"after": cursor})

    assert response.status_code == 200
    assert str(messages.PAGE_INVALID) in response.content.decode()
    assert [e.pk for e in response.context["page"].items] == in_list_order(events)[:PER_PAGE]
    assert response.context["page"].is_first


def test_the_notice_is_in_english_for_english_readers(client):
    response = client.get(URL, {"after": "garbage!"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Invalid page. Showing the first page." in response.content.decode()


@pytest.mark.parametrize("number", ["3", "zzz", "-1", "99999999999999999999"])
def test_an_old_page_number_link_shows_the_first_page_with_a_notice(client, number):
    events = events_at(timezone.now() + timedelta(days=2), 25)

    response = client.get(URL, {"page": number})

    assert response.status_code == 200
    assert str(messages.PAGE_INVALID) in response.content.decode()
    assert [e.pk for e in response.context["page"].items] == in_list_order(events)[:PER_PAGE]


def test_page_one_is_simply_the_first_page(client):
    EventFactory()

    assert str(messages.PAGE_INVALID) not in client.get(URL, {"page": "1"}).content.decode()


def test_a_cursor_past_the_end_gives_an_empty_page_with_a_way_back(client):
    last = EventFactory(starts_at=timezone.now() + timedelta(days=2))

    response = client.get(URL, {"after": encode_cursor("upcoming", last.starts_at, last.pk)})
    text = response.content.decode()

    assert response.context["page"].items == []
    assert NO_MORE in text and "最初のページへ" in text
    assert str(messages.PAGE_INVALID) not in text


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3 * PER_PAGE])
@pytest.mark.parametrize("when", ["", "past"])
def test_every_page_costs_the_same_queries_whatever_the_number_of_events(client, count, when):
    start = timezone.now() + timedelta(days=-400 if when else 2)
    events_at(start, count)
    query = f"when={when}" if when else ""

    # 1 communities for the filter, 2 the page (organizer, community, municipality with its
    # prefecture and city joined; the upcoming tab's lower bound is a subquery of it)
    with assert_num_queries(2, label=f"first page of {count}"):
        response = client.get(f"{URL}?{query}")
    while (query := next_query(response)) is not None:
        with assert_num_queries(2, label=f"page after {query}"):
            response = client.get(f"{URL}?{query}")
