"""The indicator table: seed 001's KPIs in both target forms, on-track flags, constant queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyoso.core.testing import assert_num_queries
from kyoso.kpi import selectors, series
from kyoso.kpi.models import Form, Unit
from kyoso.kpi.tests.factories import IndicatorFactory, actual, targets

pytestmark = pytest.mark.django_db

KPI1 = ["25542", "34780", "54626", "54626", "54626"]


def test_seed_001_kpi_1_as_increments():
    kpi = IndicatorFactory(code="KPI①", unit=Unit.THOUSAND_YEN, baseline=Decimal("43458"))
    targets(kpi, KPI1)
    row = selectors.indicator_table()[0]
    assert [y.fiscal_year for y in row.years] == [2022, 2023, 2024, 2025, 2026]
    assert [y.target_increment for y in row.years] == [Decimal(v) for v in KPI1]
    assert [y.target_cumulative for y in row.years] == [
        Decimal(v) for v in ["25542", "60322", "114948", "169574", "224200"]
    ]
    assert row.target_total == Decimal("224200")
    assert row.target_final_level == Decimal("267658")


def test_seed_001_kpi_2_as_cumulative_gives_the_same_increments():
    kpi = IndicatorFactory(unit=Unit.PERCENT, baseline=Decimal(24), target_form=Form.CUMULATIVE)
    targets(kpi, [10, 25, 50, 55, 60])
    row = selectors.indicator_table()[0]
    assert [y.target_increment for y in row.years] == [Decimal(v) for v in [10, 15, 25, 5, 5]]
    assert row.target_total == Decimal(60)
    assert [y.target_level for y in row.years] == [Decimal(v) for v in [34, 49, 74, 79, 84]]


def test_actuals_as_levels_and_the_on_track_flag():
    kpi = IndicatorFactory(unit=Unit.PERCENT, baseline=Decimal(24), actual_form=Form.LEVEL)
    targets(kpi, [10, 15, 25, 5, 5])
    actual(kpi, 2022, "40")  # +16 ≥ +10: on track
    actual(kpi, 2023, "45")  # +21 < +25: behind
    row = selectors.indicator_table()[0]
    assert row.years[0].actual_cumulative == Decimal(16)
    assert row.years[0].actual_increment == Decimal(16)
    assert row.years[1].actual_increment == Decimal(5)
    assert [y.on_track for y in row.years] == [True, False, None, None, None]
    assert row.on_track is False
    assert row.latest is not None and row.latest.fiscal_year == 2023


def test_a_year_without_a_level_leaves_the_next_increment_unknown():
    points = series.expand(
        "level",
        {2022: Decimal(30), 2024: Decimal(40)},
        baseline=Decimal(24),
        years=[2022, 2023, 2024],
    )
    assert points[2022].increment == 6 and points[2024].cumulative == 16
    assert points[2024].increment is None


def test_a_missing_increment_leaves_later_cumulatives_unknown():
    points = series.expand(
        "increment",
        {2022: Decimal(1), 2024: Decimal(2)},
        baseline=Decimal(0),
        years=[2022, 2023, 2024],
    )
    assert points[2022].cumulative == 1
    assert points[2023] == series.EMPTY
    assert points[2024].increment == 2 and points[2024].cumulative is None


def test_public_only_and_the_year_table():
    hidden = IndicatorFactory(is_public=False)
    shown = IndicatorFactory(is_public=True)
    targets(shown, [1, 1, 1, 1, 1])
    assert [r.indicator for r in selectors.indicator_table(public_only=True)] == [shown]
    rows = selectors.indicator_table_for_year(2023)
    assert [r.indicator for r in rows] == [hidden, shown]
    assert rows[1].year is not None and rows[1].year.target_cumulative == 2
    assert selectors.indicator_table_for_year(2030)[0].year is None


@pytest.mark.parametrize("count", [1, 20])
def test_the_table_reads_three_queries_whatever_the_number_of_indicators(count):
    for _ in range(count):
        kpi = IndicatorFactory()
        targets(kpi, [1, 2, 3, 4, 5])
        actual(kpi, 2022, 1)
    # 1 indicators with their community, 2 targets, 3 actuals with who recorded them
    with assert_num_queries(3):
        rows = selectors.indicator_table()
        assert len(rows) == count
        assert all(r.on_track for r in rows)
