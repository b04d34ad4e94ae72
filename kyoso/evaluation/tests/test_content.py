"""What a year's report says: the sessions as the events' figures count them (never recounted),
the public KPIs of the year, the network before and after, the fund or 「記録なし」."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyoso.core import indicators
from kyoso.evaluation import content
from kyoso.evaluation.selectors import year_report
from kyoso.events.figures import participation_figures
from kyoso.kpi.models import Form, Unit
from kyoso.kpi.tests.factories import IndicatorFactory, actual, targets

pytestmark = pytest.mark.django_db


def test_the_sessions_table_lists_the_counted_events_in_wareki(fy2021):
    report = content.build(year_report(2021))
    events = report.tables["events"]
    assert events.columns == ["回", "開催日", "種類", "タイトル", "テーマ", "ゲスト", "参加人数"]
    assert events.rows == [
        [1, "令和3年4月1日（木）", "定例会", "オンライン情報交換会 第1回定例会", "", "", 10],
        [
            2,
            "令和4年3月1日（火）",
            "テーマ勉強会",
            "オンライン情報交換会 第1回勉強会",
            "若年女性への支援",
            "NPO法人ほっぷすてっぷ 理事 森田みさ",
            5,
        ],
    ]
    assert events.total == ["", "", "", "合計", "", "", 15]
    assert report.participation == participation_figures(2021)
    assert report.period == "令和3年4月1日～令和4年3月31日"
    assert report.label == "令和3年度"


def test_the_per_event_rows_add_up_to_the_yearly_figures(fy2021):
    """The per-event attendance uses the figures' definitions: their sum is のべ."""
    report = content.build(year_report(2021))
    figures = participation_figures(2021)
    assert sum(row[-1] for row in report.tables["events"].rows) == figures.attendance == 15
    kinds = report.tables["kinds"]
    assert kinds.rows == [["定例会", 1, 10], ["テーマ勉強会", 1, 5]]
    assert kinds.total == ["合計", 2, 15]
    assert kinds.note == "参加者（実人数）2人、うち初めて参加した人2人。"


def test_a_year_without_events_has_empty_tables(db):
    report = content.build(year_report(2019))
    assert report.tables["events"].rows == []
    assert report.tables["events"].total == ["", "", "", "合計", "", "", 0]
    assert report.tables["kinds"].rows == []


def test_the_kpi_table_shows_public_indicators_with_the_years_target_and_actual(db):
    """Seed 001's KPI ①: baseline 43,458 千円, increments 25,542 / 34,780 / …"""
    first = IndicatorFactory(
        code="KPI①",
        name="共創による事業費",
        unit=Unit.THOUSAND_YEN,
        baseline=Decimal(43458),
        baseline_year=2020,
        plan_start_year=2021,
        plan_end_year=2025,
        is_public=True,
    )
    targets(first, [25542, 34780, 54626, 54626, 54626])
    actual(first, 2021, 30000)
    second = IndicatorFactory(
        code="KPI②",
        name="暮らしがよくなったと答えた人の割合",
        unit=Unit.PERCENT,
        baseline=Decimal(24),
        baseline_year=2020,
        plan_start_year=2021,
        plan_end_year=2025,
        target_form=Form.INCREMENT,
        actual_form=Form.LEVEL,
        is_public=True,
    )
    targets(second, [10, 15, 25, 5, 5])
    actual(second, 2021, 30)
    IndicatorFactory(name="非公開の指標", is_public=False)
    table = content.build_table(2021, "kpi")
    assert table is not None
    assert [row[:4] for row in table.rows] == [
        ["KPI①", "共創による事業費", "千円", "43,458 (令和2年度)"],
        ["KPI②", "暮らしがよくなったと答えた人の割合", "%", "24 (令和2年度)"],
    ]
    assert table.rows[0][4:] == [
        Decimal(69000),
        Decimal(73458),
        Decimal(25542),
        Decimal(30000),
        Decimal("117.5"),
        "達成",
    ]
    assert table.rows[1][4:] == [
        Decimal(34),
        Decimal(30),
        Decimal(10),
        Decimal(6),
        Decimal("60.0"),
        "未達",
    ]
    report = content.build(year_report(2021))
    assert "kpi" in report.charts and report.charts["kpi"].startswith("<svg")


def test_a_year_outside_the_plan_says_so(db):
    IndicatorFactory(name="指標", is_public=True, plan_start_year=2022, plan_end_year=2026)
    table = content.build_table(2021, "kpi")
    assert table is not None
    assert table.rows[0][1] == "指標" and table.rows[0][-1] == "計画の期間外"


def test_without_indicators_the_kpi_table_says_no_record(db):
    table = content.build_table(2021, "kpi")
    assert table is not None
    assert table.rows[0][1] == "記録なし"


def test_the_fund_says_no_record_until_a_fund_app_registers_its_figures(db, monkeypatch):
    # As on a site without the fund's apps: their sources are not in the registry.
    without_money = {
        key: source
        for key, source in indicators._sources.items()
        if not key.startswith(("funding.", "campaigns."))
    }
    monkeypatch.setattr(indicators, "_sources", without_money)
    assert content.build_table(2021, "fund").rows == [["記録なし", None]]
    indicators.register(
        "funding.raised",
        label="基金への寄付",
        unit="yen",
        compute=lambda fy, community: 1_234_000 if fy == 2021 else 0,
    )
    indicators.register(
        "funding.granted", label="助成", unit="thousand_yen", compute=lambda fy, c: 800
    )
    try:
        table = content.build_table(2021, "fund")
    finally:
        indicators.unregister("funding.raised")
        indicators.unregister("funding.granted")
    assert table.rows == [["基金への寄付", "1,234,000円"], ["助成", "800千円"]]


def test_the_network_compares_the_year_before_with_public_figures_only(db):
    """With nobody tied, both years are hidden (fewer than five people) and say so."""
    table = content.build_table(2021, "network")
    assert table.columns == ["指標", "令和2年度", "令和3年度", "増減"]
    assert table.rows[0][0] == "つながりのある人"
    assert all(row[1:] == [None, None, None] for row in table.rows)
    assert "5人未満の年度は表示していません" in table.note


def test_an_unknown_table_is_none(db):
    assert content.build_table(2021, "salaries") is None


def test_charts_are_svg_without_scripts(fy2021):
    report = content.build(year_report(2021))
    assert set(report.charts) >= {"participants", "kinds"}
    for svg in report.charts.values():
        assert svg.startswith("<svg") and "<script" not in svg
