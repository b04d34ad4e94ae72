"""The event list, the event page and 「マイイベント」: what they show, to whom, and with a
constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.events.models import EventKind, EventMode, EventStatus
from kyoso.events.tests.factories import (
    EventFactory,
    GuestFactory,
    QuestionFactory,
    RegistrationFactory,
)
from kyoso.issues.tests.factories import IssueFactory
from kyoso.regions.models import Municipality

pytestmark = pytest.mark.django_db


def ward() -> Municipality:
    return Municipality.objects.filter(kind="ward").select_related("parent").first()


def page_text(response) -> str:
    return response.content.decode()


# --- The list --------------------------------------------------------------------------------


def test_list_shows_upcoming_events_soonest_first_and_never_drafts(client):
    later = EventFactory(title="後の勉強会", starts_at=timezone.now() + timedelta(days=9))
    sooner = EventFactory(title="先の定例会", starts_at=timezone.now() + timedelta(days=2))
    EventFactory(title="下書きの会", status=EventStatus.DRAFT)
    EventFactory(
        title="終わった会",
        starts_at=timezone.now() - timedelta(days=5),
        ends_at=timezone.now() - timedelta(days=5, hours=-2),
    )
    text = page_text(client.get(reverse("events:list")))
    assert text.index(sooner.title) < text.index(later.title)
    assert "下書きの会" not in text and "終わった会" not in text


def test_past_tab_lists_finished_events_latest_first(client):
    now = timezone.now()
    EventFactory(
        title="一昨年の会", starts_at=now - timedelta(days=700), ends_at=now - timedelta(days=700)
    )
    EventFactory(
        title="先月の会", starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=30)
    )
    EventFactory(title="来週の会")
    text = page_text(client.get(reverse("events:list"), {"when": "past"}))
    assert text.index("先月の会") < text.index("一昨年の会")
    assert "来週の会" not in text


def test_filters_by_kind_municipality_and_online(client):
    place = ward()
    EventFactory(title="区の定例会", kind=EventKind.REGULAR, municipality=place)
    EventFactory(title="オンライン勉強会", mode=EventMode.ONLINE, online_url="https://x.example.jp")
    EventFactory(title="ほかの勉強会")
    by_kind = page_text(client.get(reverse("events:list"), {"kind": "regular"}))
    assert "区の定例会" in by_kind and "ほかの勉強会" not in by_kind
    # The city's code finds the events of its wards.
    by_city = page_text(client.get(reverse("events:list"), {"municipality": place.parent_id}))
    assert "区の定例会" in by_city and "オンライン勉強会" not in by_city
    online = page_text(client.get(reverse("events:list"), {"online": "online"}))
    assert "オンライン勉強会" in online and "区の定例会" not in online


def test_an_invalid_filter_is_dropped_with_a_notice(client):
    EventFactory(title="勉強会A")
    response = client.get(reverse("events:list"), {"kind": "party", "page": "zzz"})
    text = page_text(response)
    assert response.status_code == 200
    assert "勉強会A" in text
    assert "条件の一部が正しくなかったため" in text
    assert "最初のページを表示しています" in text


def test_list_pages_by_twenty_with_constant_queries(client):
    place = ward()
    for i in range(45):
        EventFactory(
            title=f"勉強会{i:02d}",
            starts_at=timezone.now() + timedelta(days=1, hours=i),
            municipality=place,
        )
    # 1 communities for the filter, 2 the page (organizer, community, municipality with its
    # prefecture and city joined); no count: the list pages by cursor (test_event_list_pages)
    with assert_num_queries(2):
        first = client.get(reverse("events:list"))
    second = client.get(reverse("events:list"), {"after": first.context["page"].next_cursor})
    with assert_num_queries(2):
        third = client.get(reverse("events:list"), {"after": second.context["page"].next_cursor})
    assert "勉強会00" in page_text(first) and "勉強会20" not in page_text(first)
    assert "勉強会44" in page_text(third) and "勉強会39" not in page_text(third)
    assert third.context["page"].next_cursor is None


# --- The event page --------------------------------------------------------------------------


def test_event_page_shows_guests_time_place_and_seats(client):
    start = timezone.datetime(2026, 12, 5, 14, 0, tzinfo=timezone.get_current_timezone())
    event = EventFactory(
        title="若者と考える地域の居場所",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity_venue=3,
        confirmed_venue=1,
        municipality=ward(),
        latitude=38.260000,
        longitude=140.880000,
        audience="学生・社会人どなたでも",
    )
    GuestFactory(event=event, name="山田 花子", affiliation="東北大学", title="准教授")
    issue = IssueFactory(title="放課後の居場所が足りない")
    event.related_issues.add(issue)
    text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "令和8年（2026年）12月5日（土） 14:00〜16:00" in text
    assert "山田 花子" in text and "東北大学" in text and "准教授" in text
    assert "学生・社会人どなたでも" in text
    assert "残り2席" in text
    assert 'data-event-map data-lat="38.260000"' in text
    assert "放課後の居場所が足りない" in text


def test_all_day_and_multi_day_events_say_so(client):
    start = timezone.datetime(2027, 1, 9, tzinfo=timezone.get_current_timezone())
    event = EventFactory(all_day=True, starts_at=start, ends_at=start + timedelta(days=2))
    text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "令和9年（2027年）1月9日（土）〜令和9年（2027年）1月10日（日） 終日" in text


@pytest.mark.parametrize(
    ("who", "status", "attendance", "sees_link"),
    [
        ("anonymous", None, None, False),
        ("stranger", None, None, False),
        ("registrant", "confirmed", "venue", False),
        ("registrant", "waitlisted", "online", False),
        ("registrant", "confirmed", "online", True),
        ("organizer", None, None, True),
    ],
)
def test_online_link_only_for_confirmed_online_registrants_and_organizers(
    client, who, status, attendance, sees_link
):
    organizer = UserFactory()
    event = EventFactory(
        created_by=organizer,
        mode=EventMode.HYBRID,
        capacity_online=10,
        online_url="https://meet.example.jp/room-42",
    )
    if who == "organizer":
        client.force_login(organizer)
    elif who != "anonymous":
        person = UserFactory()
        client.force_login(person)
        if status:
            RegistrationFactory(event=event, user=person, status=status, attendance=attendance)
    text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert ("https://meet.example.jp/room-42" in text) is sees_link


def test_event_page_queries_for_a_registrant(client, suzuki):
    event = EventFactory(municipality=ward(), latitude=38.2, longitude=140.8)
    GuestFactory(event=event)
    QuestionFactory(event=event)
    RegistrationFactory(event=event, user=suzuki, status="waitlisted", waitlisted_at=timezone.now())
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (secretariat?), 4 the event (joins incl. its minutes, waitlist
    # counts, "organizes"), 5 guests, 6 questions, 7 related issues, 8 the viewer's
    # registration (also what the minutes section's follow-up rule reads),
    # 9 people ahead on the waitlist
    with assert_num_queries(9):
        response = client.get(reverse("events:detail", args=[event.pk]))
    assert "キャンセル待ち 1 番目です。" in page_text(response)


def test_event_page_queries_for_anonymous(client):
    event = EventFactory()
    GuestFactory(event=event)
    # 1 the event (joins incl. its minutes, waitlist counts), 2 guests, 3 questions,
    # 4 related issues
    with assert_num_queries(4):
        client.get(reverse("events:detail", args=[event.pk]))


def test_the_event_page_links_the_minutes_and_follow_up_to_an_attendee(client, suzuki):
    from kyoso.events.tests.after_event import attend, write_minutes

    event = EventFactory(starts_at=timezone.now() - timedelta(days=3))
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    attend(event, suzuki)
    write_minutes(event, published=True)
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (secretariat?), 4 the event (joins incl. its minutes, waitlist
    # counts, "organizes"), 5 guests, 6 questions, 7 related issues, 8 the viewer's
    # registration (read once for the page and the minutes section's rules)
    with assert_num_queries(8):
        response = client.get(reverse("events:detail", args=[event.pk]))
    text = page_text(response)
    assert "議事録とフォローアップ" in text
    assert reverse("events:minutes", args=[event.pk]) in text
    assert reverse("events:followup", args=[event.pk]) in text
    assert reverse("events:minutes_edit", args=[event.pk]) not in text


def test_before_any_minutes_the_organizer_is_offered_to_write_them_and_nothing_to_read(
    client, suzuki
):
    from kyoso.events.tests.after_event import attend

    event = EventFactory()
    attend(event, suzuki)
    client.force_login(event.created_by)
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert reverse("events:minutes_edit", args=[event.pk]) in html
    assert reverse("events:minutes", args=[event.pk]) + '"' not in html
    assert reverse("events:followup", args=[event.pk]) not in html
    client.force_login(suzuki)  # came, but there is nothing to follow up yet
    text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "議事録とフォローアップ" not in text


def test_draft_minutes_are_not_linked_for_the_public_but_are_for_the_organizer(client):
    from kyoso.events.tests.after_event import write_minutes

    event = EventFactory()
    write_minutes(event, published=False)
    # 1 the event (joins incl. its minutes, waitlist counts), 2 guests, 3 questions,
    # 4 related issues
    with assert_num_queries(4):
        text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "議事録とフォローアップ" not in text
    client.force_login(event.created_by)
    text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert reverse("events:minutes_edit", args=[event.pk]) in text
    assert "議事録を読む</a>（下書き）" in text


def test_a_cancelled_event_says_so_and_offers_no_registration(client, suzuki):
    event = EventFactory(status=EventStatus.CANCELLED)
    client.force_login(suzuki)
    text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "このイベントは中止になりました。" in text
    assert "申し込む</button>" not in text
    assert "このイベントは中止になったため、申し込めません。" in text


def test_a_full_event_still_takes_the_waitlist(client, suzuki):
    event = EventFactory(capacity_venue=1, confirmed_venue=1)
    client.force_login(suzuki)
    text = page_text(client.get(reverse("events:detail", args=[event.pk])))
    assert "満席" in text and "申し込む</button>" in text


# --- My events -------------------------------------------------------------------------------


def test_my_events_lists_registrations_and_organized_events(client, suzuki):
    mine = EventFactory(title="申し込んだ会")
    RegistrationFactory(event=mine, user=suzuki)
    EventFactory(title="他人の会")
    EventFactory(title="自分の下書き", created_by=suzuki, status=EventStatus.DRAFT)
    cancelled = EventFactory(title="取り消した会")
    RegistrationFactory(event=cancelled, user=suzuki, status="cancelled")
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (the header), 4 registrations (with their events),
    # 5 organized events
    with assert_num_queries(5):
        response = client.get(reverse("events:mine"))
    text = page_text(response)
    assert "申し込んだ会" in text and "自分の下書き" in text
    assert "他人の会" not in text and "取り消した会" not in text


def test_my_events_needs_signing_in(client):
    assert client.get(reverse("events:mine")).status_code == 302
