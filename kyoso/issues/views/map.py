"""The issue map (課題マップ) and the map settings script shared with the point picker.

- ``issues:map`` (``/issues/map/``): Leaflet map with clustered markers loaded from
  ``GET /api/v1/issues.geojson`` for the visible area and the facets of the filter form, and
  the issues in view listed under the map for keyboard and screen-reader users.
- ``issues:map_config`` (``/issues/map/config.js``): ``window.KYOSO_MAP_CONFIG`` — the tile
  URL from ``KYOSO_MAP_TILE_URL`` (empty: no tiles, nothing loaded from outside), the start
  view, the marker icons and the script's messages in the request's language. Every page
  with a map (this one, the posting form's point picker) loads it before ``kyoso/map.js``.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import path
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kyoso.core.policy import public
from kyoso.issues.models import Stage
from kyoso.issues.selectors import listed_issues
from kyoso.issues.vocab import SDGS, TargetGroup, Theme, Wall
from kyoso.regions.models import Municipality

#: Start view, fitted to the screen: Miyagi and Yamagata ((south, west), (north, east)).
MAP_BOUNDS = ((37.75, 139.55), (39.15, 141.65))

# --- Messages of the map script (Japanese msgids; %(name)s placeholders) ---------------------
MAP_ZOOM_IN = _("拡大")
MAP_ZOOM_OUT = _("縮小")
MAP_LOAD_FAILED = _("課題を読み込めませんでした。時間をおいてページを再読み込みしてください。")
MAP_NONE = _("地図の範囲に表示できる課題はありません。地図を動かすか、条件を変えてください。")
MAP_COUNT = _("地図の範囲に%(count)s件の課題があります。")
MAP_TRUNCATED = _(
    "件数が多いため、新しい順に%(count)s件だけを表示しています。"
    "地図を拡大するか、条件で絞り込んでください。"
)
MAP_LIST_CAPPED = _("下の一覧には新しい順に%(count)s件を載せています。")
MAP_CLUSTER_LABEL = _("件の課題（選ぶと拡大します）")
MAP_EMPATHY_COUNT = _("共感 %(count)s")
MAP_SHOW_ON_MAP = _("地図で表示")
MAP_SHOW_ON_MAP_NAMED = _("「%(title)s」を地図で表示")
PICKER_LABEL = _("地点を選ぶ地図")
PICKER_USE_CENTRE = _("地図の中心を地点にする")
PICKER_CLEAR = _("地点を消す")
PICKER_PICKED = _("選んだ地点：緯度 %(lat)s、経度 %(lon)s")
PICKER_NOT_PICKED = _("地点はまだ選ばれていません（任意）。")
PICKER_MARKER = _("選んだ地点")

SCRIPT_MESSAGES = {
    "zoomIn": MAP_ZOOM_IN,
    "zoomOut": MAP_ZOOM_OUT,
    "loadFailed": MAP_LOAD_FAILED,
    "none": MAP_NONE,
    "count": MAP_COUNT,
    "truncated": MAP_TRUNCATED,
    "listCapped": MAP_LIST_CAPPED,
    "clusterLabel": MAP_CLUSTER_LABEL,
    "empathyCount": MAP_EMPATHY_COUNT,
    "showOnMap": MAP_SHOW_ON_MAP,
    "showOnMapNamed": MAP_SHOW_ON_MAP_NAMED,
    "pickerLabel": PICKER_LABEL,
    "useCentre": PICKER_USE_CENTRE,
    "clearPoint": PICKER_CLEAR,
    "picked": PICKER_PICKED,
    "notPicked": PICKER_NOT_PICKED,
    "pickedMarker": PICKER_MARKER,
}


def tile_url() -> str:
    return str(getattr(settings, "KYOSO_MAP_TILE_URL", "") or "")


def map_config() -> dict:
    url = tile_url()
    return {
        "tileUrl": url,
        "tileAttribution": str(getattr(settings, "KYOSO_MAP_TILE_ATTRIBUTION", "")) if url else "",
        "bounds": [list(corner) for corner in MAP_BOUNDS],
        "icons": {
            "marker": static("vendor/leaflet/images/marker-icon.png"),
            "marker2x": static("vendor/leaflet/images/marker-icon-2x.png"),
            "shadow": static("vendor/leaflet/images/marker-shadow.png"),
        },
        "messages": {key: str(value) for key, value in SCRIPT_MESSAGES.items()},
    }


@public
@require_GET
def issue_map_config(request: HttpRequest) -> HttpResponse:
    body = "window.KYOSO_MAP_CONFIG = " + json.dumps(map_config(), ensure_ascii=False) + ";\n"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # The messages follow the language (cookie or Accept-Language); keep caches honest.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    patch_cache_control(response, private=True, max_age=300)
    return response


#: The filter selects: the facets of the issue list (stage, theme, SDG, target group, wall).
FACETS: list[dict[str, Any]] = [
    {"name": "stage", "label": _("段階"), "choices": Stage.choices},
    {"name": "theme", "label": _("テーマ"), "choices": Theme.choices},
    {"name": "sdg", "label": _("SDGs"), "choices": SDGS},
    {"name": "target", "label": _("対象"), "choices": TargetGroup.choices},
    {"name": "wall", "label": _("官民連携の壁"), "choices": Wall.choices},
]


def _municipalities_on_the_map(viewer):
    """Municipalities named by issues the viewer sees on the map (a short list, one query)."""
    codes = (
        listed_issues(viewer)
        .filter(latitude__isnull=False, municipality__isnull=False)
        .values("municipality_id")
    )
    return Municipality.objects.filter(code__in=codes).select_related("prefecture", "parent")


@public
@require_GET
def issue_map(request: HttpRequest) -> HttpResponse:
    facets = [dict(facet, selected=request.GET.get(facet["name"], "")) for facet in FACETS]
    return render(
        request,
        "issues/map.html",
        {
            "facets": facets,
            "municipalities": _municipalities_on_the_map(request.user),
            "selected_municipality": request.GET.get("municipality", ""),
            "query_string": request.GET.urlencode(),
        },
    )


urlpatterns = [
    path("map/", issue_map, name="map"),
    path("map/config.js", issue_map_config, name="map_config"),
]
