"""What a year's evaluation report says, gathered from the apps that own each figure.

Nothing is counted here: the activities are ``kyoso.events.figures`` (the yearly figures and
the per-event rows defined the same way), the network is
``kyoso.network.selectors.public_network_figures`` (aggregates only: a published report is
public), the fund is read through ``kyoso.core.indicators`` (``funding.raised``,
``funding.granted``, ``campaigns.raised`` when their apps have registered them) and the KPIs
through ``kyoso/evaluation/kpi.py``. Every table of the report is a :class:`Table`, so the
page, the PDF, the CSV and the Excel downloads show the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyoso.core import indicators
from kyoso.core.fiscal import fiscal_year_label, fiscal_year_range
from kyoso.core.wareki import format_wareki
from kyoso.evaluation import charts, kpi, messages
from kyoso.evaluation.selectors import YearReport
from kyoso.evaluation.tables import Table, display

__all__ = ["AnnualReport", "Table", "build", "build_table"]
from kyoso.events.figures import ParticipationFigures, event_kinds, held_events
from kyoso.events.figures import participation_figures as events_participation

#: The fund figures the report shows, by indicator key, when their app registered them.
FUND_KEYS = ("funding.raised", "funding.granted", "campaigns.raised")
#: The network figures of the before/after table, with their labels.
NETWORK_ROWS = (
    ("people", gettext_lazy("つながりのある人")),
    ("ties", gettext_lazy("つながり（組）")),
    ("cross_sector_ties", gettext_lazy("セクターを越えたつながり")),
    ("cross_sector_share", gettext_lazy("セクターを越えたつながりの割合")),
    ("components", gettext_lazy("まとまり（連結成分）の数")),
    ("largest_component", gettext_lazy("最大のまとまりの人数")),
    ("density", gettext_lazy("密度")),
)


@dataclass
class AnnualReport:
    year: YearReport
    label: str
    period: str
    participation: ParticipationFigures
    tables: dict[str, Table]
    #: name → SVG text (an <svg> document), drawn by kyoso/evaluation/charts.py.
    charts: dict[str, str] = field(default_factory=dict)

    @property
    def fiscal_year(self) -> int:
        return self.year.fiscal_year

    def table(self, key: str) -> Table | None:
        return self.tables.get(key)


def build(year: YearReport) -> AnnualReport:
    """The whole report of ``year`` (a handful of queries per section, none per row)."""
    fy = year.fiscal_year
    first, last = fiscal_year_range(fy)
    participation = events_participation(fy)
    events_table, kinds_table, per_event = _activities(fy, participation)
    kpi_rows = kpi.rows(fy)
    kpi_table = kpi.table(fy, kpi_rows)
    network_table, network_series = _network(fy)
    tables = {t.key: t for t in (events_table, kinds_table, kpi_table, network_table, _fund(fy))}
    chart_set = {
        "participants": charts.bar_chart(
            title=_("セッションごとの参加者数（のべ）"),
            labels=[f"{i}" for i in range(1, len(per_event) + 1)],
            values=per_event,
            x_title=_("回（開催順）"),
            y_title=_("人"),
        ),
        "kinds": charts.bar_chart(
            title=_("種類別の開催回数"),
            labels=[row[0] for row in kinds_table.rows],
            values=[row[1] for row in kinds_table.rows],
            x_title="",
            y_title=_("回"),
        ),
    }
    if network_series:
        chart_set["network"] = charts.grouped_bar_chart(
            title=_("ネットワークの変化（前年度と本年度）"),
            labels=[label for label, _before, _after in network_series],
            series={
                fiscal_year_label(fy - 1): [before for _l, before, _a in network_series],
                fiscal_year_label(fy): [after for _l, _b, after in network_series],
            },
        )
    kpi_chart = kpi.chart(fy, kpi_rows)
    if kpi_chart:
        chart_set["kpi"] = kpi_chart
    return AnnualReport(
        year=year,
        label=fiscal_year_label(fy),
        period=f"{format_wareki(first, weekday=False)}～{format_wareki(last, weekday=False)}",
        participation=participation,
        tables=tables,
        charts=chart_set,
    )


def build_table(fy: int, key: str) -> Table | None:
    """One table of the report (for its CSV and Excel downloads), computing only that."""
    if key in ("events", "kinds"):
        events_table, kinds_table, _per_event = _activities(fy, events_participation(fy))
        return events_table if key == "events" else kinds_table
    if key == "kpi":
        return kpi.table(fy)
    if key == "network":
        return _network(fy)[0]
    if key == "fund":
        return _fund(fy)
    return None


def _activities(fy: int, participation: ParticipationFigures) -> tuple[Table, Table, list[int]]:
    events = held_events(fy)
    rows = [
        [
            number,
            format_wareki(event.starts_at),
            event.kind_label,
            event.title,
            event.topic,
            "、".join(event.guests),
            event.attendance,
        ]
        for number, event in enumerate(events, start=1)
    ]
    events_table = Table(
        key="events",
        title=_("開催したセッション"),
        columns=[
            _("回"),
            _("開催日"),
            _("種類"),
            _("タイトル"),
            _("テーマ"),
            _("ゲスト"),
            _("参加人数"),
        ],
        rows=rows,
        numeric=frozenset({0, 6}),
        total=["", "", "", _("合計"), "", "", participation.attendance],
    )
    attendance_by_kind: dict[str, int] = {}
    for event in events:
        attendance_by_kind[event.kind] = attendance_by_kind.get(event.kind, 0) + event.attendance
    kind_rows = [
        [label, participation.events_by_kind.get(kind, 0), attendance_by_kind.get(kind, 0)]
        for kind, label in event_kinds()
        if participation.events_by_kind.get(kind, 0)
    ]
    kinds_table = Table(
        key="kinds",
        title=_("種類別の開催回数と参加者数"),
        columns=[_("種類"), _("開催回数"), _("参加者数（のべ）")],
        rows=kind_rows,
        numeric=frozenset({1, 2}),
        total=[_("合計"), participation.events, participation.attendance],
        note=_("参加者（実人数）%(unique)s人、うち初めて参加した人%(first)s人。")
        % {
            "unique": f"{participation.unique_people:,}",
            "first": f"{participation.first_time:,}",
        },
    )
    return events_table, kinds_table, [event.attendance for event in events]


def _network(fy: int) -> tuple[Table, list[tuple[str, float, float]]]:
    from kyoso.network.selectors import public_network_figures

    def period(year: int) -> tuple[date, date]:
        first, last = fiscal_year_range(year)
        return first, last

    before = public_network_figures(*period(fy - 1))
    after = public_network_figures(*period(fy))
    rows: list[list[Any]] = []
    series: list[tuple[str, float, float]] = []
    hidden = before.get("suppressed") or after.get("suppressed")
    for key, label in NETWORK_ROWS:
        a, b = before.get(key), after.get(key)
        change = b - a if isinstance(a, int | float) and isinstance(b, int | float) else None
        if key in ("density", "cross_sector_share"):
            rows.append([str(label), _ratio(a), _ratio(b), _ratio(change, signed=True)])
        else:
            rows.append([str(label), a, b, change])
            if key in ("people", "ties", "cross_sector_ties") and a is not None and b is not None:
                series.append((str(label), a, b))
    note = _(
        "前年度と本年度それぞれの1年間に生まれたつながり（イベントへの同席、プロジェクト、"
        "ミッション、紹介など）から数えています。5未満の数は個人が特定されないよう「—」としています。"
    )
    if hidden:
        note += _("つながりのある人が5人未満の年度は表示していません。")
    table = Table(
        key="network",
        title=_("ネットワークの前年度との比較"),
        columns=[_("指標"), fiscal_year_label(fy - 1), fiscal_year_label(fy), _("増減")],
        rows=rows,
        numeric=frozenset({1, 2, 3}),
        note=note,
    )
    return table, series


def _ratio(value: Any, *, signed: bool = False) -> str | None:
    if value is None:
        return None
    text = f"{value * 100:.1f}%"
    return f"+{text}" if signed and value > 0 else text


def _fund(fy: int) -> Table:
    rows: list[list[Any]] = []
    for key in FUND_KEYS:
        source = indicators.get(key)
        if source is None:
            continue
        value = source.compute(fy, None)
        rows.append([str(source.label), _amount(value, source.unit)])
    return Table(
        key="fund",
        title=_("資金"),
        columns=[_("項目"), _("金額")],
        rows=rows or [[str(messages.NO_RECORD), None]],
        numeric=frozenset({1}),
        note=_(
            "地域の基金とクラウドファンディングの台帳から、年度（4月～翌年3月）ごとに集計しています。"
        ),
    )


def _amount(value: int | Decimal, unit: str) -> str:
    if unit == "thousand_yen":
        return f"{int(value):,}千円"
    if unit == "yen":
        return f"{int(value):,}円"
    return display(value)
