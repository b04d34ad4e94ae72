"""KPIs: the public indicators with their baseline and, per 年度 of the plan, target and
actual in every form (the same selector as the public page ``/kpi/public/``).

Figures are numbers in the indicator's unit (``thousand_yen`` is 千円, ``percent`` is %):
``*_increment`` is the year's own increase, ``*_cumulative`` the increase since the baseline,
``*_level`` baseline + cumulative. Unknown values are ``null``.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kyoso.api.permissions import rule
from kyoso.kpi import selectors

router = Router(tags=["kpi"])


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class YearOut(Schema):
    fiscal_year: int = Field(description="The 年度 (April–March), e.g. 2022 for 令和4年度")
    target_increment: float | None
    target_cumulative: float | None
    target_level: float | None
    actual_increment: float | None
    actual_cumulative: float | None
    actual_level: float | None
    on_track: bool | None = Field(description="actual cumulative ≥ target cumulative")


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    unit: str = Field(description="people, count, thousand_yen, yen or percent")
    baseline: float
    baseline_year: int
    plan_start_year: int
    plan_end_year: int
    target_form: str = Field(description="How staff enter targets: increment or cumulative")
    evaluation_month: int
    source: str = Field(description="computed, entered or survey")
    notes: str
    target_total: float | None = Field(description="Cumulative target at the plan's end")
    on_track: bool | None = Field(description="In the last year with an actual and a target")
    years: list[YearOut]


def _indicator(row: selectors.IndicatorRow) -> dict:
    ind = row.indicator
    return {
        "id": ind.pk,
        "code": ind.code,
        "name": ind.name,
        "unit": ind.unit,
        "baseline": float(ind.baseline),
        "baseline_year": ind.baseline_year,
        "plan_start_year": ind.plan_start_year,
        "plan_end_year": ind.plan_end_year,
        "target_form": ind.target_form,
        "evaluation_month": ind.evaluation_month,
        "source": ind.source_kind,
        "notes": ind.notes,
        "target_total": _num(row.target_total),
        "on_track": row.on_track,
        "years": [
            {
                "fiscal_year": y.fiscal_year,
                "target_increment": _num(y.target_increment),
                "target_cumulative": _num(y.target_cumulative),
                "target_level": _num(y.target_level),
                "actual_increment": _num(y.actual_increment),
                "actual_cumulative": _num(y.actual_cumulative),
                "actual_level": _num(y.actual_level),
                "on_track": y.on_track,
            }
            for y in row.years
        ],
    }


@router.get(
    "/kpi/indicators", response=list[IndicatorOut], auth=None, summary="Public KPI indicators"
)
@paginate
@rule("core.public")
def indicator_list(request: HttpRequest):
    """Public indicators in display order, each with its yearly baseline/target/actual."""
    return [_indicator(row) for row in selectors.indicator_table(public_only=True)]
