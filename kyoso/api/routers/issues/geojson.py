"""``GET /issues.geojson``: the issues with a map point as a GeoJSON FeatureCollection."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from kyoso.api import auth
from kyoso.api.permissions import acting_user, rule
from kyoso.api.routers.issues.facets import STAGE_VALUES, IssueFacets, enum
from kyoso.issues.models import Stage
from kyoso.issues.selectors import filtered_issues

router = Router(tags=["issues"])

#: The most features one GeoJSON answer carries (newest first); ``truncated`` says when more
#: matched. Zooming in or filtering shows the rest.
GEOJSON_MAX_FEATURES = 2000

BBOX_INVALID = _(
    "bbox は「西端の経度,南端の緯度,東端の経度,北端の緯度」の4つの数値で指定してください"
    "（例: 139.5,37.7,141.7,39.2）。"
)
BBOX_OUT_OF_RANGE = _("bbox の経度は-180から180まで、緯度は-90から90までで指定してください。")
BBOX_EMPTY = _("bbox は西端が東端より小さく、南端が北端より小さくなるように指定してください。")


class BBoxQuery(IssueFacets):
    bbox: str | None = Field(
        None,
        description="minLon,minLat,maxLon,maxLat (WGS 84), e.g. 139.5,37.7,141.7,39.2",
        # One example as ``example``: ninja lifts a field's ``examples`` list onto the
        # parameter, where OpenAPI requires a map of named examples.
        json_schema_extra={"example": "139.5,37.7,141.7,39.2"},
    )

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: str | None) -> str | None:
        if value is None or value.strip() == "":
            return None
        parse_bbox(value)
        return value


def parse_bbox(value: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 4:
        raise PydanticCustomError("kyoso_bbox", str(BBOX_INVALID))
    numbers = []
    for part in parts:
        try:
            number = Decimal(part)
        except ArithmeticError:
            raise PydanticCustomError("kyoso_bbox", str(BBOX_INVALID)) from None
        if not number.is_finite():
            raise PydanticCustomError("kyoso_bbox", str(BBOX_INVALID))
        numbers.append(number)
    west, south, east, north = numbers
    if not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise PydanticCustomError("kyoso_bbox_range", str(BBOX_OUT_OF_RANGE))
    if not (west < east and south < north):
        raise PydanticCustomError("kyoso_bbox_empty", str(BBOX_EMPTY))
    return west, south, east, north


class PointOut(Schema):
    type: str = "Point"
    coordinates: list[float] = Field(description="[longitude, latitude]")


class FeaturePropertiesOut(Schema):
    id: int
    title: str
    stage: str = Field(json_schema_extra=enum(STAGE_VALUES))
    stage_label: str
    municipality: str | None = Field(description="Municipality name with prefecture")
    empathy_count: int
    url: str = Field(description="The issue's page on this site")


class FeatureOut(Schema):
    type: str = "Feature"
    id: int
    geometry: PointOut
    properties: FeaturePropertiesOut


class FeatureCollectionOut(Schema):
    type: str = "FeatureCollection"
    features: list[FeatureOut]
    truncated: bool = Field(description=f"More than {GEOJSON_MAX_FEATURES} issues matched")


def _detail_url_template() -> str:
    """The detail URL with ``{id}`` in place of the number (reversed once per request)."""
    sentinel = 987654321
    try:
        return reverse("issues:detail", args=[sentinel]).replace(str(sentinel), "{id}")
    except NoReverseMatch:
        return ""


def _municipality_name(row: dict[str, Any]) -> str | None:
    if not row["municipality__name"]:
        return None
    parent = row["municipality__parent__name"] or ""
    return f"{row['municipality__prefecture__name']}{parent}{row['municipality__name']}"


@router.get(
    "/issues.geojson",
    response=FeatureCollectionOut,
    auth=auth.OPTIONAL,
    openapi_extra=auth.OPTIONAL_OPENAPI,
    url_name="issues_geojson",
    summary="Issues with a map point as GeoJSON",
)
@rule("core.public")
def issue_geojson(request: HttpRequest, filters: Query[BBoxQuery]):
    """A GeoJSON FeatureCollection (RFC 7946) of the issues you may see that have a point,
    newest first, at most 2,000 (``truncated`` is true when more matched). ``bbox`` keeps those
    inside ``minLon,minLat,maxLon,maxLat``; the facets are those of the issue list. Merged
    issues are left out unless ``stage=merged`` asks for them (they point to another issue)."""
    queryset, _capped = filtered_issues(acting_user(request), filters.as_filters())
    queryset = queryset.filter(latitude__isnull=False)
    if filters.bbox:
        west, south, east, north = parse_bbox(filters.bbox)
        queryset = queryset.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )
    if not filters.stage:
        queryset = queryset.exclude(stage=Stage.MERGED)
    rows: list[Any] = list(
        queryset.order_by("-created_at", "-id").values(
            "id",
            "title",
            "stage",
            "latitude",
            "longitude",
            "empathy_count",
            "municipality__name",
            "municipality__parent__name",
            "municipality__prefecture__name",
        )[: GEOJSON_MAX_FEATURES + 1]
    )
    truncated = len(rows) > GEOJSON_MAX_FEATURES
    url_template = _detail_url_template()
    labels = dict(Stage.choices)
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "id": row["id"],
                "title": row["title"],
                "stage": row["stage"],
                "stage_label": str(labels.get(row["stage"], row["stage"])),
                "municipality": _municipality_name(row),
                "empathy_count": row["empathy_count"],
                "url": url_template.replace("{id}", str(row["id"])),
            },
        }
        for row in rows[:GEOJSON_MAX_FEATURES]
    ]
    return {"type": "FeatureCollection", "features": features, "truncated": truncated}
