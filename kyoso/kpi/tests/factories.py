"""Factories of the KPI tests."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from kyoso.kpi.models import Actual, Form, Indicator, SourceKind, Target, Unit


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"指標{n}")
    unit = Unit.COUNT
    baseline = Decimal(0)
    baseline_year = 2021
    plan_start_year = 2022
    plan_end_year = 2026
    target_form = Form.INCREMENT
    actual_form = Form.INCREMENT
    source_kind = SourceKind.ENTERED


def targets(indicator: Indicator, values: list[str | int], first: int | None = None) -> None:
    year = first or indicator.plan_start_year
    for offset, value in enumerate(values):
        Target.objects.create(indicator=indicator, fiscal_year=year + offset, value=Decimal(value))


def actual(indicator: Indicator, year: int, value: str | int, **kwargs) -> Actual:
    return Actual.objects.create(
        indicator=indicator,
        fiscal_year=year,
        value=Decimal(value),
        origin=kwargs.pop("origin", SourceKind.ENTERED),
        recorded_at=timezone.now(),
        **kwargs,
    )
