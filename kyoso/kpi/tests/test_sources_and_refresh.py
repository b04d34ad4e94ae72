"""Computed sources that the apps register, and the refresh that stores their actuals."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from kyoso.core import indicators as sources
from kyoso.core.testing import assert_num_queries
from kyoso.core.wareki import TOKYO
from kyoso.events.tests.factories import EventFactory
from kyoso.kpi import selectors, services
from kyoso.kpi.models import Actual, SourceKind
from kyoso.kpi.tests.factories import IndicatorFactory, targets

pytestmark = pytest.mark.django_db

EXPECTED = {
    "events.held",
    "events.held_regular",
    "events.held_study",
    "events.held_idea",
    "events.held_hearing",
    "events.held_other",
    "events.participants_total",
    "events.participants_unique",
    "events.participants_first_time",
    "issues.posted",
    "issues.moved_surfaced",
    "issues.moved_in_action",
    "issues.moved_solved",
    "issues.moved_spread",
    "projects.started",
    "missions.filled",
    "network.introductions_accepted",
    "network.cross_sector_ties",
    "concierge.consultations",
}


def test_every_app_registers_its_sources_and_each_computes_on_an_empty_region():
    keys = {s.key for s in sources.registered()}
    assert keys >= EXPECTED
    for key in sorted(EXPECTED):
        source = sources.get(key)
        assert source.compute(2021, None) == 0, key
        if source.per_community:
            assert source.compute(2021, 1) == 0, key


def _event(when, attendance, community=None):
    return EventFactory(
        starts_at=when,
        ends_at=when + timedelta(hours=2),
        counted_attendance=attendance,
        community=community,
    )


def test_the_refresh_stores_the_events_figures_per_year_and_per_community(sato):
    from kyoso.communities.tests.factories import CommunityFactory

    farm = CommunityFactory(name="農業コミュニティ", slug="farm")
    _event(datetime(2022, 5, 10, 18, tzinfo=TOKYO), 12)
    _event(datetime(2022, 9, 1, 18, tzinfo=TOKYO), 8, community=farm)
    _event(datetime(2023, 3, 31, 18, tzinfo=TOKYO), 5, community=farm)  # still FY2022
    _event(datetime(2023, 4, 1, 10, tzinfo=TOKYO), 20)
    region = IndicatorFactory(
        source_kind=SourceKind.COMPUTED, source_key="events.participants_total"
    )
    targets(region, [20, 20, 20, 20, 20])
    community = IndicatorFactory(
        source_kind=SourceKind.COMPUTED, source_key="events.held", community=farm
    )
    written = services.indicators_refresh(actor=sato, now=datetime(2023, 6, 1, 9, tzinfo=TOKYO))
    assert written == 4  # FY2022 and FY2023 of each
    rows = {r.indicator.pk: r for r in selectors.indicator_table()}
    assert [y.actual_increment for y in rows[region.pk].years[:2]] == [Decimal(25), Decimal(20)]
    assert rows[region.pk].years[1].actual_cumulative == Decimal(45)
    assert rows[region.pk].on_track is True
    assert [y.actual_increment for y in rows[community.pk].years[:2]] == [Decimal(2), Decimal(0)]
    assert Actual.objects.filter(origin=SourceKind.COMPUTED).count() == 4


def test_the_command_closes_due_surveys_and_refreshes():
    IndicatorFactory(source_kind=SourceKind.COMPUTED, source_key="projects.started")
    out = StringIO()
    call_command("refresh_kpis", stdout=out)
    assert "closed 0 survey(s)" in out.getvalue()
    assert Actual.objects.count() >= 1


def test_a_source_whose_app_is_missing_stores_nothing():
    IndicatorFactory(source_kind=SourceKind.COMPUTED, source_key="absentapp.figure")
    assert services.indicators_refresh() == 0


def test_pages_never_call_a_source(sato):
    calls = []

    def counting(fiscal_year, community_id):
        calls.append(fiscal_year)
        return 3

    sources.register("testapp.figure", label="図", unit="count", compute=counting)
    try:
        IndicatorFactory(source_kind=SourceKind.COMPUTED, source_key="testapp.figure")
        services.indicators_refresh(now=datetime(2024, 4, 2, tzinfo=TOKYO))
        assert calls == [2022, 2023, 2024]
        # 1 indicators, 2 targets, 3 actuals
        with assert_num_queries(3):
            selectors.indicator_table()
        assert calls == [2022, 2023, 2024]
    finally:
        sources.unregister("testapp.figure")
