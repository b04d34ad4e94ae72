"""The chart: pygal SVG with nothing a strict Content-Security-Policy would block, cached by
what it shows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyoso.kpi import chart, selectors
from kyoso.kpi.models import Unit
from kyoso.kpi.tests.factories import IndicatorFactory, actual, targets

pytestmark = pytest.mark.django_db


def test_the_chart_is_inline_svg_without_style_script_or_inline_styles():
    kpi = IndicatorFactory(name="売上<&>", unit=Unit.THOUSAND_YEN, baseline=Decimal("43458"))
    targets(kpi, ["25542", "34780"])
    actual(kpi, 2022, "26000")
    svg = chart.render(selectors.indicator_table()[0])
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    for blocked in ("<style", "<script", "style=", "<!--", "<?xml"):
        assert blocked not in svg
    assert 'role="img"' in svg and "売上&lt;&amp;&gt;の目標と実績" in svg
    assert "令和4年度" in svg


def test_the_chart_is_drawn_again_only_when_its_figures_change(monkeypatch):
    kpi = IndicatorFactory()
    targets(kpi, [1, 2])
    drawn = []
    real = chart.render
    monkeypatch.setattr(chart, "render", lambda row: drawn.append(row) or real(row))
    first = chart.render_cached(selectors.indicator_table()[0])
    assert chart.render_cached(selectors.indicator_table()[0]) == first
    assert len(drawn) == 1
    actual(kpi, 2022, 1)
    chart.render_cached(selectors.indicator_table()[0])
    assert len(drawn) == 2
