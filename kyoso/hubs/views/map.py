"""The hubs on the map: GeoJSON of every hub with a map point, and the page that shows it
(the issues map script, as missions and projects use it)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kyoso.core.policy import public
from kyoso.hubs import selectors

MAP_MESSAGES = {
    "loadFailed": gettext_lazy(
        "拠点を読み込めませんでした。時間をおいてページを再読み込みしてください。"
    ),
    "none": gettext_lazy("地図の範囲に拠点はありません。地図を動かしてください。"),
    "count": gettext_lazy("地図の範囲に%(count)s件の拠点があります。"),
    "truncated": gettext_lazy("件数が多いため、%(count)s件だけを表示しています。"),
    "clusterLabel": gettext_lazy("件の拠点（選ぶと拡大します）"),
}


@public
@require_GET
def hub_map_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hubs/map.html",
        {
            "map_messages": json.dumps(
                {key: str(value) for key, value in MAP_MESSAGES.items()}, ensure_ascii=False
            )
        },
    )


@public
@require_GET
def hub_map(request: HttpRequest) -> HttpResponse:
    """GeoJSON of every hub with a map point (a few dozen at most: no paging)."""
    rows = selectors.hub_list().filter(latitude__isnull=False).order_by("name", "id")[:500]
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            # GeoJSON is (longitude, latitude).
            "geometry": {"type": "Point", "coordinates": [float(h.longitude), float(h.latitude)]},
            "properties": {
                "id": h.pk,
                "title": h.name,
                "kind": "hub",
                "kind_label": str(gettext_lazy("拠点")),
                "summary": h.address,
                "url": reverse("hubs:detail", args=[h.slug]),
            },
        }
        for h in rows
    ]
    return HttpResponse(
        json.dumps(
            {"type": "FeatureCollection", "features": features, "truncated": False},
            ensure_ascii=False,
        ),
        content_type="application/geo+json; charset=utf-8",
    )
