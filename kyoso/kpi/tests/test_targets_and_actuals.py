"""Targets and actuals: bad input is refused with a clear message and nothing is written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyoso.kpi import messages, selectors, services
from kyoso.kpi.models import Actual, Form, SourceKind, Target, Unit
from kyoso.kpi.tests.factories import IndicatorFactory, targets
from kyoso.kpi.validation import KpiError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _values(indicator):
    return dict(Target.objects.filter(indicator=indicator).values_list("fiscal_year", "value"))


def test_targets_for_years_outside_the_plan_are_refused_and_nothing_changes(sato):
    kpi = IndicatorFactory()
    targets(kpi, [1, 2])
    with pytest.raises(KpiError) as refused:
        services.targets_set(
            actor=sato, indicator=kpi, values={2022: Decimal(5), 2030: Decimal(9), 2019: Decimal(1)}
        )
    assert refused.value.message == messages.TARGET_YEAR_OUTSIDE_PLAN % {
        "years": "令和元年度、令和12年度",
        "start": "令和4年度",
        "end": "令和8年度",
    }
    assert _values(kpi) == {2022: Decimal(1), 2023: Decimal(2)}


def test_a_cumulative_series_that_decreases_is_refused(sato):
    kpi = IndicatorFactory(target_form=Form.CUMULATIVE)
    with pytest.raises(KpiError) as refused:
        services.targets_set(
            actor=sato,
            indicator=kpi,
            values={2022: Decimal(10), 2023: Decimal(25), 2024: Decimal(20)},
        )
    assert refused.value.message == messages.CUMULATIVE_DECREASES % {
        "year": "令和6年度",
        "value": "20",
        "previous": "25",
    }
    assert _values(kpi) == {}


def test_a_percentage_over_100_is_refused(sato):
    kpi = IndicatorFactory(unit=Unit.PERCENT, baseline=Decimal(24))
    with pytest.raises(KpiError) as refused:
        services.targets_set(
            actor=sato,
            indicator=kpi,
            values={2022: Decimal(10), 2023: Decimal(50), 2024: Decimal(25)},
        )
    assert refused.value.message == messages.PERCENT_OVER_100 % {
        "year": "令和6年度",
        "value": "109",
    }
    assert _values(kpi) == {}


def test_a_percentage_actual_over_100_is_refused(sato):
    kpi = IndicatorFactory(unit=Unit.PERCENT, baseline=Decimal(24), actual_form=Form.LEVEL)
    with pytest.raises(KpiError) as refused:
        services.actual_enter(actor=sato, indicator=kpi, fiscal_year=2022, value=Decimal("100.5"))
    assert refused.value.message == messages.PERCENT_OVER_100 % {
        "year": "令和4年度",
        "value": "100.5",
    }
    assert not Actual.objects.exists()


def test_a_percentage_baseline_over_100_is_refused(sato):
    data = services.IndicatorData(
        name="割合",
        unit=Unit.PERCENT,
        baseline=Decimal(120),
        baseline_year=2021,
        plan_start_year=2022,
        plan_end_year=2026,
    )
    with pytest.raises(KpiError) as refused:
        services.indicator_create(actor=sato, data=data)
    assert refused.value.message == messages.PERCENT_BASELINE_OVER_100


def test_shrinking_the_plan_under_its_targets_is_refused(sato):
    kpi = IndicatorFactory(name="売上")
    targets(kpi, [1, 2, 3, 4, 5])
    data = services.IndicatorData(
        name="売上",
        unit=Unit.COUNT,
        baseline=Decimal(0),
        baseline_year=2021,
        plan_start_year=2022,
        plan_end_year=2024,
    )
    with pytest.raises(KpiError) as refused:
        services.indicator_update(actor=sato, indicator=kpi, data=data)
    assert "令和7年度、令和8年度" in str(refused.value.message)
    kpi.refresh_from_db()
    assert kpi.plan_end_year == 2026


def test_an_entered_actual_keeps_its_evidence_and_a_correction_replaces_the_value(sato):
    kpi = IndicatorFactory(unit=Unit.THOUSAND_YEN, baseline=Decimal("43458"))
    targets(kpi, ["25542"])
    evidence = SimpleUploadedFile("売上集計.pdf", PDF, content_type="application/pdf")
    services.actual_enter(
        actor=sato, indicator=kpi, fiscal_year=2022, value=Decimal("20000"), evidence=evidence
    )
    services.actual_enter(actor=sato, indicator=kpi, fiscal_year=2022, value=Decimal("26000"))
    row = selectors.indicator_table()[0].years[0]
    assert row.actual_increment == Decimal("26000")
    assert row.on_track is True
    assert row.actual_row is not None and row.actual_row.evidence_name == "売上集計.pdf"


def test_evidence_that_is_not_what_it_claims_is_refused(sato):
    kpi = IndicatorFactory()
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(KpiError) as refused:
        services.actual_enter(
            actor=sato, indicator=kpi, fiscal_year=2022, value=Decimal(1), evidence=fake
        )
    assert refused.value.message == messages.EVIDENCE_NOT_ALLOWED
    assert not Actual.objects.exists()


def test_an_actual_outside_the_plan_or_of_a_computed_indicator_is_refused(sato):
    kpi = IndicatorFactory()
    with pytest.raises(KpiError) as refused:
        services.actual_enter(actor=sato, indicator=kpi, fiscal_year=2027, value=Decimal(1))
    assert refused.value.field == "fiscal_year"
    computed = IndicatorFactory(source_kind=SourceKind.COMPUTED, source_key="events.held")
    with pytest.raises(KpiError) as refused:
        services.actual_enter(actor=sato, indicator=computed, fiscal_year=2022, value=Decimal(1))
    assert refused.value.message == messages.ACTUAL_NOT_ENTERED
