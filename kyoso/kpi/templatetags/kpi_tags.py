"""Template filters of the KPI pages: figures with thousands separators and their unit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from kyoso.core.fiscal import fiscal_year_label
from kyoso.kpi.models import Unit

register = template.Library()


def figure(value: Decimal | int | None) -> str:
    """``43,458`` / ``24.5`` / ``—`` (two decimals at most, trailing zeros dropped)."""
    if value is None:
        return "—"
    number = Decimal(value)
    text = f"{number:,.2f}"
    return text.rstrip("0").rstrip(".")


@register.filter(name="figure")
def figure_filter(value: Any) -> str:
    return figure(value)


@register.filter
def signed(value: Any) -> str:
    if value is None:
        return "—"
    text = figure(value)
    return text if Decimal(value) < 0 else f"+{text}"


@register.filter
def unit_label(unit: str) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


@register.filter
def fy(year: int) -> str:
    return fiscal_year_label(year)
