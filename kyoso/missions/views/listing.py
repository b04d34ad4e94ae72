"""The mission list (filters, keyset pages), a mission's page, the Atom feed and the map data."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kyoso.core.feeds import Entry, atom_response
from kyoso.core.keyset import CursorInvalid
from kyoso.core.policy import check, hidden_unless_visible, public, rule_required
from kyoso.missions import messages, selectors
from kyoso.missions.forms import FilterForm
from kyoso.missions.models import Application, Mission, MissionKind
from kyoso.missions.services.missions import completeness_of
from kyoso.regions.selectors import municipalities_where


def _municipalities() -> Any:
    """Where published missions are, and the cities of the wards among them (one query)."""
    return municipalities_where(Mission.objects.filter(status="published"))


@public
@require_GET
def mission_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, municipalities=_municipalities())
    values, dropped = form.filter_values() if request.GET else ({}, False)
    filters = selectors.MissionFilters(**values)
    after = request.GET.get("after", "")[:200]
    notices = [messages.FILTER_INVALID] if dropped else []
    try:
        page = selectors.mission_page(filters, after=after)
    except CursorInvalid:
        notices.append(messages.PAGE_INVALID)
        page = selectors.mission_page(filters)
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "missions/list.html",
        {
            "form": form,
            "page": page,
            "notices": notices,
            "query_string": query.urlencode(),
            "filtered": filters.active,
        },
    )


def _mission(request: HttpRequest, pk: int, **kwargs: Any) -> Mission:
    mission = selectors.mission_detail(pk)
    return hidden_unless_visible("missions.view_mission", request.user, mission)


@rule_required("missions.view_mission", get_object=_mission)
def mission_detail(request: HttpRequest, pk: int, obj: Mission) -> HttpResponse:
    user = request.user
    can_see_score = check("missions.view_completeness", user, obj)
    mine = None
    if user.is_authenticated:
        mine = Application.objects.filter(mission=obj, applicant_id=user.pk).first()
    skills = list(obj.skills.all())
    return render(
        request,
        "missions/detail.html",
        {
            "mission": obj,
            "required_skills": [s for s in skills if s.required],
            "welcome_skills": [s for s in skills if not s.required],
            "questions": list(obj.questions.all()),
            "completeness": completeness_of(obj) if can_see_score else None,
            "my_application": mine,
            "can_edit": check("missions.change_mission", user, obj),
            "can_publish": check("missions.publish_mission", user, obj),
            "can_close": check("missions.close_mission", user, obj),
            "can_edit_questions": check("missions.change_questions", user, obj),
            "can_see_applications": check("missions.view_applications", user, obj),
            "can_apply": mine is None
            and obj.status == "published"
            and check("missions.apply_mission", user, obj)
            and not check("missions.view_applications", user, obj),
        },
    )


@public
@require_GET
def mission_feed(request: HttpRequest) -> HttpResponse:
    """Atom feed of the newest published missions (what a candidate's feed reader follows)."""
    return atom_response(
        request,
        title=_("Kyoso ミッション"),
        description=_("新しく公開されたミッション"),
        list_url="missions:list",
        feed_url="missions:feed",
        entries=(
            Entry(
                title=mission.title,
                path=reverse("missions:detail", args=[mission.pk]),
                summary=f"{mission.get_kind_display()} / {mission.owner}",
                published=mission.published_at,
                updated=mission.updated_at,
                category=str(mission.get_kind_display()),
            )
            for mission in selectors.feed_missions()
        ),
    )


#: Messages of the map script that name missions instead of issues.
MAP_MESSAGES = {
    "loadFailed": gettext_lazy(
        "ミッションを読み込めませんでした。時間をおいてページを再読み込みしてください。"
    ),
    "none": gettext_lazy(
        "地図の範囲に表示できるミッションはありません。地図を動かすか、条件を変えてください。"
    ),
    "count": gettext_lazy("地図の範囲に%(count)s件のミッションがあります。"),
    "truncated": gettext_lazy(
        "件数が多いため、新しい順に%(count)s件だけを表示しています。"
        "地図を拡大するか、条件で絞り込んでください。"
    ),
    "clusterLabel": gettext_lazy("件のミッション（選ぶと拡大します）"),
}


@public
@require_GET
def mission_map_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "missions/map.html",
        {
            "map_messages": json.dumps(
                {key: str(value) for key, value in MAP_MESSAGES.items()}, ensure_ascii=False
            ),
            "kinds": MissionKind.choices,
            "selected_kind": request.GET.get("kind", ""),
            "query_string": request.GET.urlencode(),
        },
    )


@public
@require_GET
def mission_map(request: HttpRequest) -> HttpResponse:
    """GeoJSON of the listed missions that have a map point, newest first, at most 500
    (``truncated`` says when more matched); ``bbox`` (west,south,east,north) keeps those
    inside it and ``kind`` those of one kind. A malformed ``bbox`` is a 400 with the reason."""
    from pydantic_core import PydanticCustomError

    from kyoso.api.routers.issues.geojson import parse_bbox

    bbox = None
    if request.GET.get("bbox"):
        try:
            bbox = parse_bbox(request.GET["bbox"])
        except PydanticCustomError as error:
            body = {"error": {"code": "bad_request", "message": error.message(), "details": {}}}
            return HttpResponse(
                json.dumps(body, ensure_ascii=False),
                status=400,
                content_type="application/json; charset=utf-8",
            )
    kind = request.GET.get("kind", "")
    rows = list(selectors.map_missions(bbox=bbox, kind=kind if kind in MissionKind.values else ""))
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                # GeoJSON is (longitude, latitude).
                "coordinates": [float(m.longitude), float(m.latitude)],
            },
            "properties": {
                "id": m.pk,
                "title": m.title,
                "kind": m.kind,
                "kind_label": str(m.get_kind_display()),
                "summary": str(m.get_kind_display()),
                "url": reverse("missions:detail", args=[m.pk]),
            },
        }
        for m in rows[: selectors.MAP_LIMIT]
    ]
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": features,
        "truncated": len(rows) > selectors.MAP_LIMIT,
    }
    return HttpResponse(
        json.dumps(collection, ensure_ascii=False),
        content_type="application/geo+json; charset=utf-8",
    )


urlpatterns = [
    path("", mission_list, name="list"),
    path("feed.atom", mission_feed, name="feed"),
    path("map.geojson", mission_map, name="map"),
    path("map/", mission_map_page, name="map_page"),
    path("<int:pk>/", mission_detail, name="detail"),
]
