"""The calendar files: what a calendar app reads out of them."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from kyoso.events.ics import calendar_bytes, event_ics
from kyoso.events.models import EventMode, EventStatus
from kyoso.events.tests.builders import EventBuilder, tokyo

pytestmark = pytest.mark.django_db


def _events(data: bytes):
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_timed_event_is_in_tokyo_time_with_stable_uid(settings):
    settings.BASE_URL = "https://kyoso.example.jp"
    event = EventBuilder(title="第1回定例会", starts_at=tokyo(2021, 4, 1, 19, 0))
    first = event_ics(event)
    (vevent,) = _events(first)
    assert str(vevent["SUMMARY"]) == "第1回定例会"
    assert vevent["DTSTART"].dt == tokyo(2021, 4, 1, 19, 0)
    assert vevent["DTSTART"].dt.tzinfo.key == "Asia/Tokyo"
    assert vevent["DTEND"].dt == tokyo(2021, 4, 1, 20, 0)
    assert str(vevent["UID"]) == f"event-{event.pk}@kyoso.example.jp"
    assert str(vevent["URL"]) == f"https://kyoso.example.jp/events/{event.pk}/"
    assert b"BEGIN:VTIMEZONE" in first and b"TZID:Asia/Tokyo" in first

    event.title = "第1回定例会（変更）"
    event.save()
    (again,) = _events(event_ics(event))
    assert again["UID"] == vevent["UID"]


def test_all_day_event_uses_dates_with_exclusive_end():
    event = EventBuilder(
        all_day=True, starts_at=tokyo(2021, 7, 29, 0, 0), ends_at=tokyo(2021, 7, 31, 0, 0)
    )
    (vevent,) = _events(event_ics(event))
    assert vevent["DTSTART"].dt.isoformat() == "2021-07-29"
    assert vevent["DTEND"].dt.isoformat() == "2021-07-31"
    assert b"DTSTART;VALUE=DATE:20210729" in event_ics(event)


def test_all_day_event_ending_within_its_last_day_covers_that_day():
    event = EventBuilder(
        all_day=True, starts_at=tokyo(2021, 7, 29, 0, 0), ends_at=tokyo(2021, 7, 29, 23, 59)
    )
    (vevent,) = _events(event_ics(event))
    assert vevent["DTEND"].dt.isoformat() == "2021-07-30"


def test_online_link_never_leaks():
    event = EventBuilder(
        mode=EventMode.ONLINE, venue_name="", online_url="https://zoom.example/j/123?pwd=secret"
    )
    data = event_ics(event)
    assert b"zoom.example" not in data
    assert b"secret" not in data
    (vevent,) = _events(data)
    assert str(vevent["LOCATION"]) == "オンライン"


def test_hybrid_location_names_venue_and_online():
    event = EventBuilder(mode=EventMode.HYBRID, venue_name="会議室A", venue_address="仙台市青葉区")
    (vevent,) = _events(event_ics(event))
    assert str(vevent["LOCATION"]) == "会議室A、仙台市青葉区（オンライン参加あり）"


def test_cancelled_event_is_marked_cancelled():
    event = EventBuilder(status=EventStatus.CANCELLED)
    (vevent,) = _events(event_ics(event))
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_feed_holds_every_event_once_and_names_the_calendar():
    events = [EventBuilder(starts_at=tokyo(2021, 4, 1, 19) + timedelta(days=i)) for i in range(3)]
    data = calendar_bytes(events, name="Kyosoのイベント")
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Kyosoのイベント"
    assert sorted(str(v["UID"]) for v in calendar.walk("VEVENT")) == sorted(
        f"event-{e.pk}@127.0.0.1" for e in events
    )
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    # The same events give the same bytes apart from nothing random (cache-friendly feeds).
    assert calendar_bytes(events, name="Kyosoのイベント") == data
