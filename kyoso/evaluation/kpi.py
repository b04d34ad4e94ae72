"""The report's KPI section: each public indicator with its baseline, the year's target and
actual (``kyoso.kpi.selectors.indicator_table_for_year``, three queries) and a chart of how
far each actual reached its target. A report is meant to be published, so it shows the
indicators the secretariat made public, drafts included (the draft is the preview)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kyoso.core.fiscal import fiscal_year_label
from kyoso.evaluation import charts, messages
from kyoso.evaluation.tables import Table

#: The 達成率 chart's scale stops here (an actual far over its target does not squash the rest).
RATE_CAP = 150


def rows(fy: int) -> list[Any]:
    from kyoso.kpi.selectors import indicator_table_for_year

    return indicator_table_for_year(fy, public_only=True)


def _rate(target: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """The actual's increase since the baseline as a share of the target's, in percent."""
    if target is None or actual is None or target <= 0:
        return None
    return (actual * 100 / target).quantize(Decimal("0.1"))


def _status(on_track: bool | None) -> str:
    if on_track is None:
        return "—"
    return _("達成") if on_track else _("未達")


def table(fy: int, kpi_rows: list[Any] | None = None) -> Table:
    kpi_rows = rows(fy) if kpi_rows is None else kpi_rows
    out: list[list[Any]] = []
    for item in kpi_rows:
        indicator, year = item.indicator, item.year
        baseline = f"{item.baseline.normalize():,f} ({fiscal_year_label(indicator.baseline_year)})"
        out.append(
            [
                indicator.code,
                indicator.name,
                indicator.get_unit_display(),
                baseline,
                year.target_level if year else None,
                year.actual_level if year else None,
                year.target_cumulative if year else None,
                year.actual_cumulative if year else None,
                _rate(year.target_cumulative, year.actual_cumulative) if year else None,
                _status(year.on_track) if year else _("計画の期間外"),
            ]
        )
    return Table(
        key="kpi",
        title=_("成果指標（KPI）"),
        columns=[
            _("番号"),
            _("指標"),
            _("単位"),
            _("基準値（年度）"),
            _("目標値"),
            _("実績値"),
            _("増加（目標）"),
            _("増加（実績）"),
            _("達成率（%）"),
            _("達成状況"),
        ],
        rows=out or [["", str(messages.NO_RECORD), "", "", None, None, None, None, None, ""]],
        numeric=frozenset({4, 5, 6, 7, 8}),
        note=_(
            "目標値・実績値はその年度の値（基準値＋増加分）、増加は基準値からの増加です。達成率は増加の、"
            "目標に対する実績の割合です。"
        ),
    )


def chart(fy: int, kpi_rows: list[Any] | None = None) -> str | None:
    kpi_rows = rows(fy) if kpi_rows is None else kpi_rows
    labels, values = [], []
    for item in kpi_rows:
        year = item.year
        rate = _rate(year.target_cumulative, year.actual_cumulative) if year else None
        if rate is None:
            continue
        labels.append(item.indicator.code or item.indicator.name)
        values.append(min(float(rate), float(RATE_CAP)))
    if not values:
        return None
    return charts.horizontal_bar_chart(
        title=_("成果指標の達成率（%）"), labels=labels, values=values, max_value=RATE_CAP
    )
