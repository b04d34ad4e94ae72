"""iCalendar (RFC 5545) files of events: one event for a mail attachment or a download, and
feeds of many events for calendar apps (``/events.ics``, per community).

Built with the ``icalendar`` library (docs/decisions/0008-icalendar.md). What goes in:

- ``UID`` is ``event-<id>@<host of BASE_URL>``: stable, so a calendar app updates the entry
  when the event changes instead of adding a second one.
- Timed events carry ``DTSTART``/``DTEND`` in ``Asia/Tokyo`` with its ``VTIMEZONE``; all-day
  events are ``DATE`` values with the exclusive end day RFC 5545 asks for.
- ``LOCATION`` is the venue, or 「オンライン」: the online link (``online_url``) is only for
  confirmed registrants and never goes into a file that can be forwarded or subscribed to.
- ``STATUS:CANCELLED`` for a cancelled event, so subscribers see it struck out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar
from icalendar import Event as VEvent
from icalendar.enums import STATUS

from kyoso.core.wareki import TOKYO
from kyoso.events.models import Event, EventMode, EventStatus

PRODID = "-//Kyoso//Kyoso events//JA"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _host() -> str:
    return urlsplit(settings.BASE_URL).hostname or "kyoso.invalid"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def event_path(event: Event) -> str:
    """The event's page (``/events/<id>/``)."""
    return reverse("events:detail", args=[event.pk])


def event_location(event: Event) -> str:
    """Where, in words, without the online link (in the current language)."""
    venue = _("、").join(part for part in (event.venue_name, event.venue_address) if part)
    if event.mode == EventMode.ONLINE:
        return _("オンライン")
    if event.mode == EventMode.HYBRID:
        return (
            _("%(venue)s（オンライン参加あり）") % {"venue": venue}
            if venue
            else _("会場とオンライン")
        )
    return venue


def _all_day_dates(event: Event) -> tuple[date, date]:
    start = timezone.localtime(event.starts_at, TOKYO)
    end = timezone.localtime(event.ends_at, TOKYO)
    # An all-day event ends at midnight of the following day (exclusive); an end time within
    # the last day still means that whole day.
    end_day = end.date() if end.time() == datetime.min.time() else end.date() + timedelta(days=1)
    return start.date(), max(end_day, start.date() + timedelta(days=1))


def event_component(event: Event) -> VEvent:
    """The ``VEVENT`` of one event."""
    url = settings.BASE_URL + event_path(event)
    start: date | datetime
    end: date | datetime
    if event.all_day:
        start, end = _all_day_dates(event)
    else:
        start = timezone.localtime(event.starts_at, TOKYO)
        end = timezone.localtime(event.ends_at, TOKYO)
    lines = [event.get_kind_display()]
    if event.topic:
        lines.append(event.topic)
    if event.audience:
        lines.append(
            pgettext("who an event is for", "対象: %(audience)s") % {"audience": event.audience}
        )
    lines.append(url)
    stamp = event.updated_at or timezone.now()
    component = VEvent.new(
        uid=event_uid(event),
        summary=event.title,
        start=start,
        end=end,
        stamp=stamp,
        last_modified=stamp,
        description="\n".join(lines),
        location=event_location(event) or None,
        url=url,
        status=STATUS.CANCELLED if event.status == EventStatus.CANCELLED else STATUS.CONFIRMED,
        categories=[event.get_kind_display()],
    )
    return component


def _calendar(components: Iterable[VEvent], *, name: str, uid: str) -> bytes:
    calendar = Calendar.new(name=name, prodid=PRODID, uid=uid, method="PUBLISH")
    calendar.add("X-WR-TIMEZONE", "Asia/Tokyo")
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_bytes(events: Iterable[Event], *, name: str, key: str = "events") -> bytes:
    """A calendar of many events (a feed); ``key`` makes the calendar's own UID stable."""
    return _calendar(
        (event_component(e) for e in events), name=name, uid=f"calendar-{key}@{_host()}"
    )


def event_ics(event: Event) -> bytes:
    """The calendar file of one event (mail attachment, download)."""
    return _calendar([event_component(event)], name=event.title, uid=f"{event_uid(event)}-file")


def event_filename(event: Event) -> str:
    return f"event-{event.pk}.ics"
