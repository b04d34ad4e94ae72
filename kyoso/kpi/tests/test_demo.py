"""The demo's KPIs: seed 001's figures exactly, actuals for the years evaluated, the events'
FY2021 figures (11 sessions, のべ128) stored by the refresh, and the well-being survey."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyoso.core.fiscal import fiscal_year
from kyoso.kpi import selectors, selectors_surveys
from kyoso.kpi.models import Indicator, Survey

D = Decimal


@pytest.mark.usefixtures("loaded_demo")
class TestDemoKpis:
    def _row(self, code):
        return selectors.indicator_row_get(Indicator.objects.get(code=code).pk)

    def test_kpi_1_as_seed_001(self, db):
        row = self._row("KPI①")
        assert row.indicator.unit == "thousand_yen" and row.baseline == D("43458")
        assert [y.fiscal_year for y in row.years] == [2022, 2023, 2024, 2025, 2026]
        assert [y.target_increment for y in row.years] == [
            D("25542"),
            D("34780"),
            D("54626"),
            D("54626"),
            D("54626"),
        ]
        assert row.target_total == D("224200")
        assert row.indicator.is_public and row.indicator.evaluation_month == 9

    def test_kpi_2_as_seed_001(self, db):
        row = self._row("KPI②")
        assert row.indicator.unit == "percent" and row.baseline == D("24")
        assert row.indicator.target_form == "cumulative"
        assert [y.target_increment for y in row.years] == [D(10), D(15), D(25), D(5), D(5)]
        assert row.target_total == D(60)
        assert [y.target_level for y in row.years] == [D(34), D(49), D(74), D(79), D(84)]

    def test_actuals_for_the_years_already_evaluated(self, db, loaded_demo):
        this_year = fiscal_year(loaded_demo.started_at)
        kpi1, kpi2 = self._row("KPI①"), self._row("KPI②")
        expected1 = {2022: D("27310"), 2023: D("31905"), 2024: D("56120"), 2025: D("52480")}
        expected2 = {2022: D(36), 2023: D(47), 2024: D(75), 2025: D(80)}
        for year in kpi1.years:
            if year.fiscal_year < this_year and year.fiscal_year in expected1:
                assert year.actual_increment == expected1[year.fiscal_year]
                assert year.actual_row.evidence_name.endswith(".csv")
            else:
                assert year.actual_row is None
        for year in kpi2.years:
            if year.fiscal_year < this_year and year.fiscal_year in expected2:
                assert year.actual_level == expected2[year.fiscal_year]
        if this_year >= 2026:
            assert kpi1.year(2025).actual_cumulative == D("167815")
            assert kpi1.year(2025).target_cumulative == D("169574")
            assert kpi1.year(2025).on_track is False
            assert [kpi2.year(y).on_track for y in (2022, 2023, 2024, 2025)] == [
                True,
                False,
                True,
                True,
            ]

    def test_the_events_fy2021_figures_are_stored_by_the_refresh(self, db):
        held, people = self._row("セッション①"), self._row("セッション②")
        assert held.year(2021).actual_increment == D(11)
        assert people.year(2021).actual_increment == D(128)
        assert people.year(2021).on_track is True

    def test_the_wellbeing_survey_is_open_in_the_community_and_shows_no_breakdown(self, db):
        survey = Survey.objects.get(title__contains="well-being")
        assert survey.status == "open" and survey.community.slug == "sanroku-it-joshi"
        assert survey.is_anonymous
        results = selectors_surveys.survey_results(survey)
        assert results.responses == 3 and results.shown is False
        assert survey.questions.filter(indicator__code="KPI②").exists()
