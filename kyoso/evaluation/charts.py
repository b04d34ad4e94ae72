"""The report's charts: SVG drawn on the server by pygal (the library the KPI dashboard uses,
decision 0017), so they print in the PDF and need no JavaScript.

Each function returns an SVG document (text). Pages show it as ``<img src="data:…">`` through
:func:`data_uri`: an image is its own document, so the page's Content-Security-Policy (no inline
styles) does not apply to the chart's own styling, and WeasyPrint draws the same image in the
PDF. Every chart sits next to the table that holds its numbers (the accessible form).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

FONT = "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif"

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#5f6b76",
    colors=("#1d5fa8", "#d9822b", "#2f855a", "#6b46c1"),
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    title_font_family=FONT,
    legend_font_family=FONT,
    tooltip_font_family=FONT,
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=11,
)


def _config(title: str, **extra: object) -> dict[str, object]:
    return {
        "title": str(title),
        "style": STYLE,
        "width": 720,
        "height": 360,
        "js": [],  # no script: the SVG is shown as an image and printed
        "disable_xml_declaration": True,
        "print_values": True,
        "show_legend": False,
        "margin": 12,
        **extra,
    }


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[int | float],
    x_title: str = "",
    y_title: str = "",
) -> str:
    chart = pygal.Bar(**_config(title, x_title=str(x_title), y_title=str(y_title)))
    chart.x_labels = [str(label) for label in labels]
    chart.add(str(title), [float(v) for v in values])
    return _svg(chart)


def grouped_bar_chart(
    *, title: str, labels: Sequence[str], series: dict[str, Sequence[int | float]]
) -> str:
    chart = pygal.Bar(**_config(title, show_legend=True, legend_at_bottom=True))
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), [float(v) for v in values])
    return _svg(chart)


def horizontal_bar_chart(
    *, title: str, labels: Sequence[str], values: Sequence[float | None], max_value: float
) -> str:
    chart = pygal.HorizontalBar(
        **_config(title, range=(0, max_value), height=max(200, 60 + 40 * len(labels)))
    )
    chart.x_labels = [str(label) for label in labels]
    chart.add(str(title), list(values))
    return _svg(chart)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _svg(chart: pygal.graph.graph.Graph) -> str:
    """The chart's SVG without pygal's (empty) script element."""
    return _SCRIPT.sub("", str(chart.render(is_unicode=True)))


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
