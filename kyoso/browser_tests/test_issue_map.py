"""The issue map in a browser: clustered markers for the seeded issues, a popup with the title
link and stage, the list under the map, axe-clean at desktop and 360 px — and the point picker
filling the form's latitude and longitude. No tile URL is set, so nothing leaves the site (the
network guard of the conftest fails the test otherwise)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.api import messages as api_messages
from kyoso.browser_tests.conftest import (
    assert_no_horizontal_scroll,
    check_axe,
    field,
    login,
    screenshot,
)
from kyoso.issues.models import Issue, IssueTag, Stage
from kyoso.issues.views import map as map_views

pytestmark = pytest.mark.browser

ISSUES = [
    # title, (lat, lon), municipality, stage, theme
    (
        "生理用品を学校のトイレに置いてほしい",
        ("38.268215", "140.869356"),
        "04101",
        Stage.SEED,
        "gender",
    ),
    (
        "若年女性の相談先がわからない",
        ("38.260000", "140.880000"),
        "04101",
        Stage.SURFACED,
        "gender",
    ),
    ("空き家を若者の拠点に", ("38.240436", "140.363633"), "06201", Stage.IN_ACTION, "housing"),
    ("農業の後継者がいない", ("38.914356", "139.836501"), "06204", Stage.SOLVED, "agriculture"),
]


@pytest.fixture
def seeded(suzuki):
    issues = []
    for title, (lat, lon), municipality, stage, theme in ISSUES:
        issue = Issue.objects.create(
            title=title,
            body=f"{title}。地域で話し合いたい課題です。",
            author=suzuki,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            municipality_id=municipality,
            stage=stage,
        )
        IssueTag.objects.create(issue=issue, kind=IssueTag.Kind.THEME, value=theme)
        issues.append(issue)
    Issue.objects.create(title="地図にない課題", body="場所なし", author=suzuki)
    return issues


def wait_until_loaded(page) -> None:
    page.wait_for_selector("[data-issue-map][data-map-state=ready]")


def wait_for_popup_shown(page) -> None:
    """Until the popup has faded in (axe measures colours as they are drawn)."""
    page.wait_for_function(
        "() => { const p = document.querySelector('.leaflet-popup');"
        " return p && getComputedStyle(p).opacity === '1'; }"
    )


@override_settings(KYOSO_MAP_TILE_URL="")
def test_map_shows_markers_popup_and_list(page, seeded):
    # Without motion (the map honours the setting): axe then measures the popup's colours
    # as they end up, not halfway through its fade-in.
    page.emulate_media(reduced_motion="reduce")
    page.goto(reverse("issues:map"))
    wait_until_loaded(page)
    # Sendai's two issues are clustered at the start zoom; Yamagata and Sakata stand alone.
    status = page.locator("[data-map-status]")
    assert status.inner_text() == "地図の範囲に4件の課題があります。"
    assert page.locator(".leaflet-marker-icon.marker-cluster").count() == 1
    assert page.locator(".marker-cluster").inner_text().startswith("2")
    assert page.locator("img.leaflet-marker-icon").count() == 2
    items = page.locator("[data-map-list] li")
    assert items.count() == 4
    assert "農業の後継者がいない" in items.nth(0).inner_text()  # newest first
    screenshot(page, "issue-map-01-desktop")
    check_axe(page, context="issue map")

    # Clicking a marker opens its popup with the title link and the stage.
    page.get_by_role("button", name="農業の後継者がいない", exact=True).click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    wait_for_popup_shown(page)
    # The map moved to show the popup and loaded the issues again: the popup stays open.
    wait_until_loaded(page)
    link = popup.get_by_role("link", name="農業の後継者がいない")
    assert link.is_visible()
    assert link.get_attribute("href").endswith(f"/{seeded[3].pk}/") or str(seeded[3].pk) in (
        link.get_attribute("href") or ""
    )
    assert "解決・持続" in popup.inner_text()
    assert "山形県酒田市" in popup.inner_text()
    screenshot(page, "issue-map-02-popup")
    check_axe(page, context="issue map with a popup")

    # A cluster zooms in to show its markers.
    page.locator(".marker-cluster").click()
    page.wait_for_function(
        "() => document.querySelectorAll('img.leaflet-marker-icon').length >= 2"
        " && !document.querySelector('.marker-cluster')"
    )
    wait_until_loaded(page)
    assert page.get_by_role("button", name="若年女性の相談先がわからない", exact=True).is_visible()

    # Filtering by a facet reloads the markers and the list, and keeps it in the address.
    page.goto(reverse("issues:map"))
    wait_until_loaded(page)
    page.get_by_label("テーマ").select_option(label="住まい・空き家")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_function("() => document.querySelectorAll('[data-map-list] li').length === 1")
    assert "空き家を若者の拠点に" in page.locator("[data-map-list]").inner_text()
    assert "theme=housing" in page.url
    assert page.locator("img.leaflet-marker-icon").count() == 1

    # The list's button shows an issue on the map and opens its popup.
    page.goto(reverse("issues:map"))
    wait_until_loaded(page)
    page.get_by_role("button", name="「若年女性の相談先がわからない」を地図で表示").click()
    page.locator(".leaflet-popup-content").get_by_role(
        "link", name="若年女性の相談先がわからない"
    ).wait_for()


@override_settings(KYOSO_MAP_TILE_URL="")
def test_a_refused_filter_is_explained_not_hidden(page, seeded):
    page.goto(reverse("issues:map") + "?prefecture=99")
    page.wait_for_selector("[data-issue-map][data-map-state=error]")
    assert page.locator("[data-map-status]").inner_text() == str(api_messages.PREFECTURE_UNKNOWN)
    assert page.locator("img.leaflet-marker-icon").count() == 0


@override_settings(KYOSO_MAP_TILE_URL="")
def test_map_at_360px(mobile_page, seeded):
    mobile_page.goto(reverse("issues:map"))
    wait_until_loaded(mobile_page)
    assert mobile_page.locator("[data-map-list] li").count() == 4
    box = mobile_page.locator("[data-issue-map]").bounding_box()
    assert box["width"] <= 360 and box["height"] >= 250
    assert_no_horizontal_scroll(mobile_page)
    screenshot(mobile_page, "issue-map-03-mobile")
    check_axe(mobile_page, context="issue map at 360 px")
    # The menu opens above the map, not under it.
    mobile_page.locator(".site-menu > summary").click()
    menu = mobile_page.locator(".site-nav--narrow")
    assert menu.is_visible()
    top = mobile_page.evaluate(
        """() => {
            const nav = document.querySelector('.site-nav--narrow');
            const r = nav.getBoundingClientRect();
            const el = document.elementFromPoint(r.left + 5, r.bottom - 5);
            return nav.contains(el);
        }"""
    )
    assert top, "the map is drawn over the header menu"


@override_settings(KYOSO_MAP_TILE_URL="")
def test_point_picker_on_the_posting_form_then_the_issue_is_on_the_map(page, suzuki):
    login(page, suzuki.email, DEFAULT_PASSWORD)
    page.goto(reverse("issues:create"))
    picker = page.locator("[data-point-picker]")
    status = picker.locator(".point-picker__status")
    status.wait_for()
    assert status.inner_text() == str(map_views.PICKER_NOT_PICKED)
    latitude = page.locator("input[name=latitude]")
    longitude = page.locator("input[name=longitude]")
    assert latitude.input_value() == "" and longitude.input_value() == ""

    # Clicking the map fills the form's latitude and longitude.
    the_map = picker.locator(".point-picker__map")
    the_map.scroll_into_view_if_needed()
    box = the_map.bounding_box()
    the_map.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 - 30})
    lat, lon = latitude.input_value(), longitude.input_value()
    assert 37 < float(lat) < 40 and 139 < float(lon) < 142  # around Miyagi and Yamagata
    assert len(lat.split(".")[1]) == 6  # the precision the database keeps
    assert status.inner_text().startswith("選んだ地点：緯度 ")
    assert picker.locator("img.leaflet-marker-icon").count() == 1
    screenshot(page, "issue-map-04-picker")
    check_axe(page, context="posting form with the point picker")

    # "Clear" empties both; "use the centre" sets the centre of the map.
    picker.get_by_role("button", name=str(map_views.PICKER_CLEAR)).click()
    assert latitude.input_value() == "" and longitude.input_value() == ""
    assert picker.locator("img.leaflet-marker-icon").count() == 0
    picker.get_by_role("button", name=str(map_views.PICKER_USE_CENTRE)).click()
    centre = page.evaluate(
        "() => document.querySelector('[data-point-picker]').kyosoPicker.map.getCenter()"
    )
    assert float(latitude.input_value()) == pytest.approx(centre["lat"], abs=1e-6)
    assert float(longitude.input_value()) == pytest.approx(centre["lng"], abs=1e-6)
    # Typed by hand (the fields under 「緯度・経度を直接入力する」), the marker follows.
    page.get_by_text("緯度・経度を直接入力する").click()
    latitude.fill("38.5")
    longitude.fill("140.25")
    longitude.blur()
    assert status.inner_text() == "選んだ地点：緯度 38.50000、経度 140.25000"
    the_map.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 - 30})
    assert latitude.input_value() == lat and longitude.input_value() == lon

    # Posted, the issue has that point and shows on the map.
    field(page, "タイトル").fill("通学路の街灯が暗い")
    field(page, "本文").fill("夜、中学生が歩く道が暗くて危ないという声があります。")
    page.get_by_label("まちづくり・地域コミュニティ").check()
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="投稿する").click()
    issue = Issue.objects.get(title="通学路の街灯が暗い")
    assert (str(issue.latitude), str(issue.longitude)) == (lat, lon)
    page.goto(reverse("issues:map"))
    wait_until_loaded(page)
    page.get_by_role("button", name="通学路の街灯が暗い", exact=True).click()
    wait_for_popup_shown(page)
    page.locator(".leaflet-popup-content").get_by_role("link", name="通学路の街灯が暗い").click()
    page.wait_for_url(f"**{reverse('issues:detail', args=[issue.pk])}")
