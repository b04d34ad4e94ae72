"""The issue map page (/issues/map/) and the map settings script it shares with the picker."""

import json
import re
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import Issue
from kyoso.issues.views import map as map_views

SENDAI = (Decimal("38.268215"), Decimal("140.869356"))
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def make_issue(author, title, point=SENDAI, **fields):
    lat, lon = point if point else (None, None)
    return Issue.objects.create(
        title=title, body="本文", author=author, latitude=lat, longitude=lon, **fields
    )


def config_of(response) -> dict:
    text = response.content.decode()
    prefix = "window.KYOSO_MAP_CONFIG = "
    assert text.startswith(prefix) and text.endswith(";\n"), text
    return json.loads(text[len(prefix) : -2])


def outside_hosts(html: str) -> set[str]:
    """Hosts of every src/href in the page: the map page loads nothing from elsewhere."""
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    return {re.match(r"(?:https?:)?//([^/]+)", url).group(1) for url in urls if "//" in url}


# --- The page --------------------------------------------------------------------------------


def test_the_map_page_for_anonymous_visitors(client, db):
    # 1 municipalities of the issues on the map (for the filter)
    with assert_num_queries(1):
        response = client.get(reverse("issues:map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>課題マップ</h1>" in html
    assert f'data-geojson-url="{reverse("api:issues_geojson")}"' in html
    assert f'src="{reverse("issues:map_config")}"' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "kyoso/map.js" in html
    # The list of the issues in view, for keyboard and screen-reader users.
    assert "data-map-list" in html and 'role="status"' in html
    assert outside_hosts(html) == set()


def test_the_map_page_signed_in(client, suzuki, sato):
    make_issue(suzuki, "仙台の課題", municipality_id="04101")
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (visibility), 4 municipalities for the filter
    with assert_num_queries(4):
        response = client.get(reverse("issues:map"))
    assert response.status_code == 200


def test_the_filter_form_has_the_list_facets_and_keeps_the_choice(client, db):
    response = client.get(
        reverse("issues:map"), {"stage": "surfaced", "theme": "housing", "wall": "budget"}
    )
    html = response.content.decode()
    for name in ("q", "stage", "theme", "sdg", "target", "wall", "municipality"):
        assert f'name="{name}"' in html
    assert '<option value="surfaced" selected>顕在化</option>' in html
    assert '<option value="housing" selected>住まい・空き家</option>' in html
    assert '<option value="budget" selected>予算の壁</option>' in html
    assert '<option value="sdg05">5 ジェンダー平等を実現しよう</option>' in html


def test_the_municipality_filter_lists_only_places_on_the_map(client, suzuki, takahashi):
    make_issue(suzuki, "仙台の課題", municipality_id="04101")
    make_issue(suzuki, "地図にない課題", point=None, municipality_id="06201")
    make_issue(
        takahashi,
        "非表示の課題",
        municipality_id="06204",
        hidden_at=timezone.now(),
        hidden_reason="個人情報",
    )
    html = client.get(reverse("issues:map")).content.decode()
    assert '<option value="04101">宮城県仙台市青葉区</option>' in html
    assert "山形県山形市" not in html
    assert "山形県酒田市" not in html


def test_filter_values_are_escaped(client, db):
    response = client.get(reverse("issues:map"), {"q": '"><script>alert(1)</script>'})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_the_map_page_only_answers_get(client, db):
    assert client.post(reverse("issues:map")).status_code == 405


# --- The settings script ---------------------------------------------------------------------


@override_settings(KYOSO_MAP_TILE_URL="")
def test_without_a_tile_url_the_map_loads_no_tiles(client, db):
    with assert_num_queries(0):
        response = client.get(reverse("issues:map_config"))
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    config = config_of(response)
    assert config["tileUrl"] == ""
    assert config["tileAttribution"] == ""
    assert config["bounds"] == [[37.75, 139.55], [39.15, 141.65]]  # Miyagi and Yamagata
    assert config["icons"]["marker"].endswith("vendor/leaflet/images/marker-icon.png")
    assert config["messages"]["useCentre"] == str(map_views.PICKER_USE_CENTRE)
    assert "//" not in json.dumps(config)  # nothing from another host


@override_settings(
    KYOSO_MAP_TILE_URL=OSM, KYOSO_MAP_TILE_ATTRIBUTION="&copy; OpenStreetMap contributors"
)
def test_the_tile_url_comes_from_the_setting(client, db):
    config = config_of(client.get(reverse("issues:map_config")))
    assert config["tileUrl"] == OSM
    assert config["tileAttribution"] == "&copy; OpenStreetMap contributors"


def test_the_script_messages_follow_the_language(client, db):
    response = client.get(reverse("issues:map_config"), HTTP_ACCEPT_LANGUAGE="ja")
    assert config_of(response)["messages"]["zoomIn"] == "拡大"
    assert "Accept-Language" in response["Vary"]
    assert "private" in response["Cache-Control"]


def test_every_script_message_is_a_constant(db):
    keys = re.findall(r'message\("(\w+)"', _map_js())
    assert set(keys) <= set(map_views.SCRIPT_MESSAGES), set(keys) - set(map_views.SCRIPT_MESSAGES)


def _map_js() -> str:
    from pathlib import Path

    import kyoso

    return (Path(kyoso.__file__).parent / "static" / "kyoso" / "map.js").read_text()


@pytest.mark.parametrize("name", ["issues/map_picker.html", "issues/map_assets.html"])
def test_the_includes_render_on_their_own(name, rf, db):
    from django.template.loader import render_to_string

    html = render_to_string(name, {"latitude_name": "issue-latitude"})
    assert "kyoso/map.js" in html
    if name == "issues/map_picker.html":
        assert 'data-point-picker aria-describedby="point-picker-help"' in html
        assert 'data-latitude-name="issue-latitude"' in html
