"""Reads of the KPI app: the indicator table (baseline, target and actual per 年度).

The table reads three queries whatever the number of indicators (indicators with their
community, targets, actuals); nothing here calls a computed source — the refresh stores
actuals (``services.indicators_refresh``).

Used by the dashboard, the public page, the API and the annual evaluation report::

    indicator_table(public_only=False) -> list[IndicatorRow]
    indicator_table_for_year(fiscal_year, public_only=False) -> list[IndicatorYear]
    indicator_row_get(pk, public_only=False) -> IndicatorRow          # 404 when hidden
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from kyoso.kpi import series
from kyoso.kpi.models import Actual, Indicator, Target
from kyoso.kpi.series import Point


@dataclass(frozen=True)
class YearRow:
    """One 年度 of an indicator: target and actual in every form, and whether it is on track."""

    fiscal_year: int
    target: Point
    actual: Point
    #: The stored actual row (evidence, note, origin, answers), or None.
    actual_row: Actual | None
    #: actual cumulative ≥ target cumulative; None when either is unknown.
    on_track: bool | None

    # Shorthands the templates and the report read.
    @property
    def target_increment(self) -> Decimal | None:
        return self.target.increment

    @property
    def target_cumulative(self) -> Decimal | None:
        return self.target.cumulative

    @property
    def target_level(self) -> Decimal | None:
        return self.target.level

    @property
    def actual_increment(self) -> Decimal | None:
        return self.actual.increment

    @property
    def actual_cumulative(self) -> Decimal | None:
        return self.actual.cumulative

    @property
    def actual_level(self) -> Decimal | None:
        return self.actual.level


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    #: The plan's years, first to last (plan_start_year..plan_end_year).
    years: list[YearRow]

    @property
    def baseline(self) -> Decimal:
        return self.indicator.baseline

    @property
    def latest(self) -> YearRow | None:
        """The last year with an actual."""
        with_actual = [y for y in self.years if y.actual_row is not None]
        return with_actual[-1] if with_actual else None

    @property
    def on_track(self) -> bool | None:
        """On track in the last year that has both an actual and a target."""
        judged = [y.on_track for y in self.years if y.on_track is not None]
        return judged[-1] if judged else None

    @property
    def target_total(self) -> Decimal | None:
        """The cumulative target at the plan's end (seed 001's KPI 増加分の累計)."""
        return self.years[-1].target.cumulative if self.years else None

    @property
    def target_final_level(self) -> Decimal | None:
        return self.years[-1].target.level if self.years else None

    def year(self, fiscal_year: int) -> YearRow | None:
        for row in self.years:
            if row.fiscal_year == fiscal_year:
                return row
        return None


@dataclass(frozen=True)
class IndicatorYear:
    """One indicator in one 年度 (the evaluation report's KPI table)."""

    indicator: Indicator
    baseline: Decimal
    #: None when the year is outside the indicator's plan.
    year: YearRow | None


def indicators(*, public_only: bool = False) -> QuerySet[Indicator]:
    """Indicators with their community, targets and actuals prefetched (3 queries)."""
    qs = Indicator.objects.select_related("community").prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("fiscal_year")),
        Prefetch(
            "actuals",
            queryset=Actual.objects.select_related("recorded_by").order_by("fiscal_year"),
        ),
    )
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.order_by("order", "id")


def row_of(indicator: Indicator) -> IndicatorRow:
    """The table row of an indicator whose targets and actuals are prefetched (no query)."""
    years = list(range(indicator.plan_start_year, indicator.plan_end_year + 1))
    targets = {t.fiscal_year: t.value for t in indicator.targets.all()}
    actual_rows = {a.fiscal_year: a for a in indicator.actuals.all()}
    target_points = series.expand(
        indicator.target_form, targets, baseline=indicator.baseline, years=years
    )
    actual_points = series.expand(
        indicator.actual_form,
        {year: row.value for year, row in actual_rows.items()},
        baseline=indicator.baseline,
        years=years,
    )
    rows = [
        YearRow(
            fiscal_year=year,
            target=target_points[year],
            actual=actual_points[year],
            actual_row=actual_rows.get(year),
            on_track=series.on_track(target_points[year], actual_points[year]),
        )
        for year in years
    ]
    return IndicatorRow(indicator=indicator, years=rows)


def indicator_table(*, public_only: bool = False) -> list[IndicatorRow]:
    """Every indicator (or the public ones) with its yearly rows; 3 queries."""
    return [row_of(indicator) for indicator in indicators(public_only=public_only)]


def indicator_table_for_year(fiscal_year: int, *, public_only: bool = False) -> list[IndicatorYear]:
    """Every indicator with its row for ``fiscal_year`` (None outside its plan); 3 queries."""
    return [
        IndicatorYear(indicator=row.indicator, baseline=row.baseline, year=row.year(fiscal_year))
        for row in indicator_table(public_only=public_only)
    ]


def indicator_row_get(pk: int, *, public_only: bool = False) -> IndicatorRow:
    """One indicator's row, or 404 (also when ``public_only`` and it is not public)."""
    indicator = indicators(public_only=public_only).filter(pk=pk).first()
    if indicator is None:
        raise Http404
    return row_of(indicator)
