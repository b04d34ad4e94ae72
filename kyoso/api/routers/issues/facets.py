"""The filters of the issue list as API query parameters (``/issues``, ``/issues.geojson``)."""

from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from kyoso.api.filters import choice_or_none, municipality_code_or_none
from kyoso.api.routers.regions import prefecture_code
from kyoso.core.text import normalize_text
from kyoso.issues import selectors
from kyoso.issues.models import Stage
from kyoso.issues.selectors import IssueFilters
from kyoso.issues.vocab import SDGS, TargetGroup, Theme, Wall

# --- Facets (the same as the issue list) -----------------------------------------------------

STAGE_VALUES = [stage.value for stage in Stage]
THEME_VALUES = list(Theme.values)
SDG_VALUES = [value for value, _label in SDGS]
TARGET_VALUES = list(TargetGroup.values)
WALL_VALUES = list(Wall.values)


def enum(values: list[str]) -> dict[str, Any]:
    """``json_schema_extra`` listing the allowed values in the OpenAPI document."""
    return {"enum": values}


_choice = choice_or_none


class IssueFacets(Schema):
    """The filters of the issue list page, with the same names."""

    stage: str | None = Field(None, json_schema_extra=enum(STAGE_VALUES))
    theme: str | None = Field(None, json_schema_extra=enum(THEME_VALUES))
    sdg: str | None = Field(None, json_schema_extra=enum(SDG_VALUES))
    target: str | None = Field(
        None, description="Target group", json_schema_extra=enum(TARGET_VALUES)
    )
    wall: str | None = Field(
        None,
        description="Wall of public-private partnership",
        json_schema_extra=enum(WALL_VALUES),
    )
    municipality: str | None = Field(
        None, description="Five-digit municipality code; a designated city includes its wards"
    )
    prefecture: str | None = Field(None, description="Prefecture code, e.g. 04")
    q: str | None = Field(None, max_length=200, description="Search words (Japanese-aware)")

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str | None) -> str | None:
        return _choice(value, STAGE_VALUES)

    @field_validator("theme")
    @classmethod
    def _theme(cls, value: str | None) -> str | None:
        return _choice(value, THEME_VALUES)

    @field_validator("sdg")
    @classmethod
    def _sdg(cls, value: str | None) -> str | None:
        return _choice(value, SDG_VALUES)

    @field_validator("target")
    @classmethod
    def _target(cls, value: str | None) -> str | None:
        return _choice(value, TARGET_VALUES)

    @field_validator("wall")
    @classmethod
    def _wall(cls, value: str | None) -> str | None:
        return _choice(value, WALL_VALUES)

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str | None) -> str | None:
        return municipality_code_or_none(value)

    @field_validator("prefecture")
    @classmethod
    def _prefecture(cls, value: str | None) -> str | None:
        return prefecture_code(value)

    @field_validator("q")
    @classmethod
    def _q(cls, value: str | None) -> str | None:
        return normalize_text(value) or None if value else None

    def as_filters(self) -> IssueFilters:
        return IssueFilters(
            stage=self.stage or "",
            theme=self.theme or "",
            sdg=self.sdg or "",
            target=self.target or "",
            wall=self.wall or "",
            municipality=self.municipality or "",
            prefecture=self.prefecture or "",
            query=self.q or "",
        )


SORT_VALUES = list(selectors.SORTS)


class IssueListQuery(IssueFacets):
    sort: str | None = Field(
        None,
        description="new (default), empathy, activity",
        json_schema_extra=enum(SORT_VALUES),
    )

    @field_validator("sort")
    @classmethod
    def _sort(cls, value: str | None) -> str | None:
        return _choice(value, SORT_VALUES)
