"""The events pages in English: Gregorian dates with English month and weekday names, the
calendar's weekdays and month titles, English punctuation, and the right English for a
Japanese word that means different things in different places. Japanese stays as it was.

The language is switched the way a visitor does it: the site's language switch (a cookie).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kyoso.api.tests.factories import send
from kyoso.events.formatting import moment_text, when_text
from kyoso.events.ics import event_location
from kyoso.events.mail import render_registration_mail
from kyoso.events.models import Attendance, EventMode, EventStatus, RegistrationStatus
from kyoso.events.rules import registration_refusal
from kyoso.events.services.checkin import walk_in_add
from kyoso.events.tests.builders import EventBuilder, RegistrationBuilder, tokyo
from kyoso.events.tests.factories import EventFactory, GuestFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def headings(page: str) -> list[str]:
    row = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [th.split(">", 1)[1].split("<", 1)[0] for th in row.split("<th")[1:]]


# --- when_text -------------------------------------------------------------------------------


class Times:
    def __init__(self, starts_at: datetime, ends_at: datetime, *, all_day: bool = False):
        self.starts_at, self.ends_at, self.all_day = starts_at, ends_at, all_day


WHEN = [
    (
        Times(tokyo(2021, 7, 29, 19, 0), tokyo(2021, 7, 29, 21, 0)),
        "令和3年（2021年）7月29日（木） 19:00〜21:00",
        "Thu, 29 Jul 2021, 19:00–21:00",
    ),
    (
        Times(tokyo(2021, 7, 29, 19, 0), tokyo(2021, 7, 30, 10, 0)),
        "令和3年（2021年）7月29日（木） 19:00〜令和3年（2021年）7月30日（金） 10:00",
        "Thu, 29 Jul 2021, 19:00 – Fri, 30 Jul 2021, 10:00",
    ),
    (
        Times(tokyo(2027, 1, 9, 0, 0), tokyo(2027, 1, 10, 0, 0), all_day=True),
        "令和9年（2027年）1月9日（土） 終日",
        "Sat, 9 Jan 2027, all day",
    ),
    (
        Times(tokyo(2027, 1, 9, 0, 0), tokyo(2027, 1, 11, 0, 0), all_day=True),
        "令和9年（2027年）1月9日（土）〜令和9年（2027年）1月10日（日） 終日",
        "Sat, 9 Jan 2027 – Sun, 10 Jan 2027, all day",
    ),
    (
        Times(tokyo(2019, 5, 1, 10, 0), tokyo(2019, 5, 1, 12, 0)),
        "令和元年（2019年）5月1日（水） 10:00〜12:00",
        "Wed, 1 May 2019, 10:00–12:00",
    ),
]


@pytest.mark.parametrize(("event", "japanese", "english"), WHEN)
def test_when_is_wareki_in_japanese_and_gregorian_in_english(event, japanese, english):
    with translation.override("ja"):
        assert when_text(event) == japanese
    with translation.override("en"):
        assert when_text(event) == english
    with translation.override("en-gb"):  # a regional variant is still English
        assert when_text(event) == english


def test_when_registration_opens_follows_the_language():
    event = EventBuilder(
        starts_at=tokyo(2021, 4, 10, 19, 0), registration_opens_at=tokyo(2021, 4, 1, 10, 0)
    )
    now = tokyo(2021, 3, 1, 12, 0)
    with translation.override("ja"):
        assert moment_text(event.registration_opens_at) == "令和3年4月1日（木） 10:00"
        assert str(registration_refusal(event, now=now)) == (
            "申込の受付は令和3年4月1日（木） 10:00からです。"
        )
    with translation.override("en"):
        assert str(registration_refusal(event, now=now)) == (
            "Registration opens on Thu, 1 Apr 2021, 10:00."
        )


# --- The month calendar ----------------------------------------------------------------------


def calendar_events():
    EventBuilder(title="勉強会3", starts_at=tokyo(2021, 7, 29, 19, 0))
    EventBuilder(title="中止の会", starts_at=tokyo(2021, 7, 5, 19, 0), status=EventStatus.CANCELLED)


def test_calendar_in_english_names_weekdays_and_months_in_english(english):
    calendar_events()
    page = english.get(reverse("events:calendar"), {"month": "2021-07"}).content.decode()
    assert headings(page) == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert "<h1>Event calendar: July 2021</h1>" in page
    assert "← June 2021</a>" in page and ">August 2021 →</a>" in page
    assert "Events in July 2021</caption>" in page
    assert "<li>Thu, 29 Jul <a" in page  # the month's list under the table
    assert "</s> (cancelled)</a>" in page and "<li>Mon, 5 Jul <a" in page


def test_calendar_in_japanese_is_unchanged(client):
    calendar_events()
    page = client.get(reverse("events:calendar"), {"month": "2021-07"}).content.decode()
    assert headings(page) == list("日月火水木金土")
    assert "<h1>イベントカレンダー 2021年7月</h1>" in page
    assert "← 2021年6月</a>" in page and ">2021年8月 →</a>" in page
    assert "2021年7月のイベント</caption>" in page
    assert "<li>7/29（木） <a" in page
    assert "</s> （中止）</a>" in page and "<li>7/5（月） <a" in page


# --- The event page, the list, my events -----------------------------------------------------


def test_event_page_in_english(english):
    from kyoso.regions.models import Municipality

    ward = Municipality.objects.filter(kind="ward").select_related("parent").first()
    event = EventFactory(
        starts_at=tokyo(2030, 8, 1, 19, 0),
        ends_at=tokyo(2030, 8, 1, 21, 0),
        topic="若年女性への支援",
        audience="学生・社会人どなたでも",
        municipality=ward,
        capacity_venue=1,
        confirmed_venue=1,
    )
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    GuestFactory(event=event, name="山田 花子", affiliation="東北大学", title="准教授")
    GuestFactory(event=event, name="佐々木 一郎", affiliation="", title="農家")
    page = english.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert ">Thu, 1 Aug 2030, 19:00–21:00</time>" in page
    assert "<dt>Topic</dt><dd>若年女性への支援</dd>" in page
    assert "<dt>Audience</dt><dd>学生・社会人どなたでも</dd>" in page
    assert f" ({ward})</dd>" in page
    assert "<span> (東北大学, 准教授)</span>" in page and "<span> (農家)</span>" in page
    assert "Full (1 on the waitlist)" in page
    assert "（" not in page.replace("（選ばない）", "")  # no Japanese brackets of the site's own


def test_event_page_in_japanese_keeps_its_brackets(client):
    event = EventFactory(
        starts_at=tokyo(2030, 8, 1, 19, 0),
        ends_at=tokyo(2030, 8, 1, 21, 0),
        audience="学生",
        capacity_venue=1,
        confirmed_venue=1,
    )
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    GuestFactory(event=event, affiliation="東北大学", title="准教授")
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert ">令和12年（2030年）8月1日（木） 19:00〜21:00</time>" in page
    assert "<dt>対象</dt><dd>学生</dd>" in page
    assert "<span>（東北大学 准教授）</span>" in page
    assert "満席（キャンセル待ち1人）" in page


def test_list_and_my_events_in_english(english, suzuki):
    event = EventFactory(
        title="夏の定例会",
        mode=EventMode.HYBRID,
        capacity_online=None,
        starts_at=tokyo(2030, 8, 1, 19, 0),
        ends_at=tokyo(2030, 8, 2, 10, 0),
    )
    page = english.get(reverse("events:list")).content.decode()
    assert ">Thu, 1 Aug 2030, 19:00 – Fri, 2 Aug 2030, 10:00</time>" in page
    assert "<span>Venue: 30 places left</span>" in page

    RegistrationFactory(event=event, user=suzuki, attendance=Attendance.VENUE)
    english.force_login(suzuki)
    page = english.get(reverse("events:mine")).content.decode()
    assert "<span>In person</span>" in page
    assert ">Thu, 1 Aug 2030, 19:00 – Fri, 2 Aug 2030, 10:00</time>" in page


def test_check_in_desk_in_english(english):
    event = EventBuilder()
    walk_in_add(actor=event.created_by, event=event, name="飛び入り")
    english.force_login(event.created_by)
    page = english.get(reverse("events:checkin", args=[event.pk])).content.decode()
    assert '飛び入り <span class="helptext">(walk-in)</span>' in page
    assert ">Undo</button>" in page


def test_figures_in_english_indent_with_style_not_spaces(english):
    page = english.get(reverse("events:figures"), {"fy": "2021"}).content.decode()
    assert "Participation figures for FY2021" in page
    assert '<th scope="row" class="is-part">' in page and "\u3000" not in page


# --- Mail and calendar files -----------------------------------------------------------------


def test_registration_mail_is_written_in_the_language_it_is_sent_in():
    event = EventFactory(title="夏の定例会", starts_at=tokyo(2030, 8, 1, 19, 0))
    registration = RegistrationBuilder(event=event)
    with translation.override("en"):
        subject, body = render_registration_mail(registration, "confirmed", event=event)
    assert subject == "[Confirmed] 夏の定例会"
    assert "Event: 夏の定例会\n" in body
    assert "Date and time: Thu, 1 Aug 2030, 19:00–21:00\n" in body
    with translation.override("ja"):
        subject, body = render_registration_mail(registration, "confirmed", event=event)
    assert "イベント: 夏の定例会\n" in body
    assert "日時: 令和12年（2030年）8月1日（木） 19:00〜21:00\n" in body


def test_location_of_a_hybrid_event_in_english():
    event = EventBuilder(mode=EventMode.HYBRID, venue_name="会議室A", venue_address="仙台市青葉区")
    with translation.override("en"):
        assert event_location(event) == "会議室A, 仙台市青葉区 (also online)"
    with translation.override("ja"):
        assert event_location(event) == "会議室A、仙台市青葉区（オンライン参加あり）"


def test_when_in_the_api_follows_accept_language(client):
    EventFactory(starts_at=tokyo(2030, 8, 1, 19, 0))
    english = send(client, "GET", "/events", HTTP_ACCEPT_LANGUAGE="en").json()
    japanese = send(client, "GET", "/events", HTTP_ACCEPT_LANGUAGE="ja").json()
    translation.deactivate()
    assert english["items"][0]["when"] == "Thu, 1 Aug 2030, 19:00–21:00"
    assert japanese["items"][0]["when"] == "令和12年（2030年）8月1日（木） 19:00〜21:00"
