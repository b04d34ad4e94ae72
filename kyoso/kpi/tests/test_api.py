"""``GET /api/v1/kpi/indicators``: public indicators with yearly baseline/target/actual."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kyoso.core.testing import assert_num_queries
from kyoso.kpi.models import Unit
from kyoso.kpi.tests.factories import IndicatorFactory, actual, targets

pytestmark = pytest.mark.django_db


def test_public_indicators_with_their_years(client):
    kpi = IndicatorFactory(
        code="KPI①", unit=Unit.THOUSAND_YEN, baseline=Decimal("43458"), is_public=True
    )
    targets(kpi, ["25542", "34780", "54626", "54626", "54626"])
    actual(kpi, 2022, "30000")
    IndicatorFactory(name="内部", is_public=False)
    # 1 indicators, 2 targets, 3 actuals
    with assert_num_queries(3):
        response = client.get("/api/v1/kpi/indicators")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["code"] == "KPI①" and item["unit"] == "thousand_yen"
    assert item["baseline"] == 43458 and item["target_total"] == 224200
    first = item["years"][0]
    assert first == {
        "fiscal_year": 2022,
        "target_increment": 25542,
        "target_cumulative": 25542,
        "target_level": 69000,
        "actual_increment": 30000,
        "actual_cumulative": 30000,
        "actual_level": 73458,
        "on_track": True,
    }
    assert item["years"][4]["target_cumulative"] == 224200
    assert item["years"][4]["actual_level"] is None


def test_a_bad_limit_is_the_one_error_format(client):
    response = client.get("/api/v1/kpi/indicators?limit=0")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
