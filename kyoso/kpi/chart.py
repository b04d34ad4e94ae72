"""The chart of an indicator: server-rendered SVG drawn by pygal (decision 0017).

A line per series over the plan's 年度: the target and the actual as levels (baseline +
cumulative), and the baseline as a flat line. pygal's own ``<style>`` and comments are taken
out so the SVG can sit inline under a strict Content-Security-Policy; its look comes from
``.kpi-chart`` rules in pages.css (prints too, needs no JavaScript). pygal is imported on
first use only (≈40 ms, 4 MB; measured in the decision).
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kyoso.core.fiscal import fiscal_year_label

if TYPE_CHECKING:
    from kyoso.kpi.selectors import IndicatorRow

WIDTH = 640
HEIGHT = 300

_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script[^>]*>.*?</script>|<script[^>]*/>", re.S)
_ID = re.compile(r'id="chart-[0-9a-f-]+"')
_INLINE_STYLE = re.compile(r'\sstyle="[^"]*"')


def _value(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


#: Rendered charts are cached by what they show (pygal takes tens of ms per chart).
CACHE_SECONDS = 24 * 3600


def _fingerprint(row: IndicatorRow) -> str:
    ind = row.indicator
    parts = [
        str(ind.pk),
        ind.name,
        str(ind.baseline),
        get_language() or "",
        *(f"{y.fiscal_year}:{y.target_level}:{y.actual_level}" for y in row.years),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def render_cached(row: IndicatorRow) -> str:
    """:func:`render`, from the cache when the same figures were drawn before."""
    from django.core.cache import cache

    key = f"kpi:chart:{_fingerprint(row)}"
    svg = cache.get(key)
    if svg is None:
        svg = render(row)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def render(row: IndicatorRow) -> str:
    """The indicator's chart as an inline ``<svg>`` string (no script, no style)."""
    import pygal

    indicator = row.indicator
    chart = pygal.Line(
        width=WIDTH,
        height=HEIGHT,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        print_values=False,
        allow_interruptions=True,
        include_x_axis=False,
        margin=12,
        margin_right=36,
        dots_size=4,
        truncate_label=-1,
        value_formatter=lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}",
    )
    chart.x_labels = [fiscal_year_label(y.fiscal_year) for y in row.years]
    chart.add(str(_("目標")), [_value(y.target_level) for y in row.years])
    chart.add(str(_("実績")), [_value(y.actual_level) for y in row.years])
    chart.add(str(_("基準値")), [float(indicator.baseline)] * len(row.years))
    svg = chart.render(is_unicode=True)
    svg = _STYLE.sub("", svg)
    svg = _SCRIPT.sub("", svg)
    svg = _COMMENT.sub("", svg)
    svg = _INLINE_STYLE.sub("", svg)
    svg = _ID.sub(f'id="kpi-chart-{indicator.pk}"', svg, count=1)
    label = _("%(name)sの目標と実績") % {"name": indicator.name}
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(label)}" ', 1)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
