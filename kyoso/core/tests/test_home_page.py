"""The public home: the registered blocks, their filters, their cache and its invalidation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core import home, messages
from kyoso.core.testing import assert_num_queries
from kyoso.core.tests.region import SENDAI, build_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return build_region()


def test_a_first_visitor_sees_the_pulse_and_what_to_do(client, region):
    # Cold: 1-2 figures (events held, checked-in registrations), 3 issues that gained empathy,
    # 4 events with seats, 5 open needs with their project, 6 open missions, 7 open
    # challenges, 8 the places the filter offers.
    with assert_num_queries(8, label="cold home"):
        response = client.get(reverse("core:home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ここでできること" in page
    for title in (
        "今週、共感が集まった課題",
        "席のある近日のイベント",
        "手伝いを求めているプロジェクト",
        "外部の力を求めるミッション",
        "開催したイベント",
        "のべ参加者",
    ):
        assert title in page
    assert "通学路が暗い" in page and "農家の後継者がいない" in page
    assert "先月の課題" not in page  # its empathy is ten days old
    assert "通学路を明るくする勉強会" in page
    assert "満席のワークショップ" not in page  # no seat left
    assert "ウェブサイトを作れる人" in page
    assert "販路開拓の副業人材" in page
    assert f'href="{reverse("issues:list")}?sort=empathy"' in page
    assert f'href="{reverse("missions:list")}"' in page


def test_a_warm_home_runs_no_query(client, region):
    client.get(reverse("core:home"))
    with assert_num_queries(0, label="warm home"):
        response = client.get(reverse("core:home"))
    assert "通学路が暗い" in response.content.decode()


def test_figures_count_this_years_events_and_participants(client, region):
    page = client.get(reverse("core:home")).content.decode()
    # One event held so far this year; 12 counted at the door + 1 checked in.
    assert '<span class="home-figure__value">1</span> 回' in page
    assert '<span class="home-figure__value">13</span> 人' in page


def test_an_empty_region_tells_a_newcomer_what_to_do(client):
    page = client.get(reverse("core:home")).content.decode()
    assert "今週はまだ共感が集まった課題がありません" in page
    assert "いま申し込めるイベントはありません" in page
    assert "いま手伝いを募集しているプロジェクトはありません" in page
    assert "いま応募できるミッションはありません" in page


def test_a_city_includes_its_wards(client, region):
    # 1 the municipality's name, 2 the places the filter offers, then the seven block queries.
    with assert_num_queries(9, label="cold home, one city"):
        response = client.get(reverse("core:home"), {"municipality": SENDAI})
    page = response.content.decode()
    assert "「宮城県仙台市」の動きを表示しています。" in page
    assert "通学路が暗い" in page  # posted in 青葉区
    assert "農家の後継者がいない" not in page
    assert "ウェブサイトを作れる人" not in page  # a project of 酒田市
    assert f"{reverse('events:list')}?municipality={SENDAI}" in page
    # warm: the signed-out body of this query comes whole from the cache (kyoso.core.pagecache)
    with assert_num_queries(0, label="warm home, one city"):
        client.get(reverse("core:home"), {"municipality": SENDAI})


def test_the_six_digit_code_with_its_check_digit_works_too(client, region):
    page = client.get(reverse("core:home"), {"municipality": "062049"}).content.decode()
    assert "「山形県酒田市」の動きを表示しています。" in page
    assert "農家の後継者がいない" in page and "通学路が暗い" not in page


def test_a_community_narrows_the_blocks_that_know_it_and_the_others_say_so(client, region):
    page = client.get(reverse("core:home"), {"community": region.community.pk}).content.decode()
    assert "「庄内農業共創コミュニティ」の動きを表示しています。" in page
    assert "農家の後継者がいない" in page and "通学路が暗い" not in page
    assert "庄内の販路を考える会" in page and "通学路を明るくする勉強会" not in page
    # Projects, missions and challenges have no community: they show the whole region and
    # say so.
    assert page.count("絞り込めないため、地域全体を表示しています") == 3
    assert "販路開拓の副業人材" in page


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"municipality": "99999"}, messages.HOME_UNKNOWN_MUNICIPALITY),
        ({"municipality": "abc"}, messages.HOME_UNKNOWN_MUNICIPALITY),
        ({"community": "999999"}, messages.HOME_UNKNOWN_COMMUNITY),
        ({"community": "x" * 30}, messages.HOME_UNKNOWN_COMMUNITY),
        ({"community": "9" * 40}, messages.HOME_UNKNOWN_COMMUNITY),
    ],
)
def test_a_filter_that_names_nothing_shows_the_whole_region(client, region, params, notice):
    response = client.get(reverse("core:home"), params)
    assert response.status_code == 200
    page = response.content.decode()
    assert str(notice) in page
    assert "通学路が暗い" in page and "農家の後継者がいない" in page


# --- Invalidation: a write shows on the next request -----------------------------------------


def test_empathy_shows_on_the_next_request(
    client, region, suzuki, django_capture_on_commit_callbacks
):
    from kyoso.issues.models import Issue
    from kyoso.issues.services.engagement import empathy_toggle

    quiet = Issue.objects.get(title="先月の課題")
    assert "先月の課題" not in client.get(reverse("core:home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        empathy_toggle(actor=suzuki, issue=quiet, on=True)
    assert "先月の課題" in client.get(reverse("core:home")).content.decode()


def test_a_registration_that_fills_the_last_seat_shows_on_the_next_request(
    client, region, suzuki, django_capture_on_commit_callbacks
):
    from kyoso.events.models import Event
    from kyoso.events.services.registration import registration_create

    Event.objects.filter(pk=region.upcoming.pk).update(capacity_venue=5)
    home.touch("events")
    assert "通学路を明るくする勉強会" in client.get(reverse("core:home")).content.decode()
    region.upcoming.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(actor=suzuki, event=region.upcoming)
    assert "通学路を明るくする勉強会" not in client.get(reverse("core:home")).content.decode()


def test_a_new_need_shows_on_the_next_request(client, region, django_capture_on_commit_callbacks):
    from kyoso.projects.models import Membership
    from kyoso.projects.services.needs import need_create

    lead = Membership.objects.get(project=region.project, role="lead").user
    client.get(reverse("core:home"))
    with django_capture_on_commit_callbacks(execute=True):
        need_create(
            actor=lead, project=region.project, data={"kind": "people", "title": "試食会の手伝い"}
        )
    assert "試食会の手伝い" in client.get(reverse("core:home")).content.decode()


def test_a_closed_mission_leaves_on_the_next_request(
    client, region, django_capture_on_commit_callbacks
):
    from kyoso.missions.services.missions import mission_close

    client.get(reverse("core:home"))
    lead = region.project.memberships.get(role="lead").user
    with django_capture_on_commit_callbacks(execute=True):
        mission_close(actor=lead, mission=region.mission)
    assert "販路開拓の副業人材" not in client.get(reverse("core:home")).content.decode()


def test_writes_only_re_render_the_blocks_that_read_them(client, region):
    client.get(reverse("core:home"))
    home.touch("missions")
    # 1 the places (they depend on missions too), 2 open missions: the other blocks come
    # from the cache.
    with assert_num_queries(2, label="home after a mission write"):
        client.get(reverse("core:home"))


def test_a_fragment_cached_before_the_versions_were_lost_is_not_served(client, region):
    from django.core.cache import cache

    client.get(reverse("core:home"))
    cache.delete_many([f"kyoso:home:version:{name}" for name in ("issues", "events")])
    # 1 the places, 2-3 figures, 4 issues, 5 events: the projects' and missions' blocks are
    # still current.
    with assert_num_queries(5, label="issues and events blocks again"):
        client.get(reverse("core:home"))


def test_english_is_cached_apart_from_japanese(english, region):
    english.get(reverse("core:home"))
    with assert_num_queries(0):
        response = english.get(reverse("core:home"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"


def test_an_issue_linked_to_a_community_shows_on_its_home_next(
    client, region, django_capture_on_commit_callbacks
):
    from kyoso.communities.models import CommunityRole
    from kyoso.communities.services.communities import community_link_issue
    from kyoso.communities.tests.factories import add_member

    leader = region.aoba_issue.author
    add_member(region.community, leader, role=CommunityRole.LEADER)
    url = reverse("core:home") + f"?community={region.community.pk}"
    assert "通学路が暗い" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        community_link_issue(actor=leader, community=region.community, issue=region.aoba_issue)
    assert "通学路が暗い" in client.get(url).content.decode()


def test_a_signed_in_person_never_gets_the_signed_out_body(client, region, suzuki):
    assert "ここでできること" in client.get(reverse("core:home")).content.decode()
    client.force_login(suzuki)
    page = client.get(reverse("core:home")).content.decode()
    assert "ここでできること" not in page
    assert reverse("core:dashboard") in page


def test_the_signed_out_menu_is_rendered_once_per_language(english, region):
    from django.test import Client

    from kyoso.core import navigation

    navigation.rendered.clear()
    japanese = Client().get(reverse("core:home")).content.decode()
    assert len(navigation.rendered) == 1
    assert japanese.count(f'href="{reverse("accounts:login")}"') == 2  # wide and narrow menus
    english_page = english.get(reverse("core:home")).content.decode()
    assert len(navigation.rendered) == 2
    assert "ログイン" not in english_page.split("</header>")[0]
