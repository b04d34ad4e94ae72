"""The month calendar, the iCal feeds and the per-event download."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.tests.factories import CommunityFactory
from kyoso.core.testing import assert_num_queries
from kyoso.events.models import EventKind, EventMode, EventStatus
from kyoso.events.tests.builders import EventBuilder, tokyo

pytestmark = pytest.mark.django_db
URL = reverse("events:calendar")


def cells(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.split("<td")[1:]


def cell_of(page: str, day: int, *, in_month: bool = True) -> str:
    for cell in cells(page):
        if (
            "is-other-month" in cell.split(">", 1)[0]
        ) != in_month and f'"day-number">{day}<' in cell:
            return cell
    raise AssertionError(f"no cell for day {day}")


def test_month_starts_on_sunday_with_japanese_weekdays_and_holidays(client):
    page = client.get(URL, {"month": "2021-07"}).content.decode()
    headers = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert [h.split(">", 1)[1].split("<", 1)[0] for h in headers.split("<th")[1:]] == list(
        "日月火水木金土"
    )
    # July 2021 begins on a Thursday: the first row starts with Sunday June 27.
    first = cells(page)[0]
    assert "is-other-month" in first and '"day-number">27<' in first
    assert "海の日" in cell_of(page, 22) and "is-holiday" in cell_of(page, 22)
    assert "スポーツの日" in cell_of(page, 23)
    assert "2021年7月" in page


def test_events_show_on_their_days_drafts_never(client):
    EventBuilder(title="勉強会3", starts_at=tokyo(2021, 7, 29, 19, 0))
    EventBuilder(title="下書き", starts_at=tokyo(2021, 7, 29, 10, 0), status=EventStatus.DRAFT)
    EventBuilder(title="中止の会", starts_at=tokyo(2021, 7, 5, 19, 0), status=EventStatus.CANCELLED)
    EventBuilder(
        title="二日間",
        all_day=True,
        starts_at=tokyo(2021, 7, 10, 0, 0),
        ends_at=tokyo(2021, 7, 12, 0, 0),
    )
    EventBuilder(title="翌月", starts_at=tokyo(2021, 8, 29, 19, 0))
    page = client.get(URL, {"month": "2021-07"}).content.decode()
    assert "19:00 勉強会3" in cell_of(page, 29)
    assert "下書き" not in page
    assert "<s>19:00 中止の会</s>" in cell_of(page, 5)
    assert "二日間" in cell_of(page, 10) and "二日間" in cell_of(page, 11)
    assert "二日間" not in cell_of(page, 12)
    assert "翌月" not in page


def test_filters(client):
    community = CommunityFactory(slug="farmers")
    EventBuilder(
        title="オンライン勉強会", kind=EventKind.STUDY, mode=EventMode.ONLINE, theme="gender"
    )
    EventBuilder(
        title="会場の定例会", kind=EventKind.REGULAR, mode=EventMode.VENUE, community=community
    )
    EventBuilder(title="ハイブリッド会", kind=EventKind.OTHER, mode=EventMode.HYBRID)
    month = {"month": "2021-06"}

    def titles(**query):
        page = client.get(URL, {**month, **query}).content.decode()
        return {
            t for t in ("オンライン勉強会", "会場の定例会", "ハイブリッド会") if f" {t}</a>" in page
        }

    assert titles() == {"オンライン勉強会", "会場の定例会", "ハイブリッド会"}
    assert titles(kind="study") == {"オンライン勉強会"}
    assert titles(theme="gender") == {"オンライン勉強会"}
    assert titles(where="online") == {"オンライン勉強会", "ハイブリッド会"}
    assert titles(where="venue") == {"会場の定例会", "ハイブリッド会"}
    assert titles(community="farmers") == {"会場の定例会"}


def test_bad_month_is_explained_and_this_month_shown(client):
    response = client.get(URL, {"month": "2021-13"})
    assert response.status_code == 400
    assert "「2021-13」は月として読み取れません" in response.content.decode()


def test_calendar_queries(client):
    for day in range(1, 6):
        EventBuilder(starts_at=tokyo(2021, 6, day, 19, 0), community=CommunityFactory())
    # 1 municipalities with events, 2 communities with events (filter choices), 3 the events
    with assert_num_queries(3):
        response = client.get(URL, {"month": "2021-06"})
    assert response.status_code == 200


# --- Feeds --------------------------------------------------------------------------------


def uids(response) -> set[str]:
    return {
        str(v["UID"]).split("@")[0] for v in Calendar.from_ical(response.content).walk("VEVENT")
    }


def test_site_feed_lists_public_events_only(client):
    shown = EventBuilder()
    cancelled = EventBuilder(status=EventStatus.CANCELLED)
    EventBuilder(status=EventStatus.DRAFT)
    # 1 the events
    with assert_num_queries(1):
        response = client.get("/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert uids(response) == {f"event-{shown.pk}", f"event-{cancelled.pk}"}


def test_feed_is_cached_per_language(client):
    """A shared cache keeps one copy per language: the wording follows the header or the
    language cookie."""
    EventBuilder()
    japanese = client.get("/events.ics")
    client.cookies["kyoso_language"] = "en"
    english = client.get("/events.ics")

    assert japanese["Cache-Control"].startswith("public")
    vary = {part.strip().lower() for part in english["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    assert japanese.content != english.content


def test_community_feed(client):
    community = CommunityFactory(slug="farmers", name="農業の仲間")
    mine = EventBuilder(community=community)
    EventBuilder(community=CommunityFactory())
    EventBuilder(community=community, status=EventStatus.DRAFT)
    # 1 community, 2 its events
    with assert_num_queries(2):
        response = client.get(reverse("events:community_feed", args=["farmers"]))
    assert uids(response) == {f"event-{mine.pk}"}
    assert "農業の仲間のイベント" in response.content.decode()
    assert client.get(reverse("events:community_feed", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (EventStatus.PUBLISHED, "anonymous", 200),
        (EventStatus.CANCELLED, "anonymous", 200),
        (EventStatus.DRAFT, "anonymous", 302),
        (EventStatus.DRAFT, "other", 403),
        (EventStatus.DRAFT, "creator", 200),
        (EventStatus.DRAFT, "sato", 200),
    ],
)
def test_event_download_follows_who_may_see_the_event(client, sato, status, who, expected):
    creator = UserFactory()
    event = EventBuilder(status=status, created_by=creator)
    if who != "anonymous":
        client.force_login({"other": UserFactory(), "creator": creator, "sato": sato}[who])
    response = client.get(reverse("events:event_ics", args=[event.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
        assert uids(response) == {f"event-{event.pk}"}
        shared = status != EventStatus.DRAFT
        assert response["Cache-Control"].startswith("public" if shared else "private")


def test_event_download_queries(client):
    event = EventBuilder()
    with assert_num_queries(1):  # 1 the event
        response = client.get(reverse("events:event_ics", args=[event.pk]))
    assert response.status_code == 200
