"""A hub's figures per fiscal year (年度): consultations by theme, introductions, the share
followed up, unique people; the page with its chart and table; the CSV (UTF-8 with BOM)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.concierge import selectors
from kyoso.concierge.models import ConsultationStatus
from kyoso.concierge.tests.factories import ConsultationFactory, IntroductionFactory
from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=TOKYO)


@pytest.fixture
def year_2025(hub, concierge, suzuki, takahashi):
    """FY2025 (2025-04-01 .. 2026-03-31) at the hub: 4 held (one walk-in without account),
    one cancelled, one no-show, one held the year before and one the year after."""
    held = ConsultationStatus.HELD

    def make(when, **kw):
        kw.setdefault("status", held)
        kw.setdefault("person", suzuki)
        return ConsultationFactory(hub=hub, concierge=concierge, starts_at=when, **kw)

    a = make(at(2025, 4, 1, 0), themes=["housing", "community"], followed_up_at=timezone.now())
    make(at(2025, 10, 1), themes=["housing"], person=takahashi)
    make(at(2026, 3, 31, 23), themes=[], person=None, walk_in_name="田中", is_walk_in=True)
    make(at(2026, 1, 5), themes=["agriculture"], followed_up_at=timezone.now())
    make(at(2025, 6, 1), status=ConsultationStatus.CANCELLED, themes=["digital"])
    make(at(2025, 6, 2), status=ConsultationStatus.NO_SHOW, themes=["digital"])
    make(at(2025, 3, 31, 23), themes=["digital"])
    make(at(2026, 4, 1, 0), themes=["digital"])
    IntroductionFactory(consultation=a, introduced_on=date(2025, 4, 2))
    IntroductionFactory(consultation=a, introduced_on=date(2026, 3, 31))
    IntroductionFactory(consultation=a, introduced_on=date(2026, 4, 1))
    other_hub = ConsultationFactory(status=held, starts_at=at(2025, 5, 1), themes=["housing"])
    IntroductionFactory(consultation=other_hub, introduced_on=date(2025, 5, 1))


def test_hub_figures_count_the_held_consultations_of_the_fiscal_year(hub, year_2025):
    # 1 consultations, 2 introductions, then the hubs app's booking figures: 3 bookings per
    # space, 4 distinct people, 5 spaces, 6 opening hours, 7 closures
    with assert_num_queries(7):
        figures = selectors.hub_figures(hub, 2025)
    assert figures.consultations == 4
    assert dict(figures.by_theme) == {"housing": 2, "community": 1, "agriculture": 1, "": 1}
    assert figures.by_theme[0] == ("housing", 2)
    assert figures.introductions == 2
    assert figures.followed_up == 2
    assert figures.followed_up_percent == "50.0%"
    assert figures.unique_people == 3  # 鈴木, 高橋 and the walk-in without an account
    assert figures.space_usage is not None and figures.space_usage.spaces == []


def test_an_empty_year_has_no_share(hub):
    figures = selectors.hub_figures(hub, 2020)
    assert figures.consultations == 0
    assert figures.followed_up_share is None and figures.followed_up_percent == "—"


def test_the_page_has_a_chart_and_its_table(client, concierge, hub, year_2025):
    client.force_login(concierge)
    url = reverse("concierge:figures", args=[hub.slug])
    # 1 session, 2 user, 3 the viewer's platform roles, 4 hub, 5 its spaces, 6 staff? (the
    # organization membership), 7 concierge?, 8 held consultations, 9 introductions,
    # 10-14 the booking figures (bookings per space, people, spaces, hours, closures)
    with assert_num_queries(14):
        response = client.get(url, {"fy": "2025"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="concierge-chart" aria-hidden="true"' in body
    assert '<th scope="row">住まい・空き家</th><td class="num">2</td>' in body
    assert "50.0%" in body


def test_a_bad_fiscal_year_says_so(client, concierge, hub):
    client.force_login(concierge)
    response = client.get(reverse("concierge:figures", args=[hub.slug]), {"fy": "令和"})
    assert response.status_code == 400
    assert "「令和」は年度として読み取れません" in response.content.decode()


def test_the_csv_is_utf8_with_bom(client, sato, hub, year_2025):
    client.force_login(sato)
    response = client.get(reverse("concierge:figures_csv", args=[hub.slug]), {"fy": "2025"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff拠点,年度,区分,項目,値")
    assert "せんだい・みやぎソーシャルハブ,2025,相談,相談件数,4" in text
    assert "テーマ別の相談,住まい・空き家,2" in text
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.fixture
def room_used(hub, suzuki, takahashi):
    """The hub opens Mondays 9:00–21:00 only, holidays too: FY2025 has 52 Mondays, less
    2025-12-29 (年末年始) = 51 × 12 h = 612 open hours. 会議室A is booked 6 h + 3 h; a desk
    pool of 2 seats has two passes of 12 h."""
    from kyoso.hubs.models import Booking, OpeningHours
    from kyoso.hubs.tests.factories import DeskPoolFactory, SpaceFactory

    hub.closed_on_holidays = False
    hub.save()
    OpeningHours.objects.create(hub=hub, weekday=0, opens="09:00", closes="21:00")
    room = SpaceFactory(hub=hub, name="会議室A", position=0)
    desks = DeskPoolFactory(hub=hub, name="コワーキング", capacity=2, position=1)

    def book(space, user, day, start, end, kind="slot"):
        Booking.objects.create(
            space=space,
            hub=hub,
            user=user,
            kind=kind,
            status="confirmed",
            day=day,
            starts_at=at(day.year, day.month, day.day, start),
            ends_at=at(day.year, day.month, day.day, end),
            blocked_until=at(day.year, day.month, day.day, end),
            free_cancel_until=at(day.year, day.month, day.day, start),
        )

    book(room, suzuki, date(2025, 4, 7), 9, 15)
    book(room, takahashi, date(2025, 4, 14), 18, 21)
    book(desks, suzuki, date(2025, 4, 7), 9, 21, kind="day_pass")
    book(desks, suzuki, date(2025, 4, 14), 9, 21, kind="day_pass")


def test_space_usage_is_read_through_the_hubs_selector(hub, room_used):
    usage = selectors.hub_figures(hub, 2025).space_usage
    assert usage is not None
    assert [(s.name, s.hours) for s in usage.spaces] == [("会議室A", 9.0), ("コワーキング", 24.0)]
    assert usage.spaces[0].occupancy == pytest.approx(9 / 612)
    assert usage.spaces[1].occupancy == pytest.approx(24 / (612 * 2))
    assert usage.day_passes == 2 and usage.unique_users == 2


def test_the_page_and_the_csv_show_the_space_usage(client, concierge, hub, room_used):
    client.force_login(concierge)
    body = client.get(reverse("concierge:figures", args=[hub.slug]), {"fy": "2025"}).content
    page = body.decode()
    # 9 h of 612 open hours = 1.47 %; 24 seat-hours of 1224 = 1.96 %
    assert '<th scope="row">会議室A</th><td class="num">9.0</td><td class="num">1.5%</td>' in page
    assert '<td class="num">24.0</td><td class="num">2.0%</td>' in page
    response = client.get(reverse("concierge:figures_csv", args=[hub.slug]), {"fy": "2025"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert "スペースの利用,会議室A 予約時間,9.0" in text
    assert "スペースの利用,会議室A 稼働率,1.5%" in text
    assert "スペースの利用,ドロップイン（1日利用）,2" in text
    assert "スペースの利用,利用した人（実人数）,2" in text


def test_unique_people_counts_each_account_once(hub, concierge):
    person = UserFactory()
    for day in (1, 2, 3):
        ConsultationFactory(
            hub=hub, concierge=concierge, person=person, status="held", starts_at=at(2025, 5, day)
        )
    assert selectors.hub_figures(hub, 2025).unique_people == 1
